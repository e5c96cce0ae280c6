// SPDX-License-Identifier: GPL-3.0-or-later

import ComplexModule
import ReferenceNumerics
import Testing

@Suite("Complex Order and padded convolution")
struct OtherEncodingsTests {
  @Test("Convolution of a constant: zero padding marks the edges, circular padding does not")
  func padding() {
    let signal = [Double](repeating: 2, count: 6)
    let kernel: [Double] = [1, 2, 4]
    #expect(
      OtherEncodings.convolution(signal, kernel: kernel, padding: .zero) == [12, 14, 14, 14, 14, 6])
    #expect(
      OtherEncodings.convolution(signal, kernel: kernel, padding: .circular) == [
        14, 14, 14, 14, 14, 14,
      ])
    #expect(OtherEncodings.convolution([Double](), kernel: kernel, padding: .zero).isEmpty)
  }

  @Test("A Complex Order component at position 0 is r e^(i theta)")
  func complexOrder() {
    let z = OtherEncodings.complexOrder(
      amplitude: [2.0], frequency: [0.5], phase: [0], position: 0)
    #expect(z == [Complex(2, 0)])
  }
}
