// SPDX-License-Identifier: GPL-3.0-or-later

extension Matrix {
  /// The cut-off below which a singular value counts as zero, unless a caller gives another.
  ///
  ///     cutoff = max(m, n) * Scalar.ulpOfOne * sigma[0]
  ///
  /// This is the default of MATLAB's `rank` and `pinv` and NumPy's `matrix_rank`: singular
  /// values below it are indistinguishable from rounding errors of size `u * ||A||_2` made by
  /// a backward stable SVD (Golub & Van Loan, *Matrix Computations*, 4th ed., 2013, section
  /// 5.4.1).
  ///
  /// - Parameter singularValues: The singular values, largest first.
  /// - Returns: The default cut-off (0 for an empty or zero matrix).
  public func defaultCutoff(singularValues: [Scalar]) -> Scalar {
    Scalar(max(rows, columns)) * Scalar.ulpOfOne * (singularValues.first ?? 0)
  }

  /// Returns the Moore-Penrose pseudo-inverse, with singular values at or below a cut-off
  /// treated as zero.
  ///
  ///     A^+ = V * diag(1 / sigma[i] if sigma[i] > cutoff, else 0) * U^T
  ///
  /// The result is n x m. For a matrix of full column rank it equals `(A^T A)^-1 A^T`, and for
  /// an invertible one `A^-1`. It satisfies the Penrose conditions `A A^+ A = A`,
  /// `A^+ A A^+ = A^+` with `A A^+` and `A^+ A` symmetric, up to rounding errors of about
  /// `u * cond_r(A)` relative, where `cond_r = sigma[0] / sigma[r - 1]` over the retained
  /// values.
  ///
  /// - Parameter cutoff: The threshold; `nil` selects ``defaultCutoff(singularValues:)``,
  ///   `max(m, n) * Scalar.ulpOfOne * sigma[0]`. Raise it to regularize a near-singular matrix.
  /// - Returns: The pseudo-inverse.
  /// - Throws: `Matrix.Error.nonFinite` if `cutoff` is infinite, NaN or negative, or the
  ///   result overflows (a retained singular value near the underflow threshold).
  /// - Complexity: O(m * n * min(m, n)), dominated by the SVD.
  public func pseudoInverse(cutoff: Scalar? = nil) throws(Error) -> Matrix {
    if let cutoff, !(cutoff.isFinite && cutoff >= 0) { throw .nonFinite }
    let svd = SingularValueDecomposition(validated: self)
    let threshold = cutoff ?? defaultCutoff(singularValues: svd.singularValues)
    let k = svd.singularValues.count
    // A^+[i][j] = sum over l of V[i][l] / sigma[l] * U[j][l], l retained.
    var result = [Scalar](repeating: 0, count: columns * rows)
    for l in 0..<k where svd.singularValues[l] > threshold {
      let reciprocal = 1 / svd.singularValues[l]
      for i in 0..<columns {
        let factor = svd.v.elements[i * k + l] * reciprocal
        if factor == 0 { continue }
        for j in 0..<rows { result[i * rows + j] += factor * svd.u.elements[j * k + l] }
      }
    }
    return try Matrix.checked(columns, rows, result)
  }

  /// The numerical rank: the number of singular values above ``defaultCutoff(singularValues:)``.
  ///
  /// - Complexity: O(m * n * min(m, n)), an SVD.
  public var rank: Int {
    let sigma = SingularValueDecomposition(validated: self).singularValues
    let threshold = defaultCutoff(singularValues: sigma)
    return sigma.count { $0 > threshold }
  }

  /// The determinant of a square matrix, from its LU factorization with partial pivoting.
  ///
  /// Its relative error is about `n * u * cond(A)`; it is exactly 0 only when elimination
  /// meets an exactly zero column, so near-singular matrices have a tiny nonzero determinant.
  /// The determinant of the 0 x 0 matrix is 1.
  ///
  /// - Throws: `Matrix.Error.notSquare`; `Matrix.Error.nonFinite` if the determinant
  ///   overflows (its magnitude exceeds `Scalar.greatestFiniteMagnitude`).
  /// - Complexity: O(n^3).
  public var determinant: Scalar {
    get throws(Error) {
      let value = try LUDecomposition(self).determinant
      guard value.isFinite else { throw .nonFinite }
      return value
    }
  }

  /// Returns the inverse of a square, nonsingular matrix, by LU with partial pivoting.
  ///
  /// To solve a linear system, prefer the `solve` of ``LUDecomposition`` to the inverse.
  ///
  /// - Returns: `A^-1`, with relative error about `n * u * cond(A)`.
  /// - Throws: `Matrix.Error.notSquare`; `Matrix.Error.singular` naming a zero pivot;
  ///   `Matrix.Error.nonFinite` if the inverse overflows.
  /// - Complexity: O(n^3).
  public func inverse() throws(Error) -> Matrix {
    try LUDecomposition(self).solve(Matrix.identity(rows))
  }

  /// Returns the 2-norm condition number `sigma[0] / sigma[k - 1]`, `k = min(m, n)`.
  ///
  /// For a rectangular matrix this is the condition number of least squares problems with it.
  /// It is infinite when the smallest singular value is 0 (a rank-deficient matrix), and it is
  /// meaningful only up to about `1 / u`: the computed smallest singular value has absolute
  /// error about `u * sigma[0]`.
  ///
  /// - Returns: The condition number, at least 1, or infinity.
  /// - Throws: `Matrix.Error.invalidShape` for an empty matrix, which has no condition number.
  /// - Complexity: O(m * n * min(m, n)), an SVD.
  public func conditionNumber() throws(Error) -> Scalar {
    guard rows > 0, columns > 0 else {
      throw .invalidShape(rows: rows, columns: columns, count: 0)
    }
    let sigma = SingularValueDecomposition(validated: self).singularValues
    guard let largest = sigma.first, let smallest = sigma.last else { return .infinity }
    if largest == 0 { return .infinity }
    return smallest == 0 ? .infinity : largest / smallest
  }
}

extension ReferenceScalar {
  /// Returns `self * 2^exponent`, exact unless the result overflows (to an infinity of the
  /// sign of `self`) or falls in the subnormal range (where it is correctly rounded).
  ///
  /// Unlike a multiplication by a power of two, the factor itself need not be representable:
  /// `Double.leastNonzeroMagnitude.timesPowerOfTwo(2000)` is finite.
  func timesPowerOfTwo(_ exponent: Int) -> Self {
    Self(sign: .plus, exponent: Exponent(exponent), significand: self)
  }
}
