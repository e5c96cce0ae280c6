// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("NF4 quantisation (bitsandbytes float32 semantics)")
struct NormalFloat4Tests {
  @Test("The thresholds lie within half a float32 ulp of the exact means of adjacent levels")
  func midpoints() {
    // Computed with Python fractions from the shipped levels and the kernels.cu constants:
    // the exact mean is a float32 at k = 2, 6, 7, 9, 11, 13, and the threshold equals it;
    // elsewhere the threshold is the float32 below (k = 0, 5, 10, 12, 14) or above (1, 3, 4, 8).
    let above: Set = [1, 3, 4, 8]
    let below: Set = [0, 5, 10, 12, 14]
    for k in 0..<15 {
      let mean = (Double(NormalFloat4.levels[k]) + Double(NormalFloat4.levels[k + 1])) / 2
      let m = Double(NormalFloat4.midpoints[k])
      if above.contains(k) {
        #expect(m > mean && Double(NormalFloat4.midpoints[k].nextDown) < mean, "k = \(k)")
      } else if below.contains(k) {
        #expect(m < mean && Double(NormalFloat4.midpoints[k].nextUp) > mean, "k = \(k)")
      } else {
        #expect(m == mean, "k = \(k)")
      }
    }
    #expect(NormalFloat4.levels[7] == 0)
    #expect(NormalFloat4.largestHalfGap == Float(0.1519036))
  }

  @Test("The example block of ML-CONVENTIONS: codes, ties to the lower code, first byte 0xC0")
  func exampleBlock() throws {
    let block: [Float] = [0.5, -1, 0.03979014977812767, 0, 0.2, -0.3, 0.9, 0.1]
    let values = Array((0..<8).map { _ in block }.joined())
    let q = try NormalFloat4.quantize(values)
    #expect(q.absmax == [1])
    #expect(Array(q.codes.prefix(8)) == [12, 0, 7, 7, 9, 4, 15, 8])
    #expect(q.packed.first == 0xC0)
    // The midpoint itself goes to code 7 (zero), its float32 successor to code 8.
    #expect(NormalFloat4.code(ofScaled: NormalFloat4.midpoints[7]) == 7)
    #expect(NormalFloat4.code(ofScaled: NormalFloat4.midpoints[7].nextUp) == 8)
  }

  @Test("Two blocks (64 + a partial 6) pinned against a numpy float32 replica")
  func pinned() throws {
    // numpy 2.4: x_i = ((37 i) mod 101 - 50) / 16 as float32, absmax, fl32(1 / absmax),
    // fl32(x * scale), code = #(midpoints < y).
    let values = (0..<70).map { Float((($0 * 37) % 101) - 50) / 16 }
    let q = try NormalFloat4.quantize(values)
    let codes: [UInt8] = [
      0, 4, 12, 1, 6, 14, 2, 9, 15, 3, 11, 0, 5, 13, 1, 7, 14, 2, 9, 15, 3, 12, 0, 5, 13, 1, 8,
      14, 2, 10, 15, 4, 12, 1, 6, 14, 1, 8, 14, 3, 11, 0, 5, 13, 1, 7, 14, 2, 9, 15, 3, 11, 0, 5,
      13, 1, 8, 14, 2, 10, 15, 4, 12, 1, 6, 14, 1, 8, 15, 2,
    ]
    #expect(q.codes == codes)
    #expect(q.absmax == [3.125, 2.625])
    let dequantized = q.dequantized
    #expect(
      Array(dequantized.prefix(6)) == [
        -3.125, -0.8888792991638184, 1.377218246459961, -2.175602436065674, -0.2845313549041748,
        2.25924015045166,
      ])
    #expect(Array(dequantized.suffix(3)) == [0.20889829099178314, 2.625, -1.3783167600631714])
    #expect(Array(q.packed.prefix(4)) == [0x04, 0xC1, 0x6E, 0x29])
    #expect(try NormalFloat4.unpack(q.packed, count: 70) == q.codes)
    for (x, y) in zip(values, dequantized) {
      let block = q.absmax[0]
      #expect(abs(x - y) <= (NormalFloat4.largestHalfGap + 0x1p-22) * block)
    }
  }

  @Test("An all-zero block: absmax 0, NaN scaled values, code 0, dequantised -0.0")
  func zeroBlock() throws {
    let q = try NormalFloat4.quantize([Float](repeating: 0, count: 5) + [2, -1], blockSize: 5)
    #expect(q.absmax == [0, 2])
    #expect(q.codes == [0, 0, 0, 0, 0, 15, 2])
    let zeros = q.dequantized.prefix(5)
    #expect(zeros.allSatisfy { $0 == 0 && $0.sign == .minus })
  }

  @Test("Odd counts pad the last low nibble with zero")
  func packing() throws {
    #expect(NormalFloat4.pack([1, 2, 3]) == [0x12, 0x30])
    #expect(try NormalFloat4.unpack([0x12, 0x30], count: 3) == [1, 2, 3])
    #expect(throws: NormalFloat4.Error.packedTooShort(bytes: 1, count: 3)) {
      try NormalFloat4.unpack([0x12], count: 3)
    }
  }

  @Test("Bad block sizes and non-finite values are refused")
  func rejects() {
    #expect(throws: NormalFloat4.Error.invalidBlockSize(0)) {
      try NormalFloat4.quantize([1], blockSize: 0)
    }
    #expect(throws: NormalFloat4.Error.self) { try NormalFloat4.quantize([1, .nan]) }
  }

  @Test("Int8 absmax round trip stays within absmax / 254 plus float32 rounding")
  func int8() throws {
    let block = (0..<64).map { Float($0 * 29 % 64) / 7 - 4.5 }
    let (codes, absmax) = try AbsmaxInt8.quantize(block)
    #expect(absmax == 4.5)
    let back = AbsmaxInt8.dequantize(codes, absmax: absmax)
    for (x, y) in zip(block, back) {
      #expect(abs(x - y) <= absmax * (1.0 / 254 + 4 * 0x1p-24))
    }
    #expect(codes.contains(-127))
  }
}
