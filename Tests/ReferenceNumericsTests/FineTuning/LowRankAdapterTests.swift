// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("Low-rank adapter (LoRA)")
struct LowRankAdapterTests {
  /// W (2 x 3), A = down (2 x 3), B = up (2 x 2): B A = [[1.5, -1, 0], [3.5, 1, -1.25]].
  func example<T: ReferenceScalar>(
    _: T.Type, rule: LowRankAdapter<T>.ScalingRule = .standard
  ) throws -> LowRankAdapter<T> {
    try LowRankAdapter(
      weight: Matrix([[1, 2, 3], [4, 5, 6]]), down: Matrix([[0.5, -1, 0.25], [2, 0, -0.5]]),
      up: Matrix([[1, 0.5], [-1, 2]]), alpha: 16, rule: rule)
  }

  @Test(
    "Merge with alpha / r is exact on dyadic data",
    arguments: [Float.self, Double.self] as [any ReferenceScalar.Type])
  func mergePinned(type: any ReferenceScalar.Type) throws {
    try mergePinned(type)
  }

  func mergePinned<T: ReferenceScalar>(_: T.Type) throws {
    // s = 16 / 2 = 8; W + 8 B A, every product and sum exact (numpy gives the same).
    let adapter = try example(T.self)
    #expect(adapter.scaling == 8)
    #expect(try adapter.merged() == Matrix([[13, -6, 3], [32, 13, -4]]))
    // W x + 8 B (A x) at x = (1, -2, 0.5): numpy 26.5, 4.
    #expect(try adapter.output(for: [1, -2, 0.5]) == [26.5, 4])
    #expect(adapter.parameterCount == 2 * (2 + 3))
  }

  @Test("rsLoRA scales by alpha / sqrt(r): pinned against numpy")
  func rankStabilized() throws {
    let adapter = try example(Double.self, rule: .rankStabilized)
    // numpy: 16 / sqrt(2) = 11.31370849898476; W + s B A.
    #expect(adapter.scaling.isApproximatelyEqual(to: 11.31370849898476, relativeTolerance: 1e-15))
    let expected = [
      17.97056274847714, -9.31370849898476, 3.0, 43.597979746446654, 16.31370849898476,
      -8.14213562373095,
    ]
    let merged = try adapter.merged().elements
    for (value, reference) in zip(merged, expected) {
      // Each entry is W + fl(s * BA): two roundings of numbers below 50.
      #expect(value.isApproximatelyEqual(to: reference, absoluteTolerance: 4 * 64 * .ulpOfOne))
    }
  }

  @Test(
    "Initialisation leaves the model unchanged bit for bit; A within the Kaiming bound",
    arguments: LowRankAdapter<Double>.Initialization.allCases)
  func initialization(kind: LowRankAdapter<Double>.Initialization) throws {
    var g = SeededGenerator(seed: 11)
    let weight = try Matrix<Double>(
      rows: 4, columns: 9, elements: (0..<36).map { Double($0) - 17.5 })
    let adapter = try LowRankAdapter.initialized(
      weight: weight, rank: 3, alpha: 8, initialization: kind, generator: &g)
    #expect(try adapter.merged() == weight)
    let x = (0..<9).map { Double($0) / 3 - 1 }
    #expect(try adapter.output(for: x) == weight.multiplied(by: x))
    #expect(adapter.up.elements.allSatisfy { $0 == 0 })
    if kind == .kaimingUniform {
      let bound = LowRankAdapter<Double>.kaimingBound(inputFeatures: 9)
      #expect(bound == 1.0 / 3)
      #expect(adapter.down.elements.allSatisfy { abs($0) <= bound })
    }
    #expect(Set(adapter.down.elements).count == 27)
  }

  @Test("Unmerge restores W within u (|W'| + |W + delta|), and exactly on dyadic data")
  func roundTrip() throws {
    let adapter = try example(Float.self, rule: .rankStabilized)
    let merged = try adapter.merged()
    let back = try adapter.unmerged(from: merged)
    let u = Double(Float.ulpOfOne) / 2
    for i in back.elements.indices {
      let error = abs(Double(back.elements[i]) - Double(adapter.weight.elements[i]))
      let bound = u * (abs(Double(back.elements[i])) + abs(Double(merged.elements[i])))
      #expect(error <= bound)
    }
    let exact = try example(Double.self)
    #expect(try exact.unmerged(from: exact.merged()) == exact.weight)
  }

  @Test("Bad shapes, a zero rank and a NaN alpha are refused with the offending values")
  func rejects() throws {
    let w = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
    let a = try Matrix<Double>([[1, 2, 3]])
    let b = try Matrix<Double>([[1], [2]])
    #expect(
      throws: LowRankAdapter<Double>.Error.shapeMismatch(
        role: "down (A)", expected: [3, 3], got: [3, 1])
    ) {
      try LowRankAdapter(weight: w, down: a.transposed, up: b, alpha: 1)
    }
    #expect(
      throws: LowRankAdapter<Double>.Error.shapeMismatch(
        role: "up (B)", expected: [2, 1], got: [1, 2])
    ) {
      try LowRankAdapter(weight: w, down: a, up: b.transposed, alpha: 1)
    }
    #expect(throws: LowRankAdapter<Double>.Error.invalidAlpha(.infinity)) {
      try LowRankAdapter(weight: w, down: a, up: b, alpha: .infinity)
    }
    var g = SeededGenerator(seed: 1)
    #expect(throws: LowRankAdapter<Double>.Error.zeroRank) {
      try LowRankAdapter.initialized(weight: w, rank: 0, alpha: 1, generator: &g)
    }
    #expect(throws: Matrix<Double>.Error.self) {
      try LowRankAdapter(weight: w, down: a, up: b, alpha: 1).output(for: [1, 2])
    }
  }

  @Test("Parameter counts: r (d + k) and the GPT-3 figures of the paper")
  func counts() throws {
    #expect(try LowRankAdapter<Double>.parameterCount(rows: 4096, columns: 4096, rank: 8) == 65_536)
    // d_model 12288, W_q and W_v in 96 layers: 192 matrices.
    let gpt3 = [1: 4_718_592, 4: 18_874_368, 8: 37_748_736]
    for (r, count) in gpt3 {
      #expect(
        try FineTuningMemory.loraParameters(modelWidth: 12288, adaptedMatrices: 192, rank: r)
          == count)
    }
  }
}

@Suite("Low-rank approximation (Eckart-Young) and subspace similarity")
struct LowRankApproximationTests {
  let delta: [[Double]] = [[3, 1, 0, 2], [1, 2, 1, 0], [0, 1, 4, 1]]

  @Test("Singular values, Eckart-Young error and reconstruction match numpy")
  func pinned() throws {
    let approximation = try LowRankApproximation(Matrix(delta), rank: 2)
    // numpy.linalg.svd (LAPACK gesdd): 4.804050769570114, 3.544256759583273, 1.5360143962675208.
    let sigma = [4.804050769570114, 3.544256759583273, 1.5360143962675208]
    for (value, reference) in zip(approximation.singularValues, sigma) {
      #expect(value.isApproximatelyEqual(to: reference, relativeTolerance: 1e-14))
    }
    #expect(
      approximation.error.isApproximatelyEqual(to: 1.5360143962675208, relativeTolerance: 1e-14))
    // numpy: first row of U_2 diag(S_2) V_2^T.
    let row = [2.987588491739935, 1.3802753565568107, -0.07620423947155995, 1.7116099280984234]
    for (value, reference) in zip(approximation.reconstruction.row(0), row) {
      #expect(value.isApproximatelyEqual(to: reference, absoluteTolerance: 1e-14))
    }
    let residual = try (Matrix(delta) - approximation.reconstruction).frobeniusNorm
    #expect(residual.isApproximatelyEqual(to: approximation.error, relativeTolerance: 1e-13))
  }

  @Test("A delta of rank r is reproduced by the rank-r adapter built from its SVD")
  func exactRank() throws {
    let up = try Matrix<Double>([[1, 2], [0, 1], [3, -1], [1, 1]])
    let down = try Matrix<Double>([[1, 0, 2, -1, 0.5], [0, 1, 1, 2, -1]])
    let delta = try up.multiplied(by: down)
    let approximation = try LowRankApproximation(delta, rank: 2)
    let adapter = try approximation.adapter(
      on: Matrix.zeros(rows: 4, columns: 5), alpha: 16, rule: .rankStabilized)
    let error = try (adapter.delta() - delta).frobeniusNorm
    #expect(error <= 64 * .ulpOfOne * delta.frobeniusNorm)
    #expect(approximation.error <= 64 * .ulpOfOne * delta.frobeniusNorm)
  }

  @Test("Rank 0 and rank above min(d, k) are refused")
  func rejectsRank() throws {
    #expect(throws: LowRankApproximation<Double>.Error.invalidRank(0, limit: 3)) {
      try LowRankApproximation(Matrix(delta), rank: 0)
    }
    #expect(throws: LowRankApproximation<Double>.Error.invalidRank(4, limit: 3)) {
      try LowRankApproximation(Matrix(delta), rank: 4)
    }
  }

  @Test("phi is 1 for the same row space, 0 for orthogonal ones, and in between otherwise")
  func similarity() throws {
    let a = try Matrix<Double>([[1, 0, 0, 0], [0, 1, 0, 0]])
    let mixed = try Matrix<Double>([[2, 1, 0, 0], [1, -3, 0, 0]])
    let other = try Matrix<Double>([[0, 0, 1, 0], [0, 0, 0, 2]])
    #expect(try SubspaceSimilarity.phi(a, mixed, i: 2, j: 2).isApproximatelyEqual(to: 1))
    #expect(try SubspaceSimilarity.phi(a, other, i: 2, j: 2) == 0)
    // Rows e0 and e0 + e2 span (e0, e2); against span(e0, e1) the principal cosines are 1 and 0.
    let tilted = try Matrix<Double>([[1, 0, 0, 0], [1, 0, 1, 0]])
    let phi = try SubspaceSimilarity.phi(tilted, a, i: 2, j: 2)
    #expect(phi.isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-15))
    #expect(throws: SubspaceSimilarity.Error.countOutOfRange(name: "i", value: 3, limit: 2)) {
      try SubspaceSimilarity.phi(a, other, i: 3, j: 1)
    }
  }
}
