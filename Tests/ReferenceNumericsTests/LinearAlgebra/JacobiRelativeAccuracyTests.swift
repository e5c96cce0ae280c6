// SPDX-License-Identifier: GPL-3.0-or-later

import GSLOracle
import ReferenceNumerics
import Testing

/// The bound on relative errors of Jacobi, in units of `n * eps * cond(H)`.
///
/// Demmel & Veselić (1992) show that for `A = D * H * D` positive definite with `D` diagonal,
/// Jacobi's eigenvalues have relative error about `n * eps * cond(H)`, and one-sided Jacobi's
/// singular values of `B * D` about `n * eps * cond(B)`, whatever the grading `D`. A bound of
/// 1 in these units leaves a margin of several times the observed error.
private let relativeAccuracyBound = 1.0

@Suite("Jacobi methods are accurate in relative terms on graded matrices")
struct JacobiRelativeAccuracyTests {
  /// `D * S * D` with `S` a fixed well-conditioned positive definite matrix and `D` from 1e-12
  /// to 1, in the order (smallest entries first) in which QR-based solvers lose the small
  /// eigenvalues.
  static let gradedPositiveDefinite: [[Double]] = [
    [1.4999999999999998e-24, 2.5e-22, 2.0000000000000002e-19, 3e-16, 1e-13],
    [2.5e-22, 1e-18, 3e-16, 1e-13, 2.0000000000000003e-10],
    [2.0000000000000002e-19, 3e-16, 2e-12, 4.0000000000000007e-10, 5e-07],
    [3e-16, 1e-13, 4.0000000000000007e-10, 3e-06, 0.001],
    [1e-13, 2.0000000000000003e-10, 5e-07, 0.001, 4.0],
  ]

  /// Eigenvalues of `gradedPositiveDefinite` (its Double entries exactly), from mpmath at 50
  /// digits (`mp.eigsy`), rounded to Double, ascending.
  static let eigenvalues = [
    1.4069029591767514e-24, 9.509234005154724e-19, 1.9100000190675384e-12,
    2.7499998556248955e-06, 4.000000250000235,
  ]

  /// `cond(H)` for `H = D^-1 * A * D^-1`, `D = sqrt(diag(A))`, from mpmath at 50 digits.
  static let scaledCondition = 2.4078022591933838

  /// `B * diag(1, 1e-4, 1e-8, 1e-12)` for a fixed 5 x 4 matrix `B`.
  static let columnGraded: [[Double]] = [
    [0.9, -3e-05, 5e-09, 1e-13],
    [0.2, 8e-05, -4e-09, 3e-13],
    [-0.5, 1e-05, 7e-09, -2e-13],
    [0.3, 4e-05, 2e-09, 9e-13],
    [0.6, -7e-05, 1e-09, 4e-13],
  ]

  /// Singular values of `columnGraded` from mpmath at 50 digits (`mp.svd_r`), descending.
  static let singularValues = [
    1.2449899603471353, 0.00011195909390631856, 9.167824107258909e-09, 7.307530730976337e-13,
  ]

  /// `cond(B)` of the ungraded factor, from mpmath at 50 digits.
  static let factorCondition = 2.7546240625895099

  @Test("Eigenvalues as small as 1e-24 * ||A|| keep their relative accuracy")
  func eigenvalues() throws {
    let eigen = try SymmetricEigendecomposition(try Matrix(Self.gradedPositiveDefinite))
    let oracle = try GSL.symmetricEigen(Self.gradedPositiveDefinite).eigenvalues
    let unit = 5 * Double.ulpOfOne * Self.scaledCondition
    var worst = WorstMeasure()
    var worstGSL = WorstMeasure()
    for (i, exact) in Self.eigenvalues.enumerated() {
      worst.record(abs(eigen.eigenvalues[i] - exact) / exact / unit, "lambda[\(i)]")
      worstGSL.record(abs(oracle[i] - exact) / exact / unit, "lambda[\(i)]")
    }
    print("Jacobi eigenvalues, relative error in n eps cond(H):", worst)
    print("gsl_eigen_symmv (for information), same units:", worstGSL)
    #expect(worst.value <= relativeAccuracyBound, "\(worst)")
  }

  @Test("Singular values of a column-graded matrix keep their relative accuracy")
  func singularValues() throws {
    let svd = try SingularValueDecomposition(try Matrix(Self.columnGraded))
    let unit = 4 * Double.ulpOfOne * Self.factorCondition
    var worst = WorstMeasure()
    for (i, exact) in Self.singularValues.enumerated() {
      worst.record(abs(svd.singularValues[i] - exact) / exact / unit, "sigma[\(i)]")
    }
    print("One-sided Jacobi singular values, relative error in n eps cond(B):", worst)
    #expect(worst.value <= relativeAccuracyBound, "\(worst)")
  }
}
