// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("Rotary position embedding")
struct RotaryEmbeddingTests {
  /// mpmath at 40 digits: x = (1, ..., 8), d = 8, base 1e4, position 3, exact frequencies.
  static let interleaved: [Double] = [
    -1.2722325127201799015, -1.8388649851410236924, 1.6839286407314597585,
    4.7079065764864428039, 4.8177771675299636167, 6.1472777035064034015,
    6.9759685360236087929, 8.0209639685270141669,
  ]
  static let halfSplit: [Double] = [
    -1.6955925368997815678, 0.13755173828317458865, 2.7886815998294929234,
    3.975982036013483796, -4.8088424749423600643, 6.3230593480763152681,
    7.0868367368503995962, 8.0119639820270080919,
  ]

  @Test("Pinned rotations in both layouts, against mpmath")
  func pinned() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    for (layout, expected) in [
      (RotaryEmbedding<Double>.Layout.interleaved, Self.interleaved), (.halfSplit, Self.halfSplit),
    ] {
      let rope = try RotaryEmbedding<Double>(dimension: 8, layout: layout)
      let forms = [
        try rope.rotate(x, at: 3), try rope.rotateComplex(x, at: 3),
        RotaryEmbedding.apply(rope.matrix(at: 3), to: x),
      ]
      for y in forms {
        for (a, b) in zip(y, expected) {
          // Eight components of size up to 8: a few ulps of 8 absolute.
          #expect(a.isApproximatelyEqual(to: b, absoluteTolerance: 16 * 8 * .ulpOfOne))
        }
      }
    }
  }

  @Test("Frequencies: theta_0 = 1 and theta_63 = 10^-3.9375 for d = 128 (A1.4.1)")
  func frequencies() throws {
    let rope = try RotaryEmbedding<Double>(dimension: 128)
    #expect(rope.frequencies[0] == 1)
    #expect(
      rope.frequencies[63].isApproximatelyEqual(
        to: 1.1547819846894582e-4, relativeTolerance: 4 * .ulpOfOne))
    let float = try RotaryEmbedding<Float>(dimension: 8)
    #expect(float.frequencies == [1, 0.1, 0.01, 0.001])
  }

  @Test("Partial rotary: int(d * fraction) rotated, theta from it, the rest passes through")
  func partial() throws {
    let rope = try RotaryEmbedding<Double>(dimension: 10, rotaryFraction: 0.4)
    #expect(rope.rotaryDimension == 4)
    #expect(rope.frequencies == [1, 0.01])
    let x = (0..<10).map(Double.init)
    let y = try rope.rotate(x, at: 5)
    #expect(Array(y[4...]) == Array(x[4...]))
    // 0.3 * 10 = 3.0000000000000004 truncates to 3: odd, refused with its value.
    #expect(
      throws: RotaryEmbedding<Double>.Error.oddRotaryDimension(3, dimension: 10, fraction: 0.3)
    ) {
      try RotaryEmbedding<Double>(dimension: 10, rotaryFraction: 0.3)
    }
  }

  @Test("Bad input is refused with the value named", arguments: [0, -2, 7])
  func badDimension(d: Int) {
    #expect(throws: RotaryEmbedding<Double>.Error.invalidDimension(d)) {
      try RotaryEmbedding<Double>(dimension: d)
    }
  }

  @Test("Bad fractions, lengths and scalings are refused")
  func badInputs() throws {
    for f in [0, -0.5, 1.5, Double.nan] {
      #expect(throws: RotaryEmbedding<Double>.Error.self) {
        try RotaryEmbedding<Double>(dimension: 8, rotaryFraction: f)
      }
    }
    let rope = try RotaryEmbedding<Double>(dimension: 8)
    #expect(throws: RotaryEmbedding<Double>.Error.wrongLength(3, expected: 8)) {
      try rope.rotate([1, 2, 3], at: 1)
    }
    for s in [0.5, Double.infinity, Double.nan] {
      #expect(throws: RotaryEmbedding<Double>.Error.self) {
        try RotaryEmbedding<Double>(dimension: 8, scaling: .linear(factor: s))
      }
    }
  }

  @Test(
    "Relative identity, R_0 = I and norms, both layouts and both precisions",
    arguments: [Float.self, Double.self] as [any ReferenceScalar.Type])
  func identities(type: any ReferenceScalar.Type) throws {
    func run<T: ReferenceScalar>(_: T.Type) throws {
      var g = SeededGenerator(seed: 10)
      for layout in RotaryEmbedding<T>.Layout.allCases {
        let rope = try RotaryEmbedding<T>(dimension: 16, layout: layout)
        for _ in 0..<50 {
          let q = (0..<16).map { _ in T(g.nextOpenUnitInterval() * 2 - 1) }
          let k = (0..<16).map { _ in T(g.nextOpenUnitInterval() * 2 - 1) }
          let m = T(Int(g.nextOpenUnitInterval() * 100))
          let n = T(Int(g.nextOpenUnitInterval() * 100))
          let lhs = Attention.dot(try rope.rotate(q, at: m), try rope.rotate(k, at: n))
          let rhs = Attention.dot(q, try rope.rotate(k, at: n - m))
          // Positions below 100: angle errors of about 100 u, on a dot product of size <= 16.
          #expect(lhs.isApproximatelyEqual(to: rhs, absoluteTolerance: 16 * 256 * T.ulpOfOne))
          #expect(try rope.rotate(q, at: 0) == q)
        }
      }
    }
    try run(type)
  }

  @Test("The layout permutation makes interleaved and half-split agree")
  func permutation() throws {
    let perm = RotaryEmbedding<Double>.interleavedToHalfSplit(dimension: 8, rotaryDimension: 8)
    #expect(perm == [0, 2, 4, 6, 1, 3, 5, 7])
    let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    let meta = try RotaryEmbedding<Double>(dimension: 8, layout: .interleaved).rotate(x, at: 3)
    let hf = try RotaryEmbedding<Double>(dimension: 8, layout: .halfSplit)
      .rotate(perm.map { x[$0] }, at: 3)
    #expect(perm.map { meta[$0] } == hf)
    let rows = RotaryEmbedding<Double>.permuteRows(
      Array(0..<16), heads: 2, dimension: 8, rotaryDimension: 8)
    #expect(rows == [0, 2, 4, 6, 1, 3, 5, 7, 8, 10, 12, 14, 9, 11, 13, 15])
  }
}
