// SPDX-License-Identifier: GPL-3.0-or-later

import GSLOracle
import ReferenceNumerics
import Testing

/// Distance from the pseudo-inverse built from GSL's SVD, relative to its norm, in units of
/// `k * eps * cond_r` (the condition number over the retained singular values): the
/// pseudo-inverse is as sensitive as `1 / sigma_r`, whose relative error is `k eps cond_r`.
private let pseudoInverseBound = 4.0

/// The Penrose conditions hold to `c * k * eps * cond_r` in norm, relative to `||A||` or
/// `||A^+||` as appropriate; `A A^+ A = A` holds only for the truncated `A_r`, so the distance
/// `||A - A_r||_F` (the dropped singular values) is subtracted first.
private let penroseBound = 4.0

@Suite("Pseudo-inverse, rank and condition number")
struct PseudoInverseTests {
  /// Returns the pseudo-inverse from GSL's SVD with the same cut-off rule, as rows.
  func oraclePseudoInverse(_ a: [[Double]], cutoff: Double) throws -> [[Double]] {
    let (u, sigma, v) = try GSL.singularValueDecompositionJacobi(a)
    let inverted = sigma.map { $0 > cutoff ? 1 / $0 : 0 }
    return Dense.product(
      Dense.product(v, Dense.diagonal(inverted)), Dense.transpose(u, columns: sigma.count))
  }

  @Test(
    "Pseudo-inverse agrees with GSL and satisfies the Penrose conditions",
    arguments: [Float.self, Double.self] as [any ReferenceScalar.Type])
  func matchesGSL(type: any ReferenceScalar.Type) throws {
    try check(type)
  }

  func check<T: ReferenceScalar>(_: T.Type) throws {
    let eps = Double(T.ulpOfOne)
    var worst = WorstMeasure()
    var penrose = WorstMeasure()
    let cases = [
      TestMatrices.random(6, 6, seed: 600), TestMatrices.random(9, 4, seed: 601),
      TestMatrices.random(3, 8, seed: 602), TestMatrices.nearSingular(7, rank: 4, seed: 603),
      TestMatrices.hilbert(4), TestMatrices.zero(2, 3),
    ]
    for test in cases {
      let a = try test.matrix(T.self)
      let exact = test.seenBy(T.self)
      let k = Double(min(test.rows, test.columns))
      let sigma = try GSL.singularValueDecompositionJacobi(exact).singularValues
      // A cut-off well above the noise, so that both libraries retain the same values.
      let cutoff = 1e3 * k * eps * (sigma.first ?? 0)
      let retained = sigma.filter { $0 > cutoff }
      let condition = (retained.first ?? 1) / (retained.last ?? 1)
      let pinv = try a.pseudoInverse(cutoff: T(cutoff)).doubleRows
      let oracle = try oraclePseudoInverse(exact, cutoff: cutoff)
      let size = Dense.frobenius(oracle)
      let distance = Dense.frobenius(Dense.difference(pinv, oracle))
      let unit = k * eps * condition
      worst.record(size == 0 ? distance : distance / (unit * size), "\(test)")
      // A A^+ A = A, relative to ||A||.
      let aaa = Dense.product(Dense.product(exact, pinv), exact)
      let norm = Dense.frobenius(exact)
      let dropped = sigma.filter { $0 <= cutoff }.reduce(0) { $0 + $1 * $1 }.squareRoot()
      let first = max(Dense.frobenius(Dense.difference(aaa, exact)) - dropped, 0)
      penrose.record(norm == 0 ? first : first / (unit * norm), "\(test) A A+ A")
      // A^+ A A^+ = A^+, relative to ||A^+||.
      let pap = Dense.product(Dense.product(pinv, exact), pinv)
      let second = Dense.frobenius(Dense.difference(pap, pinv))
      penrose.record(size == 0 ? second : second / (unit * size), "\(test) A+ A A+")
    }
    print("pinv<\(T.self)> vs GSL in k eps cond_r:", worst)
    print("pinv<\(T.self)> Penrose conditions in k eps cond_r:", penrose)
    #expect(worst.value <= pseudoInverseBound, "\(worst)")
    #expect(penrose.value <= penroseBound, "\(penrose)")
  }

  @Test("The default cut-off drops the 1e-12 perturbation in Float but not in Double")
  func numericalRank() throws {
    let test = TestMatrices.nearSingular(8, rank: 5, seed: 700)
    #expect(try test.matrix(Double.self).rank == 8)
    #expect(try test.matrix(Float.self).rank == 5)
    #expect(Matrix<Double>.zeros(rows: 3, columns: 2).rank == 0)
    #expect(try Matrix<Double>([[1, 2], [2, 4], [3, 6]]).rank == 1)
    #expect(Matrix<Float>.identity(4).rank == 4)
  }

  @Test("The condition number agrees with GSL's singular values")
  func conditionNumber() throws {
    for n in 2...12 {
      let test = TestMatrices.hilbert(n)
      let ours = try test.matrix(Double.self).conditionNumber()
      let oracle = try TestMatrices.conditionNumber(test.entries)
      // sigma_min has absolute error ~ k eps sigma_max, so relative error ~ k eps cond.
      let relative = abs(ours - oracle) / oracle
      #expect(relative <= 4 * Double(n) * Double.ulpOfOne * oracle, "Hilbert \(n)")
    }
    #expect(try Matrix<Double>.zeros(rows: 2, columns: 2).conditionNumber() == .infinity)
    #expect(try Matrix<Float>.identity(3).conditionNumber() == 1)
    #expect(throws: Matrix<Double>.Error.invalidShape(rows: 0, columns: 0, count: 0)) {
      try Matrix<Double>.identity(0).conditionNumber()
    }
  }

  @Test("Pseudo-inverse of an invertible matrix is its inverse; bad cut-offs throw")
  func invertible() throws {
    let a = try Matrix<Double>([[2, 1], [1, 3]])
    let difference = try a.pseudoInverse() - a.inverse()
    #expect(difference.maxAbs <= 8 * Double.ulpOfOne)
    #expect(throws: Matrix<Double>.Error.nonFinite) { try a.pseudoInverse(cutoff: -1) }
    #expect(throws: Matrix<Double>.Error.nonFinite) { try a.pseudoInverse(cutoff: .nan) }
    // A cut-off above every singular value gives the zero matrix.
    #expect(try a.pseudoInverse(cutoff: 10) == Matrix.zeros(rows: 2, columns: 2))
    #expect(a.defaultCutoff(singularValues: [4, 1]) == 2 * 4 * Double.ulpOfOne)
  }
}
