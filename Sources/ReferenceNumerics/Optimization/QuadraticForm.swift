// SPDX-License-Identifier: GPL-3.0-or-later

/// A quadratic polynomial in several variables, written in matrix form, with its stationary point.
///
/// With a symmetric nonzero n x n `matrix` A, a `linear` vector b and a `constant` c, the two
/// conventions are:
///
///     half:   f(x) = 1/2 * x^T A x + b^T x + c     gradient A x + b      Hessian H = A
///     plain:  f(x) =       x^T A x + b^T x + c     gradient 2 A x + b    Hessian H = 2 A
///
/// In both, a stationary point solves `H x = -b`, and at a stationary point x*
///
///     f(x*) = c + 1/2 * b^T x*
///     f(x)  = f(x*) + 1/2 * (x - x*)^T H (x - x*)                 (completing the square)
///           = f(x*) + 1/2 * sum over i of mu[i] * y[i]^2,  y = Q^T (x - x*)   (eigenbasis)
///
/// where `H = Q diag(mu) Q^T`. For invertible A this gives x* = -A^-1 b, f* = c - 1/2 b^T A^-1 b
/// (half) and x* = -1/2 A^-1 b, f* = c - 1/4 b^T A^-1 b (plain).
///
/// **Classification.** The eigenvalues of A come from `SymmetricEigendecomposition` (cyclic Jacobi), ascending.
/// An eigenvalue counts as zero when `|lambda| <= relativeCutoff * max |lambda|`, with
/// `relativeCutoff = 16 * n * Scalar.ulpOfOne` (about 7e-15 for n = 2 in Double): Jacobi's
/// eigenvalues are accurate to a small multiple of `ulpOfOne * max |lambda|`, so anything below
/// the cut-off is indistinguishable from zero at this precision. With every eigenvalue nonzero
/// the point `x* = -H^-1 b` is a `minimum` (all positive), `maximum` (all negative) or `saddle`.
/// With a zero eigenvalue, b is in the range of A when its component in the null space (spanned
/// by the zero eigenvalues' eigenvectors) has norm at most `relativeCutoff * |b|`; then the
/// stationary points form the affine set `-H^+ b + null(A)`, `stationaryPoint` is its
/// minimum-norm member `-H^+ b`, and the class is `degenerate-minimum`, `degenerate-maximum` or
/// `degenerate-saddle` by the signs of the nonzero eigenvalues. Otherwise f is unbounded along
/// the null-space component of b, and the class is `no-stationary-point`.
///
/// **Scaling.** Everything above is computed on `2^-p A` and `2^-q b`, exact power-of-two
/// scalings that bring the largest entry of b into [1, 2), and that of A into [1, 2) when it is
/// below 1 and below 2^960 (Double) when it is above, and scaled back at the end; A is never
/// scaled down further, so the small entries of a widely graded matrix such as
/// `[[1e160, 0], [0, 1e-170]]` do not become subnormal, and Jacobi keeps its small eigenvalues
/// to full relative accuracy. So
/// the classification and the rank are the same for A and `2^k A` whenever the scaling is exact
/// (nothing underflows), even for entries near `Scalar.greatestFiniteMagnitude` or subnormal
/// ones; an eigenvalue of A that truly exceeds the range of `Scalar` is stored as an infinity
/// of its sign (the classification, made on the scaled matrix, stays right); and a stationary
/// point or value that truly overflows makes the initializer throw `Error.overflow`.
///
/// A non-symmetric coefficient matrix M defines the same form as its symmetric part
/// (M + M^T) / 2, since x^T M x = x^T M^T x; ``init(coefficients:linear:constant:convention:)``
/// symmetrises, while ``init(matrix:linear:constant:convention:)`` refuses a non-symmetric matrix.
///
/// - Complexity: O(n^3) to create (the eigendecomposition); O(n^2) per evaluation.
public struct QuadraticForm<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// How the quadratic part is scaled.
  public enum Convention: String, Sendable, Hashable, CaseIterable {
    /// `f = 1/2 x^T A x + b^T x + c`, so that the gradient is `A x + b`.
    case half
    /// `f = x^T A x + b^T x + c`, so that the gradient is `2 A x + b`.
    case plain
  }

  /// The nature of the stationary points.
  public enum Classification: String, Sendable, Hashable, CaseIterable {
    /// A unique global minimum (A positive definite).
    case minimum
    /// A unique global maximum (A negative definite).
    case maximum
    /// A unique saddle point (A invertible and indefinite).
    case saddle
    /// A singular positive semidefinite A with b in its range: an affine set of minima.
    case degenerateMinimum = "degenerate-minimum"
    /// A singular negative semidefinite A with b in its range: an affine set of maxima.
    case degenerateMaximum = "degenerate-maximum"
    /// A singular indefinite A with b in its range: an affine set of saddle points.
    case degenerateSaddle = "degenerate-saddle"
    /// A singular A with b outside its range: no stationary point; f is unbounded.
    case noStationaryPoint = "no-stationary-point"
  }

  /// The definiteness of a symmetric matrix, as a criterion can decide it.
  public enum Definiteness: String, Sendable, Hashable {
    /// Every eigenvalue positive (every leading principal minor positive).
    case positive
    /// Every eigenvalue negative (leading minors alternate in sign, starting negative).
    case negative
    /// Neither: indefinite, or singular.
    case neither
  }

  /// The symmetric matrix A of the quadratic part.
  public let matrix: Matrix<Scalar>
  /// The vector b of the linear part.
  public let linear: [Scalar]
  /// The constant c.
  public let constant: Scalar
  /// The convention: whether the quadratic part carries a factor 1/2.
  public let convention: Convention
  /// The Hessian H: A in the half convention, 2A in the plain one.
  public let hessian: Matrix<Scalar>
  /// The eigenvalues of A, ascending; one whose magnitude exceeds the range of `Scalar` is an
  /// infinity of its sign.
  public let eigenvalues: [Scalar]
  /// The orthonormal eigenvectors of A as columns, in the order of ``eigenvalues``.
  public let eigenvectors: Matrix<Scalar>
  /// How many eigenvalues are nonzero by the relative cut-off.
  public let rank: Int
  /// The class of the stationary points.
  public let classification: Classification
  /// The stationary point, the minimum-norm one when there are many; nil when there is none.
  public let stationaryPoint: [Scalar]?
  /// The value at the stationary points; nil when there is none.
  public let stationaryValue: Scalar?

  /// The relative cut-off below which an eigenvalue (or a null-space residual) counts as zero.
  public var relativeCutoff: Scalar { Scalar(16 * max(matrix.rows, 1)) * Scalar.ulpOfOne }

  /// The dimension n.
  public var dimension: Int { matrix.rows }

  /// Describes why a quadratic form could not be created or evaluated.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The matrix is not square.
    case notSquare(rows: Int, columns: Int)
    /// The matrix is not symmetric: entry (row, column) differs from (column, row).
    case notSymmetric(row: Int, column: Int, value: Double, transposed: Double)
    /// The quadratic part is zero, so the polynomial is not quadratic.
    case zeroMatrix
    /// A vector's length does not match the matrix.
    case dimensionMismatch(expected: Int, got: Int)
    /// A coefficient is infinite or NaN.
    case nonFinite(String)
    /// The form has no stationary point, so the quantity does not exist.
    case noStationaryPoint
    /// A result exists but its magnitude exceeds `Scalar.greatestFiniteMagnitude`.
    case overflow(String)

    public var description: String {
      switch self {
      case .notSquare(let rows, let columns):
        "The matrix of a quadratic form must be square; got \(rows) x \(columns)."
      case .notSymmetric(let row, let column, let value, let transposed):
        "The matrix must be symmetric; entry (\(row), \(column)) is \(value) but "
          + "(\(column), \(row)) is \(transposed)."
      case .zeroMatrix:
        "The matrix is zero, so the polynomial is not quadratic."
      case .dimensionMismatch(let expected, let got):
        "The vector has \(got) components but the matrix is \(expected) x \(expected)."
      case .nonFinite(let what):
        "The \(what) must be finite."
      case .noStationaryPoint:
        "The form has no stationary point: A is singular and b is not in its range."
      case .overflow(let what):
        "The \(what) overflows: its magnitude exceeds the largest finite number."
      }
    }
  }

  /// Creates a form from a symmetric matrix, refusing one that is not exactly symmetric.
  ///
  /// - Parameters:
  ///   - matrix: A nonzero, square, exactly symmetric matrix A.
  ///   - linear: The vector b, of length n, finite.
  ///   - constant: The constant c, finite.
  ///   - convention: `.half` (the default) or `.plain`.
  /// - Throws: `Error.notSquare`, `.notSymmetric` naming the first asymmetric pair, `.zeroMatrix`,
  ///   `.dimensionMismatch`, or `.nonFinite`; `.overflow` when the stationary point or the
  ///   value there exists but overflows (as x* = -1e320 for A = 1e-320 I and b = (1, 1)).
  public init(
    matrix: Matrix<Scalar>, linear: [Scalar], constant: Scalar, convention: Convention = .half
  ) throws(Error) {
    guard matrix.isSquare, matrix.rows > 0 else {
      throw .notSquare(rows: matrix.rows, columns: matrix.columns)
    }
    let n = matrix.rows
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) where matrix[i, j] != matrix[j, i] {
        throw .notSymmetric(
          row: i, column: j, value: Double(matrix[i, j]), transposed: Double(matrix[j, i]))
      }
    }
    guard matrix.elements.contains(where: { $0 != 0 }) else { throw .zeroMatrix }
    guard linear.count == n else { throw .dimensionMismatch(expected: n, got: linear.count) }
    guard linear.allSatisfy(\.isFinite) else { throw .nonFinite("linear vector b") }
    guard constant.isFinite else { throw .nonFinite("constant c") }
    let factor: Scalar = convention == .half ? 1 : 2
    // Work on A' = 2^-p A and b' = 2^-q b. The largest entry of b' lies in [1, 2); that of A'
    // in [1, 2) when A's is below 1 (scaling up loses nothing), and is left as it is up to
    // 2^960 in Double, 2^64 in Float (scaling down would push the small entries of a widely graded matrix into the
    // subnormals: 1e-160 next to 1e160 would lose four digits, 1e-170 would become 0). The
    // scaling is exact, and nothing below can overflow: |beta'| <= 2 sqrt(n), the largest
    // eigenvalue of A' is at least 1 and below 2^961 n (2^65 n), and the nonzero ones exceed
    // the cut-off, 16 n u times the largest.
    let exponent = Int(matrix.maxAbs.exponent)
    let headroom = Int(Scalar.greatestFiniteMagnitude.exponent) - 63
    let p = exponent < 0 ? exponent : max(0, exponent - headroom)
    let bLargest = linear.reduce(Scalar(0)) { max($0, $1.magnitude) }
    let q = bLargest > 0 ? Int(bLargest.exponent) : 0
    let scaledMatrix = Matrix(unchecked: n, n, matrix.elements.map { $0.timesPowerOfTwo(-p) })
    let scaledLinear = linear.map { $0.timesPowerOfTwo(-q) }
    let hessian: Matrix<Scalar>
    let decomposition: SymmetricEigendecomposition<Scalar>
    do {
      hessian = try matrix.scaled(by: factor)
      decomposition = try SymmetricEigendecomposition(scaledMatrix)
    } catch {
      // A is finite and exactly symmetric (checked above): only an overflowing 2A is left.
      throw .nonFinite("Hessian 2A")
    }
    self.matrix = matrix
    self.linear = linear
    self.constant = constant
    self.convention = convention
    self.hessian = hessian
    let values = decomposition.eigenvalues  // of A'
    // Exact, except that an eigenvalue beyond the range of Scalar becomes an infinity.
    self.eigenvalues = values.map { $0.timesPowerOfTwo(p) }
    let vectors = decomposition.eigenvectors
    self.eigenvectors = vectors
    let largest = values.reduce(Scalar(0)) { max($0, $1.magnitude) }
    let cutoff = Scalar(16 * n) * Scalar.ulpOfOne * largest
    let nonzero = values.map { $0.magnitude > cutoff }
    self.rank = nonzero.filter { $0 }.count
    // Project b' on the eigenvectors: b' = sum of beta[k] q[k].
    let beta = (0..<n).map { k in
      (0..<n).reduce(Scalar(0)) { $0 + vectors[$1, k] * scaledLinear[$1] }
    }
    var nullResidual: Scalar = 0
    for k in 0..<n where !nonzero[k] { nullResidual += beta[k] * beta[k] }
    let bNorm = Differentiation.euclideanNorm(scaledLinear)
    let inRange = nullResidual.squareRoot() <= Scalar(16 * n) * Scalar.ulpOfOne * bNorm
    let positive = zip(values, nonzero).contains { $0.0 > 0 && $0.1 }
    let negative = zip(values, nonzero).contains { $0.0 < 0 && $0.1 }
    if !inRange {
      classification = .noStationaryPoint
      stationaryPoint = nil
      stationaryValue = nil
      return
    }
    let degenerate = rank < n
    switch (positive, negative, degenerate) {
    case (true, false, false): classification = .minimum
    case (false, true, false): classification = .maximum
    case (_, _, false): classification = .saddle
    case (true, false, true): classification = .degenerateMinimum
    case (false, true, true): classification = .degenerateMaximum
    case (_, _, true): classification = .degenerateSaddle
    }
    // x' = -H'^+ b' = -sum over nonzero k of beta[k] / (factor * lambda'[k]) q[k], and
    // x* = 2^(q - p) x'.
    var point = [Scalar](repeating: 0, count: n)
    for k in 0..<n where nonzero[k] {
      let coefficient = -beta[k] / (factor * values[k])
      for i in 0..<n { point[i] += coefficient * vectors[i, k] }
    }
    // For full rank, solve factor * A' x' = -b' by LU with partial pivoting and one step of
    // iterative refinement (the residual in twice the working precision): a well-conditioned
    // A then gives x* to about an ulp, where the eigen-expansion above can be a few ulps off.
    if !degenerate, let solved = QuadraticForm.refinedSolve(scaledMatrix, scaledLinear, factor) {
      point = solved
    }
    // f* = c + 1/2 b^T x* = c + 2^(2q - p) * (1/2 b'^T x').
    let half = zip(scaledLinear, point).reduce(Scalar(0)) { $0 + $1.0 * $1.1 } / 2
    let value = constant + half.timesPowerOfTwo(2 * q - p)
    point = point.map { $0.timesPowerOfTwo(q - p) }
    guard point.allSatisfy(\.isFinite) else { throw .overflow("stationary point x*") }
    guard value.isFinite else { throw .overflow("stationary value f(x*)") }
    stationaryPoint = point
    stationaryValue = value
  }

  /// Returns x with `factor * a * x = -b`, by LU and one refinement step, or nil if LU fails.
  static func refinedSolve(_ a: Matrix<Scalar>, _ b: [Scalar], _ factor: Scalar) -> [Scalar]? {
    guard let lu = try? LUDecomposition(a), let first = try? lu.solve(b.map { -$0 / factor })
    else { return nil }
    // r = -b / factor - a x, each row summed in twice the working precision (Ogita, Rump and
    // Oishi's Dot2: exact products by fused multiply-add, sums by TwoSum), rounded once.
    let n = b.count
    let residual = (0..<n).map { i in
      var sum = -b[i] / factor
      var carry: Scalar = 0
      for j in 0..<n {
        let product = -a[i, j] * first[j]
        let productError = (-product).addingProduct(-a[i, j], first[j])
        let total = sum + product
        let back = total - sum
        carry += (sum - (total - back)) + (product - back) + productError
        sum = total
      }
      return sum + carry
    }
    guard let correction = try? lu.solve(residual) else { return first }
    let refined = zip(first, correction).map { $0 + $1 }
    return refined.allSatisfy(\.isFinite) ? refined : first
  }

  /// Creates a form from any square coefficient matrix M, using its symmetric part (M + M^T) / 2.
  ///
  /// The form is unchanged: `x^T M x = x^T ((M + M^T) / 2) x` for every x.
  ///
  /// - Throws: `Error.notSquare`, `.zeroMatrix` (when the symmetric part is zero, as for an
  ///   antisymmetric M), `.dimensionMismatch`, or `.nonFinite`.
  public init(
    coefficients: Matrix<Scalar>, linear: [Scalar], constant: Scalar,
    convention: Convention = .half
  ) throws(Error) {
    guard coefficients.isSquare, coefficients.rows > 0 else {
      throw .notSquare(rows: coefficients.rows, columns: coefficients.columns)
    }
    let symmetric: Matrix<Scalar>
    do {
      symmetric = try coefficients.symmetrized()
    } catch {
      throw .notSquare(rows: coefficients.rows, columns: coefficients.columns)
    }
    try self.init(matrix: symmetric, linear: linear, constant: constant, convention: convention)
  }

  /// Returns f at `x`, generically, so that dual numbers give its exact derivatives.
  ///
  /// Missing components count as 0 and extra ones are ignored; ``value(at:)`` checks the length.
  public func evaluate<T: DifferentiableScalar>(_ x: [T]) -> T {
    let n = dimension
    func component(_ i: Int) -> T { i < x.count ? x[i] : 0 }
    var quadratic: T = 0
    var linearPart: T = 0
    for i in 0..<n {
      var row: T = 0
      for j in 0..<n { row += T(Double(matrix[i, j])) * component(j) }
      quadratic += component(i) * row
      linearPart += T(Double(linear[i])) * component(i)
    }
    let factor: T = convention == .half ? T(0.5) : 1
    return factor * quadratic + linearPart + T(Double(constant))
  }

  /// Returns f at `x`.
  ///
  /// - Throws: `Error.dimensionMismatch` when `x` does not have n components.
  public func value(at x: [Scalar]) throws(Error) -> Scalar {
    try check(x)
    let factor: Scalar = convention == .half ? 1 / 2 : 1
    let ax = product(matrix, x)
    let quadratic = zip(x, ax).reduce(Scalar(0)) { $0 + $1.0 * $1.1 }
    let linearPart = zip(linear, x).reduce(Scalar(0)) { $0 + $1.0 * $1.1 }
    return factor * quadratic + linearPart + constant
  }

  /// Returns the gradient `H x + b` at `x`.
  ///
  /// - Throws: `Error.dimensionMismatch` when `x` does not have n components.
  public func gradient(at x: [Scalar]) throws(Error) -> [Scalar] {
    try check(x)
    return zip(product(hessian, x), linear).map { $0 + $1 }
  }

  /// Returns `f* + 1/2 (x - x*)^T H (x - x*)`, the completed square, which equals f(x).
  ///
  /// - Throws: `Error.dimensionMismatch`, or `Error.noStationaryPoint`.
  public func completedSquare(at x: [Scalar]) throws(Error) -> Scalar {
    try check(x)
    guard let point = stationaryPoint, let value = stationaryValue else {
      throw .noStationaryPoint
    }
    let d = zip(x, point).map { $0 - $1 }
    let hd = product(hessian, d)
    return value + zip(d, hd).reduce(Scalar(0)) { $0 + $1.0 * $1.1 } / 2
  }

  /// Returns `f* + 1/2 sum of mu[i] y[i]^2` with `y = Q^T (x - x*)`: f in the eigenbasis.
  ///
  /// `mu` are the Hessian's eigenvalues (those of A, doubled in the plain convention).
  ///
  /// - Throws: `Error.dimensionMismatch`, or `Error.noStationaryPoint`.
  public func decoupled(at x: [Scalar]) throws(Error) -> Scalar {
    try check(x)
    guard let point = stationaryPoint, let value = stationaryValue else {
      throw .noStationaryPoint
    }
    let n = dimension
    let factor: Scalar = convention == .half ? 1 : 2
    var sum: Scalar = 0
    for k in 0..<n {
      var y: Scalar = 0
      for i in 0..<n { y += eigenvectors[i, k] * (x[i] - point[i]) }
      sum += factor * eigenvalues[k] * y * y
    }
    return value + sum / 2
  }

  /// The coordinates `y = Q^T (x - x*)` of `x` in the eigenbasis, centred at the stationary point.
  ///
  /// - Throws: `Error.dimensionMismatch`, or `Error.noStationaryPoint`.
  public func eigenCoordinates(of x: [Scalar]) throws(Error) -> [Scalar] {
    try check(x)
    guard let point = stationaryPoint else { throw .noStationaryPoint }
    let n = dimension
    return (0..<n).map { k in
      (0..<n).reduce(Scalar(0)) { $0 + eigenvectors[$1, k] * (x[$1] - point[$1]) }
    }
  }

  /// The leading principal minors of A, the smallest block first.
  ///
  /// Minor k is the determinant of the top-left k x k block of A, k = 1 ... n.
  ///
  /// Each is the determinant of an LU decomposition with partial pivoting of the block.
  public var leadingPrincipalMinors: [Scalar] {
    let n = dimension
    return (1...n).map { k in
      var block: [Scalar] = []
      for i in 0..<k { for j in 0..<k { block.append(matrix[i, j]) } }
      // The block's entries come from a valid matrix, so both steps succeed; NaN is unreachable.
      let minor = try? LUDecomposition(Matrix(rows: k, columns: k, elements: block)).determinant
      return minor ?? .nan
    }
  }

  /// The definiteness of A by Sylvester's criterion on ``leadingPrincipalMinors``.
  ///
  ///     positive definite  iff  D[k] > 0 for every k
  ///     negative definite  iff  (-1)^k D[k] > 0 for every k   (k counted from 1)
  public var definitenessBySylvester: Definiteness {
    let minors = leadingPrincipalMinors
    if minors.allSatisfy({ $0 > 0 }) { return .positive }
    let alternating = minors.enumerated().allSatisfy { k, d in k % 2 == 0 ? d < 0 : d > 0 }
    return alternating ? .negative : .neither
  }

  /// The definiteness of A by the signs of its eigenvalues (zero by the relative cut-off).
  public var definitenessByEigenvalues: Definiteness {
    guard rank == dimension else { return .neither }
    if eigenvalues.allSatisfy({ $0 > 0 }) { return .positive }
    if eigenvalues.allSatisfy({ $0 < 0 }) { return .negative }
    return .neither
  }

  private func check(_ x: [Scalar]) throws(Error) {
    guard x.count == dimension else { throw .dimensionMismatch(expected: dimension, got: x.count) }
  }

  private func product(_ m: Matrix<Scalar>, _ x: [Scalar]) -> [Scalar] {
    let n = dimension
    return (0..<n).map { i in (0..<n).reduce(Scalar(0)) { $0 + m[i, $1] * x[$1] } }
  }
}
