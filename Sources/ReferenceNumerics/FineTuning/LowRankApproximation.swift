// SPDX-License-Identifier: GPL-3.0-or-later

/// The best rank-r approximation of a weight update by its truncated SVD, and the LoRA factors
/// that reproduce it.
///
/// With the thin SVD `delta = U * diag(sigma) * V^T` (``SingularValueDecomposition``,
/// `sigma` descending, `p = min(d, k)` values), the truncation to rank `r` is
///
///     reconstruction = U[:, 0 ..< r] * diag(sigma[0 ..< r]) * V[:, 0 ..< r]^T
///     error          = ||delta - reconstruction||_F = sqrt(sum over i in r ..< p of sigma[i]^2)
///
/// and by the Eckart-Young(-Mirsky) theorem no matrix of rank at most `r` is closer to `delta`
/// in the Frobenius norm ([Eckart & Young 1936]). A rank-r adapter reproduces it with
///
///     up   = U[:, 0 ..< r] * diag(sqrt(sigma[0 ..< r] / s))    (d x r, PEFT's lora_B)
///     down = diag(sqrt(sigma[0 ..< r] / s)) * V[:, 0 ..< r]^T  (r x k, PEFT's lora_A)
///
/// so that `s * up * down = reconstruction`; when `rank(delta) <= r` that is `delta` itself, up
/// to rounding. (PEFT's PiSSA initialisation splits the singular values the same way.)
///
/// Accuracy: the SVD is backward stable, so the computed singular values are within
/// `||E||_2` of the exact ones each (Weyl) and within `||E||_F` in the 2-norm of their
/// differences (Mirsky), for a backward error `E` of order `p * u * ||delta||_F`. The
/// reconstruction moves by at most about `(1 + 2 * sigma[0] / gap) * ||E||_F`, with
/// `gap = sigma[r - 1] - sigma[r]` (Wedin's theorem on the singular subspaces).
///
/// [Eckart & Young 1936]: https://doi.org/10.1007/BF02288367
public struct LowRankApproximation<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The decomposed update.
  public let delta: Matrix<Scalar>
  /// The rank of the truncation, in `1 ... min(d, k)`.
  public let rank: Int
  /// The SVD of `delta`.
  public let decomposition: SingularValueDecomposition<Scalar>

  /// Decomposes `delta` and keeps the `rank` leading singular triplets.
  ///
  /// - Parameters:
  ///   - delta: The d x k update, d, k >= 1.
  ///   - rank: r in `1 ... min(d, k)`.
  /// - Throws: `LowRankApproximation.Error.invalidRank` for r outside that range;
  ///   `.emptyMatrix` for an empty `delta`.
  public init(_ delta: Matrix<Scalar>, rank: Int) throws(Error) {
    guard delta.rows >= 1, delta.columns >= 1 else {
      throw .emptyMatrix(rows: delta.rows, columns: delta.columns)
    }
    let limit = min(delta.rows, delta.columns)
    guard (1...limit).contains(rank) else { throw .invalidRank(rank, limit: limit) }
    self.delta = delta
    self.rank = rank
    self.decomposition = SingularValueDecomposition(validated: delta)
  }

  /// All `min(d, k)` singular values, descending.
  public var singularValues: [Scalar] { decomposition.singularValues }

  /// The Eckart-Young error `sqrt(sum over i >= r of sigma[i]^2)`, computed with scaling.
  public var error: Scalar { Self.tailNorm(singularValues, from: rank) }

  /// Returns `sqrt(sum over i in start ..< count of values[i]^2)`, scaled against overflow.
  ///
  /// - Parameters:
  ///   - values: Non-negative numbers.
  ///   - start: The first index of the tail.
  /// - Returns: The 2-norm of the tail (0 for an empty tail).
  public static func tailNorm(_ values: [Scalar], from start: Int) -> Scalar {
    let tail = values.dropFirst(max(0, start))
    let largest = tail.reduce(0) { max($0, abs($1)) }
    guard largest > 0 else { return 0 }
    var sum: Scalar = 0
    for value in tail {
      let y = value / largest
      sum += y * y
    }
    return largest * sum.squareRoot()
  }

  /// The best rank-r approximation `U_r diag(sigma_r) V_r^T`, d x k.
  public var reconstruction: Matrix<Scalar> {
    let u = decomposition.u
    let v = decomposition.v
    let sigma = singularValues
    let d = delta.rows
    let k = delta.columns
    var elements = [Scalar](repeating: 0, count: d * k)
    for l in 0..<rank {
      for i in 0..<d {
        let left = u[i, l] * sigma[l]
        if left == 0 { continue }
        for j in 0..<k { elements[i * k + j] += left * v[j, l] }
      }
    }
    return Matrix(unchecked: d, k, elements)
  }

  /// Returns the rank-r adapter on `weight` whose update `s * up * down` is ``reconstruction``.
  ///
  /// - Parameters:
  ///   - weight: The frozen weight, of the shape of `delta`.
  ///   - alpha: `lora_alpha`, with a nonzero scale.
  ///   - rule: The scaling rule.
  /// - Returns: The adapter.
  /// - Throws: `LowRankAdapter.Error` for a weight of another shape or an alpha whose scale is
  ///   zero or not finite.
  public func adapter(
    on weight: Matrix<Scalar>, alpha: Scalar, rule: LowRankAdapter<Scalar>.ScalingRule = .standard
  ) throws(LowRankAdapter<Scalar>.Error) -> LowRankAdapter<Scalar> {
    guard weight.shape == delta.shape else {
      throw .shapeMismatch(role: "frozen weight", expected: delta.shape, got: weight.shape)
    }
    let s = LowRankAdapter<Scalar>.scaling(alpha: alpha, rank: rank, rule: rule)
    guard s.isFinite, s != 0 else { throw .invalidAlpha(Double(alpha)) }
    let d = delta.rows
    let k = delta.columns
    let roots = singularValues.prefix(rank).map { ($0 / abs(s)).squareRoot() }
    var up = [Scalar](repeating: 0, count: d * rank)
    var down = [Scalar](repeating: 0, count: rank * k)
    let sign: Scalar = s < 0 ? -1 : 1
    for l in 0..<rank {
      for i in 0..<d { up[i * rank + l] = sign * decomposition.u[i, l] * roots[l] }
      for j in 0..<k { down[l * k + j] = roots[l] * decomposition.v[j, l] }
    }
    return try LowRankAdapter(
      weight: weight, down: Matrix(unchecked: rank, k, down), up: Matrix(unchecked: d, rank, up),
      alpha: alpha, rule: rule)
  }

  /// Describes why an approximation could not be formed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The update had no rows or no columns.
    case emptyMatrix(rows: Int, columns: Int)
    /// The rank was outside `1 ... min(d, k)`.
    case invalidRank(Int, limit: Int)

    public var description: String {
      switch self {
      case .emptyMatrix(let rows, let columns):
        "The update must have at least one row and one column; got \(rows) x \(columns)."
      case .invalidRank(let rank, let limit):
        "The rank must be in 1...\(limit) (min(d, k)); got \(rank)."
      }
    }
  }
}

/// The subspace similarity of the LoRA paper between the row spaces of two down projections.
///
/// For `A1` (r1 x k) and `A2` (r2 x k), let `U1` and `U2` hold their right singular vectors
/// (k x r1 and k x r2, the paper's "right-singular unitary matrices", ordered by descending
/// singular value). With `U1_i` the first `i` columns of `U1` and `U2_j` the first `j` of `U2`:
///
///     phi(A1, A2, i, j) = ||U1_i^T U2_j||_F^2 / min(i, j)      in [0, 1]
///
/// ([Hu et al. 2021], section 7.2, with 1-based i and j as counts of columns). It is the mean
/// squared cosine of the principal angles between the two subspaces: 1 when the smaller lies
/// in the larger, 0 when they are orthogonal. It does not depend on the signs of singular
/// vectors, but it does depend on which vectors are leading, so it is well defined only where
/// `sigma[i - 1] > sigma[i]` (and likewise for j).
///
/// [Hu et al. 2021]: https://arxiv.org/abs/2106.09685
public enum SubspaceSimilarity {
  /// Returns `phi(A1, A2, i, j)`.
  ///
  /// - Parameters:
  ///   - first: `A1`, r1 x k.
  ///   - second: `A2`, r2 x k, with the same k.
  ///   - i: How many leading right singular vectors of `A1`, in `1 ... min(r1, k)`.
  ///   - j: How many of `A2`, in `1 ... min(r2, k)`.
  /// - Returns: The similarity, clamped to [0, 1] against rounding.
  /// - Throws: `SubspaceSimilarity.Error` for mismatched widths or counts out of range.
  public static func phi<Scalar: ReferenceScalar>(
    _ first: Matrix<Scalar>, _ second: Matrix<Scalar>, i: Int, j: Int
  ) throws(Error) -> Scalar {
    guard first.columns == second.columns else {
      throw .widthMismatch(first.columns, second.columns)
    }
    let limitI = min(first.rows, first.columns)
    let limitJ = min(second.rows, second.columns)
    guard (1...max(1, limitI)).contains(i), limitI >= 1 else {
      throw .countOutOfRange(name: "i", value: i, limit: limitI)
    }
    guard (1...max(1, limitJ)).contains(j), limitJ >= 1 else {
      throw .countOutOfRange(name: "j", value: j, limit: limitJ)
    }
    let v1 = SingularValueDecomposition(validated: first).v
    let v2 = SingularValueDecomposition(validated: second).v
    let k = first.columns
    var sum: Scalar = 0
    for a in 0..<i {
      for b in 0..<j {
        var dot: Scalar = 0
        for t in 0..<k { dot += v1[t, a] * v2[t, b] }
        sum += dot * dot
      }
    }
    return min(1, max(0, sum / Scalar(min(i, j))))
  }

  /// Describes why a similarity could not be computed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The two matrices had different numbers of columns.
    case widthMismatch(Int, Int)
    /// i or j was outside `1 ... min(r, k)`.
    case countOutOfRange(name: String, value: Int, limit: Int)

    public var description: String {
      switch self {
      case .widthMismatch(let a, let b):
        "Both down projections need the same number of columns k; got \(a) and \(b)."
      case .countOutOfRange(let name, let value, let limit):
        "\(name) must be in 1...\(limit); got \(value)."
      }
    }
  }
}
