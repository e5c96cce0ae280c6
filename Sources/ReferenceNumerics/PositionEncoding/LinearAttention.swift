// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// Linear attention with RoPE in the numerator only (A1.5), in its O(n^2) and O(n) forms.
///
/// With non-negative feature maps `phi` (queries) and `varphi` (keys) and values `v`:
///
///     out[i] = sum_j (R_i phi(q_i)) . (R_j varphi(k_j)) v_j  /  sum_j phi(q_i) . varphi(k_j)
///
/// The denominator is left unrotated, so it stays positive; the weights no longer form a
/// probability distribution. Without a rotary embedding this is plain linear attention, whose
/// weights are non-negative and sum to 1. The O(n) form precomputes
/// `sum_j (R_j varphi(k_j)) v_j^T` and `sum_j varphi(k_j)` once. Attention is not causal here:
/// every query sees every key.
public enum LinearAttention {
  /// Returns `elu(x) + 1`, a feature map that is positive everywhere (Katharopoulos, 2020).
  public static func featureMap<Scalar: ReferenceScalar>(_ x: [Scalar]) -> [Scalar] {
    x.map { $0 > 0 ? $0 + 1 : Scalar.exp($0) }
  }

  /// Describes inputs whose shapes do not fit.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// Rows of queries, keys or values differ in count or length.
    case shapeMismatch(String)

    public var description: String {
      switch self {
      case .shapeMismatch(let what): "Linear attention inputs do not fit: \(what)."
      }
    }
  }

  static func validate<Scalar>(
    _ q: [[Scalar]], _ k: [[Scalar]], _ v: [[Scalar]], _ rotary: RotaryEmbedding<Scalar>?
  ) throws(Error) {
    guard k.count == v.count else { throw .shapeMismatch("\(k.count) keys, \(v.count) values") }
    let d = q.first?.count ?? k.first?.count ?? 0
    guard q.allSatisfy({ $0.count == d }), k.allSatisfy({ $0.count == d }) else {
      throw .shapeMismatch("query and key rows must all have \(d) entries")
    }
    let dv = v.first?.count ?? 0
    guard v.allSatisfy({ $0.count == dv }) else {
      throw .shapeMismatch("value rows must all have \(dv) entries")
    }
    if let rotary, rotary.dimension != d {
      throw .shapeMismatch("rotary dimension \(rotary.dimension), feature dimension \(d)")
    }
  }

  static func rotated<Scalar>(_ x: [Scalar], _ position: Int, _ rotary: RotaryEmbedding<Scalar>?)
    -> [Scalar]
  {
    guard let rotary, let y = try? rotary.rotate(x, at: Scalar(position)) else { return x }
    return y
  }

  static func dot<Scalar: ReferenceScalar>(_ a: [Scalar], _ b: [Scalar]) -> Scalar {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// Returns the weights `w[i][j]` of the O(n^2) form: numerator over the unrotated denominator.
  ///
  /// `queries` and `keys` are already feature-mapped (non-negative); position `i` is row `i`.
  public static func weights<Scalar: ReferenceScalar>(
    queries q: [[Scalar]], keys k: [[Scalar]], rotary: RotaryEmbedding<Scalar>? = nil
  ) throws(Error) -> [[Scalar]] {
    try validate(q, k, k, rotary)
    return q.enumerated().map { i, qi in
      let denominator = k.reduce(Scalar.zero) { $0 + dot(qi, $1) }
      let rq = rotated(qi, i, rotary)
      return k.enumerated().map { j, kj in dot(rq, rotated(kj, j, rotary)) / denominator }
    }
  }

  /// Returns the outputs by the O(n^2) form: `out[i] = sum_j w[i][j] v[j]`.
  public static func quadratic<Scalar: ReferenceScalar>(
    queries q: [[Scalar]], keys k: [[Scalar]], values v: [[Scalar]],
    rotary: RotaryEmbedding<Scalar>? = nil
  ) throws(Error) -> [[Scalar]] {
    try validate(q, k, v, rotary)
    let w = try weights(queries: q, keys: k, rotary: rotary)
    let dv = v.first?.count ?? 0
    return w.map { row in
      (0..<dv).map { c in zip(row, v).reduce(Scalar.zero) { $0 + $1.0 * $1.1[c] } }
    }
  }

  /// Returns the outputs by the O(n) form, from `sum_j (R_j k_j) v_j^T` and `sum_j k_j`.
  public static func linear<Scalar: ReferenceScalar>(
    queries q: [[Scalar]], keys k: [[Scalar]], values v: [[Scalar]],
    rotary: RotaryEmbedding<Scalar>? = nil
  ) throws(Error) -> [[Scalar]] {
    try validate(q, k, v, rotary)
    let d = q.first?.count ?? 0
    let dv = v.first?.count ?? 0
    var memory = [[Scalar]](repeating: [Scalar](repeating: 0, count: dv), count: d)
    var keySum = [Scalar](repeating: 0, count: d)
    for (j, kj) in k.enumerated() {
      let rk = rotated(kj, j, rotary)
      for a in 0..<d {
        keySum[a] += kj[a]
        for c in 0..<dv { memory[a][c] += rk[a] * v[j][c] }
      }
    }
    return q.enumerated().map { i, qi in
      let denominator = dot(qi, keySum)
      let rq = rotated(qi, i, rotary)
      return (0..<dv).map { c in
        (0..<d).reduce(Scalar.zero) { $0 + rq[$1] * memory[$1][c] } / denominator
      }
    }
  }

  /// Returns the similarity `1 + q_hat . k_hat` of unit-normalised vectors.
  ///
  /// By Cauchy-Schwarz it lies in `[0, 2]` up to rounding; it is not clamped. A zero vector
  /// has no direction; its similarity is 1 (as if orthogonal).
  public static func cosineSimilarity<Scalar: ReferenceScalar>(_ q: [Scalar], _ k: [Scalar])
    -> Scalar
  {
    let nq = Scalar.sqrt(dot(q, q))
    let nk = Scalar.sqrt(dot(k, k))
    guard nq > 0, nk > 0 else { return 1 }
    return 1 + dot(q, k) / (nq * nk)
  }
}
