import GSLOracle
import RealModule
import Referee
import ReferenceNumerics
import SpecEngine

/// Property checks of bottleneck adapters, their placement, AdapterFusion and AdapterDrop.
enum AdapterChecks {
  static let all: [Check] = [forward, identityInit, placement, fusion, drop, truncation]

  static let width = CheckParameter.range(
    "width", within: 1...1024, wholeNumbers: true, help: "the range of d, the model width")
  static let bottleneck = CheckParameter.range(
    "bottleneck", within: 1...256, wholeNumbers: true, help: "the range of m, the bottleneck")
  static let scale = CheckParameter.range(
    "scale", within: 1e-6...1e3, help: "the range of the hidden state's scale")
  static let adapters = CheckParameter.range(
    "adapters", within: 1...64, wholeNumbers: true, help: "the range of adapters fused")
  static let layers = CheckParameter.range(
    "layers", within: 1...96, wholeNumbers: true, help: "the range of L, the layers")
  static let initScale = CheckParameter.number(
    "init-std", within: 0...1, default: 1e-2,
    help: "the standard deviation of the near-identity initialisation")
  static let precision = CheckParameter.precision()
  static let seed = PrefixAttentionChecks.seed

  /// Which activations a claim draws: one of them, or all three in turn.
  enum ActivationChoice: String, ParameterChoice {
    case relu, gelu
    case geluTanh = "gelu-tanh"
    case all

    func pick(_ seed: Double) -> AdapterActivation {
      switch self {
      case .relu: .relu
      case .gelu: .gelu
      case .geluTanh: .geluTanh
      case .all: AdapterActivation.allCases[Int(seed) % 3]
      }
    }
  }
  static let activation = CheckParameter<ActivationChoice>.choice(
    "activation", default: .all, help: "the nonlinearity f (all draws each in turn)")

  static func cast<T: ReferenceScalar>(_ m: [[Double]], _: T.Type) -> [[T]] {
    m.map { $0.map { T($0) } }
  }

  static func refereeActivation(_ f: AdapterActivation) -> Referee.Activation {
    switch f {
    case .relu: .relu
    case .gelu: .gelu
    case .geluTanh: .geluTanh
    }
  }

  /// Random adapter weights rounded to `T`: (down, downBias, up, upBias).
  static func weights<T: ReferenceScalar>(
    _: T.Type, d: Int, m: Int, _ g: inout SeededGenerator
  ) -> ([[Double]], [Double], [[Double]], [Double]) {
    let down = DenseBound.matrix(d, m, &g, scale: 1 / Double(d).squareRoot()).rounded(to: T.self)
    let b1 = DenseBound.uniform(m, &g, scale: 0.1).rounded(to: T.self)
    let up = DenseBound.matrix(m, d, &g, scale: 1 / Double(m).squareRoot()).rounded(to: T.self)
    let b2 = DenseBound.uniform(d, &g, scale: 0.1).rounded(to: T.self)
    return (down, b1, up, b2)
  }

  /// One case of `adapter.forward` in `T`.
  static func forwardCase<T: ReferenceScalar>(
    _: T.Type, d: Int, m: Int, scale: Double, f: AdapterActivation, seed: Double,
    limit: Double, precision: Precision
  ) throws -> CaseOutcome {
    var g = SeededGenerator(seed: UInt64(seed))
    let (down, b1, up, b2) = weights(T.self, d: d, m: m, &g)
    let h = DenseBound.uniform(d, &g, scale: scale).rounded(to: T.self)
    let adapter = try BottleneckAdapter<T>(
      down: cast(down, T.self), downBias: b1.map { T($0) }, up: cast(up, T.self),
      upBias: b2.map { T($0) }, activation: f)
    let out = try adapter(h.map { T($0) })
    let exact = try Referee.perceptron(
      h,
      layers: [
        .init(weights: down, bias: b1, activation: refereeActivation(f)),
        .init(weights: up, bias: b2, activation: .identity),
      ], residual: true)
    let (lipschitz, rounding) = DenseBound.constants(f)
    let bound = DenseBound.chain(
      h,
      [
        .init(
          weights: down, bias: b1, activation: { f($0) }, lipschitz: lipschitz,
          rounding: rounding),
        .init(weights: up, bias: b2, activation: { $0 }, lipschitz: 1, rounding: 0),
      ], residual: true, u: Double(T.ulpOfOne) / 2)
    var outcome = CaseOutcome()
    outcome.context = ["f = \(f.rawValue)"]
    DenseBound.record(
      &outcome, precision.label("adapter output vs referee"), actual: out.map(Double.init),
      reference: exact, bound: bound, limit: limit)
    return outcome
  }

  static let forward = Check(
    name: "adapter.forward", kind: .property,
    summary: "h + f(h W_down + b1) W_up + b2 for relu, gelu (erf) and gelu-tanh, against the "
      + "referee, measured as a fraction of its first-order rounding bound.",
    parameters: [width, bottleneck, scale, activation, PropertySupport.cases, precision],
    oracles: .referee
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: { [try claim[width], try claim[bottleneck], try claim[scale], seed] }
    ) { tolerance, values in
      let precision = try claim[precision]
      let f = try claim[activation].pick(values["seed"])
      let (d, m, s) = (Int(values[width]), Int(values[bottleneck]), values[scale])
      let limit = tolerance.bound.limit
      return try precision == .double
        ? forwardCase(
          Double.self, d: d, m: m, scale: s, f: f, seed: values["seed"], limit: limit,
          precision: precision)
        : forwardCase(
          Float.self, d: d, m: m, scale: s, f: f, seed: values["seed"], limit: limit,
          precision: precision)
    }
  }

  /// A draw from a normal distribution with standard deviation `std`, truncated at two
  /// standard deviations (redrawn beyond), by Box-Muller.
  static func truncatedNormal(_ std: Double, _ g: inout SeededGenerator) -> Double {
    while true {
      let u1 = g.nextOpenUnitInterval()
      let u2 = g.nextOpenUnitInterval()
      let z = (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
      if abs(z) <= 2 { return z * std }
    }
  }

  static func frobenius(_ m: [[Double]]) -> Double {
    m.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }.squareRoot()
  }

  static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

  static let identityInit = Check(
    name: "adapter.identity-init", kind: .property,
    summary: "With W_up = 0 and b2 = 0 the adapter returns h exactly; with Houlsby's "
      + "initialisation (truncated normal of std init-std, zero biases) |out - h| is at most "
      + "|h| |W_down|_F |W_up|_F, since |f(z)| <= |z| for relu and both GELUs.",
    parameters: [width, bottleneck, scale, activation, initScale, PropertySupport.cases],
    oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: { [try claim[width], try claim[bottleneck], try claim[scale], seed] }
    ) { tolerance, values in
      let f = try claim[activation].pick(values["seed"])
      let std = try claim[initScale]
      let (d, m) = (Int(values[width]), Int(values[bottleneck]))
      var g = SeededGenerator(seed: UInt64(values["seed"]))
      let h = DenseBound.uniform(d, &g, scale: values[scale])
      let down = (0..<d).map { _ in (0..<m).map { _ in truncatedNormal(std, &g) } }
      let zeroUp = [[Double]](repeating: [Double](repeating: 0, count: d), count: m)
      let b1 = DenseBound.uniform(m, &g)
      let identity = try BottleneckAdapter(
        down: down, downBias: b1, up: zeroUp, upBias: [Double](repeating: 0, count: d),
        activation: f)
      var outcome = CaseOutcome()
      outcome.context = ["f = \(f.rawValue)"]
      let same = try identity(h)
      outcome.require(
        same == h, "W_up = 0 gives h exactly", note: "\(same) differs from \(h)")
      let up = (0..<m).map { _ in (0..<d).map { _ in truncatedNormal(std, &g) } }
      let near = try BottleneckAdapter(
        down: down, downBias: [Double](repeating: 0, count: m), up: up,
        upBias: [Double](repeating: 0, count: d), activation: f)
      let out = try near(h)
      let distance = norm(zip(out, h).map { $0 - $1 })
      let bound = norm(h) * frobenius(down) * frobenius(up)
      // The bound is exact arithmetic; the computed distance carries rounding of h's size.
      let slack = 4 * Double(d + m) * Double.ulpOfOne * norm(h)
      let ratio = distance / (bound + slack)
      outcome.measurements.append(
        Measurement(
          label: "|out - h| / (|h| |W_down|_F |W_up|_F)", value: ratio,
          bound: tolerance.bound.limit, unit: "of the bound",
          passed: ratio <= tolerance.bound.limit))
      if ratio > tolerance.bound.limit {
        outcome.notes.append("|out - h| = \(distance) exceeds \(bound)")
      }
      return outcome
    }
  }

  /// A frozen dense sublayer `x -> x W + b` for the placement checks.
  static func sublayer(_ d: Int, _ g: inout SeededGenerator) -> ([Double]) -> [Double] {
    let w = DenseBound.matrix(d, d, &g, scale: 1 / Double(d).squareRoot())
    let b = DenseBound.uniform(d, &g, scale: 0.1)
    return { x in
      var out = b
      for (xi, row) in zip(x, w) {
        for j in out.indices { out[j] += xi * row[j] }
      }
      return out
    }
  }

  static let placement = Check(
    name: "adapter.placement", kind: .property,
    summary: "Houlsby places two adapters per layer (after attention and after the FFN, before "
      + "each residual add and LayerNorm), Pfeiffer one (after the FFN): zero-initialised "
      + "adapters reproduce the frozen layer bit for bit, and Houlsby with its first adapter "
      + "zero is Pfeiffer.",
    parameters: [width, bottleneck, activation, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[width], try claim[bottleneck], seed] }
    ) { _, values in
      let f = try claim[activation].pick(values["seed"])
      let (d, m) = (Int(values[width]), Int(values[bottleneck]))
      var g = SeededGenerator(seed: UInt64(values["seed"]))
      let attention = sublayer(d, &g)
      let feedForward = sublayer(d, &g)
      let x = DenseBound.uniform(d, &g)
      let zeroUp = [[Double]](repeating: [Double](repeating: 0, count: d), count: m)
      let zeros = [Double](repeating: 0, count: d)
      let (down, b1, up, b2) = weights(Double.self, d: d, m: m, &g)
      let zero = try BottleneckAdapter(
        down: down, downBias: b1, up: zeroUp, upBias: zeros, activation: f)
      let trained = try BottleneckAdapter(
        down: down, downBias: b1, up: up, upBias: b2, activation: f)
      // The frozen post-LN layer, written out: LN(x + attention(x)), then LN(a + ffn(a)).
      let a = AdapterPlacement.layerNorm(zip(x, attention(x)).map { $0 + $1 })
      let frozen = AdapterPlacement.layerNorm(zip(a, feedForward(a)).map { $0 + $1 })
      var outcome = CaseOutcome()
      outcome.context = ["f = \(f.rawValue)"]
      outcome.require(
        AdapterPlacement.houlsby.adaptersPerLayer == 2
          && AdapterPlacement.pfeiffer.adaptersPerLayer == 1,
        "Houlsby 2 adapters per layer, Pfeiffer 1", note: "wrong adapter counts")
      for p in AdapterPlacement.allCases {
        let adapters = [BottleneckAdapter](repeating: zero, count: p.adaptersPerLayer)
        let y = try p.layer(
          x, attention: attention, feedForward: feedForward, adapters: adapters)
        outcome.require(
          y == frozen, "zero-initialised \(p.rawValue) adapters leave the layer unchanged",
          note: "\(p.rawValue): \(y) differs from the frozen \(frozen)")
      }
      let houlsby = try AdapterPlacement.houlsby.layer(
        x, attention: attention, feedForward: feedForward, adapters: [zero, trained])
      let pfeiffer = try AdapterPlacement.pfeiffer.layer(
        x, attention: attention, feedForward: feedForward, adapters: [trained])
      outcome.require(
        houlsby == pfeiffer, "Houlsby without its attention adapter is Pfeiffer",
        note: "\(houlsby) differs from \(pfeiffer)")
      let both = try AdapterPlacement.houlsby.layer(
        x, attention: attention, feedForward: feedForward, adapters: [trained, trained])
      outcome.require(
        both != pfeiffer, "Houlsby's attention adapter changes the output",
        note: "the attention adapter had no effect")
      return outcome
    }
  }

  /// The first-order bound of a fusion output in `T`, computed from the inputs in Double.
  static func fusionBound(
    hidden: [Double], z: [[Double]], query: [[Double]], key: [[Double]], value: [[Double]],
    weights: [Double], u: Double, tiny: Double
  ) -> (weights: [Double], output: [Double]) {
    let d = Double(hidden.count)
    let n = Double(z.count)
    let abs2 = { (m: [[Double]]) in m.map { $0.map(Swift.abs) } }
    let magnitude = { (x: [Double], m: [[Double]]) -> [Double] in
      (0..<m[0].count).map { j in zip(x, m).reduce(0) { $0 + Swift.abs($1.0) * $1.1[j] } }
    }
    let q = magnitude(hidden, abs2(query))
    var worst = 0.0
    var values: [[Double]] = []
    for zn in z {
      let k = magnitude(zn, abs2(key))
      worst = max(worst, (2 * d + 2) * u * zip(q, k).reduce(0) { $0 + $1.0 * $1.1 })
      values.append(magnitude(zn, abs2(value)))
    }
    let relative = 2 * worst + (n + 4) * u
    // A weight below the least normal number may underflow: `tiny` of absolute error each.
    let w = weights.map { relative * $0 + tiny }
    let o = (0..<hidden.count).map { i in
      zip(weights, values).reduce(0) {
        $0 + ($1.0 * (relative + (d + n + 2) * u) + tiny) * $1.1[i]
      }
    }
    return (w, o)
  }

  /// One case of `adapter.fusion` in `T`.
  static func fusionCase<T: ReferenceScalar>(
    _: T.Type, d: Int, n: Int, scale: Double, seed: Double, tolerance: Tolerance,
    precision: Precision
  ) throws -> CaseOutcome {
    var g = SeededGenerator(seed: UInt64(seed))
    let projection = { (g: inout SeededGenerator) in
      DenseBound.matrix(d, d, &g, scale: 1 / Double(d).squareRoot()).rounded(to: T.self)
    }
    let (query, key, value) = (projection(&g), projection(&g), projection(&g))
    let h = DenseBound.uniform(d, &g, scale: scale).rounded(to: T.self)
    let z = DenseBound.matrix(n, d, &g, scale: scale).rounded(to: T.self)
    let fusion = try AdapterFusion<T>(
      query: cast(query, T.self), key: cast(key, T.self), value: cast(value, T.self))
    let (w, o) = try fusion(hidden: h.map { T($0) }, adapterOutputs: cast(z, T.self))
    let exact = try Referee.adapterFusion(
      hidden: h, adapterOutputs: z, query: query, key: key, value: value)
    let bound = fusionBound(
      hidden: h, z: z, query: query, key: key, value: value, weights: exact.weights,
      u: Double(T.ulpOfOne) / 2, tiny: Double(T.leastNormalMagnitude))
    var outcome = CaseOutcome()
    // The weights' sum in exact arithmetic: within n + 1 roundings of 1.
    let sum = w.reduce(0.0) { $0 + Double($1) }
    outcome.compare(
      precision.label("sum of fusion weights vs 1"), T(sum), against: 1, within: tolerance)
    DenseBound.record(
      &outcome, precision.label("fusion weights vs referee"), actual: w.map(Double.init),
      reference: exact.weights, bound: bound.weights)
    DenseBound.record(
      &outcome, precision.label("fused output vs referee"), actual: o.map(Double.init),
      reference: exact.output, bound: bound.output)
    if n == 1 {
      let projected = try Referee.perceptron(
        z[0],
        layers: [
          .init(weights: value, bias: [Double](repeating: 0, count: d), activation: .identity)
        ])
      outcome.require(w == [1], "one adapter has weight 1", note: "weights \(w)")
      DenseBound.record(
        &outcome, precision.label("one adapter: output vs z W_V (referee)"),
        actual: o.map(Double.init), reference: projected, bound: bound.output)
    }
    return outcome
  }

  static let fusion = Check(
    name: "adapter.fusion", kind: .property,
    summary: "AdapterFusion's weights softmax_n((h W_Q) . (z_n W_K)) sum to 1 (in the "
      + "tolerance's unit) and, with the output sum_n s_n z_n W_V, agree with the referee within "
      + "their first-order bounds; one adapter gives weight 1 and output z W_V.",
    parameters: [width, adapters, scale, PropertySupport.cases, precision], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[width], try claim[adapters], try claim[scale], seed] }
    ) { tolerance, values in
      let precision = try claim[precision]
      let (d, n, s) = (Int(values[width]), Int(values[adapters]), values[scale])
      return try precision == .double
        ? fusionCase(
          Double.self, d: d, n: n, scale: s, seed: values["seed"], tolerance: tolerance,
          precision: precision)
        : fusionCase(
          Float.self, d: d, n: n, scale: s, seed: values["seed"], tolerance: tolerance,
          precision: precision)
    }
  }

  static let drop = Check(
    name: "adapter.drop-savings", kind: .property,
    summary: "Dropping the adapters of the first k layers saves k x adapters-per-layer x 2 m d "
      + "multiply-adds per token: linear in k, for both placements.",
    parameters: [layers, width, bottleneck, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: { [try claim[layers], try claim[width], try claim[bottleneck], seed] }
    ) { _, values in
      let (l, d, m) = (Int(values[layers]), Int(values[width]), Int(values[bottleneck]))
      let k = Int(values["seed"]) % (l + 1)
      var outcome = CaseOutcome()
      outcome.context = ["k = \(k)"]
      for p in AdapterPlacement.allCases {
        let saved = try AdapterDrop.savedOperations(
          layers: l, dropped: k, placement: p, width: d, bottleneck: m)
        let one = try AdapterDrop.savedOperations(
          layers: l, dropped: 1, placement: p, width: d, bottleneck: m)
        outcome.require(
          saved == k * one, "\(p.rawValue): savings linear in k",
          note: "saved(\(k)) = \(saved), but k saved(1) = \(k * one)")
        outcome.require(
          one == p.adaptersPerLayer * 2 * m * d, "\(p.rawValue): one layer saves a x 2 m d",
          note: "saved(1) = \(one)")
      }
      return outcome
    }
  }

  static let rows = CheckParameter.range(
    "out-features", within: 1...64, wholeNumbers: true, help: "the range of the delta's rows")
  static let columns = CheckParameter.range(
    "in-features", within: 1...64, wholeNumbers: true,
    help: "the range of the delta's columns")

  static let truncation = Check(
    name: "delta.svd-truncation", kind: .property,
    summary: "The rank-r SVD truncation of a weight delta (the LoRA kernels' "
      + "LowRankApproximation, r >= 1) misses it by sqrt(sum over i > r of sigma_i^2) in the "
      + "Frobenius norm (Eckart-Young), with the singular values from GSL's "
      + "gsl_linalg_SV_decomp_jacobi.",
    parameters: [rows, columns, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[rows], try claim[columns], seed] }
    ) { tolerance, values in
      let (m, n) = (Int(values[rows]), Int(values[columns]))
      var g = SeededGenerator(seed: UInt64(values["seed"]))
      let delta = DenseBound.matrix(m, n, &g)
      let r = 1 + Int(values["seed"]) % min(m, n)
      let approximation = try LowRankApproximation(Matrix(delta), rank: r).reconstruction
      var residual = 0.0
      for i in 0..<m {
        for j in 0..<n {
          let e = delta[i][j] - approximation[i, j]
          residual += e * e
        }
      }
      let sigma = try GSL.singularValueDecompositionJacobi(delta).singularValues
      let tail = sigma.dropFirst(r).reduce(0) { $0 + $1 * $1 }.squareRoot()
      var outcome = CaseOutcome()
      outcome.context = ["r = \(r)"]
      outcome.compare(
        "|D - D_r|_F vs GSL's tail of singular values", residual.squareRoot(), against: tail,
        within: tolerance)
      return outcome
    }
  }
}
