internal import CGSL

extension GSL {
  /// Returns the LU factorization with partial pivoting `P * A = L * U` (`gsl_linalg_LU_decomp`).
  ///
  /// `lower` is unit lower triangular and `upper` upper triangular; row `i` of `L * U` is row
  /// `permutation[i]` of `A` (GSL's permutation, translated to this convention), and `sign` is
  /// the sign of the permutation, +1 or -1. A singular matrix factors without error.
  ///
  /// - Parameter a: A square matrix as rows, with at least one row and finite entries.
  /// - Returns: The factors, the permutation and its sign.
  /// - Throws: `GSLError.domain` for an empty, ragged, non-square or non-finite matrix, or the
  ///   status GSL returns.
  public static func luDecomposition(
    _ a: [[Double]]
  ) throws(GSLError) -> (lower: [[Double]], upper: [[Double]], permutation: [Int], sign: Int) {
    prepare()
    let context = { "gsl_linalg_LU_decomp(\(shapeText(a)))" }
    let n = try squareOrder(a, context)
    return try withLU(a, context) { (lu, permutation, sign) throws(GSLError) in
      let packed = rows(of: lu)
      var lower = packed
      var upper = packed
      for i in 0..<n {
        for j in 0..<n {
          if j < i { upper[i][j] = 0 } else { lower[i][j] = j == i ? 1 : 0 }
        }
      }
      // GSL's p satisfies (L * U)[i] = A[p[i]], which is already this function's convention
      // (`GSLLinearAlgebraTests` confirms it on a 3-cycle, which differs from its inverse).
      let order = (0..<n).map { Int(gsl_permutation_get(permutation, $0)) }
      return (lower, upper, order, Int(sign))
    }
  }

  /// Returns the determinant of a square matrix from its LU factorization (`gsl_linalg_LU_det`).
  ///
  /// - Parameter a: A square matrix as rows, with at least one row and finite entries.
  /// - Returns: GSL's determinant.
  /// - Throws: `GSLError.domain` for an empty, ragged, non-square or non-finite matrix, or the
  ///   status GSL returns.
  public static func luDeterminant(_ a: [[Double]]) throws(GSLError) -> Double {
    prepare()
    let context = { "gsl_linalg_LU_det(\(shapeText(a)))" }
    _ = try squareOrder(a, context)
    return try withLU(a, context) { (lu, _, sign) throws(GSLError) in
      gsl_linalg_LU_det(lu, sign)
    }
  }

  /// Returns the solution of `A * x = b` by LU with partial pivoting (`gsl_linalg_LU_solve`).
  ///
  /// - Parameters:
  ///   - a: A square matrix as rows, with at least one row and finite entries.
  ///   - b: The right-hand side, with one finite entry per row of `a`.
  /// - Returns: GSL's solution.
  /// - Throws: `GSLError.domain` for bad shapes or non-finite entries, and for a singular
  ///   matrix (GSL's own check), or another status GSL returns.
  public static func luSolve(_ a: [[Double]], _ b: [Double]) throws(GSLError) -> [Double] {
    prepare()
    let context = { "gsl_linalg_LU_solve(\(shapeText(a)), b: \(b.count) entries)" }
    let n = try squareOrder(a, context)
    guard b.count == n, b.allSatisfy(\.isFinite) else { throw .domain(context()) }
    return try withLU(a, context) { (lu, permutation, _) throws(GSLError) in
      guard let right = gsl_vector_alloc(n) else { throw noMemory(context) }
      defer { gsl_vector_free(right) }
      guard let x = gsl_vector_alloc(n) else { throw noMemory(context) }
      defer { gsl_vector_free(x) }
      for i in 0..<n { gsl_vector_set(right, i, b[i]) }
      try GSLError.check(gsl_linalg_LU_solve(lu, permutation, right, x), context())
      return (0..<n).map { gsl_vector_get(x, $0) }
    }
  }

  /// Returns the lower Cholesky factor `L`, with `A = L * L^T` (`gsl_linalg_cholesky_decomp1`).
  ///
  /// - Parameter a: A symmetric positive definite matrix as rows (exactly symmetric, at least
  ///   one row, finite entries).
  /// - Returns: `L` as rows, with zeros above the diagonal.
  /// - Throws: `GSLError.domain` for an empty, ragged, non-square, non-symmetric or
  ///   non-finite matrix, and for one that is not positive definite (GSL's own check).
  public static func cholesky(_ a: [[Double]]) throws(GSLError) -> [[Double]] {
    prepare()
    let context = { "gsl_linalg_cholesky_decomp1(\(shapeText(a)))" }
    let n = try squareOrder(a, context)
    try requireSymmetric(a, context)
    let matrix = try allocate(a, context)
    defer { gsl_matrix_free(matrix) }
    try GSLError.check(gsl_linalg_cholesky_decomp1(matrix), context())
    var factor = rows(of: matrix)
    for i in 0..<n {
      for j in (i + 1)..<n { factor[i][j] = 0 }
    }
    return factor
  }

  /// Returns the eigenvalues, ascending, and orthonormal eigenvectors of a symmetric matrix.
  ///
  /// Calls `gsl_eigen_symmv` (Householder tridiagonalization and implicit symmetric QR) and
  /// sorts with `gsl_eigen_symmv_sort(..., GSL_EIGEN_SORT_VAL_ASC)`. Eigenvector `i` is column
  /// `i` of `eigenvectors`; its sign is arbitrary.
  ///
  /// - Parameter a: An exactly symmetric matrix as rows, with at least one row and finite
  ///   entries.
  /// - Returns: The eigenvalues and the eigenvector matrix (as rows).
  /// - Throws: `GSLError.domain` for an empty, ragged, non-square, non-symmetric or
  ///   non-finite matrix, or the status GSL returns.
  public static func symmetricEigen(
    _ a: [[Double]]
  ) throws(GSLError) -> (eigenvalues: [Double], eigenvectors: [[Double]]) {
    prepare()
    let context = { "gsl_eigen_symmv(\(shapeText(a)))" }
    let n = try squareOrder(a, context)
    try requireSymmetric(a, context)
    let matrix = try allocate(a, context)
    defer { gsl_matrix_free(matrix) }
    guard let values = gsl_vector_alloc(n) else { throw noMemory(context) }
    defer { gsl_vector_free(values) }
    guard let vectors = gsl_matrix_alloc(n, n) else { throw noMemory(context) }
    defer { gsl_matrix_free(vectors) }
    guard let workspace = gsl_eigen_symmv_alloc(n) else { throw noMemory(context) }
    defer { gsl_eigen_symmv_free(workspace) }
    try GSLError.check(gsl_eigen_symmv(matrix, values, vectors, workspace), context())
    try GSLError.check(
      gsl_eigen_symmv_sort(values, vectors, GSL_EIGEN_SORT_VAL_ASC), context())
    return ((0..<n).map { gsl_vector_get(values, $0) }, rows(of: vectors))
  }

  /// Returns the thin singular value decomposition `A = U * diag(sigma) * V^T` by one-sided
  /// Jacobi (`gsl_linalg_SV_decomp_jacobi`).
  ///
  /// GSL requires `m >= n`; a wide matrix is decomposed as its transpose and the factors are
  /// swapped. With `k = min(m, n)`, `u` is m x k, `v` is n x k (as rows) and the singular
  /// values are sorted descending (columns of `u` and `v` permuted alike). Signs of singular
  /// vectors are arbitrary.
  ///
  /// - Parameter a: A matrix as rows, with at least one row and one column and finite entries.
  /// - Returns: `u`, the singular values and `v`.
  /// - Throws: `GSLError.domain` for an empty, ragged or non-finite matrix, or the status GSL
  ///   returns.
  public static func singularValueDecompositionJacobi(
    _ a: [[Double]]
  ) throws(GSLError) -> (u: [[Double]], singularValues: [Double], v: [[Double]]) {
    prepare()
    let context = { "gsl_linalg_SV_decomp_jacobi(\(shapeText(a)))" }
    let (m, n) = try validatedShape(a, context)
    if m < n {
      let transposed = (0..<n).map { j in (0..<m).map { i in a[i][j] } }
      let (u, sigma, v) = try singularValueDecompositionJacobi(transposed)
      return (v, sigma, u)
    }
    let matrix = try allocate(a, context)
    defer { gsl_matrix_free(matrix) }
    guard let right = gsl_matrix_alloc(n, n) else { throw noMemory(context) }
    defer { gsl_matrix_free(right) }
    guard let values = gsl_vector_alloc(n) else { throw noMemory(context) }
    defer { gsl_vector_free(values) }
    try GSLError.check(gsl_linalg_SV_decomp_jacobi(matrix, right, values), context())
    let sigma = (0..<n).map { gsl_vector_get(values, $0) }
    let order = (0..<n).sorted { sigma[$0] > sigma[$1] }
    let u = rows(of: matrix)
    let v = rows(of: right)
    return (
      u.map { row in order.map { row[$0] } }, order.map { sigma[$0] },
      v.map { row in order.map { row[$0] } }
    )
  }
}

// MARK: - Matrices in and out of GSL

extension GSL {
  /// Returns "m x n" (or "ragged") for error messages.
  private static func shapeText(_ a: [[Double]]) -> String {
    let columns = a.first?.count ?? 0
    return a.allSatisfy { $0.count == columns } ? "\(a.count) x \(columns)" : "ragged rows"
  }

  /// Returns the shape of a non-empty rectangular matrix with finite entries, or throws.
  private static func validatedShape(
    _ a: [[Double]], _ context: () -> String
  ) throws(GSLError) -> (rows: Int, columns: Int) {
    guard let columns = a.first?.count, columns > 0,
      a.allSatisfy({ $0.count == columns && $0.allSatisfy(\.isFinite) })
    else { throw .domain(context()) }
    return (a.count, columns)
  }

  /// Returns the order of a non-empty square matrix with finite entries, or throws.
  private static func squareOrder(
    _ a: [[Double]], _ context: () -> String
  ) throws(GSLError) -> Int {
    let (rows, columns) = try validatedShape(a, context)
    guard rows == columns else { throw .domain(context()) }
    return rows
  }

  /// Throws unless the square matrix is exactly symmetric.
  private static func requireSymmetric(
    _ a: [[Double]], _ context: () -> String
  ) throws(GSLError) {
    for i in a.indices {
      for j in 0..<i where a[i][j] != a[j][i] { throw .domain(context()) }
    }
  }

  /// The error for a failed allocation (`GSL_ENOMEM`).
  private static func noMemory(_ context: () -> String) -> GSLError {
    GSLError(rawValue: Int32(GSL_ENOMEM), context: context())
  }

  /// Allocates a GSL matrix holding `a`; the caller frees it with `gsl_matrix_free`.
  private static func allocate(
    _ a: [[Double]], _ context: () -> String
  ) throws(GSLError) -> UnsafeMutablePointer<gsl_matrix> {
    guard let matrix = gsl_matrix_alloc(a.count, a[0].count) else { throw noMemory(context) }
    for (i, row) in a.enumerated() {
      for (j, value) in row.enumerated() { gsl_matrix_set(matrix, i, j, value) }
    }
    return matrix
  }

  /// Returns the entries of a GSL matrix as rows.
  private static func rows(of matrix: UnsafePointer<gsl_matrix>) -> [[Double]] {
    (0..<matrix.pointee.size1).map { i in
      (0..<matrix.pointee.size2).map { j in gsl_matrix_get(matrix, i, j) }
    }
  }

  /// Factors a validated square matrix with `gsl_linalg_LU_decomp` and passes the packed
  /// factors, the permutation and its sign to `body`; everything is freed afterwards.
  private static func withLU<Result>(
    _ a: [[Double]], _ context: () -> String,
    _ body: (
      UnsafeMutablePointer<gsl_matrix>, UnsafeMutablePointer<gsl_permutation>, Int32
    ) throws(GSLError) -> Result
  ) throws(GSLError) -> Result {
    let matrix = try allocate(a, context)
    defer { gsl_matrix_free(matrix) }
    guard let permutation = gsl_permutation_alloc(a.count) else { throw noMemory(context) }
    defer { gsl_permutation_free(permutation) }
    var sign: Int32 = 0
    try GSLError.check(gsl_linalg_LU_decomp(matrix, permutation, &sign), context())
    return try body(matrix, permutation, sign)
  }
}

extension GSL {
  /// Returns GSL's leading principal minors of a square matrix, the smallest block first.
  ///
  /// Minor k is the LU determinant (`gsl_linalg_LU_det`) of the top-left k x k block.
  public static func leadingMinors(_ a: [[Double]]) throws(GSLError) -> [Double] {
    var minors: [Double] = []
    for k in 1...max(1, a.count) {
      minors.append(try luDeterminant(a.prefix(k).map { Array($0.prefix(k)) }))
    }
    return minors
  }

  /// Returns the minimum-norm solution `A^+ y` of `A x = y` by GSL's one-sided Jacobi SVD.
  ///
  /// Singular values up to `sqrt(eps) * sigma_max` (about 1.5e-8 relative) count as zero: the
  /// matrices of the degenerate checks have nonzero singular values within a factor 10 of the
  /// largest and zero ones at rounding level, so any cut-off in between gives the same rank.
  public static func minimumNormSolution(_ a: [[Double]], _ y: [Double]) throws(GSLError)
    -> [Double]
  {
    let (u, sigma, v) = try singularValueDecompositionJacobi(a)
    let cutoff = (sigma.first ?? 0) * Double.ulpOfOne.squareRoot()
    var x = [Double](repeating: 0, count: v.count)
    for k in sigma.indices where sigma[k] > cutoff {
      // x += v_k (u_k^T y) / sigma_k
      let coefficient = u.indices.reduce(0) { $0 + u[$1][k] * y[$1] } / sigma[k]
      for i in x.indices { x[i] += coefficient * v[i][k] }
    }
    return x
  }

  /// Returns the norm of the part of `y` outside the range of `A`, by GSL's one-sided Jacobi SVD
  /// with the cut-off of `minimumNormSolution(_:_:)`.
  public static func offRangeNorm(_ a: [[Double]], _ y: [Double]) throws(GSLError) -> Double {
    let (u, sigma, _) = try singularValueDecompositionJacobi(a)
    let cutoff = (sigma.first ?? 0) * Double.ulpOfOne.squareRoot()
    var residual = y
    for k in sigma.indices where sigma[k] > cutoff {
      let coefficient = u.indices.reduce(0) { $0 + u[$1][k] * y[$1] }
      for i in residual.indices { residual[i] -= coefficient * u[i][k] }
    }
    return euclideanNorm(residual)
  }

  /// The Euclidean norm, scaled so that no square overflows or underflows.
  static func euclideanNorm(_ v: [Double]) -> Double {
    let scale = v.reduce(0) { max($0, abs($1)) }
    guard scale > 0, scale.isFinite else { return scale }
    return scale * v.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
  }
}
