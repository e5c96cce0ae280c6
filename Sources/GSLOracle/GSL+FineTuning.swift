internal import CGSL

extension GSL {
  /// Returns the standard normal quantile `Phi^-1(p)` (`gsl_cdf_ugaussian_Pinv`).
  ///
  /// - Parameter p: A probability in the open interval (0, 1).
  /// - Returns: GSL's quantile.
  /// - Throws: `GSLError.domain` for p outside (0, 1) or NaN.
  public static func normalQuantile(_ p: Double) throws(GSLError) -> Double {
    prepare()
    guard p > 0, p < 1 else { throw .domain("gsl_cdf_ugaussian_Pinv(p: \(p))") }
    return gsl_cdf_ugaussian_Pinv(p)
  }

  /// Returns `alpha * A * B + beta * C` by `gsl_blas_dgemm` (GSL's CBLAS), with C defaulting to
  /// zero.
  ///
  /// - Parameters:
  ///   - a: An m x n matrix as rows.
  ///   - b: An n x p matrix as rows.
  ///   - alpha: The factor of the product.
  ///   - c: An m x p matrix as rows, or `nil` for zero.
  ///   - beta: The factor of `c`.
  /// - Returns: The m x p result as rows.
  /// - Throws: `GSLError.domain` for empty, ragged, mismatched or non-finite input.
  public static func matrixProduct(
    _ a: [[Double]], _ b: [[Double]], alpha: Double = 1, adding c: [[Double]]? = nil,
    beta: Double = 1
  ) throws(GSLError) -> [[Double]] {
    prepare()
    let context = { "gsl_blas_dgemm(\(a.count) x \(a.first?.count ?? 0), \(b.count) rows)" }
    guard let n = a.first?.count, n > 0, a.allSatisfy({ $0.count == n }), b.count == n,
      let p = b.first?.count, p > 0, b.allSatisfy({ $0.count == p }), alpha.isFinite,
      beta.isFinite, a.joined().allSatisfy(\.isFinite), b.joined().allSatisfy(\.isFinite)
    else { throw .domain(context()) }
    let m = a.count
    if let c {
      guard c.count == m, c.allSatisfy({ $0.count == p && $0.allSatisfy(\.isFinite) }) else {
        throw .domain(context())
      }
    }
    guard let left = gsl_matrix_alloc(m, n) else { throw .domain(context()) }
    defer { gsl_matrix_free(left) }
    guard let right = gsl_matrix_alloc(n, p) else { throw .domain(context()) }
    defer { gsl_matrix_free(right) }
    guard let out = gsl_matrix_calloc(m, p) else { throw .domain(context()) }
    defer { gsl_matrix_free(out) }
    for i in 0..<m { for j in 0..<n { gsl_matrix_set(left, i, j, a[i][j]) } }
    for i in 0..<n { for j in 0..<p { gsl_matrix_set(right, i, j, b[i][j]) } }
    if let c { for i in 0..<m { for j in 0..<p { gsl_matrix_set(out, i, j, c[i][j]) } } }
    try GSLError.check(
      gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, alpha, left, right, c == nil ? 0 : beta, out),
      context())
    return (0..<m).map { i in (0..<p).map { j in gsl_matrix_get(out, i, j) } }
  }

  /// Returns the m x n factor with orthonormal columns of the QR factorization of an m x n
  /// matrix, m >= n (`gsl_linalg_QR_decomp` and `gsl_linalg_QR_unpack`; the first n columns).
  ///
  /// - Parameter a: A tall matrix as rows, with finite entries.
  /// - Returns: The first n columns of Q, as rows.
  /// - Throws: `GSLError.domain` for an empty, ragged, wide or non-finite matrix.
  public static func orthonormalColumns(_ a: [[Double]]) throws(GSLError) -> [[Double]] {
    prepare()
    let context = { "gsl_linalg_QR_decomp(\(a.count) x \(a.first?.count ?? 0))" }
    guard let n = a.first?.count, n > 0, a.count >= n,
      a.allSatisfy({ $0.count == n && $0.allSatisfy(\.isFinite) })
    else { throw .domain(context()) }
    let m = a.count
    guard let matrix = gsl_matrix_alloc(m, n) else { throw .domain(context()) }
    defer { gsl_matrix_free(matrix) }
    guard let tau = gsl_vector_alloc(n) else { throw .domain(context()) }
    defer { gsl_vector_free(tau) }
    guard let q = gsl_matrix_alloc(m, m) else { throw .domain(context()) }
    defer { gsl_matrix_free(q) }
    guard let r = gsl_matrix_alloc(m, n) else { throw .domain(context()) }
    defer { gsl_matrix_free(r) }
    for i in 0..<m { for j in 0..<n { gsl_matrix_set(matrix, i, j, a[i][j]) } }
    try GSLError.check(gsl_linalg_QR_decomp(matrix, tau), context())
    try GSLError.check(gsl_linalg_QR_unpack(matrix, tau, q, r), context())
    return (0..<m).map { i in (0..<n).map { j in gsl_matrix_get(q, i, j) } }
  }
}
