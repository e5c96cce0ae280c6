// SPDX-License-Identifier: GPL-3.0-or-later

import ComplexModule
import RealModule
import ReferenceNumerics
import Testing

@Suite("Position encodings")
struct PositionEncodingTests {
  @Test("The decay indicator: F(0) = 32.5 exactly and the map's values (mpmath, 40 digits)")
  func decay() {
    let theta = RotaryScaling.defaultFrequencies(rotaryDimension: 128, base: 10000.0)
    #expect(RotaryDecay.indicator(distance: 0, frequencies: theta) == 32.5)
    let pinned: [(Double, Double)] = [
      (1, 31.538166142658084355), (2, 28.955988473564467696), (5, 20.845357778356762654),
      (10, 17.954137137084833747), (100, 10.227329948505143376), (256, 6.5430973229789417782),
    ]
    for (r, value) in pinned {
      let f = RotaryDecay.indicator(distance: r, frequencies: theta)
      // 64 phasors summed: about 64 ulps of the largest partial sum.
      #expect(f.isApproximatelyEqual(to: value, relativeTolerance: 64 * .ulpOfOne), "r = \(r)")
    }
    let values = (0...255).map { RotaryDecay.indicator(distance: Double($0), frequencies: theta) }
    let means = RotaryDecay.windowedMeans(values, width: 32)
    #expect(zip(means, means.dropFirst()).allSatisfy { $0 > $1 })
  }

  @Test("Abel summation: both sides agree and the bound holds")
  func abel() {
    var g = SeededGenerator(seed: 4)
    let theta = RotaryScaling.defaultFrequencies(rotaryDimension: 64, base: 10000.0)
    for _ in 0..<20 {
      let h = (0..<32).map { _ in
        Complex(g.nextOpenUnitInterval() - 0.5, g.nextOpenUnitInterval() - 0.5)
      }
      let a = RotaryDecay.abelSummation(coefficients: h, distance: 37, frequencies: theta)
      #expect((a.direct - a.summedByParts).length < 1e-13)
      #expect(a.direct.length <= a.bound)
    }
  }

  @Test("Sinusoidal: the worked example d = 8, m = 2 in both layouts (ML-CONVENTIONS 2.1)")
  func sinusoidal() throws {
    let paper = try SinusoidalEncoding.encoding(position: 2.0, dimension: 8)
    let expectedPaper = [
      0.90929743, -0.41614684, 0.19866933, 0.98006658, 0.01999867, 0.99980001, 0.002, 0.999998,
    ]
    for (a, b) in zip(paper, expectedPaper) { #expect(abs(a - b) < 5e-9) }
    let t2t = try SinusoidalEncoding.encoding(position: 2.0, dimension: 8, layout: .tensor2tensor)
    let expectedT2T = [
      0.90929743, 0.0926985, 0.00430886, 0.0002, -0.41614684, 0.99569422, 0.99999072, 0.99999998,
    ]
    for (a, b) in zip(t2t, expectedT2T) { #expect(abs(a - b) < 5e-8) }
    #expect(try SinusoidalEncoding.encoding(position: 0.0, dimension: 4) == [0, 1, 0, 1])
    #expect(throws: SinusoidalEncoding.Error.invalidDimension(7, layout: .paper)) {
      try SinusoidalEncoding.encoding(position: 1.0, dimension: 7)
    }
  }

  @Test("T5 buckets, (32, 128), both directions (ML-CONVENTIONS 2.3), in Float and Double")
  func t5() throws {
    let bidirectional: [(Int, Int)] = [
      (0, 0), (-1, 1), (-7, 7), (-8, 8), (-11, 8), (-12, 9), (-22, 10), (-23, 11), (-31, 11),
      (-32, 12), (-45, 12), (-46, 13), (-63, 13), (-64, 14), (-90, 14), (-91, 15), (-1000, 15),
      (1, 17), (7, 23), (8, 24), (31, 27), (32, 28), (90, 30), (91, 31), (128, 31),
    ]
    for (rp, bucket) in bidirectional {
      #expect(try RelativePosition.t5Bucket(rp, in: Float.self) == bucket, "rp = \(rp)")
      #expect(try RelativePosition.t5Bucket(rp, in: Double.self) == bucket, "rp = \(rp)")
    }
    let unidirectional: [(Int, Int)] = [
      (5, 0), (0, 0), (-1, 1), (-15, 15), (-16, 16), (-18, 16), (-19, 17), (-30, 20),
      (-31, 21), (-98, 29), (-99, 30), (-112, 30), (-113, 31), (-5000, 31),
    ]
    for (rp, bucket) in unidirectional {
      #expect(
        try RelativePosition.t5Bucket(rp, bidirectional: false, in: Float.self) == bucket,
        "rp = \(rp)")
    }
    for rp in -1000...1000 {
      #expect(
        try RelativePosition.t5Bucket(rp, in: Float.self)
          == RelativePosition.t5Bucket(rp, in: Double.self))
    }
    #expect(throws: RelativePosition.Error.self) {
      try RelativePosition.t5Bucket(3, buckets: 2, maxDistance: 128)
    }
  }

  @Test("DeBERTa log buckets for (256, 512) (ML-CONVENTIONS 2.5)")
  func deberta() throws {
    for (rel, bucket) in [
      (1, 1), (63, 63), (64, 64), (65, 65), (128, 128), (300, 207), (511, 255), (600, 270),
    ] {
      #expect(try RelativePosition.debertaLogBucket(rel, in: Float.self) == bucket, "\(rel)")
      #expect(try RelativePosition.debertaLogBucket(-rel, in: Float.self) == -bucket, "\(rel)")
    }
  }

  @Test("Shaw's index matrix, k = 2, L = 5 (tensor2tensor)")
  func shaw() throws {
    #expect(
      try RelativePosition.shawIndices(length: 5, maximum: 2) == [
        [2, 3, 4, 4, 4], [1, 2, 3, 4, 4], [0, 1, 2, 3, 4], [0, 0, 1, 2, 3], [0, 0, 0, 1, 2],
      ])
  }

  @Test("Reduced formats: bfloat16 keeps 8 bits, Float16 overflows past 65504")
  func formats() {
    #expect(RotaryPrecision.Format.bfloat16.round(257) == 256)
    #expect(RotaryPrecision.Format.bfloat16.round(4097) == 4096)
    #expect(RotaryPrecision.Format.bfloat16.round(259) == 260)
    #expect(RotaryPrecision.Format.float16.round(2049) == 2048)
    #expect(RotaryPrecision.Format.float16.round(70000) == .infinity)
    let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    let double = RotaryPrecision.rotate(x, position: 3, format: .double)
    #expect(zip(double, RotaryEmbeddingTests.halfSplit).allSatisfy { abs($0 - $1) < 1e-14 })
  }

  @Test("Linear attention: O(n) and O(n^2) agree, with and without RoPE")
  func linearAttention() throws {
    var g = SeededGenerator(seed: 5)
    let rows = { (n: Int, d: Int) in
      (0..<n).map { _ in
        LinearAttention.featureMap((0..<d).map { _ in g.nextOpenUnitInterval() - 0.5 })
      }
    }
    let (q, k) = (rows(6, 8), rows(6, 8))
    let v = (0..<6).map { _ in (0..<3).map { _ in g.nextOpenUnitInterval() } }
    let rope = try RotaryEmbedding<Double>(dimension: 8)
    for rotary in [nil, rope] {
      let a = try LinearAttention.quadratic(queries: q, keys: k, values: v, rotary: rotary)
      let b = try LinearAttention.linear(queries: q, keys: k, values: v, rotary: rotary)
      for (x, y) in zip(a.joined(), b.joined()) { #expect(abs(x - y) < 1e-14) }
    }
    let w = try LinearAttention.weights(queries: q, keys: k)
    for row in w { #expect(abs(row.reduce(0, +) - 1) < 1e-15 && row.allSatisfy { $0 >= 0 }) }
  }
}
