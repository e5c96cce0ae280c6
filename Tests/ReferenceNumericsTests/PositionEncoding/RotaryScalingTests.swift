// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

/// Reference values: ML-CONVENTIONS section 1.5, numpy float32 replicas of HF's
/// `modeling_rope_utils.py`; the Float kernel follows the same operation order.
@Suite("Rotary long-context scaling")
struct RotaryScalingTests {
  static func close(_ a: Float, _ b: Double, digits: Double = 7) -> Bool {
    abs(Double(a) - b) <= 8 * Double(Float.ulpOfOne) * abs(b) + 1e-30
  }

  @Test("llama3, d = 128, base 5e5, Llama 3.1's configuration")
  func llama3() throws {
    let f = try RotaryScaling.frequencies(
      rotaryDimension: 128, base: Float(500_000), scaling: .llama31)
    let expected: [(Int, Double)] = [
      (0, 1.0), (20, 1.656044088e-2), (30, 1.371893664e-3), (40, 3.428102355e-5),
      (63, 3.068925878e-7),
    ]
    for (p, value) in expected { #expect(Self.close(f.frequencies[p], value), "p = \(p)") }
    #expect(f.attentionFactor == 1)
  }

  @Test("Dynamic NTK, base 1e4, d = 128, factor 2, sequence 8192 over 4096")
  func dynamic() throws {
    let f = try RotaryScaling.frequencies(
      rotaryDimension: 128, base: Float(10000),
      scaling: .dynamic(factor: 2, originalMaximum: 4096, sequenceLength: 8192))
    #expect(Self.close(f.frequencies[1], 0.85099435))
    #expect(Self.close(f.frequencies[63], 3.8492733e-5))
    let short = try RotaryScaling.frequencies(
      rotaryDimension: 128, base: Float(10000),
      scaling: .dynamic(factor: 2, originalMaximum: 4096, sequenceLength: 100))
    #expect(
      short.frequencies == RotaryScaling.defaultFrequencies(rotaryDimension: 128, base: 10000))
  }

  @Test("YaRN, base 1e4, d = 128, factor 4, original 4096")
  func yarn() throws {
    let range = RotaryScaling.yarnCorrectionRange(
      rotaryDimension: 128, base: 10000, originalMaximum: 4096, betaFast: 32, betaSlow: 1,
      truncate: true)
    #expect(range.low == 20 && range.high == 46)
    let loose = RotaryScaling.yarnCorrectionRange(
      rotaryDimension: 128, base: 10000, originalMaximum: 4096, betaFast: 32, betaSlow: 1,
      truncate: false)
    #expect(abs(loose.low - 20.9445) < 1e-4 && abs(loose.high - 45.0269) < 1e-4)
    let f = try RotaryScaling.frequencies(
      rotaryDimension: 128, base: Float(10000),
      scaling: .yarn(factor: 4, originalMaximum: 4096))
    for (p, value) in [(0, 1.0), (20, 5.6234129e-2), (40, 1.3378868e-3), (63, 2.8869552e-5)] {
      #expect(Self.close(f.frequencies[p], value), "p = \(p): \(f.frequencies[p])")
    }
    #expect(Self.close(f.attentionFactor, 1.138629436))
  }

  @Test("Linear scaling divides every frequency by the factor")
  func linear() throws {
    let f = try RotaryScaling.frequencies(
      rotaryDimension: 8, base: 10000.0, scaling: .linear(factor: 4))
    #expect(f.frequencies == [0.25, 0.025, 0.0025, 0.00025])
  }
}
