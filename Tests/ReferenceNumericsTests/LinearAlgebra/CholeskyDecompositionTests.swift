// SPDX-License-Identifier: GPL-3.0-or-later

import GSLOracle
import ReferenceNumerics
import Testing

/// `|A - L L^T| <= gamma(n + 1) |L| |L^T|` entrywise (Higham, theorem 10.3), so the ratio
/// `||A - L L^T||_F / || |L| |L^T| ||_F` is below 1 in units of `n * eps` (`gamma(n + 1) ~
/// (n + 1) eps / 2`); the `Double` residual's own rounding doubles it.
private let choleskyBackwardBound = 2.0

/// Distance from GSL's factor in units of `n * eps * cond(A)`: the Cholesky factor's relative
/// perturbation is at most about `cond(A)` times the relative backward error (Sun 1991; Higham
/// section 10.1.1), for either library.
private let choleskyForwardBound = 4.0

/// Cholesky is guaranteed to succeed when `20 * n^(3/2) * cond(H) * u < 1` for the diagonally
/// scaled `H`, and `cond(H) <= n * cond(A)` (Higham, theorem 10.7 and van der Sluis).
private func mustSucceed(n: Double, cond: Double, eps: Double) -> Bool {
  20 * n * n.squareRoot() * n * cond * eps / 2 < 1
}

@Suite("Cholesky decomposition")
struct CholeskyDecompositionTests {
  @Test(
    "Factors are backward stable and agree with GSL",
    arguments: [Float.self, Double.self] as [any ReferenceScalar.Type])
  func matchesGSL(type: any ReferenceScalar.Type) throws {
    try check(type)
  }

  func check<T: ReferenceScalar>(_: T.Type) throws {
    let eps = Double(T.ulpOfOne)
    var backward = WorstMeasure()
    var forward = WorstMeasure()
    var solve = WorstMeasure()
    var refused: [String] = []
    for test in TestMatrices.positiveDefinite {
      let a = try test.matrix(T.self)
      let exact = test.seenBy(T.self)
      let n = Double(test.rows)
      let cond = try TestMatrices.conditionNumber(exact)
      let result = Result { () throws(Matrix<T>.Error) in try CholeskyDecomposition(a) }
      guard case .success(let cholesky) = result else {
        if case .failure(.notPositiveDefinite) = result {
          #expect(!mustSucceed(n: n, cond: cond, eps: eps), "\(test) refused")
        } else {
          Issue.record("\(test): \(result)")
        }
        refused.append("\(test)")
        continue
      }
      let l = cholesky.factor.doubleRows
      let lt = Dense.transpose(l, columns: test.rows)
      let residual = Dense.frobenius(Dense.difference(exact, Dense.product(l, lt)))
      let scale = Dense.frobenius(Dense.product(Dense.absolute(l), Dense.absolute(lt)))
      backward.record(residual / (n * eps * scale), "\(test)")

      let b = (0..<test.rows).map { Double(T(1 / Double($0 + 1))) }
      let x = try cholesky.solve(b.map { T($0) }).map { Double($0) }
      let ax = Dense.product(exact, x.map { [$0] }).map { $0[0] }
      let denominator = Dense.frobenius(exact) * Dense.norm(x) + Dense.norm(b)
      solve.record(Dense.norm(zip(b, ax).map { $0 - $1 }) / (n * eps * denominator), "\(test)")

      guard n * eps * cond < 1e-2 else { continue }
      let oracle = try GSL.cholesky(exact)
      let distance = Dense.frobenius(Dense.difference(l, oracle)) / Dense.frobenius(oracle)
      forward.record(distance / (n * eps * cond), "\(test), cond \(cond)")
    }
    print("Cholesky<\(T.self)> ||A - L L^T|| / || |L||L^T| || in n eps:", backward)
    print("Cholesky<\(T.self)> solve backward error in n eps:", solve)
    print("Cholesky<\(T.self)> factor vs GSL in n eps cond:", forward)
    print("Cholesky<\(T.self)> not positive definite to working precision:", refused)
    #expect(backward.value <= choleskyBackwardBound, "\(backward)")
    #expect(solve.value <= choleskyBackwardBound * 2, "\(solve)")
    #expect(forward.value <= choleskyForwardBound, "\(forward)")
  }

  @Test("Indefinite, singular and non-symmetric matrices are refused, like GSL does")
  func refusals() throws {
    let indefinite = TestMatrices.symmetricIndefinite(5, seed: 9)
    #expect(throws: Matrix<Double>.Error.self) {
      try CholeskyDecomposition(try indefinite.matrix(Double.self))
    }
    #expect(throws: GSLError.domain) { try GSL.cholesky(indefinite.entries) }
    #expect(throws: Matrix<Float>.Error.notPositiveDefinite(pivot: 0)) {
      try CholeskyDecomposition(Matrix<Float>.zeros(rows: 3, columns: 3))
    }
    #expect(throws: Matrix<Double>.Error.notPositiveDefinite(pivot: 1)) {
      try CholeskyDecomposition(try Matrix<Double>([[1, 2], [2, 4]]))
    }
    #expect(throws: Matrix<Double>.Error.notSymmetric) {
      try CholeskyDecomposition(try Matrix<Double>([[2, 1], [0, 2]]))
    }
    #expect(throws: Matrix<Double>.Error.notSquare(rows: 1, columns: 2)) {
      try CholeskyDecomposition(try Matrix<Double>([[2, 1]]))
    }
  }

  @Test("A small example: factor, determinant and solve")
  func smallExample() throws {
    // A = L L^T with L = [[2, 0], [1, 3]]: A = [[4, 2], [2, 10]], det = 36.
    let cholesky = try CholeskyDecomposition(try Matrix<Double>([[4, 2], [2, 10]]))
    #expect(cholesky.factor == (try Matrix([[2, 0], [1, 3]])))
    #expect(cholesky.determinant == 36)
    #expect(try cholesky.solve([6, 12]) == [1, 1])
    #expect(throws: Matrix<Double>.Error.nonFinite) { try cholesky.solve([1, .infinity]) }
  }
}
