// SPDX-License-Identifier: GPL-3.0-or-later

/// The eigendecomposition `A = V * diag(lambda) * V^T` of a real symmetric matrix.
///
/// The eigenvalues `lambda` are real and sorted ascending; the columns of `V` are orthonormal
/// eigenvectors, `A * V[:, i] = lambda[i] * V[:, i]`. Eigenvectors are determined only up to
/// sign (and, for repeated eigenvalues, up to a rotation of their eigenspace), so compare
/// invariants such as `A * V - V * diag(lambda)` and `V^T * V - I`, never vectors.
///
/// Computed by the cyclic Jacobi method (Golub & Van Loan, *Matrix Computations*, 4th ed.,
/// 2013, algorithms 8.5.1-8.5.3): each sweep visits the pairs `(p, q)`, `p < q`, row by row,
/// and applies the rotation `J` that zeroes `A[p][q]` in `J^T * A * J`:
///
///     tau = (A[q][q] - A[p][p]) / (2 * A[p][q])
///     t   = sign(tau) / (|tau| + sqrt(1 + tau^2))      (the smaller rotation, |angle| <= pi/4)
///     c   = 1 / sqrt(1 + t^2),   s = t * c
///     A[p][p] -= t * A[p][q],  A[q][q] += t * A[p][q],  A[p][q] = A[q][p] = 0
///
/// A pair is skipped when `|A[p][q]| <= u * sqrt(|A[p][p]| * |A[q][q]|)`, the relative
/// threshold of Demmel and Veselić; iteration stops after a sweep with no rotation. The
/// convergence is ultimately quadratic, and in practice takes 6-10 sweeps in `Double`.
///
/// Scaling: with `h = Scalar.greatestFiniteMagnitude.exponent / 2` (511 in `Double`, 63 in
/// `Float`), a matrix whose largest entry lies outside `[2^-h, 2^(h+1))` is first multiplied by
/// the exact power of two `2^k` that brings that entry into `[2^h, 2^(h+1))`, and the
/// eigenvalues are multiplied back by `2^-k`. Every intermediate of the iteration is bounded by
/// `n * max |a_ij|`, so nothing overflows, and a tiny (even subnormal) matrix loses nothing to
/// underflow. The scaling is exact, so the results are those of the scaled matrix, scaled back,
/// except that entries smaller than `2^-k` times the smallest subnormal flush to zero (below
/// the accuracy anyway) and an eigenvalue whose magnitude truly exceeds
/// `Scalar.greatestFiniteMagnitude` (such as 2e308 for `[[1e308, 1e308], [1e308, 1e308]]`) is
/// returned as an infinity of its sign. A matrix inside the range is not scaled at all, so the
/// relative accuracy of graded matrices described below is kept.
///
/// Accuracy: Jacobi is backward stable, so every eigenvalue satisfies
/// `|lambda[i] - lambdaExact[i]| <= c * n * u * ||A||_2` and `||V^T * V - I|| <= c * n * u`,
/// with `u = Scalar.ulpOfOne / 2`. For positive definite matrices it is more accurate than
/// QR-based methods: every eigenvalue has relative error about `u * cond(D^-1 * A * D^-1)`
/// with `D = sqrt(diag(A))` (Demmel & Veselić, "Jacobi's method is more accurate than QR",
/// SIAM J. Matrix Anal. Appl. 13(4), 1992, https://doi.org/10.1137/0613074).
///
/// - Complexity: O(n^3) per sweep (`n (n - 1) / 2` rotations of O(n) each).
public struct SymmetricEigendecomposition<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The eigenvalues, in ascending order.
  public let eigenvalues: [Scalar]
  /// The orthonormal eigenvectors, as columns, in the order of ``eigenvalues``.
  public let eigenvectors: Matrix<Scalar>
  /// The number of sweeps the Jacobi iteration took.
  public let sweeps: Int

  /// The limit on sweeps; convergence normally takes fewer than 15, so reaching it means the
  /// matrix is pathological, and the result is still returned (with ``sweeps`` equal to it).
  public static var maximumSweeps: Int { 60 }

  /// Computes the eigendecomposition of an exactly symmetric matrix.
  ///
  /// - Parameter a: A square, exactly symmetric matrix (use ``Matrix/symmetrized()`` first if
  ///   it is symmetric only up to rounding).
  /// - Throws: `Matrix.Error.notSquare`; `Matrix.Error.notSymmetric`.
  /// - Complexity: O(n^3) per sweep.
  public init(_ a: Matrix<Scalar>) throws(Matrix<Scalar>.Error) {
    guard a.isSquare else { throw .notSquare(rows: a.rows, columns: a.columns) }
    guard a.isSymmetric() else { throw .notSymmetric }
    let n = a.rows
    let shift = Self.scalingExponent(largest: a.maxAbs)
    var w = shift == 0 ? a.elements : a.elements.map { $0.timesPowerOfTwo(shift) }
    var v = Matrix<Scalar>.identity(n).elements
    var sweep = 0
    var rotated = true
    while rotated && sweep < Self.maximumSweeps {
      rotated = false
      sweep += 1
      for p in 0..<n {
        for q in (p + 1)..<n {
          let apq = w[p * n + q]
          let app = w[p * n + p]
          let aqq = w[q * n + q]
          let size = abs(app).squareRoot() * abs(aqq).squareRoot()  // no product to underflow
          if apq == 0 || abs(apq) <= Scalar.ulpOfOne / 2 * size {
            continue
          }
          rotated = true
          let (c, s, t) = Self.rotation(app, aqq, apq)
          for k in 0..<n where k != p && k != q {
            let akp = w[k * n + p]
            let akq = w[k * n + q]
            let newP = c * akp - s * akq
            let newQ = s * akp + c * akq
            w[k * n + p] = newP
            w[p * n + k] = newP
            w[k * n + q] = newQ
            w[q * n + k] = newQ
          }
          w[p * n + p] = app - t * apq
          w[q * n + q] = aqq + t * apq
          w[p * n + q] = 0
          w[q * n + p] = 0
          for k in 0..<n {
            let vkp = v[k * n + p]
            let vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
          }
        }
      }
    }
    let order = (0..<n).sorted { w[$0 * n + $0] < w[$1 * n + $1] }
    eigenvalues = order.map { w[$0 * n + $0].timesPowerOfTwo(-shift) }
    var vectors = [Scalar](repeating: 0, count: n * n)
    for (column, source) in order.enumerated() {
      for k in 0..<n { vectors[k * n + column] = v[k * n + source] }
    }
    eigenvectors = Matrix(unchecked: n, n, vectors)
    sweeps = sweep
  }

  /// Returns the exponent `k` such that `2^k * A` has its largest entry in `[2^h, 2^(h+1))`
  /// with `h = Scalar.greatestFiniteMagnitude.exponent / 2`, or 0 when the largest entry is 0
  /// or already lies in `[2^-h, 2^(h+1))`.
  static func scalingExponent(largest: Scalar) -> Int {
    guard largest > 0 else { return 0 }
    let limit = Int(Scalar.greatestFiniteMagnitude.exponent) / 2
    let exponent = Int(largest.exponent)
    return (-limit...limit).contains(exponent) ? 0 : limit - exponent
  }

  /// Returns the Jacobi rotation `(c, s, t)` that annihilates the off-diagonal entry `apq`.
  ///
  /// `tau^2` is never formed when `|tau|` is large: there `sqrt(1 + tau^2)` is replaced by
  /// `|tau| * sqrt(1 + (1 / tau)^2)`, so no intermediate overflows.
  static func rotation(_ app: Scalar, _ aqq: Scalar, _ apq: Scalar) -> (Scalar, Scalar, Scalar) {
    let tau = (aqq - app) / (2 * apq)
    let t: Scalar
    if !tau.isFinite {
      // |apq| is negligible against the diagonal gap: t ~ 1 / (2 tau) underflows to 0.
      t = 0
    } else if abs(tau) > 1 {
      let r = 1 / tau
      t = r / (1 + (1 + r * r).squareRoot())
    } else {
      let root = (1 + tau * tau).squareRoot()
      t = (tau < 0 ? -1 : 1) / (abs(tau) + root)
    }
    let c = 1 / (1 + t * t).squareRoot()
    return (c, t * c, t)
  }
}
