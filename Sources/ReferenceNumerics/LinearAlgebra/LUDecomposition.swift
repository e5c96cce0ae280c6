// SPDX-License-Identifier: GPL-3.0-or-later

/// The LU factorization with partial pivoting of a square matrix, `P * A = L * U`.
///
/// `L` is unit lower triangular, `U` is upper triangular and `P` is the row permutation that
/// moves row `permutation[i]` of `A` to row `i`:
///
///     (P * A)[i][j] = A[permutation[i]][j]
///     L[i][i] = 1,  |L[i][j]| <= 1                  (partial pivoting)
///     det(A) = permutationSign * product over i of U[i][i]
///
/// The algorithm is Gaussian elimination with partial pivoting, outer-product (kij) form
/// (Golub & Van Loan, *Matrix Computations*, 4th ed., 2013, algorithm 3.4.1). A column whose
/// candidates are all exactly zero is skipped, so a singular matrix factors without error and
/// has a zero on the diagonal of `U`; ``solve(_:)->[Scalar]`` then throws `Matrix.Error.singular`.
///
/// Accuracy: the computed factors are the exact factors of a nearby matrix,
///
///     P * (A + E) = L * U,   |E| <= gamma(n) * P^T * |L| * |U|,   gamma(n) = n * u / (1 - n * u)
///
/// with `u = Scalar.ulpOfOne / 2` (Higham, *Accuracy and Stability of Numerical Algorithms*,
/// 2nd ed., 2002, theorem 9.3, https://doi.org/10.1137/1.9780898718027). Normwise,
/// `||A - P^T * L * U|| / ||A|| <= c * n * u * rho` with the growth factor `rho`, which is
/// bounded by `2^(n - 1)` but is small in practice; a solve is backward stable in the same
/// sense, and its forward error is about `n * u * cond(A)`.
///
/// - Complexity: `2 * n^3 / 3` flops to factor, `2 * n^2` flops per solve.
public struct LUDecomposition<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The order `n` of the factored matrix.
  public let order: Int
  /// `L` strictly below the diagonal (its unit diagonal implied) and `U` on and above it.
  let packed: [Scalar]
  /// The row permutation: row `i` of `L * U` is row `permutation[i]` of `A`.
  public let permutation: [Int]
  /// The sign of the permutation, +1 or -1 (`det(P)`).
  public let permutationSign: Scalar

  /// Factors a square matrix.
  ///
  /// - Parameter a: The matrix to factor; it may be singular.
  /// - Throws: `Matrix.Error.notSquare` if `a` is not square; `Matrix.Error.nonFinite` if an
  ///   entry of the factors overflows (possible only for entries near the overflow threshold).
  /// - Complexity: O(n^3).
  public init(_ a: Matrix<Scalar>) throws(Matrix<Scalar>.Error) {
    guard a.isSquare else { throw .notSquare(rows: a.rows, columns: a.columns) }
    let n = a.rows
    var lu = a.elements
    var permutation = Array(0..<n)
    var sign: Scalar = 1
    for k in 0..<n {
      var pivotRow = k
      var largest = abs(lu[k * n + k])
      for i in (k + 1)..<n where abs(lu[i * n + k]) > largest {
        largest = abs(lu[i * n + k])
        pivotRow = i
      }
      if pivotRow != k {
        for j in 0..<n { lu.swapAt(k * n + j, pivotRow * n + j) }
        permutation.swapAt(k, pivotRow)
        sign = -sign
      }
      let pivot = lu[k * n + k]
      if pivot == 0 { continue }
      for i in (k + 1)..<n {
        let multiplier = lu[i * n + k] / pivot
        lu[i * n + k] = multiplier
        if multiplier == 0 { continue }
        for j in (k + 1)..<n { lu[i * n + j] -= multiplier * lu[k * n + j] }
      }
    }
    guard lu.allSatisfy(\.isFinite) else { throw .nonFinite }
    order = n
    packed = lu
    self.permutation = permutation
    permutationSign = sign
  }

  /// The unit lower triangular factor `L`.
  public var lower: Matrix<Scalar> {
    var elements = [Scalar](repeating: 0, count: order * order)
    for i in 0..<order {
      for j in 0..<i { elements[i * order + j] = packed[i * order + j] }
      elements[i * order + i] = 1
    }
    return Matrix(unchecked: order, order, elements)
  }

  /// The upper triangular factor `U`.
  public var upper: Matrix<Scalar> {
    var elements = [Scalar](repeating: 0, count: order * order)
    for i in 0..<order {
      for j in i..<order { elements[i * order + j] = packed[i * order + j] }
    }
    return Matrix(unchecked: order, order, elements)
  }

  /// The permutation matrix `P`, with `P[i][permutation[i]] = 1`, so that `P * A = L * U`.
  public var permutationMatrix: Matrix<Scalar> {
    var elements = [Scalar](repeating: 0, count: order * order)
    for i in 0..<order { elements[i * order + permutation[i]] = 1 }
    return Matrix(unchecked: order, order, elements)
  }

  /// The determinant, `permutationSign` times the product of the diagonal of `U`.
  ///
  /// The product is accumulated as a significand and a separate exponent, so it overflows or
  /// underflows only if the determinant itself does (then it is infinite or 0). It is exactly
  /// 0 for a matrix with a zero pivot, and 1 for the empty matrix. Its relative error is
  /// about `n * u * cond(A)`.
  public var determinant: Scalar {
    // Invariant: the product so far is mantissa * 2^exponent, with 1 <= |mantissa| < 2.
    var mantissa = permutationSign
    var exponent = 0
    for i in 0..<order {
      let pivot = packed[i * order + i]
      if pivot == 0 { return 0 }
      mantissa *= pivot < 0 ? -pivot.significand : pivot.significand
      exponent += Int(pivot.exponent) + Int(mantissa.exponent)
      mantissa = Scalar(sign: mantissa.sign, exponent: 0, significand: mantissa.significand)
    }
    return Scalar(
      sign: mantissa.sign, exponent: Scalar.Exponent(clamping: exponent),
      significand: mantissa.significand)
  }

  /// Returns the solution `x` of `A * x = b`.
  ///
  /// Solves `L * y = P * b` by forward and `U * x = y` by back substitution.
  ///
  /// - Parameter b: The right-hand side, `order` finite entries.
  /// - Returns: The solution.
  /// - Throws: `Matrix.Error.shapeMismatch` if `b.count != order`; `Matrix.Error.nonFinite`
  ///   if `b` has an infinite or NaN entry or the solution overflows;
  ///   `Matrix.Error.singular` naming the first zero pivot of `U`.
  /// - Complexity: O(n^2).
  public func solve(_ b: [Scalar]) throws(Matrix<Scalar>.Error) -> [Scalar] {
    let n = order
    guard b.count == n else {
      throw .shapeMismatch(operation: "solve", left: [n, n], right: [b.count])
    }
    guard b.allSatisfy(\.isFinite) else { throw .nonFinite }
    if let zero = (0..<n).first(where: { packed[$0 * n + $0] == 0 }) {
      throw .singular(pivot: zero)
    }
    var x = permutation.map { b[$0] }
    for i in 0..<n {
      var sum = x[i]
      for j in 0..<i { sum -= packed[i * n + j] * x[j] }
      x[i] = sum
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = x[i]
      for j in (i + 1)..<n { sum -= packed[i * n + j] * x[j] }
      x[i] = sum / packed[i * n + i]
    }
    guard x.allSatisfy(\.isFinite) else { throw .nonFinite }
    return x
  }

  /// Returns the solution `X` of `A * X = B` for several right-hand sides at once.
  ///
  /// - Parameter b: A matrix with `order` rows.
  /// - Returns: The solution, of the shape of `b`.
  /// - Throws: As ``solve(_:)->[Scalar]``, for the first column that fails.
  /// - Complexity: O(n^2 * b.columns).
  public func solve(_ b: Matrix<Scalar>) throws(Matrix<Scalar>.Error) -> Matrix<Scalar> {
    guard b.rows == order else {
      throw .shapeMismatch(operation: "solve", left: [order, order], right: b.shape)
    }
    var result = [Scalar](repeating: 0, count: b.elements.count)
    for j in 0..<b.columns {
      let x = try solve(b.column(j))
      for i in 0..<order { result[i * b.columns + j] = x[i] }
    }
    return Matrix(unchecked: b.rows, b.columns, result)
  }
}
