internal import CGSL

// The GSL functions the HiPPO checks (article 10) hold the kernels against.

extension GSL {
  /// Returns the matrix exponential `exp(A)` (`gsl_linalg_exponential_ss`, scaling and squaring
  /// with a Pade approximant, in `GSL_PREC_DOUBLE`).
  ///
  /// The function is declared in `gsl_linalg.h` but not documented; it is GSL's own code,
  /// written independently of the kernel's.
  ///
  /// - Parameter a: A square matrix as rows with finite entries.
  /// - Returns: `exp(A)` as rows.
  /// - Throws: `GSLError.domain` for a bad shape or entries, or the status GSL returns.
  public static func matrixExponential(_ a: [[Double]]) throws(GSLError) -> [[Double]] {
    prepare()
    let context = "gsl_linalg_exponential_ss(\(a.count) rows)"
    let n = try squareSize(a, context)
    let input = try matrix(a, context)
    defer { gsl_matrix_free(input) }
    guard let output = gsl_matrix_alloc(n, n) else { throw .noMemoryError(context) }
    defer { gsl_matrix_free(output) }
    try GSLError.check(gsl_linalg_exponential_ss(input, output, 0), context)
    return (0..<n).map { i in (0..<n).map { j in gsl_matrix_get(output, i, j) } }
  }

  /// Returns the eigenvalues of a general real matrix (`gsl_eigen_nonsymm`, Francis QR), as
  /// real and imaginary parts, sorted by real part then imaginary part.
  ///
  /// - Throws: `GSLError.domain` for a bad shape or entries; `GSLError.maximumIterations`
  ///   when the QR iteration does not converge, as it can for highly non-normal matrices.
  public static func nonsymmetricEigenvalues(
    _ a: [[Double]]
  ) throws(GSLError) -> [(real: Double, imaginary: Double)] {
    prepare()
    let context = "gsl_eigen_nonsymm(\(a.count) rows)"
    let n = try squareSize(a, context)
    let input = try matrix(a, context)
    defer { gsl_matrix_free(input) }
    guard let values = gsl_vector_complex_alloc(n) else { throw .noMemoryError(context) }
    defer { gsl_vector_complex_free(values) }
    guard let workspace = gsl_eigen_nonsymm_alloc(n) else { throw .noMemoryError(context) }
    defer { gsl_eigen_nonsymm_free(workspace) }
    try GSLError.check(gsl_eigen_nonsymm(input, values, workspace), context)
    let pairs = (0..<n).map { i -> (real: Double, imaginary: Double) in
      let z = gsl_vector_complex_get(values, i)
      return (z.dat.0, z.dat.1)
    }
    return pairs.sorted { $0.real != $1.real ? $0.real < $1.real : $0.imaginary < $1.imaginary }
  }

  /// Returns the eigenvalues, ascending, of the Hermitian matrix `H = X + i Y`
  /// (`gsl_eigen_herm`, which reads the lower triangle and takes the diagonal as real).
  ///
  /// - Parameters:
  ///   - real: X, symmetric, as rows.
  ///   - imaginary: Y, antisymmetric, of the same shape.
  /// - Returns: The eigenvalues, ascending.
  /// - Throws: `GSLError.domain` for bad shapes or entries, or the status GSL returns.
  public static func hermitianEigenvalues(
    real: [[Double]], imaginary: [[Double]]
  ) throws(GSLError) -> [Double] {
    prepare()
    let context = "gsl_eigen_herm(\(real.count) rows)"
    let n = try squareSize(real, context)
    guard try squareSize(imaginary, context) == n else { throw .domain(context) }
    guard let h = gsl_matrix_complex_alloc(n, n) else { throw .noMemoryError(context) }
    defer { gsl_matrix_complex_free(h) }
    for i in 0..<n {
      for j in 0..<n {
        var z = gsl_complex()
        z.dat = (real[i][j], imaginary[i][j])
        gsl_matrix_complex_set(h, i, j, z)
      }
    }
    guard let values = gsl_vector_alloc(n) else { throw .noMemoryError(context) }
    defer { gsl_vector_free(values) }
    guard let workspace = gsl_eigen_herm_alloc(n) else { throw .noMemoryError(context) }
    defer { gsl_eigen_herm_free(workspace) }
    try GSLError.check(gsl_eigen_herm(h, values, workspace), context)
    return (0..<n).map { gsl_vector_get(values, $0) }.sorted()
  }

  /// Returns `A x` by `gsl_blas_dgemv`.
  ///
  /// - Throws: `GSLError.domain` for bad shapes or entries.
  public static func multiply(_ a: [[Double]], _ x: [Double]) throws(GSLError) -> [Double] {
    prepare()
    let context = "gsl_blas_dgemv(\(a.count) rows)"
    let n = try squareSize(a, context)
    guard x.count == n, x.allSatisfy(\.isFinite) else { throw .domain(context) }
    let input = try matrix(a, context)
    defer { gsl_matrix_free(input) }
    guard let v = gsl_vector_alloc(n), let y = gsl_vector_alloc(n) else {
      throw .noMemoryError(context)
    }
    defer {
      gsl_vector_free(v)
      gsl_vector_free(y)
    }
    for i in 0..<n { gsl_vector_set(v, i, x[i]) }
    try GSLError.check(gsl_blas_dgemv(CblasNoTrans, 1, input, v, 0, y), context)
    return (0..<n).map { gsl_vector_get(y, $0) }
  }

  /// Returns the Legendre polynomials `P_0(x) ... P_lmax(x)` (`gsl_sf_legendre_Pl_array`).
  ///
  /// - Throws: `GSLError.domain` for `x` outside [-1, 1] or a negative `lmax`.
  public static func legendre(upTo lmax: Int, at x: Double) throws(GSLError) -> [Double] {
    prepare()
    let context = "gsl_sf_legendre_Pl_array(\(lmax), \(x))"
    guard lmax >= 0, lmax < 100_000, (-1...1).contains(x) else { throw .domain(context) }
    var values = [Double](repeating: 0, count: lmax + 1)
    try GSLError.check(gsl_sf_legendre_Pl_array(Int32(lmax), x, &values), context)
    return values
  }

  /// Returns `P_l(x)` and `P'_l(x)` for `l` in `0 ... lmax`
  /// (`gsl_sf_legendre_Pl_deriv_array`).
  ///
  /// - Throws: `GSLError.domain` for `x` outside [-1, 1] or a negative `lmax`.
  public static func legendreDerivatives(
    upTo lmax: Int, at x: Double
  ) throws(GSLError) -> (values: [Double], derivatives: [Double]) {
    prepare()
    let context = "gsl_sf_legendre_Pl_deriv_array(\(lmax), \(x))"
    guard lmax >= 0, lmax < 100_000, (-1...1).contains(x) else { throw .domain(context) }
    var values = [Double](repeating: 0, count: lmax + 1)
    var derivatives = [Double](repeating: 0, count: lmax + 1)
    try GSLError.check(
      gsl_sf_legendre_Pl_deriv_array(Int32(lmax), x, &values, &derivatives), context)
    return (values, derivatives)
  }

  /// Returns the Laguerre polynomial `L_n(x)` (`gsl_sf_laguerre_n` with `a = 0`).
  ///
  /// - Throws: `GSLError.domain` for a negative or huge `n` or a non-finite `x`.
  public static func laguerre(_ n: Int, at x: Double) throws(GSLError) -> Double {
    prepare()
    let context = "gsl_sf_laguerre_n(\(n), 0, \(x))"
    guard (0...100_000).contains(n), x.isFinite else { throw .domain(context) }
    var result = gsl_sf_result()
    try GSLError.check(gsl_sf_laguerre_n_e(Int32(n), 0, x, &result), context)
    return result.val
  }

  /// Returns the least-squares line `y = intercept + slope x` (`gsl_fit_linear`).
  ///
  /// - Throws: `GSLError.domain` for fewer than two points, lengths that differ, or
  ///   non-finite values.
  public static func linearFit(
    _ x: [Double], _ y: [Double]
  ) throws(GSLError) -> (intercept: Double, slope: Double) {
    prepare()
    let context = "gsl_fit_linear(\(x.count) points)"
    guard x.count >= 2, x.count == y.count, (x + y).allSatisfy(\.isFinite) else {
      throw .domain(context)
    }
    var c0 = 0.0
    var c1 = 0.0
    var cov00 = 0.0
    var cov01 = 0.0
    var cov11 = 0.0
    var sumsq = 0.0
    try GSLError.check(
      gsl_fit_linear(x, 1, y, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq), context)
    return (c0, c1)
  }

  private static func squareSize(_ a: [[Double]], _ context: String) throws(GSLError) -> Int {
    let n = a.count
    guard n > 0, a.allSatisfy({ $0.count == n && $0.allSatisfy(\.isFinite) }) else {
      throw .domain(context)
    }
    return n
  }

  private static func matrix(
    _ a: [[Double]], _ context: String
  ) throws(GSLError) -> UnsafeMutablePointer<gsl_matrix> {
    guard let m = gsl_matrix_alloc(a.count, a[0].count) else { throw .noMemoryError(context) }
    for (i, row) in a.enumerated() { for (j, v) in row.enumerated() { gsl_matrix_set(m, i, j, v) } }
    return m
  }
}

extension GSLError {
  fileprivate static func noMemoryError(_ context: String) -> GSLError {
    GSLError(rawValue: Int32(GSL_ENOMEM), context: context)
  }
}
