// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

/// Matrices whose entries are near the overflow threshold or subnormal: the eigensolver and the
/// SVD scale by an exact power of two first, so their results are those of a well-scaled
/// matrix, scaled back.
@Suite("Linear algebra at the extremes of the exponent range")
struct ExtremeScalingTests {
  @Test(
    "Eigenvalues of a * [[1, 1], [1, -1]] are +-sqrt(2) a near overflow",
    arguments: [
      // a, sqrt(2) * a: from mpmath at 40 digits, rounded to Double.
      (1e308, 1.4142135623730951e308),
      (9e307, 1.2727922061357856e308),
      (1e307, 1.4142135623730951e307),
      (1e-300, 1.4142135623730951e-300),
    ])
  func hugeIndefinite(a: Double, root: Double) throws {
    let eigen = try SymmetricEigendecomposition(Matrix([[a, a], [a, -a]]))
    #expect(eigen.eigenvalues[0].isApproximatelyEqual(to: -root, relativeTolerance: 4e-16))
    #expect(eigen.eigenvalues[1].isApproximatelyEqual(to: root, relativeTolerance: 4e-16))
    let svd = try SingularValueDecomposition(Matrix([[a, a], [a, -a]]))
    #expect(svd.singularValues[0].isApproximatelyEqual(to: root, relativeTolerance: 4e-16))
    #expect(svd.singularValues[1].isApproximatelyEqual(to: root, relativeTolerance: 4e-16))
  }

  @Test("Float: eigenvalues of 2e38 * [[1, 1], [1, -1]]")
  func hugeFloat() throws {
    let a: Float = 2e38
    let eigen = try SymmetricEigendecomposition(Matrix<Float>([[a, a], [a, -a]]))
    // sqrt(2) * Float(2e38) = 2.8284270461785455e38 in Float (mpmath at 40 digits).
    let root: Float = 2.8284270461785455e38
    #expect(eigen.eigenvalues[0].isApproximatelyEqual(to: -root, relativeTolerance: 3e-7))
    #expect(eigen.eigenvalues[1].isApproximatelyEqual(to: root, relativeTolerance: 3e-7))
  }

  @Test("An eigenvalue beyond the range of Double is +infinity, the other still 0")
  func eigenvalueOverflows() throws {
    let a = 1e308
    let eigen = try SymmetricEigendecomposition(Matrix([[a, a], [a, a]]))
    // Exactly 0 and 2a = 2e308 > Double.greatestFiniteMagnitude.
    #expect(abs(eigen.eigenvalues[0]) <= 1e-16 * a)
    #expect(eigen.eigenvalues[1] == .infinity)
    // The eigenvectors are those of [[1, 1], [1, 1]].
    let half = 0.5.squareRoot()
    #expect(abs(eigen.eigenvectors[0, 1]).isApproximatelyEqual(to: half, relativeTolerance: 1e-15))
  }

  @Test("Subnormal matrices keep their eigenvalues and singular values exactly")
  func subnormal() throws {
    // fl(1e-320) = 2024 * 2^-1074, the smallest subnormal, and a larger subnormal.
    for significand in [2024.0, 1, 60_719_788_500] {
      let tiny = Double(sign: .plus, exponent: -1074, significand: significand)
      let eigen = try SymmetricEigendecomposition(Matrix([[tiny, 0], [0, -2 * tiny]]))
      #expect(eigen.eigenvalues == [-2 * tiny, tiny])
      let svd = try SingularValueDecomposition(Matrix([[tiny, 0], [0, -2 * tiny]]))
      #expect(svd.singularValues == [2 * tiny, tiny])
    }
    // [[t, t], [t, t]] with t = 2^-1060 (subnormal): eigenvalues 0 and 2t, exact.
    let t = Double(sign: .plus, exponent: -1060, significand: 1)
    let eigen = try SymmetricEigendecomposition(Matrix([[t, t], [t, t]]))
    #expect(eigen.eigenvalues[1] == 2 * t)
    #expect(eigen.eigenvalues[0] == 0)
  }

  @Test("Eigenvalues scale exactly with the matrix by powers of two")
  func powerOfTwoInvariance() throws {
    let base = try Matrix([[4.0, 1, -2], [1, 3, 0.5], [-2, 0.5, -1]])
    let reference = try SymmetricEigendecomposition(base).eigenvalues
    for k in [-1070, -1000, -600, -512, 511, 600, 1000, 1020] {
      let factor = Double(sign: .plus, exponent: k, significand: 1)
      let scaled = try Matrix(rows: 3, columns: 3, elements: base.elements.map { $0 * factor })
      let values = try SymmetricEigendecomposition(scaled).eigenvalues
      for (value, expected) in zip(values, reference) {
        let target = Double(sign: .plus, exponent: k, significand: expected)
        // Exact where the scaled value is normal; rounded once where it is subnormal.
        #expect(abs(value - target) <= Double.leastNonzeroMagnitude * 4 + abs(target) * 1e-15)
      }
    }
  }

  @Test("Cholesky of a positive definite matrix near overflow and near underflow")
  func choleskyExtremes() throws {
    // A = a * [[4, 2], [2, 2]] = L L^T with L = sqrt(a) * [[2, 0], [1, 1]]: no square
    // exceeds a diagonal entry, so nothing overflows.
    for a in [1e307, 4e307, 1e-300] {
      let l = try CholeskyDecomposition(Matrix([[4 * a, 2 * a], [2 * a, 2 * a]])).factor
      let root = a.squareRoot()
      #expect(l[0, 0].isApproximatelyEqual(to: 2 * root, relativeTolerance: 1e-15))
      #expect(l[1, 0].isApproximatelyEqual(to: root, relativeTolerance: 1e-15))
      #expect(l[1, 1].isApproximatelyEqual(to: root, relativeTolerance: 1e-15))
    }
  }
}
