// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

/// The phase of RoPE and of the sinusoidal encoding at positions far past any article example,
/// against mpmath at 40 digits with the exact frequencies `base ^ (-2p / d)`.
///
/// Before the phase was carried in double-double, `fl(m * fl(theta))` put errors of 1.6e-7 into
/// cos and sin at `m = 2^31 - 1` (about 10^9 ulps).
@Suite("Rotary and sinusoidal phases at long positions")
struct LongPositionTests {
  static let position = 2_147_483_647.0

  /// (pair, cos, sin) at m = 2^31 - 1, d = 128, base 1e4.
  static let unscaled: [(Int, Double, Double)] = [
    (1, -0.98149202004305494233, -0.19150304068552915631),
    (17, 0.9449257727348857425, 0.32728471400506785712),
    (63, -0.93712428037366376181, 0.34899582108406804298),
  ]

  @Test("Unscaled rotation at m = 2^31 - 1 is within 2 ulps of mpmath, in both layouts")
  func unscaled() throws {
    for layout in RotaryEmbedding<Double>.Layout.allCases {
      let rope = try RotaryEmbedding<Double>(dimension: 128, layout: layout)
      let cosines = rope.cosineTable(at: Self.position)
      let sines = rope.sineTable(at: Self.position)
      for (p, c, s) in Self.unscaled {
        let (i, j) = rope.components(ofPair: p)
        #expect(ulpDistance(cosines[i], c) <= 2, "cos, pair \(p), \(layout)")
        #expect(ulpDistance(cosines[j], c) <= 2, "cos, pair \(p), \(layout)")
        #expect(ulpDistance(sines[i], s) <= 2, "sin, pair \(p), \(layout)")
        var x = [Double](repeating: 0, count: 128)
        x[i] = 1
        let y = try rope.rotate(x, at: Self.position)
        #expect(ulpDistance(y[i], c) <= 2, "rotate, pair \(p), \(layout)")
        #expect(ulpDistance(y[j], s) <= 2, "rotate, pair \(p), \(layout)")
      }
    }
  }

  @Test("YaRN and Llama 3 rotations at m = 10^6 use the exact scaled frequency")
  func scaled() throws {
    let yarn = try RotaryEmbedding<Double>(
      dimension: 128, scaling: .yarn(factor: 4, originalMaximum: 4096))
    let (yc, ys) = yarn.cosineAndSine(position: 1e6, pair: 30)
    #expect(ulpDistance(yc, 0.61526924684546381204) <= 4)
    #expect(ulpDistance(ys, 0.78831703894195748823) <= 4)
    let llama = try RotaryEmbedding<Double>(dimension: 128, base: 500_000, scaling: .llama31)
    let (lc, ls) = llama.cosineAndSine(position: 1e6, pair: 31)
    #expect(ulpDistance(lc, -0.61895759131056506843) <= 4)
    #expect(ulpDistance(ls, 0.78542440766697816296) <= 4)
  }

  @Test("Float keeps HF's fp32 pipeline: the rounded angle, not the exact phase")
  func floatPipeline() throws {
    let rope = try RotaryEmbedding<Float>(dimension: 128)
    let m: Float = 100_000
    let (c, s) = rope.cosineAndSine(position: m, pair: 5)
    let angle = rope.angle(position: m, pair: 5)
    #expect(c == Float.cos(angle) && s == Float.sin(angle))
  }

  @Test("Sinusoidal encodings at k = 2^31 - 1 are within 2 ulps of mpmath in both layouts")
  func sinusoidal() throws {
    let paper: [Double] = try SinusoidalEncoding.encoding(position: Self.position, dimension: 128)
    #expect(ulpDistance(paper[34], 0.32728471400506785712) <= 2)
    #expect(ulpDistance(paper[35], 0.9449257727348857425) <= 2)
    let t2t: [Double] = try SinusoidalEncoding.encoding(
      position: Self.position, dimension: 128, layout: .tensor2tensor)
    #expect(ulpDistance(t2t[17], -0.7299688180608049244) <= 2)
    #expect(ulpDistance(t2t[64 + 17], 0.68348044936114411027) <= 2)
  }

  @Test("A head dimension too large to hold throws instead of trapping")
  func hugeDimension() {
    #expect(throws: RotaryEmbedding<Double>.Error.invalidDimension(Int.max - 1)) {
      try RotaryEmbedding<Double>(dimension: Int.max - 1)
    }
  }
}
