// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// Scaled dot-product attention of one query over context keys with a trainable prefix.
///
/// For a query `q` of length `d`, keys `K` (n x d), values `V` (n x dv), prefix keys `P_k`
/// (l x d) and prefix values `P_v` (l x dv), attention runs over the concatenation
/// `[P_k; K]`, `[P_v; V]`, prefix first, as prefix tuning lays it out:
///
///     s_j    = (q . k_j) / sqrt(d)                   (torch's scaled_dot_product_attention)
///     w_j    = exp(s_j - max s) / sum over i of exp(s_i - max s)
///     output = sum over j of w_j * v_j
///
/// He et al. 2022 write the same output as a gate between two ordinary attentions:
///
///     output = (1 - lambda) * Attn(q, K, V) + lambda * Attn(q, P_k, P_v)
///     lambda = sum over prefix of exp(s_i) / sum over all of exp(s_j)
///
/// `lambda` is the prefix's share of the softmax mass. It is computed from two log-sum-exps
/// carried in double-double, `lambda = 1 / (1 + exp(lse(K) - lse(P)))`, so it keeps full
/// relative accuracy when it is 1e-300 or within 1e-300 of 1, and the complement `1 - lambda`
/// is computed the same way rather than by subtraction.
///
/// The output is computed as a framework computes it, in `Scalar` with the max-subtracted
/// softmax; to first order its error per element is bounded by ``outputErrorBound(query:keys:values:)``,
/// which grows with the largest score.
///
/// [He et al. 2022]: https://arxiv.org/abs/2110.04366
/// [Li & Liang 2021]: https://arxiv.org/abs/2101.00190
public enum PrefixAttention {
  /// The outputs of attention with a prefix, and the two attentions its gate combines.
  public struct Result<Scalar: ReferenceScalar>: Sendable, Hashable {
    /// Attention over the prefix and the context together.
    public var output: [Scalar]
    /// The prefix's share of the softmax mass, lambda.
    public var lambda: Scalar
    /// The context's share, 1 - lambda, computed directly.
    public var complement: Scalar
    /// Attention over the context alone; `nil` when there is no context key.
    public var plainOutput: [Scalar]?
    /// Attention over the prefix alone; `nil` when the prefix is empty.
    public var prefixOutput: [Scalar]?
  }

  /// Describes why attention could not be computed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The query has no entries.
    case emptyQuery
    /// There is neither a context key nor a prefix key, so the softmax has no terms.
    case noKeys
    /// A row has the wrong length: which input, which row, the length needed and the one given.
    case rowLength(input: String, row: Int, expected: Int, got: Int)
    /// Keys and values (or prefix keys and prefix values) differ in number.
    case countMismatch(keys: String, keyCount: Int, values: String, valueCount: Int)
    /// An entry is infinite or NaN.
    case nonFinite(input: String, value: Double)

    public var description: String {
      switch self {
      case .emptyQuery: "The query must have at least one entry."
      case .noKeys:
        "There must be at least one key: the context keys and the prefix keys are both empty."
      case .rowLength(let input, let row, let expected, let got):
        "Row \(row) of the \(input) has \(got) entries; \(expected) are needed."
      case .countMismatch(let keys, let keyCount, let values, let valueCount):
        "There are \(keyCount) \(keys) but \(valueCount) \(values); they must match."
      case .nonFinite(let input, let value):
        "The \(input) must be finite; got \(value)."
      }
    }
  }

  /// Returns attention over the prefix and the context, lambda, its complement, and the two
  /// attentions the gate combines.
  ///
  /// With an empty prefix the output is bit for bit ``attention(query:keys:values:)`` over the
  /// context, and lambda is exactly 0; with no context key, lambda is exactly 1.
  ///
  /// - Parameters:
  ///   - query: The query, length `d >= 1`.
  ///   - keys: The context keys, `n` rows of length `d` (may be empty).
  ///   - values: The context values, `n` rows of a common length `dv`.
  ///   - prefixKeys: The prefix keys, `l` rows of length `d` (may be empty).
  ///   - prefixValues: The prefix values, `l` rows of length `dv`.
  /// - Returns: The output, lambda and the partial attentions.
  /// - Throws: `Error` for an empty query, no key at all, a row of the wrong length,
  ///   mismatched counts, or an entry that is not finite.
  /// - Complexity: O((n + l) * (d + dv)).
  public static func attend<Scalar: ReferenceScalar>(
    query: [Scalar], keys: [[Scalar]], values: [[Scalar]], prefixKeys: [[Scalar]],
    prefixValues: [[Scalar]]
  ) throws(Error) -> Result<Scalar> {
    let width = try validate(
      query: query, keys: keys, values: values, prefixKeys: prefixKeys,
      prefixValues: prefixValues)
    let output = softmaxAverage(
      query: query, keys: prefixKeys + keys, values: prefixValues + values, width: width)
    let (lambda, complement) = share(query: query, keys: keys, prefixKeys: prefixKeys)
    return Result(
      output: output, lambda: lambda, complement: complement,
      plainOutput: keys.isEmpty
        ? nil : softmaxAverage(query: query, keys: keys, values: values, width: width),
      prefixOutput: prefixKeys.isEmpty
        ? nil
        : softmaxAverage(query: query, keys: prefixKeys, values: prefixValues, width: width))
  }

  /// Returns ordinary scaled dot-product attention of one query (no prefix).
  ///
  /// - Throws: `Error` as for ``attend(query:keys:values:prefixKeys:prefixValues:)``.
  public static func attention<Scalar: ReferenceScalar>(
    query: [Scalar], keys: [[Scalar]], values: [[Scalar]]
  ) throws(Error) -> [Scalar] {
    let width = try validate(
      query: query, keys: keys, values: values, prefixKeys: [], prefixValues: [])
    return softmaxAverage(query: query, keys: keys, values: values, width: width)
  }

  /// Returns the prefix's share of the softmax mass, lambda, and the context's, 1 - lambda.
  ///
  /// Both come from the difference of two log-sum-exps of the scores, each score and each
  /// log-sum-exp carried in double-double:
  ///
  ///     t      = lse(prefix scores) - lse(context scores)
  ///     lambda = 1 / (1 + exp(-t))   if t >= 0,   exp(t) / (1 + exp(t))   otherwise
  ///
  /// and the complement with `-t`. The result is within a few ulps, relative, of the exact
  /// share for the inputs given, at any score scale; never `1 -` the context's share.
  ///
  /// An empty prefix gives (0, 1) and no context key gives (1, 0), exactly.
  ///
  /// - Parameters:
  ///   - query: The query (length `d`); rows must already have length `d`.
  ///   - keys: The context keys.
  ///   - prefixKeys: The prefix keys.
  /// - Returns: `(lambda, 1 - lambda)`.
  public static func share<Scalar: ReferenceScalar>(
    query: [Scalar], keys: [[Scalar]], prefixKeys: [[Scalar]]
  ) -> (lambda: Scalar, complement: Scalar) {
    if prefixKeys.isEmpty { return (0, 1) }
    if keys.isEmpty { return (1, 0) }
    let q = query.map(Double.init)
    let scale = inverseSquareRoot(q.count)
    let prefix = logSumExp(prefixKeys.map { accurateScore(q, $0, scale) })
    let context = logSumExp(keys.map { accurateScore(q, $0, scale) })
    let t = prefix - context
    return (Scalar(logistic(t)), Scalar(logistic(-t)))
  }

  /// Returns the scores `(q . k_j) / sqrt(d)`, computed in `Scalar` as a framework does.
  public static func scores<Scalar: ReferenceScalar>(query: [Scalar], keys: [[Scalar]])
    -> [Scalar]
  {
    let scale = 1 / Scalar(query.count).squareRoot()
    return keys.map { key in dot(query, key) * scale }
  }

  /// Returns a first-order bound on the rounding error of each output element of
  /// ``attention(query:keys:values:)`` computed in `Scalar`, relative to the exact attention of
  /// the same inputs.
  ///
  /// With `u = Scalar.ulpOfOne / 2`, `N` the number of keys, `W` the relative bound on every
  /// weight (``weightErrorBound(query:keys:)``) and `w_j` the exact weights:
  ///
  ///     bound_i = (W + (N + 1) u) * sum over j of w_j * |v_j,i|
  ///
  /// (the weighted sum adds `N` roundings and each product one). The bound is computed in
  /// `Double` from the inputs, with `w_j` from the `Double` softmax.
  ///
  /// - Returns: One bound per output element (length `dv`); empty if there are no keys.
  public static func outputErrorBound<Scalar: ReferenceScalar>(
    query: [Scalar], keys: [[Scalar]], values: [[Scalar]]
  ) -> [Double] {
    guard let first = values.first, !keys.isEmpty else { return [] }
    let u = Double(Scalar.ulpOfOne) / 2
    let factor = weightErrorBound(query: query, keys: keys) + Double(keys.count + 1) * u
    let weights = doubleWeights(query: query, keys: keys)
    return (0..<first.count).map { i in
      factor * zip(weights, values).reduce(0) { $0 + $1.0 * abs(Double($1.1[i])) }
    }
  }

  /// Returns a first-order bound on the relative error of every softmax weight computed in
  /// `Scalar` (the max-subtracted softmax of ``attention(query:keys:values:)``).
  ///
  /// With `d` the query length, `a_j = |q| . |k_j| / sqrt(d)` (the score's magnitude sum),
  /// `s_m` the largest score and `N` the number of keys:
  ///
  ///     score error   |ds_j| <= (d + 3) * u * a_j                   (dot product, scale)
  ///     log-weight    |e_j|  <= |ds_j| + |ds_m| + u * |s_j - s_m| + 2u (shift, exp)
  ///     weight        |dw_j| <= (2 E + (N + 1) u) * w_j,   E = max over j of |e_j|
  ///
  /// `E` grows with the largest `a_j`: scores near 1000 in `Float` leave about 1000 * d * u of
  /// relative error in the weights. A weight below the least normal number of `Scalar` may
  /// also underflow, an absolute error the relative bound does not cover.
  public static func weightErrorBound<Scalar: ReferenceScalar>(
    query: [Scalar], keys: [[Scalar]]
  ) -> Double {
    guard !keys.isEmpty else { return 0 }
    let u = Double(Scalar.ulpOfOne) / 2
    let d = Double(query.count)
    let q = query.map(Double.init)
    let scale = 1 / d.squareRoot()
    let magnitude = keys.map { key in zip(q, key).reduce(0) { $0 + abs($1.0 * Double($1.1)) } }
    let s = keys.map { key in zip(q, key).reduce(0) { $0 + $1.0 * Double($1.1) } * scale }
    let top = s.indices.max { s[$0] < s[$1] } ?? 0
    let scoreError = magnitude.map { (d + 3) * u * $0 * scale }
    var worst = 0.0
    for j in s.indices {
      worst = max(worst, scoreError[j] + scoreError[top] + u * abs(s[j] - s[top]) + 2 * u)
    }
    return 2 * worst + Double(keys.count + 1) * u
  }

  /// The softmax weights of the scores, in Double.
  static func doubleWeights<Scalar: ReferenceScalar>(query: [Scalar], keys: [[Scalar]])
    -> [Double]
  {
    let q = query.map(Double.init)
    let scale = 1 / Double(q.count).squareRoot()
    let s = keys.map { key in zip(q, key).reduce(0) { $0 + $1.0 * Double($1.1) } * scale }
    let m = s.max() ?? 0
    let exps = s.map { Double.exp($0 - m) }
    let total = exps.reduce(0, +)
    return exps.map { $0 / total }
  }

  // MARK: - Causal layers

  /// Returns the outputs of a causal attention layer whose every position also sees the prefix.
  ///
  /// Query `t` (0-based) attends to all `l` prefix positions and to context positions
  /// `0 ... t`, as in a decoder-only model fed `[PREFIX; x; y]`: the prefix precedes every
  /// position, so the mask over the concatenated keys is 1 on the first `l` entries and causal
  /// on the rest.
  ///
  /// - Parameters:
  ///   - queries: One query per position, `T` rows of length `d`.
  ///   - keys: One key per position, `T` rows of length `d`.
  ///   - values: One value per position, `T` rows of length `dv`.
  ///   - prefixKeys: `l` prefix keys.
  ///   - prefixValues: `l` prefix values.
  /// - Returns: `T` outputs of length `dv`.
  /// - Throws: `Error` for malformed inputs, or `countMismatch` when there are not as many
  ///   queries as keys.
  public static func causalLayer<Scalar: ReferenceScalar>(
    queries: [[Scalar]], keys: [[Scalar]], values: [[Scalar]], prefixKeys: [[Scalar]],
    prefixValues: [[Scalar]]
  ) throws(Error) -> [[Scalar]] {
    guard queries.count == keys.count else {
      throw .countMismatch(
        keys: "queries", keyCount: queries.count, values: "keys", valueCount: keys.count)
    }
    let allKeys = prefixKeys + keys
    let allValues = prefixValues + values
    let visible = prefixKeys.count
    var outputs: [[Scalar]] = []
    for (t, query) in queries.enumerated() {
      let mask = allKeys.indices.map { j in j < visible || j - visible <= t }
      let seenKeys = allKeys.indices.filter { mask[$0] }.map { allKeys[$0] }
      let seenValues = allValues.indices.filter { mask[$0] }.map { allValues[$0] }
      outputs.append(try attention(query: query, keys: seenKeys, values: seenValues))
    }
    return outputs
  }

  // MARK: - Implementation

  /// Checks the shapes and returns the value width `dv`.
  static func validate<Scalar: ReferenceScalar>(
    query: [Scalar], keys: [[Scalar]], values: [[Scalar]], prefixKeys: [[Scalar]],
    prefixValues: [[Scalar]]
  ) throws(Error) -> Int {
    guard !query.isEmpty else { throw .emptyQuery }
    guard keys.count == values.count else {
      throw .countMismatch(
        keys: "keys", keyCount: keys.count, values: "values", valueCount: values.count)
    }
    guard prefixKeys.count == prefixValues.count else {
      throw .countMismatch(
        keys: "prefix keys", keyCount: prefixKeys.count, values: "prefix values",
        valueCount: prefixValues.count)
    }
    guard let width = (values.first ?? prefixValues.first)?.count else { throw .noKeys }
    if let bad = query.first(where: { !$0.isFinite }) {
      throw .nonFinite(input: "query", value: Double(bad))
    }
    for (name, rows, length) in [
      ("keys", keys, query.count), ("prefix keys", prefixKeys, query.count),
      ("values", values, width), ("prefix values", prefixValues, width),
    ] {
      for (index, row) in rows.enumerated() {
        guard row.count == length else {
          throw .rowLength(input: name, row: index, expected: length, got: row.count)
        }
        if let bad = row.first(where: { !$0.isFinite }) {
          throw .nonFinite(input: name, value: Double(bad))
        }
      }
    }
    return width
  }

  /// The softmax-weighted average of `values`, in `Scalar`, max-subtracted.
  static func softmaxAverage<Scalar: ReferenceScalar>(
    query: [Scalar], keys: [[Scalar]], values: [[Scalar]], width: Int
  ) -> [Scalar] {
    let s = scores(query: query, keys: keys)
    let top = s.max() ?? 0
    let weights = s.map { Scalar.exp($0 - top) }
    let total = weights.reduce(0, +)
    var output = [Scalar](repeating: 0, count: width)
    for (w, value) in zip(weights, values) {
      let p = w / total
      for i in 0..<width { output[i] += p * value[i] }
    }
    return output
  }

  static func dot<Scalar: ReferenceScalar>(_ a: [Scalar], _ b: [Scalar]) -> Scalar {
    var sum: Scalar = 0
    for (x, y) in zip(a, b) { sum += x * y }
    return sum
  }

  /// 1 / sqrt(n) to about 106 bits.
  static func inverseSquareRoot(_ n: Int) -> DoubleDouble {
    let x = Double(n)
    let root = x.squareRoot()
    // root^2 + 2 root * delta = x, so delta = (x - root^2) / (2 root), exact residual by fma.
    let residual = x.addingProduct(-root, root)
    let sqrt = DoubleDouble.fastTwoSum(root, residual / (2 * root))
    return DoubleDouble(1) / sqrt
  }

  /// The score `(q . k) / sqrt(d)` in double-double: every product exact, sums compensated.
  static func accurateScore<Scalar: ReferenceScalar>(
    _ q: [Double], _ key: [Scalar], _ scale: DoubleDouble
  ) -> DoubleDouble {
    var sum = DoubleDouble(0)
    for (x, y) in zip(q, key) { sum = sum + DoubleDouble.twoProduct(x, Double(y)) }
    return sum * scale
  }

  /// log(sum of exp(s_j)) in double-double: the largest score plus the log of the shifted sum.
  static func logSumExp(_ s: [DoubleDouble]) -> DoubleDouble {
    var top = s[0]
    for x in s where x.hi > top.hi || (x.hi == top.hi && x.lo > top.lo) { top = x }
    // Each term is within half an ulp (the library exp); the sum is carried in double-double,
    // so the log-sum-exp is off by about half an ulp of 1 absolutely, whatever the count.
    var total = DoubleDouble(0)
    for x in s { total = total + DoubleDouble(DoubleDouble.exp(x - top)) }
    return top + DoubleDouble.log(total)
  }

  /// The logistic function 1 / (1 + exp(-t)) of a double-double, with full relative accuracy.
  static func logistic(_ t: DoubleDouble) -> Double {
    if t.hi >= 0 {
      return 1 / (1 + DoubleDouble.exp(-t))
    }
    let e = DoubleDouble.exp(t)
    return e / (1 + e)
  }
}
