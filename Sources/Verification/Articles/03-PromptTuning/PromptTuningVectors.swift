import ReferenceNumerics

/// The golden vectors of article 3: attention with a prefix and the prefix's share lambda.
public enum PromptTuningVectors {
  /// The checks whose claims verify the attention and lambda kernels.
  public static let checks = [
    "prefix.gate-identity", "prefix.zero-length", "prefix.causal-layer", "prefix.lambda-figure",
  ]

  /// Returns `output`, `lambda`, `plain_output` and `prefix_output` of scaled dot-product
  /// attention of one query over `[prefixKeys; keys]`, with `tolerances`.
  ///
  /// The inputs are first rounded to `precision`. The outputs are the kernel's, computed in
  /// `Double` from those inputs (lambda in double-double). The tolerance of each element is
  /// the first-order bound a sound implementation in `precision` meets (a max-subtracted
  /// softmax with scale 1/sqrt(d)), from ``PrefixAttention/outputErrorBound(query:keys:values:)``
  /// and ``PrefixAttention/weightErrorBound(query:keys:)`` in that precision (lambda: the
  /// weight bound times lambda, plus the least normal number for underflow), plus the same
  /// bound for the reference itself in `Double`. `plain_output` is null without context keys,
  /// `prefix_output` null without a prefix.
  ///
  /// - Throws: `PrefixAttention.Error` for shapes that do not fit, no key at all, or a value
  ///   that is not finite in `precision`.
  public static func prefixAttention(
    query: [Double], keys: [[Double]], values: [[Double]], prefixKeys: [[Double]],
    prefixValues: [[Double]], precision: Precision
  ) throws -> VectorSet {
    precision == .double
      ? try compute(
        Double.self, query, keys, values, prefixKeys, prefixValues, precision: precision)
      : try compute(
        Float.self, query, keys, values, prefixKeys, prefixValues, precision: precision)
  }

  static func compute<T: ReferenceScalar>(
    _: T.Type, _ query: [Double], _ keys: [[Double]], _ values: [[Double]],
    _ prefixKeys: [[Double]], _ prefixValues: [[Double]], precision: Precision
  ) throws -> VectorSet {
    let round = { (m: [[Double]]) in m.map { $0.map { Double(T($0)) } } }
    let q = query.map { Double(T($0)) }
    let (k, v, pk, pv) = (round(keys), round(values), round(prefixKeys), round(prefixValues))
    for (name, rows) in [
      ("query", [q]), ("keys", k), ("values", v), ("prefix keys", pk), ("prefix values", pv),
    ] {
      if let bad = rows.joined().first(where: { !$0.isFinite }) {
        throw PrefixAttention.Error.nonFinite(input: "\(name) in \(precision.typeName)", value: bad)
      }
    }
    let r = try PrefixAttention.attend(
      query: q, keys: k, values: v, prefixKeys: pk, prefixValues: pv)
    let tq = q.map { T($0) }
    let cast = { (m: [[Double]]) in m.map { $0.map { T($0) } } }
    let bound = { (keys: [[Double]], values: [[Double]]) -> [Double] in
      let ours = PrefixAttention.outputErrorBound(query: q, keys: keys, values: values)
      let theirs = PrefixAttention.outputErrorBound(
        query: tq, keys: cast(keys), values: cast(values))
      return zip(ours, theirs).map { $0 + $1 }
    }
    let allKeys = pk + k
    let weight =
      PrefixAttention.weightErrorBound(query: tq, keys: cast(allKeys))
      + PrefixAttention.weightErrorBound(query: q, keys: allKeys)
    let tiny = Double(T.leastNormalMagnitude)
    let outputs: [VectorSet.Entry] = [
      .init("output", .numbers(r.output)), .init("lambda", .number(r.lambda)),
      .init("plain_output", r.plainOutput.map(VectorValue.numbers) ?? .absent),
      .init("prefix_output", r.prefixOutput.map(VectorValue.numbers) ?? .absent),
    ]
    var tolerances: [VectorSet.Entry] = [
      .init("output", .numbers(bound(allKeys, pv + v))),
      .init("lambda", .number(weight * r.lambda + tiny)),
    ]
    if r.plainOutput != nil { tolerances.append(.init("plain_output", .numbers(bound(k, v)))) }
    if r.prefixOutput != nil {
      tolerances.append(.init("prefix_output", .numbers(bound(pk, pv))))
    }
    return try VectorSet(
      name: "prefix-attention",
      parameters: [
        .init("query", .numbers(q)), .init("keys", .matrix(k)), .init("values", .matrix(v)),
        .init("prefix_keys", .matrix(pk)), .init("prefix_values", .matrix(pv)),
        .init("precision", .text(precision.rawValue)),
      ],
      outputs: outputs, tolerances: tolerances, checks: checks)
  }
}
