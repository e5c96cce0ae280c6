// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// Small dense attention kernels for the position-encoding survey (A2): softmax, self-attention
/// without positions, and the four-term expansion of absolute-position logits.
///
/// Vectors are rows, as in the article: `q_i = x_i W_Q`, so a matrix `W` of shape `d x e` is
/// `[[Scalar]]` with `d` rows. Every function assumes shapes that fit (callers check them);
/// entries past a short row read as missing and give NaN, never a trap.
public enum Attention {
  /// Returns `softmax(row)`, shifted by the row's maximum so no exponential overflows.
  public static func softmax<Scalar: ReferenceScalar>(_ row: [Scalar]) -> [Scalar] {
    guard let top = row.max() else { return [] }
    let e = row.map { Scalar.exp($0 - top) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
  }

  /// Returns the row vector `x W`.
  public static func times<Scalar: ReferenceScalar>(_ x: [Scalar], _ w: [[Scalar]]) -> [Scalar] {
    let columns = w.first?.count ?? 0
    return (0..<columns).map { c in
      zip(x, w).reduce(Scalar.zero) { $0 + $1.0 * ($1.1.count > c ? $1.1[c] : .nan) }
    }
  }

  /// Returns the dot product `a . b`.
  public static func dot<Scalar: ReferenceScalar>(_ a: [Scalar], _ b: [Scalar]) -> Scalar {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// Returns `o_i = sum_j softmax_j(q_i . k_j) v_j` for rows `x` with no position encoding.
  public static func selfAttention<Scalar: ReferenceScalar>(
    _ x: [[Scalar]], query: [[Scalar]], key: [[Scalar]], value: [[Scalar]]
  ) -> [[Scalar]] {
    let q = x.map { times($0, query) }
    let k = x.map { times($0, key) }
    let v = x.map { times($0, value) }
    return q.map { qi in
      let a = softmax(k.map { dot(qi, $0) })
      let width = v.first?.count ?? 0
      return (0..<width).map { c in zip(a, v).reduce(Scalar.zero) { $0 + $1.0 * $1.1[c] } }
    }
  }

  /// Returns the logit `((x_i + p_i) W_Q) . ((x_j + p_j) W_K)` computed directly.
  public static func absoluteLogit<Scalar: ReferenceScalar>(
    _ xi: [Scalar], _ pi: [Scalar], _ xj: [Scalar], _ pj: [Scalar], query: [[Scalar]],
    key: [[Scalar]]
  ) -> Scalar {
    dot(times(zip(xi, pi).map { $0 + $1 }, query), times(zip(xj, pj).map { $0 + $1 }, key))
  }

  /// Returns the four terms of A2.2.2: content-content, content-position, position-content and
  /// position-position, `x_i W_Q W_K^T x_j^T`, `x_i W_Q W_K^T p_j^T`, `p_i ... x_j^T`, `p_i ... p_j^T`.
  public static func absoluteLogitTerms<Scalar: ReferenceScalar>(
    _ xi: [Scalar], _ pi: [Scalar], _ xj: [Scalar], _ pj: [Scalar], query: [[Scalar]],
    key: [[Scalar]]
  ) -> [Scalar] {
    let (qx, qp) = (times(xi, query), times(pi, query))
    let (kx, kp) = (times(xj, key), times(pj, key))
    return [dot(qx, kx), dot(qx, kp), dot(qp, kx), dot(qp, kp)]
  }
}
