import Referee
import ReferenceNumerics
import SpecEngine

/// Property and figure checks of attention with a prefix.
///
/// The gate identity of He et al. 2022,
/// lambda's accuracy, the zero-length prefix and the causal layout.
enum PrefixAttentionChecks {
  static let all: [Check] = [gate, zeroLength, causal, lambdaFigure]

  static let dimension = CheckParameter.range(
    "dimension", within: 1...256, wholeNumbers: true, help: "the range of d, the key width")
  static let contextKeys = CheckParameter.range(
    "keys", within: 0...256, wholeNumbers: true, help: "the range of n, the context keys")
  static let prefixLength = CheckParameter.range(
    "prefix", within: 0...256, wholeNumbers: true, help: "the range of l, the prefix length")
  static let positions = CheckParameter.range(
    "positions", within: 1...64, wholeNumbers: true, help: "the range of sequence lengths")
  static let scale = CheckParameter.range(
    "scale", within: 1e-6...1e4, help: "the range of the score scale (typical |score|)")
  static let precision = CheckParameter.precision()
  /// The seed of a case's vectors, drawn like any input so a replay token reproduces them.
  static let seed = InputDraw(name: "seed", distribution: .integer, lower: 0, upper: 0x1p52)

  /// One generated instance: a query, context keys and values, prefix keys and values.
  struct Instance {
    var query: [Double]
    var keys: [[Double]]
    var values: [[Double]]
    var prefixKeys: [[Double]]
    var prefixValues: [[Double]]

    /// Draws an instance whose scores are of order `scale`, with the prefix's scores shifted
    /// by up to `scale` either way, so lambda ranges from underflow to within ulps of 1.
    init(d: Int, n: Int, l: Int, scale: Double, seed: Double) {
      var g = SeededGenerator(seed: UInt64(seed))
      let root = scale.squareRoot()
      query = DenseBound.uniform(d, &g, scale: root)
      keys = DenseBound.matrix(n, d, &g, scale: root)
      values = DenseBound.matrix(n, 3, &g)
      let q = query
      let norm = q.reduce(0) { $0 + $1 * $1 }
      let shift = RandomMatrices.uniform(-scale, scale, &g)
      let root2 = Double(d).squareRoot()
      prefixKeys = DenseBound.matrix(l, d, &g, scale: root).map { k in
        norm > 0 ? zip(k, q).map { $0 + shift * root2 * $1 / norm } : k
      }
      prefixValues = DenseBound.matrix(l, 3, &g)
    }

    /// The instance rounded to `T`.
    func rounded<T: ReferenceScalar>(to type: T.Type) -> Instance {
      var copy = self
      copy.query = query.rounded(to: type)
      copy.keys = keys.rounded(to: type)
      copy.values = values.rounded(to: type)
      copy.prefixKeys = prefixKeys.rounded(to: type)
      copy.prefixValues = prefixValues.rounded(to: type)
      return copy
    }
  }

  static func cast<T: ReferenceScalar>(_ m: [[Double]], _: T.Type) -> [[T]] {
    m.map { $0.map { T($0) } }
  }

  /// One case of `prefix.gate-identity` in `T`.
  static func gateCase<T: ReferenceScalar>(
    _: T.Type, _ instance: Instance, tolerance: Tolerance, precision: Precision
  ) throws -> CaseOutcome {
    let x = instance.rounded(to: T.self)
    let q = x.query.map { T($0) }
    let (k, v) = (cast(x.keys, T.self), cast(x.values, T.self))
    let (pk, pv) = (cast(x.prefixKeys, T.self), cast(x.prefixValues, T.self))
    let r = try PrefixAttention.attend(
      query: q, keys: k, values: v, prefixKeys: pk, prefixValues: pv)
    let exact = try Referee.prefixAttention(
      query: x.query, keys: x.keys, values: x.values, prefixKeys: x.prefixKeys,
      prefixValues: x.prefixValues)
    var outcome = CaseOutcome()
    outcome.context = [
      "lambda = \(NumberFormatting.short(exact.lambda, digits: 4))",
      "n = \(k.count)", "l = \(pk.count)",
    ]
    outcome.compare(
      precision.label("lambda vs referee"), r.lambda, against: exact.lambda, within: tolerance)
    outcome.compare(
      precision.label("1 - lambda vs referee"), r.complement, against: exact.complement,
      within: tolerance)
    DenseBound.record(
      &outcome, precision.label("output vs referee"), actual: r.output.map(Double.init),
      reference: exact.output,
      bound: PrefixAttention.outputErrorBound(query: q, keys: pk + k, values: pv + v))
    if let plain = r.plainOutput, let reference = exact.plainOutput {
      DenseBound.record(
        &outcome, precision.label("context attention vs referee"),
        actual: plain.map(Double.init), reference: reference,
        bound: PrefixAttention.outputErrorBound(query: q, keys: k, values: v))
    }
    if let prefix = r.prefixOutput, let reference = exact.prefixOutput {
      DenseBound.record(
        &outcome, precision.label("prefix attention vs referee"),
        actual: prefix.map(Double.init), reference: reference,
        bound: PrefixAttention.outputErrorBound(query: q, keys: pk, values: pv))
    }
    let size = (x.values + x.prefixValues).flatMap { $0 }.map(abs).max() ?? 0
    outcome.require(
      exact.identityResidual <= 0x1p-200 * max(size, 1),
      "gate identity at 256 bits (referee, mathematics only)",
      note: "the referee's output differs from (1 - lambda) plain + lambda prefix by "
        + "\(exact.identityResidual)")
    return outcome
  }

  static let gate = Check(
    name: "prefix.gate-identity", kind: .property,
    summary: "Attention over [prefix; context] equals (1 - lambda) Attn(context) + lambda "
      + "Attn(prefix): lambda and 1 - lambda against the referee in the tolerance's unit, the "
      + "three attentions within their first-order rounding bound, the identity at 256 bits.",
    parameters: [dimension, contextKeys, prefixLength, scale, PropertySupport.cases, precision],
    oracles: .referee
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: {
        [
          try claim[dimension], try claim[contextKeys], try claim[prefixLength],
          try claim[scale], seed,
        ]
      }
    ) { tolerance, values in
      let precision = try claim[precision]
      let (n, l) = (Int(values[contextKeys]), Int(values[prefixLength]))
      let instance = Instance(
        d: Int(values[dimension]), n: n == 0 && l == 0 ? 1 : n, l: l, scale: values[scale],
        seed: values["seed"])
      return try precision == .double
        ? gateCase(Double.self, instance, tolerance: tolerance, precision: precision)
        : gateCase(Float.self, instance, tolerance: tolerance, precision: precision)
    }
  }

  /// One case of `prefix.zero-length` in `T`.
  static func zeroCase<T: ReferenceScalar>(_: T.Type, _ instance: Instance) throws -> CaseOutcome {
    let q = instance.query.map { T($0) }
    let (k, v) = (cast(instance.keys, T.self), cast(instance.values, T.self))
    let frozen = try PrefixAttention.attention(query: q, keys: k, values: v)
    let r = try PrefixAttention.attend(
      query: q, keys: k, values: v, prefixKeys: [], prefixValues: [])
    var outcome = CaseOutcome()
    outcome.require(
      r.output == frozen, "output with an empty prefix equals the frozen output bit for bit",
      note: "\(r.output) differs from \(frozen)")
    outcome.require(
      r.lambda == 0 && r.complement == 1, "lambda is exactly 0",
      note: "lambda = \(r.lambda), 1 - lambda = \(r.complement)")
    let queries = k.map { row in row.map { $0 * 2 } }
    let layer = try PrefixAttention.causalLayer(
      queries: queries, keys: k, values: v, prefixKeys: [], prefixValues: [])
    for t in k.indices {
      let direct = try PrefixAttention.attention(
        query: queries[t], keys: Array(k[0...t]), values: Array(v[0...t]))
      outcome.require(
        layer[t] == direct, "causal layer with an empty prefix equals the frozen causal layer",
        note: "position \(t): \(layer[t]) differs from \(direct)")
    }
    return outcome
  }

  static let zeroLength = Check(
    name: "prefix.zero-length", kind: .property,
    summary: "With a prefix of length 0 the output, and every position of a causal layer, equal "
      + "the frozen model's bit for bit, and lambda is exactly 0.",
    parameters: [dimension, contextKeys, scale, PropertySupport.cases, precision],
    oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: { [try claim[dimension], try claim[contextKeys], try claim[scale], seed] }
    ) { _, values in
      let precision = try claim[precision]
      let instance = Instance(
        d: Int(values[dimension]), n: max(1, Int(values[contextKeys])), l: 0,
        scale: values[scale], seed: values["seed"])
      return try precision == .double
        ? zeroCase(Double.self, instance) : zeroCase(Float.self, instance)
    }
  }

  /// One case of `prefix.causal-layer` in `T`.
  static func causalCase<T: ReferenceScalar>(
    _: T.Type, _ instance: Instance, tolerance: Tolerance, precision: Precision
  ) throws -> CaseOutcome {
    let x = instance.rounded(to: T.self)
    let (k, v) = (cast(x.keys, T.self), cast(x.values, T.self))
    let (pk, pv) = (cast(x.prefixKeys, T.self), cast(x.prefixValues, T.self))
    // Queries: each key scaled, so position t prefers its own neighbourhood.
    let queries = x.keys.map { row in row.map { $0 * 0.75 } }
    let tq = cast(queries, T.self)
    let layer = try PrefixAttention.causalLayer(
      queries: tq, keys: k, values: v, prefixKeys: pk, prefixValues: pv)
    var outcome = CaseOutcome()
    for t in k.indices {
      let exact = try Referee.prefixAttention(
        query: queries[t], keys: Array(x.keys[0...t]), values: Array(x.values[0...t]),
        prefixKeys: x.prefixKeys, prefixValues: x.prefixValues)
      DenseBound.record(
        &outcome, precision.label("position output vs referee"),
        actual: layer[t].map(Double.init), reference: exact.output,
        bound: PrefixAttention.outputErrorBound(
          query: tq[t], keys: pk + Array(k[0...t]), values: pv + Array(v[0...t])),
        limit: tolerance.bound.limit)
    }
    return outcome
  }

  static let causal = Check(
    name: "prefix.causal-layer", kind: .property,
    summary: "In a causal layer over [PREFIX; x], position t attends to the whole prefix and to "
      + "positions 0 ... t: each output against the referee within its first-order bound.",
    parameters: [dimension, positions, prefixLength, scale, PropertySupport.cases, precision],
    oracles: .referee
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: {
        [
          try claim[dimension], try claim[positions], try claim[prefixLength], try claim[scale],
          seed,
        ]
      }
    ) { tolerance, values in
      let precision = try claim[precision]
      let instance = Instance(
        d: Int(values[dimension]), n: Int(values[positions]), l: Int(values[prefixLength]),
        scale: values[scale], seed: values["seed"])
      return try precision == .double
        ? causalCase(Double.self, instance, tolerance: tolerance, precision: precision)
        : causalCase(Float.self, instance, tolerance: tolerance, precision: precision)
    }
  }

  static let lengths = CheckParameter.range(
    "prefix", within: 1...512, help: "the prefix lengths to plot, as a ... b")
  static let scales = CheckParameter.integers(
    "scales", in: 1...10_000, help: "the score scales, one series each")

  /// The scores of the figure: 16-wide keys whose first entry is the score, queried by
  /// q = (4, 0, ..., 0), so every score is exact; 32 context scores uniform in
  /// [-scale, scale], prefix scores uniform in [0.3 scale, 0.5 scale], so the largest context
  /// score leads the prefix by about 0.45 scale.
  static func figureInstance(length: Int, scale: Double, claim: Claim) -> (
    q: [Double], keys: [[Double]], prefix: [[Double]]
  ) {
    var g = SeededGenerator(seed: ReplayToken.seed(forClaim: claim.id) ^ UInt64(scale))
    let row = { (score: Double, g: inout SeededGenerator) -> [Double] in
      [score] + DenseBound.uniform(15, &g)
    }
    let keys = (0..<32).map { _ in row(RandomMatrices.uniform(-scale, scale, &g), &g) }
    let prefix = (0..<length).map { _ in
      row(RandomMatrices.uniform(0.3 * scale, 0.5 * scale, &g), &g)
    }
    return ([4] + [Double](repeating: 0, count: 15), keys, prefix)
  }

  static let lambdaFigure = Check(
    name: "prefix.lambda-figure", kind: .figure,
    summary: "Lambda against the prefix length for several score scales (32 context scores "
      + "uniform in [-scale, scale], prefix scores in [0.3 scale, 0.5 scale]); each point "
      + "against the referee.",
    parameters: [lengths, scales], oracles: .referee
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let range = try claim[lengths]
      let scales = try claim[scales]
      let ls = Array(Int(range.lower.rounded(.up))...Int(range.upper.rounded(.down)))
      var series: [Figure.Series] = []
      var kernel: [Double] = []
      var oracle: [Double] = []
      for scale in scales {
        var ys: [Double] = []
        for l in ls {
          // The prefix of length l is the first l rows of the longest one, so the curve grows.
          let x = figureInstance(length: ls.last ?? l, scale: Double(scale), claim: claim)
          let prefix = Array(x.prefix.prefix(l))
          let lambda = PrefixAttention.share(query: x.q, keys: x.keys, prefixKeys: prefix).lambda
          let values = [[Double]](repeating: [0], count: x.keys.count)
          let exact = try Referee.prefixAttention(
            query: x.q, keys: x.keys, values: values, prefixKeys: prefix,
            prefixValues: [[Double]](repeating: [0], count: l))
          ys.append(lambda)
          kernel.append(lambda)
          oracle.append(exact.lambda)
        }
        series.append(
          .init(name: "scale \(scale)", style: .line, x: ls.map(Double.init), y: ys))
      }
      let figure = Figure(
        title: "The prefix's share lambda (32 context keys)", xLabel: "prefix length l",
        yLabel: "lambda", logY: true, series: series)
      return FigureSupport.result(
        claim, figure: figure, kernel: kernel, oracle: oracle, oracleName: "referee",
        tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }
}
