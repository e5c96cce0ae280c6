// SPDX-License-Identifier: GPL-3.0-or-later

/// The thin singular value decomposition `A = U * diag(sigma) * V^T` of an m x n matrix.
///
/// With `k = min(m, n)`: `U` is m x k and `V` is n x k, both with orthonormal columns, and the
/// singular values `sigma` are non-negative and sorted descending. Singular vectors are
/// determined only up to sign (and rotations within repeated singular values), so compare
/// invariants such as `A - U * diag(sigma) * V^T` and `U^T * U - I`, never vectors. Where
/// `sigma[i]` is 0 the column `U[:, i]` is still a unit vector orthogonal to the others.
///
/// Computed by the one-sided Jacobi method of Hestenes (Golub & Van Loan, *Matrix
/// Computations*, 4th ed., 2013, section 8.6.3), on `A` when `m >= n` and on `A^T` otherwise.
/// Rotations are applied to pairs of columns `p < q` of a working copy `W` of `A` (and of `V`)
/// until all columns are mutually orthogonal; then `sigma[j] = ||W[:, j]||` and
/// `U[:, j] = W[:, j] / sigma[j]`:
///
///     alpha = ||W[:, p]||^2,  beta = ||W[:, q]||^2,  gamma = W[:, p] . W[:, q]
///     zeta  = (beta - alpha) / (2 * gamma)
///     t     = sign(zeta) / (|zeta| + sqrt(1 + zeta^2)),  c = 1 / sqrt(1 + t^2),  s = t * c
///     W[:, p], W[:, q] = c * W[:, p] - s * W[:, q],  s * W[:, p] + c * W[:, q]
///
/// A pair is rotated only if the cosine of the angle between the columns, `gamma /
/// sqrt(alpha * beta)`, exceeds `sqrt(m) * eps` (with `eps = Scalar.ulpOfOne`), and iteration
/// stops after a sweep with no rotation. The factor `sqrt(m)` (as in LAPACK's `dgesvj`)
/// matters: the computed cosine of two orthogonal columns is rounding noise of about that
/// size, so a smaller threshold may never be met. The cosine is computed from normalized
/// columns and the rotation from the ratio of the norms, so no squared norm is formed, and
/// the matrix is first scaled by a power of two (exactly) so that its largest entry is near 1:
/// nothing overflows, and tiny columns do not underflow.
///
/// Accuracy: backward stable, so `||A - U * diag(sigma) * V^T|| <= c * k * u * ||A||`,
/// `||U^T * U - I||` and `||V^T * V - I|| <= c * k * u`, and every singular value is within
/// `c * k * u * sigma[0]` of the exact one. Better, writing `A = B * D` with `D` diagonal
/// (a column scaling), every singular value has relative error about `u * cond(B)`, however
/// graded `D` is (Demmel & Veselić, "Jacobi's method is more accurate than QR", SIAM J.
/// Matrix Anal. Appl. 13(4), 1992, https://doi.org/10.1137/0613074).
///
/// - Complexity: O(m * n^2) per sweep (for `m >= n`); typically 6-10 sweeps in `Double`.
public struct SingularValueDecomposition<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The left singular vectors, as the `min(m, n)` orthonormal columns of an m x k matrix.
  public let u: Matrix<Scalar>
  /// The singular values, non-negative and in descending order.
  public let singularValues: [Scalar]
  /// The right singular vectors, as the `min(m, n)` orthonormal columns of an n x k matrix.
  public let v: Matrix<Scalar>
  /// The number of sweeps the Jacobi iteration took.
  public let sweeps: Int

  /// The limit on sweeps; convergence normally takes fewer than 15, so reaching it means the
  /// matrix is pathological, and the result is still returned (with ``sweeps`` equal to it).
  public static var maximumSweeps: Int { 60 }

  /// Computes the thin singular value decomposition of a matrix.
  ///
  /// Every finite matrix has one, so this initializer does not throw in practice; it is
  /// marked `throws` so that the API can reject input in the future without breaking callers.
  ///
  /// - Parameter a: Any matrix, of any shape (empty ones give empty factors).
  /// - Throws: Nothing at present; the type is `Matrix.Error`.
  /// - Complexity: O(max(m, n) * min(m, n)^2) per sweep.
  public init(_ a: Matrix<Scalar>) throws(Matrix<Scalar>.Error) {
    self.init(validated: a)
  }

  /// Computes the decomposition; total for every `Matrix`, whose entries are finite.
  init(validated a: Matrix<Scalar>) {
    if a.rows >= a.columns {
      (u, singularValues, v, sweeps) = Self.tall(a)
    } else {
      let (left, sigma, right, count) = Self.tall(a.transposed)
      (u, singularValues, v, sweeps) = (right, sigma, left, count)
    }
  }

  /// Decomposes an m x n matrix with `m >= n` by one-sided Jacobi on its columns.
  static func tall(
    _ a: Matrix<Scalar>
  ) -> (Matrix<Scalar>, [Scalar], Matrix<Scalar>, Int) {
    let m = a.rows
    let n = a.columns
    let largest = a.maxAbs
    // An exact power-of-two scale that brings the largest entry into [1, 2).
    // (Clamped, so that a subnormal largest entry does not ask for an infinite scale.)
    let maximumExponent = Int(Scalar.greatestFiniteMagnitude.exponent)
    let scaleExponent = largest > 0 ? min(-Int(largest.exponent), maximumExponent) : 0
    let scale = Scalar(sign: .plus, exponent: Scalar.Exponent(scaleExponent), significand: 1)
    // Work on columns stored contiguously: w[j * m + i] is entry (i, j).
    var w = [Scalar](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n { w[j * m + i] = a.elements[i * n + j] * scale }
    }
    var v = [Scalar](repeating: 0, count: n * n)  // column-major as well
    for j in 0..<n { v[j * n + j] = 1 }
    let threshold = Scalar(m).squareRoot() * Scalar.ulpOfOne
    var sweep = 0
    var rotated = true
    while rotated && sweep < maximumSweeps {
      rotated = false
      sweep += 1
      for p in 0..<n {
        for q in (p + 1)..<n {
          // Norms with scaling, and the cosine of the angle between the columns computed
          // from normalized entries, so that nothing underflows for tiny columns.
          let normP = euclideanNorm(w[(p * m)..<((p + 1) * m)])
          let normQ = euclideanNorm(w[(q * m)..<((q + 1) * m)])
          if normP == 0 || normQ == 0 { continue }
          var cosine: Scalar = 0
          for i in 0..<m { cosine += (w[p * m + i] / normP) * (w[q * m + i] / normQ) }
          if abs(cosine) <= threshold { continue }
          rotated = true
          let (c, s) = rotation(normP, normQ, cosine)
          for i in 0..<m {
            let x = w[p * m + i]
            let y = w[q * m + i]
            w[p * m + i] = c * x - s * y
            w[q * m + i] = s * x + c * y
          }
          for i in 0..<n {
            let x = v[p * n + i]
            let y = v[q * n + i]
            v[p * n + i] = c * x - s * y
            v[q * n + i] = s * x + c * y
          }
        }
      }
    }
    let norms = (0..<n).map { j in euclideanNorm(w[(j * m)..<((j + 1) * m)]) }
    let order = (0..<n).sorted { norms[$0] > norms[$1] }
    var left = [[Scalar]]()  // unit columns of U, in the final order
    var sigma = [Scalar]()
    var right = [Scalar](repeating: 0, count: n * n)
    for (column, source) in order.enumerated() {
      let norm = norms[source]
      sigma.append(norm / scale)
      if norm > 0 {
        left.append(w[(source * m)..<((source + 1) * m)].map { $0 / norm })
      } else {
        left.append(orthogonalComplementVector(to: left, length: m))
      }
      for i in 0..<n { right[i * n + column] = v[source * n + i] }
    }
    var uElements = [Scalar](repeating: 0, count: m * n)
    for (j, column) in left.enumerated() {
      for i in 0..<m { uElements[i * n + j] = column[i] }
    }
    return (
      Matrix(unchecked: m, n, uElements), sigma, Matrix(unchecked: n, n, right), sweep
    )
  }

  /// Returns the rotation `(c, s)` that makes two columns orthogonal, from their norms and the
  /// cosine of the angle between them.
  ///
  /// With `alpha = normP^2`, `beta = normQ^2` and `gamma = normP * normQ * cosine`,
  /// `zeta = (beta - alpha) / (2 * gamma) = (normQ / normP - normP / normQ) / (2 * cosine)`,
  /// which is the form used, so no squared norm is formed.
  static func rotation(
    _ normP: Scalar, _ normQ: Scalar, _ cosine: Scalar
  ) -> (Scalar, Scalar) {
    let zeta = (normQ / normP - normP / normQ) / (2 * cosine)
    let t: Scalar
    if !zeta.isFinite {
      t = 0
    } else if abs(zeta) > 1 {
      let r = 1 / zeta
      t = r / (1 + (1 + r * r).squareRoot())
    } else {
      t = (zeta < 0 ? -1 : 1) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
    }
    let c = 1 / (1 + t * t).squareRoot()
    return (c, t * c)
  }

  /// Returns the Euclidean norm of a vector whose entries are at most about 1 in magnitude.
  static func euclideanNorm(_ x: ArraySlice<Scalar>) -> Scalar {
    let largest = x.reduce(0) { max($0, abs($1)) }
    guard largest > 0 else { return 0 }
    var sum: Scalar = 0
    for value in x {
      let y = value / largest
      sum += y * y
    }
    return largest * sum.squareRoot()
  }

  /// Returns a unit vector orthogonal to the given orthonormal vectors (fewer than `length`).
  ///
  /// Tries the coordinate vectors `e_i`, orthogonalizes each twice against `basis` (classical
  /// Gram-Schmidt with reorthogonalization), and keeps the one with the largest remainder,
  /// which is at least `sqrt((length - basis.count) / length)` in norm.
  static func orthogonalComplementVector(to basis: [[Scalar]], length: Int) -> [Scalar] {
    var best = [Scalar](repeating: 0, count: length)
    var bestNorm: Scalar = -1
    for i in 0..<length {
      var x = [Scalar](repeating: 0, count: length)
      x[i] = 1
      for _ in 0..<2 {
        for b in basis {
          var dot: Scalar = 0
          for k in 0..<length { dot += b[k] * x[k] }
          for k in 0..<length { x[k] -= dot * b[k] }
        }
      }
      let norm = euclideanNorm(x[...])
      if norm > bestNorm {
        bestNorm = norm
        best = x
      }
    }
    return best.map { $0 / bestNorm }
  }
}
