// SPDX-License-Identifier: GPL-3.0-or-later

/// The Cholesky factorization `A = L * L^T` of a symmetric positive definite matrix.
///
/// `L` is lower triangular with a positive diagonal. Column by column (Golub & Van Loan,
/// *Matrix Computations*, 4th ed., 2013, algorithm 4.2.1, in its inner-product form):
///
///     L[j][j] = sqrt(A[j][j] - sum over k in 0 ..< j of L[j][k]^2)
///     L[i][j] = (A[i][j] - sum over k in 0 ..< j of L[i][k] * L[j][k]) / L[j][j],   i > j
///
/// A pivot (the argument of `sqrt`) that is not positive means the matrix is not positive
/// definite to working precision, and the factorization stops with
/// `Matrix.Error.notPositiveDefinite` naming it.
///
/// Accuracy: `L * L^T = A + E` with `|E| <= gamma(n + 1) * |L| * |L^T|`, hence
/// `||E||_2 <= c * n * u * ||A||_2` with no growth factor (Higham, *Accuracy and Stability of
/// Numerical Algorithms*, 2nd ed., 2002, theorem 10.3, https://doi.org/10.1137/1.9780898718027).
/// Solutions have forward error about `n * u * cond(A)`.
///
/// - Complexity: `n^3 / 3` flops to factor, `2 * n^2` flops per solve.
public struct CholeskyDecomposition<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The lower triangular factor `L`, with `A = L * L^T`.
  public let factor: Matrix<Scalar>

  /// Factors a symmetric positive definite matrix.
  ///
  /// - Parameter a: An exactly symmetric matrix (use ``Matrix/symmetrized()`` to symmetrize one
  ///   that is symmetric only up to rounding).
  /// - Throws: `Matrix.Error.notSquare`; `Matrix.Error.notSymmetric`;
  ///   `Matrix.Error.notPositiveDefinite` naming the first pivot that is not positive.
  /// - Complexity: O(n^3).
  public init(_ a: Matrix<Scalar>) throws(Matrix<Scalar>.Error) {
    guard a.isSquare else { throw .notSquare(rows: a.rows, columns: a.columns) }
    guard a.isSymmetric() else { throw .notSymmetric }
    let n = a.rows
    var l = [Scalar](repeating: 0, count: n * n)
    for j in 0..<n {
      var pivot = a.elements[j * n + j]
      for k in 0..<j { pivot -= l[j * n + k] * l[j * n + k] }
      guard pivot > 0, pivot.isFinite else { throw .notPositiveDefinite(pivot: j) }
      let diagonal = pivot.squareRoot()
      l[j * n + j] = diagonal
      for i in (j + 1)..<n {
        var sum = a.elements[i * n + j]
        for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
        l[i * n + j] = sum / diagonal
      }
    }
    guard l.allSatisfy(\.isFinite) else { throw .nonFinite }
    factor = Matrix(unchecked: n, n, l)
  }

  /// The order `n` of the factored matrix.
  public var order: Int { factor.rows }

  /// The determinant of `A`, the square of the product of the diagonal of `L`.
  ///
  /// It overflows to infinity or underflows to 0 when the product does.
  public var determinant: Scalar {
    var product: Scalar = 1
    for i in 0..<order { product *= factor.elements[i * order + i] }
    return product * product
  }

  /// Returns the solution `x` of `A * x = b`, by `L * y = b` and `L^T * x = y`.
  ///
  /// - Parameter b: The right-hand side, `order` finite entries.
  /// - Returns: The solution.
  /// - Throws: `Matrix.Error.shapeMismatch` if `b.count != order`; `Matrix.Error.nonFinite`
  ///   if `b` has an infinite or NaN entry or the solution overflows.
  /// - Complexity: O(n^2).
  public func solve(_ b: [Scalar]) throws(Matrix<Scalar>.Error) -> [Scalar] {
    let n = order
    guard b.count == n else {
      throw .shapeMismatch(operation: "solve", left: [n, n], right: [b.count])
    }
    guard b.allSatisfy(\.isFinite) else { throw .nonFinite }
    let l = factor.elements
    var x = b
    for i in 0..<n {
      var sum = x[i]
      for k in 0..<i { sum -= l[i * n + k] * x[k] }
      x[i] = sum / l[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = x[i]
      for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
      x[i] = sum / l[i * n + i]
    }
    guard x.allSatisfy(\.isFinite) else { throw .nonFinite }
    return x
  }
}
