// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

extension Matrix {
  /// Returns the matrix exponential `exp(A)` by Higham's scaling and squaring algorithm.
  ///
  /// With `m` the smallest of the degrees 3, 5, 7, 9 whose threshold `theta_m` bounds the
  /// 1-norm of `A`, the diagonal `[m/m]` Pade approximant `D^-1 N` is used unscaled; past
  /// `theta_9 = 2.10`, `A` is scaled by `2^-s` so that `|A / 2^s|_1 <= theta_9`, the `[9/9]`
  /// approximant is formed and squared `s` times. The coefficients are
  ///
  ///     N(X) = sum over j in 0 ... m of c_j X^j,   D(X) = N(-X),
  ///     c_0 = 1,  c_j = c_(j-1) * (m + 1 - j) / (j * (2m + 1 - j))
  ///
  /// and the thresholds are those for which the approximant's relative backward error is below
  /// the unit roundoff of `Double` (N. J. Higham, "The scaling and squaring method for the
  /// matrix exponential revisited", SIAM J. Matrix Anal. Appl. 26(4), 2005, table 2.3 and
  /// algorithm 2.3, which scales to degree 13). A large threshold keeps the number of squarings,
  /// whose rounding errors the backward bound does not cover, small: for HiPPO LegS with N = 32
  /// and a unit step the error against a 34-digit exponential falls from 1e-13 of the norm
  /// (a `[6/6]` approximant on norm 1/2, two more squarings) to about 2e-15. Degree 9 rather
  /// than 13 is the scaling target because the denominator `D(X)` of a matrix with large
  /// positive eigenvalues cancels by about `exp(|X|)`: at `theta_13 = 5.37` that costs a
  /// hundred ulps on `exp(20)`, at `theta_9` a few.
  ///
  /// - Returns: `exp(A)`.
  /// - Throws: `Matrix.Error.notSquare` for a non-square matrix; `Matrix.Error.nonFinite` when
  ///   the result overflows; `Matrix.Error.singular` if the Pade denominator is singular (it is
  ///   not, for norms within the thresholds).
  /// - Complexity: O(n^3 (6 + s)).
  public func exponential() throws(Error) -> Matrix {
    guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
    let n = rows
    if n == 0 { return self }
    let norm = Double(oneNorm)
    for (degree, theta) in Self.padeThresholds where norm <= theta {
      return try Self.pade(self, degree: degree)
    }
    let theta9 = 2.097847961257068
    let s = Swift.max(0, Int(Double.log2(norm / theta9).rounded(.up)))
    var result = try Self.pade(scaled(by: Scalar.pow(2, -s)), degree: 9)
    for _ in 0..<s { result = try result.multiplied(by: result) }
    return result
  }

  /// Higham's thresholds `theta_m` for the degrees used without scaling.
  static var padeThresholds: [(Int, Double)] {
    [
      (3, 1.495585217958292e-2), (5, 2.539398330063230e-1), (7, 9.504178996162932e-1),
      (9, 2.097847961257068),
    ]
  }

  /// Returns the `[m/m]` Pade approximant `D(X)^-1 N(X)` of `exp(X)`, for m in 3, 5, 7, 9, 13.
  ///
  /// `N = V + U` and `D = V - U`, with `U` the odd part `X * sum of c_(2j+1) X^(2j)` and `V`
  /// the even part; degree 13 groups the powers as Higham's algorithm does (six products).
  static func pade(_ x: Matrix, degree m: Int) throws(Error) -> Matrix {
    var c = [Double](repeating: 1, count: m + 1)
    for j in 1...m { c[j] = c[j - 1] * Double(m + 1 - j) / Double(j * (2 * m + 1 - j)) }
    let identity = Matrix.identity(x.rows)
    let x2 = try x.multiplied(by: x)
    var evens = [identity, x2]
    let count = m == 13 ? 4 : (m - 1) / 2 + 1
    while evens.count < count { evens.append(try evens[evens.count - 1].multiplied(by: x2)) }
    func combination(_ terms: [(Double, Matrix)]) throws(Error) -> Matrix {
      var sum = Matrix.zeros(rows: x.rows, columns: x.columns)
      for (coefficient, power) in terms { sum = try sum + power.scaled(by: Scalar(coefficient)) }
      return sum
    }
    let odd: Matrix
    let even: Matrix
    if m == 13 {
      let (x4, x6) = (evens[2], evens[3])
      let highOdd = try combination([(c[13], x6), (c[11], x4), (c[9], x2)])
      let lowOdd = try combination([(c[7], x6), (c[5], x4), (c[3], x2), (c[1], identity)])
      odd = try x.multiplied(by: x6.multiplied(by: highOdd) + lowOdd)
      let highEven = try combination([(c[12], x6), (c[10], x4), (c[8], x2)])
      let lowEven = try combination([(c[6], x6), (c[4], x4), (c[2], x2), (c[0], identity)])
      even = try x6.multiplied(by: highEven) + lowEven
    } else {
      odd = try x.multiplied(by: combination(evens.indices.map { (c[2 * $0 + 1], evens[$0]) }))
      even = try combination(evens.indices.map { (c[2 * $0], evens[$0]) })
    }
    return try LUDecomposition(even - odd).solve(even + odd)
  }
}
