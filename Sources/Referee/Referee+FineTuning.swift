internal import CMPFR

// MARK: - Attention with a prefix, perceptrons, adapter fusion

extension Referee {
  /// The nonlinearities of the perceptron referee.
  public enum Activation: Sendable, Hashable {
    /// No nonlinearity.
    case identity
    /// max(0, x).
    case relu
    /// x / 2 * (1 + erf(x / sqrt 2)).
    case gelu
    /// x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3))).
    case geluTanh
    /// tanh(x).
    case tanh
  }

  /// One dense layer: `activation(x * weights + bias)`, with weights `in x out`.
  public struct Layer: Sendable, Hashable {
    /// The weights, one row per input.
    public var weights: [[Double]]
    /// The bias, one entry per output.
    public var bias: [Double]
    /// The nonlinearity applied after the bias.
    public var activation: Activation

    /// Creates a layer.
    public init(weights: [[Double]], bias: [Double], activation: Activation) {
      self.weights = weights
      self.bias = bias
      self.activation = activation
    }
  }

  /// Attention with a prefix at high precision, every value rounded once to Double.
  public struct PrefixAttentionValues: Sendable, Hashable {
    /// Attention over the prefix and the context.
    public var output: [Double]
    /// The prefix's share of the softmax mass.
    public var lambda: Double
    /// The context's share, 1 - lambda.
    public var complement: Double
    /// Attention over the context alone (`nil` without context keys).
    public var plainOutput: [Double]?
    /// Attention over the prefix alone (`nil` without prefix keys).
    public var prefixOutput: [Double]?
    /// The largest residual of the gate identity, at the working precision.
    ///
    /// max over i of |output_i - ((1 - lambda) plain_i + lambda prefix_i)|: the identity of
    /// He et al. 2022, checked on the mathematics.
    public var identityResidual: Double
  }

  /// Returns scaled dot-product attention of one query over `[prefixKeys; keys]`, lambda, its
  /// complement and the two partial attentions, computed at `precision` bits.
  ///
  /// Scores are `(q . k) / sqrt(d)` with every product and sum exact to the working
  /// precision; the softmax is shifted by the largest score, so no score scale overflows.
  ///
  /// - Throws: `Referee.Error.invalidArgument` for an empty query, no key at all, rows of the
  ///   wrong length, mismatched counts or a non-finite entry.
  public static func prefixAttention(
    query: [Double], keys: [[Double]], values: [[Double]], prefixKeys: [[Double]],
    prefixValues: [[Double]], precision: Int = defaultPrecision
  ) throws(Error) -> PrefixAttentionValues {
    try validate(precision: precision)
    let d = query.count
    let allKeys = prefixKeys + keys
    let allValues = prefixValues + values
    let l = prefixKeys.count
    guard d > 0 else { throw .invalidArgument(name: "query", value: 0, requirement: "nonempty") }
    guard keys.count == values.count, prefixKeys.count == prefixValues.count,
      let dv = allValues.first?.count, dv > 0
    else {
      throw .invalidArgument(
        name: "keys", value: Double(allKeys.count), requirement: "as many as values, at least one")
    }
    try checkRows(allKeys, length: d, name: "keys")
    try checkRows(allValues, length: dv, name: "values")
    try checkRows([query], length: d, name: "query")
    let count = allKeys.count
    // Layout: scores[count], out[dv], plain[dv], pre[dv], then scale, t, m, sums[3].
    return withNumbers(count + 3 * dv + 6, precision: precision) { x in
      let scores = x
      let out = x + count
      let plain = out + dv
      let pre = plain + dv
      let scale = pre + dv
      let t = scale + 1
      let m = t + 1
      let sumAll = m + 1
      let sumContext = sumAll + 1
      let sumPrefix = sumContext + 1
      mpfr_set_si(scale, d, MPFR_RNDN)
      mpfr_sqrt(scale, scale, MPFR_RNDN)
      mpfr_ui_div(scale, 1, scale, MPFR_RNDN)
      for (j, key) in allKeys.enumerated() {
        dot(scores + j, query, key, scratch: t)
        mpfr_mul(scores + j, scores + j, scale, MPFR_RNDN)
        if j == 0 || mpfr_cmp(scores + j, m) > 0 { mpfr_set(m, scores + j, MPFR_RNDN) }
      }
      for v in [sumAll, sumContext, sumPrefix] { mpfr_set_zero(v, 1) }
      for i in 0..<(3 * dv) { mpfr_set_zero(out + i, 1) }
      for j in 0..<count {
        mpfr_sub(scores + j, scores + j, m, MPFR_RNDN)
        mpfr_exp(scores + j, scores + j, MPFR_RNDN)
        mpfr_add(sumAll, sumAll, scores + j, MPFR_RNDN)
        let part = j < l ? pre : plain
        mpfr_add(
          j < l ? sumPrefix : sumContext, j < l ? sumPrefix : sumContext, scores + j, MPFR_RNDN)
        for i in 0..<dv {
          mpfr_mul_d(t, scores + j, allValues[j][i], MPFR_RNDN)
          mpfr_add(out + i, out + i, t, MPFR_RNDN)
          mpfr_add(part + i, part + i, t, MPFR_RNDN)
        }
      }
      for i in 0..<dv {
        mpfr_div(out + i, out + i, sumAll, MPFR_RNDN)
        if l > 0 { mpfr_div(pre + i, pre + i, sumPrefix, MPFR_RNDN) }
        if l < count { mpfr_div(plain + i, plain + i, sumContext, MPFR_RNDN) }
      }
      // lambda and its complement, kept in sumPrefix and sumContext.
      mpfr_div(sumPrefix, sumPrefix, sumAll, MPFR_RNDN)
      mpfr_div(sumContext, sumContext, sumAll, MPFR_RNDN)
      var residual = 0.0
      for i in 0..<dv {
        // t = out - complement * plain - lambda * prefix
        mpfr_set(t, out + i, MPFR_RNDN)
        if l < count {
          mpfr_mul(m, sumContext, plain + i, MPFR_RNDN)
          mpfr_sub(t, t, m, MPFR_RNDN)
        }
        if l > 0 {
          mpfr_mul(m, sumPrefix, pre + i, MPFR_RNDN)
          mpfr_sub(t, t, m, MPFR_RNDN)
        }
        residual = max(residual, abs(nearestDouble(t)))
      }
      return PrefixAttentionValues(
        output: (0..<dv).map { nearestDouble(out + $0) },
        lambda: nearestDouble(sumPrefix), complement: nearestDouble(sumContext),
        plainOutput: l < count ? (0..<dv).map { nearestDouble(plain + $0) } : nil,
        prefixOutput: l > 0 ? (0..<dv).map { nearestDouble(pre + $0) } : nil,
        identityResidual: residual)
    }
  }

  /// Returns a chain of dense layers applied to `input` at `precision` bits, with `input`
  /// added to the result when `residual` is set (a bottleneck adapter), rounded once.
  ///
  /// - Throws: `Referee.Error.invalidArgument` for layers whose shapes do not chain, a
  ///   residual whose width differs from the output, or a non-finite entry.
  public static func perceptron(
    _ input: [Double], layers: [Layer], residual: Bool = false,
    precision: Int = defaultPrecision
  ) throws(Error) -> [Double] {
    try validate(precision: precision)
    var width = input.count
    try checkRows([input], length: width, name: "input")
    var widest = width
    for layer in layers {
      try checkRows(layer.weights, length: layer.bias.count, name: "weights")
      try checkRows([layer.bias], length: layer.bias.count, name: "bias")
      guard layer.weights.count == width else {
        throw .invalidArgument(
          name: "weights", value: Double(layer.weights.count), requirement: "\(width) rows")
      }
      width = layer.bias.count
      widest = max(widest, width)
    }
    if residual, width != input.count {
      throw .invalidArgument(
        name: "residual", value: Double(width), requirement: "output width \(input.count)")
    }
    let finalWidth = width
    return withNumbers(2 * widest + 2, precision: precision) { x in
      var current = x
      var next = x + widest
      let t = x + 2 * widest
      let u = t + 1
      for (i, v) in input.enumerated() { mpfr_set_d(current + i, v, MPFR_RNDN) }
      for layer in layers {
        for j in layer.bias.indices {
          mpfr_set_d(next + j, layer.bias[j], MPFR_RNDN)
          for (i, row) in layer.weights.enumerated() {
            mpfr_mul_d(t, current + i, row[j], MPFR_RNDN)
            mpfr_add(next + j, next + j, t, MPFR_RNDN)
          }
          activate(next + j, layer.activation, t, u)
        }
        swap(&current, &next)
      }
      if residual {
        for (i, v) in input.enumerated() { mpfr_add_d(current + i, current + i, v, MPFR_RNDN) }
      }
      return (0..<finalWidth).map { nearestDouble(current + $0) }
    }
  }

  /// Returns AdapterFusion's weights `softmax_n((h Q) . (z_n K) / temperature)` and output
  /// `sum_n s_n z_n V` at `precision` bits, each rounded once.
  ///
  /// - Throws: `Referee.Error.invalidArgument` for shapes that do not fit, no adapter output,
  ///   a temperature that is not positive or a non-finite entry.
  public static func adapterFusion(
    hidden: [Double], adapterOutputs: [[Double]], query: [[Double]], key: [[Double]],
    value: [[Double]], temperature: Double = 1, precision: Int = defaultPrecision
  ) throws(Error) -> (weights: [Double], output: [Double]) {
    try validate(precision: precision)
    let d = hidden.count
    guard d > 0, !adapterOutputs.isEmpty, temperature.isFinite, temperature > 0 else {
      throw .invalidArgument(
        name: "adapter outputs", value: Double(adapterOutputs.count),
        requirement: "at least one, a nonempty hidden state and a positive temperature")
    }
    try checkRows([hidden] + adapterOutputs, length: d, name: "hidden state")
    for m in [query, key, value] {
      try checkRows(m, length: d, name: "projection")
      guard m.count == d else {
        throw .invalidArgument(name: "projection", value: Double(m.count), requirement: "\(d) rows")
      }
    }
    let n = adapterOutputs.count
    // Layout: q[d], k[d], out[d], scores[n], then t, m, total.
    return withNumbers(3 * d + n + 3, precision: precision) { x in
      let q = x
      let k = q + d
      let out = k + d
      let scores = out + d
      let t = scores + n
      let m = t + 1
      let total = m + 1
      project(q, hidden, query, d, scratch: t)
      for (j, z) in adapterOutputs.enumerated() {
        project(k, z, key, d, scratch: t)
        mpfr_set_zero(scores + j, 1)
        for i in 0..<d {
          mpfr_mul(t, q + i, k + i, MPFR_RNDN)
          mpfr_add(scores + j, scores + j, t, MPFR_RNDN)
        }
        mpfr_div_d(scores + j, scores + j, temperature, MPFR_RNDN)
        if j == 0 || mpfr_cmp(scores + j, m) > 0 { mpfr_set(m, scores + j, MPFR_RNDN) }
      }
      mpfr_set_zero(total, 1)
      for j in 0..<n {
        mpfr_sub(scores + j, scores + j, m, MPFR_RNDN)
        mpfr_exp(scores + j, scores + j, MPFR_RNDN)
        mpfr_add(total, total, scores + j, MPFR_RNDN)
      }
      for i in 0..<d { mpfr_set_zero(out + i, 1) }
      for (j, z) in adapterOutputs.enumerated() {
        mpfr_div(scores + j, scores + j, total, MPFR_RNDN)
        project(k, z, value, d, scratch: t)
        for i in 0..<d {
          mpfr_mul(t, scores + j, k + i, MPFR_RNDN)
          mpfr_add(out + i, out + i, t, MPFR_RNDN)
        }
      }
      return ((0..<n).map { nearestDouble(scores + $0) }, (0..<d).map { nearestDouble(out + $0) })
    }
  }

  // MARK: - Helpers

  private static func checkRows(_ rows: [[Double]], length: Int, name: String) throws(Error) {
    for row in rows {
      guard row.count == length else {
        throw .invalidArgument(
          name: name, value: Double(row.count), requirement: "rows of \(length) entries")
      }
      if let bad = row.first(where: { !$0.isFinite }) {
        throw .invalidArgument(name: name, value: bad, requirement: "finite")
      }
    }
  }

  /// result = sum over i of a_i * b_i, every product exact.
  private static func dot(_ result: BigNumber, _ a: [Double], _ b: [Double], scratch t: BigNumber) {
    mpfr_set_zero(result, 1)
    for (x, y) in zip(a, b) {
      mpfr_set_d(t, x, MPFR_RNDN)
      mpfr_mul_d(t, t, y, MPFR_RNDN)
      mpfr_add(result, result, t, MPFR_RNDN)
    }
  }

  /// result[j] = sum over i of x_i * m[i][j].
  private static func project(
    _ result: BigNumber, _ x: [Double], _ m: [[Double]], _ d: Int, scratch t: BigNumber
  ) {
    for j in 0..<d {
      mpfr_set_zero(result + j, 1)
      for i in 0..<d {
        mpfr_set_d(t, x[i], MPFR_RNDN)
        mpfr_mul_d(t, t, m[i][j], MPFR_RNDN)
        mpfr_add(result + j, result + j, t, MPFR_RNDN)
      }
    }
  }

  /// Applies `activation` to `x` in place, with two scratch variables.
  private static func activate(
    _ x: BigNumber, _ activation: Activation, _ t: BigNumber, _ u: BigNumber
  ) {
    switch activation {
    case .identity: return
    case .relu:
      if mpfr_sgn(x) < 0 { mpfr_set_zero(x, 1) }
    case .tanh:
      mpfr_tanh(x, x, MPFR_RNDN)
    case .gelu:
      mpfr_set_ui(t, 2, MPFR_RNDN)
      mpfr_sqrt(t, t, MPFR_RNDN)
      mpfr_div(t, x, t, MPFR_RNDN)
      mpfr_erf(t, t, MPFR_RNDN)
      mpfr_add_ui(t, t, 1, MPFR_RNDN)
      mpfr_mul(x, x, t, MPFR_RNDN)
      mpfr_div_ui(x, x, 2, MPFR_RNDN)
    case .geluTanh:
      // inner = sqrt(2 / pi) * (x + 0.044715 x^3)
      mpfr_mul(t, x, x, MPFR_RNDN)
      mpfr_mul(t, t, x, MPFR_RNDN)
      mpfr_mul_d(t, t, 0.044715, MPFR_RNDN)
      mpfr_add(t, t, x, MPFR_RNDN)
      mpfr_const_pi(u, MPFR_RNDN)
      mpfr_ui_div(u, 2, u, MPFR_RNDN)
      mpfr_sqrt(u, u, MPFR_RNDN)
      mpfr_mul(t, t, u, MPFR_RNDN)
      mpfr_tanh(t, t, MPFR_RNDN)
      mpfr_add_ui(t, t, 1, MPFR_RNDN)
      mpfr_mul(x, x, t, MPFR_RNDN)
      mpfr_div_ui(x, x, 2, MPFR_RNDN)
    }
  }
}
