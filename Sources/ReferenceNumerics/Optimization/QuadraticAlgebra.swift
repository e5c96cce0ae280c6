// SPDX-License-Identifier: GPL-3.0-or-later

/// The small dense linear algebra the quadratic-form kernel needs, on row-major square arrays.
enum QuadraticAlgebra {
  /// Returns an n x n matrix from finite row-major entries (they were checked by the caller).
  static func square<Scalar: ReferenceScalar>(_ n: Int, _ elements: [Scalar]) -> Matrix<Scalar> {
    // The entries are finite and n * n in number, so the throwing initialiser cannot fail;
    // the identity is only a type-correct fallback.
    (try? Matrix(rows: n, columns: n, elements: elements)) ?? Matrix.identity(n)
  }

  /// Returns the eigenvalues (ascending) and eigenvectors (columns, row-major) of a symmetric
  /// matrix by the cyclic Jacobi method.
  ///
  /// Each rotation zeroes one off-diagonal pair (Golub & Van Loan, 4th ed., section 8.5.2); sweeps
  /// stop when the off-diagonal mass is below `ulpOfOne^2` times the Frobenius norm squared, or
  /// after 60 sweeps. The eigenvalues have absolute errors of a small multiple of
  /// `ulpOfOne * max |lambda|`.
  static func jacobiEigen<Scalar: ReferenceScalar>(_ n: Int, _ input: [Scalar])
    -> (values: [Scalar], vectors: [Scalar])
  {
    var a = input
    var v = [Scalar](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    let total = a.reduce(Scalar(0)) { $0 + $1 * $1 }
    for _ in 0..<60 {
      var off: Scalar = 0
      for i in 0..<n { for j in 0..<n where i != j { off += a[i * n + j] * a[i * n + j] } }
      if off <= Scalar.ulpOfOne * Scalar.ulpOfOne * total || off == 0 { break }
      for p in 0..<n {
        for q in (p + 1)..<max(p + 1, n) where a[p * n + q] != 0 {
          let apq = a[p * n + q]
          let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
          let sign: Scalar = theta >= 0 ? 1 : -1
          let t = sign / (theta.magnitude + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<n {
            let akp = a[k * n + p]
            let akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
          }
          for k in 0..<n {
            let apk = a[p * n + k]
            let aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
          }
          for k in 0..<n {
            let vkp = v[k * n + p]
            let vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
          }
        }
      }
    }
    let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
    let values = order.map { a[$0 * n + $0] }
    var vectors = [Scalar](repeating: 0, count: n * n)
    for (column, k) in order.enumerated() {
      for i in 0..<n { vectors[i * n + column] = v[i * n + k] }
    }
    return (values, vectors)
  }

  /// Returns the determinant of an n x n row-major matrix by Gaussian elimination with partial
  /// pivoting.
  static func determinant<Scalar: ReferenceScalar>(_ n: Int, _ input: [Scalar]) -> Scalar {
    var a = input
    var det: Scalar = 1
    for k in 0..<n {
      var pivot = k
      for i in (k + 1)..<max(k + 1, n) where a[i * n + k].magnitude > a[pivot * n + k].magnitude {
        pivot = i
      }
      if a[pivot * n + k] == 0 { return 0 }
      if pivot != k {
        for j in 0..<n { a.swapAt(k * n + j, pivot * n + j) }
        det = -det
      }
      det *= a[k * n + k]
      for i in (k + 1)..<max(k + 1, n) {
        let factor = a[i * n + k] / a[k * n + k]
        for j in k..<n { a[i * n + j] -= factor * a[k * n + j] }
      }
    }
    return det
  }
}
