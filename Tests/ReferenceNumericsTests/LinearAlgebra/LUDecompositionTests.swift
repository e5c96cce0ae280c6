// SPDX-License-Identifier: GPL-3.0-or-later

import GSLOracle
import ReferenceNumerics
import Testing

/// The bound on the LU backward error, in units of `n * eps` relative to `|| |L| |U| ||_F`.
///
/// `|P A - L U| <= gamma(n) |L| |U|` entrywise (Higham, theorem 9.3) with
/// `gamma(n) ~ n * eps / 2`; computing the residual in `Double` adds as much again for `Double`
/// results. So the ratio is at most 1 in these units, and 2 is safe.
private let luBackwardBound = 2.0

/// Normwise backward error of a solve, `||b - A x|| / (||A|| ||x|| + ||b||)`, in units of
/// `n * eps`: about `gamma(3n) * rho` (Higham, theorem 9.4) with small growth `rho` on these
/// matrices, plus the residual's own rounding for `Double`.
private let solveBackwardBound = 4.0

/// Forward difference from GSL's solution, in units of `n * eps * cond(A)`: each solution is
/// within about `3 * n * eps * rho * cond(A)` of the exact one, so their distance is within twice
/// that; 4 leaves room for a modest growth factor.
private let solveForwardBound = 4.0

/// Relative difference of determinants in units of `n * eps * cond(A)`, for the same reason.
private let determinantBound = 4.0

/// Forward comparisons are meaningful only while `n * eps * cond(A)` is well below 1.
private let meaningfulForwardError = 1e-2

@Suite("LU decomposition")
struct LUDecompositionTests {
  @Test(
    "Factors are backward stable and solutions agree with GSL",
    arguments: [Float.self, Double.self] as [any ReferenceScalar.Type])
  func matchesGSL(type: any ReferenceScalar.Type) throws {
    try check(type)
  }

  func check<T: ReferenceScalar>(_: T.Type) throws {
    let eps = Double(T.ulpOfOne)
    var backward = WorstMeasure()
    var solveBackward = WorstMeasure()
    var forward = WorstMeasure()
    var determinant = WorstMeasure()
    for (index, test) in TestMatrices.square.enumerated() {
      let a = try test.matrix(T.self)
      let exact = test.seenBy(T.self)
      let n = Double(test.rows)
      let lu = try LUDecomposition(a)
      let lower = lu.lower.doubleRows
      let upper = lu.upper.doubleRows
      let permuted = lu.permutation.map { exact[$0] }
      let residual = Dense.frobenius(Dense.difference(permuted, Dense.product(lower, upper)))
      let scale = Dense.frobenius(Dense.product(Dense.absolute(lower), Dense.absolute(upper)))
      backward.record(residual / (n * eps * scale), "\(test)")

      let b = TestMatrices.uniform(1, test.rows, seed: 500 + UInt64(index))[0].map {
        Double(T($0))
      }
      let x = try lu.solve(b.map { T($0) }).map { Double($0) }
      let ax = Dense.product(exact, x.map { [$0] }).map { $0[0] }
      let residualNorm = Dense.norm(zip(b, ax).map { $0 - $1 })
      let denominator = Dense.frobenius(exact) * Dense.norm(x) + Dense.norm(b)
      solveBackward.record(residualNorm / (n * eps * denominator), "\(test)")

      let cond = try TestMatrices.conditionNumber(exact)
      guard n * eps * cond < meaningfulForwardError else { continue }
      let oracle = try GSL.luSolve(exact, b)
      let distance = Dense.norm(zip(x, oracle).map { $0 - $1 }) / Dense.norm(oracle)
      forward.record(distance / (n * eps * cond), "\(test), cond \(cond)")
      let det = Double(lu.determinant)
      let detOracle = try GSL.luDeterminant(exact)
      determinant.record(
        abs(det - detOracle) / abs(detOracle) / (n * eps * cond), "\(test), cond \(cond)")
    }
    print("LU<\(T.self)> ||PA - LU|| / || |L||U| || in n eps:", backward)
    print("LU<\(T.self)> solve backward error in n eps:", solveBackward)
    print("LU<\(T.self)> solve vs GSL in n eps cond:", forward)
    print("LU<\(T.self)> determinant vs GSL in n eps cond:", determinant)
    #expect(backward.value <= luBackwardBound, "\(backward)")
    #expect(solveBackward.value <= solveBackwardBound, "\(solveBackward)")
    #expect(forward.value <= solveForwardBound, "\(forward)")
    #expect(determinant.value <= determinantBound, "\(determinant)")
  }

  @Test("Permutation and factors of a small example match GSL exactly in structure")
  func smallExample() throws {
    let rows: [[Double]] = [[1, 2, 3], [2, 1, 1], [4, 1, 0]]
    let lu = try LUDecomposition(try Matrix(rows))
    let oracle = try GSL.luDecomposition(rows)
    #expect(lu.permutation == oracle.permutation)
    #expect(lu.permutationSign == Double(oracle.sign))
    #expect(lu.lower.doubleRows == oracle.lower)
    #expect(lu.upper.doubleRows == oracle.upper)
    let p = lu.permutationMatrix
    let pa = try p.multiplied(by: try Matrix(rows))
    let product = try lu.lower.multiplied(by: lu.upper)
    #expect((try pa - product).maxAbs <= 4 * Double.ulpOfOne)
    // det = 1 (0 - 1) - 2 (0 - 4) + 3 (2 - 4) = 1
    #expect(abs(lu.determinant - 1) <= 8 * Double.ulpOfOne)
  }

  @Test("A singular matrix factors, has determinant 0 and refuses to solve")
  func singular() throws {
    let zero = Matrix<Double>.zeros(rows: 3, columns: 3)
    let lu = try LUDecomposition(zero)
    #expect(lu.determinant == 0)
    #expect(throws: Matrix<Double>.Error.singular(pivot: 0)) { try lu.solve([1, 2, 3]) }
    let rankOne = try Matrix<Float>([[1, 2], [2, 4]])
    #expect(throws: Matrix<Float>.Error.singular(pivot: 1)) {
      try LUDecomposition(rankOne).solve([1, 1])
    }
    #expect(try rankOne.determinant == 0)
  }

  @Test("Bad shapes and right-hand sides throw")
  func errors() throws {
    let wide = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
    #expect(throws: Matrix<Double>.Error.notSquare(rows: 2, columns: 3)) {
      try LUDecomposition(wide)
    }
    #expect(throws: Matrix<Double>.Error.notSquare(rows: 2, columns: 3)) {
      try wide.determinant
    }
    let lu = try LUDecomposition(Matrix<Double>.identity(2))
    #expect(
      throws: Matrix<Double>.Error.shapeMismatch(
        operation: "solve", left: [2, 2], right: [3])
    ) { try lu.solve([1, 2, 3]) }
    #expect(throws: Matrix<Double>.Error.nonFinite) { try lu.solve([1, .nan]) }
  }

  @Test("The determinant neither overflows nor underflows in intermediate products")
  func determinantRange() throws {
    // diag(1e200, 1e200, 1e-200, 1e-200) has determinant 1, though 1e400 overflows midway.
    let d = try Matrix<Double>.diagonal([1e200, 1e200, 1e-200, 1e-200])
    #expect(abs(try d.determinant - 1) <= 4 * Double.ulpOfOne)
    let big = try Matrix<Double>.diagonal([1e200, 1e200])
    #expect(throws: Matrix<Double>.Error.nonFinite) { try big.determinant }
    #expect(try LUDecomposition(Matrix<Double>.identity(0)).determinant == 1)
  }

  @Test("Inverse times the matrix is the identity")
  func inverse() throws {
    let a = try TestMatrices.random(6, 6, seed: 7).matrix(Double.self)
    let product = try a.multiplied(by: try a.inverse())
    let cond = try a.conditionNumber()
    #expect((try product - Matrix.identity(6)).maxAbs <= 6 * Double.ulpOfOne * cond * 4)
    #expect(throws: Matrix<Double>.Error.singular(pivot: 0)) {
      try Matrix<Double>.zeros(rows: 2, columns: 2).inverse()
    }
  }
}
