// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

extension Matrix {
  /// Returns the matrix exponential `exp(A)` by scaling and squaring with a [6/6] Pade approximant.
  ///
  /// Scale `A` by `2^-s` so that `|A / 2^s|_inf <= 1/2`, form the diagonal Pade approximant
  ///
  ///     N(X) = sum over j in 0 ... 6 of c_j X^j,   D(X) = N(-X),
  ///     c_0 = 1,  c_j = c_(j-1) * (7 - j) / (j * (13 - j))
  ///
  /// solve `D * R = N` by LU, and square `R` `s` times. With the norm at most 1/2 the Pade
  /// approximant's relative backward error is below 3.4e-16 (Golub & Van Loan, *Matrix
  /// Computations*, 4th ed., 2013, algorithm 9.3.1 and its bound with q = 6).
  ///
  /// - Returns: `exp(A)`.
  /// - Throws: `Matrix.Error.notSquare` for a non-square matrix; `Matrix.Error.nonFinite` when
  ///   the result overflows; `Matrix.Error.singular` if the Pade denominator is singular (it is
  ///   not, for norms at most 1/2).
  /// - Complexity: O(n^3 (6 + s)).
  public func exponential() throws(Error) -> Matrix {
    guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
    let n = rows
    if n == 0 { return self }
    var s = 0
    let norm = infinityNorm
    if norm > Scalar(1) / 2 {
      s = Swift.max(0, Int(Double.log2(Double(norm) * 2).rounded(.up)))
    }
    let scaled = try scaled(by: Scalar.pow(2, -s))
    let identity = Matrix.identity(n)
    var c: Scalar = 1
    var power = identity
    var numerator = identity
    var denominator = identity
    for j in 1...6 {
      c = c * Scalar(7 - j) / Scalar(j * (13 - j))
      power = try power.multiplied(by: scaled)
      let term = try power.scaled(by: c)
      numerator = try numerator + term
      denominator = j % 2 == 0 ? try denominator + term : try denominator - term
    }
    var result = try LUDecomposition(denominator).solve(numerator)
    for _ in 0..<s { result = try result.multiplied(by: result) }
    return result
  }
}
