import ReferenceNumerics

/// Seeded random vectors and matrices for property checks (used by several articles).
enum RandomMatrices {
  /// Returns a uniform number in `lower ... upper`.
  static func uniform(_ lower: Double, _ upper: Double, _ g: inout SeededGenerator) -> Double {
    lower + (upper - lower) * g.nextOpenUnitInterval()
  }

  /// Returns a random orthogonal matrix: a product of three Householder reflections.
  static func orthogonal(_ n: Int, _ g: inout SeededGenerator) -> [[Double]] {
    var q = (0..<n).map { i in (0..<n).map { i == $0 ? 1.0 : 0 } }
    for _ in 0..<3 {
      let v = (0..<n).map { _ in uniform(-1, 1, &g) }
      let vv = v.reduce(0) { $0 + $1 * $1 }
      guard vv > 0 else { continue }
      // q = q (I - 2 v v^T / v^T v)
      q = q.map { row in
        let rv = zip(row, v).reduce(0) { $0 + $1.0 * $1.1 }
        return zip(row, v).map { $0 - 2 * rv / vv * $1 }
      }
    }
    return q
  }

  /// Returns `Q diag(lambda) Q^T`, symmetrised exactly.
  static func symmetric(_ q: [[Double]], _ lambda: [Double]) -> [[Double]] {
    let n = lambda.count
    var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
      for j in i..<n {
        var sum = 0.0
        for k in 0..<n { sum += q[i][k] * lambda[k] * q[j][k] }
        a[i][j] = sum
        a[j][i] = sum
      }
    }
    return a
  }

  /// Returns a vector of `n` uniform numbers in `-scale ... scale`.
  static func vector(_ n: Int, _ g: inout SeededGenerator, scale: Double = 1) -> [Double] {
    (0..<n).map { _ in uniform(-scale, scale, &g) }
  }
}
