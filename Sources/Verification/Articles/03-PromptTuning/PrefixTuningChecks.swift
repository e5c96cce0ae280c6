import RealModule
import Referee
import ReferenceNumerics
import SpecEngine

/// Checks of prefix tuning's reparameterisation and layout, prompt tuning, P-tuning and the
/// majority vote of prompt ensembles.
enum PrefixTuningChecks {
  static let all: [Check] = [
    reparameterization, slabLayout, prepend, template, vote, promptEncoder,
  ]

  static let layers = CheckParameter.range(
    "layers", within: 1...48, wholeNumbers: true, help: "the range of L, the layers")
  static let heads = CheckParameter.range(
    "heads", within: 1...16, wholeNumbers: true, help: "the range of the attention heads")
  static let headWidth = CheckParameter.range(
    "head-width", within: 1...64, wholeNumbers: true, help: "the range of the head width")
  static let tokens = CheckParameter.range(
    "tokens", within: 1...64, wholeNumbers: true, help: "the range of virtual tokens")
  static let hidden = CheckParameter.range(
    "hidden", within: 1...256, wholeNumbers: true, help: "the range of the MLP's hidden size")
  static let width = CheckParameter.range(
    "width", within: 1...256, wholeNumbers: true, help: "the range of the embedding width")
  static let inputLength = CheckParameter.range(
    "input", within: 0...64, wholeNumbers: true, help: "the range of input tokens")
  static let prompts = CheckParameter.range(
    "prompts", within: 1...64, wholeNumbers: true, help: "the range of prompts in an ensemble")
  static let labels = CheckParameter.range(
    "labels", within: 1...16, wholeNumbers: true, help: "the range of the number of labels")
  static let precision = CheckParameter.precision()
  static let seed = PrefixAttentionChecks.seed

  static func cast<T: ReferenceScalar>(_ m: [[Double]], _: T.Type) -> [[T]] {
    m.map { $0.map { T($0) } }
  }

  /// One case of `prefix.reparameterization` in `T`.
  static func reparameterizationCase<T: ReferenceScalar>(
    _: T.Type, layers: Int, heads: Int, headWidth: Int, tokens: Int, hidden: Int, seed: Double,
    limit: Double, precision: Precision
  ) throws -> CaseOutcome {
    var g = SeededGenerator(seed: UInt64(seed))
    let width = heads * headWidth
    let tokenWidth = width
    let out = 2 * layers * width
    let embedding = DenseBound.matrix(tokens, tokenWidth, &g).rounded(to: T.self)
    let first = DenseBound.matrix(tokenWidth, hidden, &g, scale: 0.5).rounded(to: T.self)
    let firstBias = DenseBound.uniform(hidden, &g, scale: 0.1).rounded(to: T.self)
    let second = DenseBound.matrix(hidden, out, &g, scale: 0.5).rounded(to: T.self)
    let secondBias = DenseBound.uniform(out, &g, scale: 0.1).rounded(to: T.self)
    let encoder = try PrefixEncoder<T>(
      layers: layers, width: width, heads: heads, embedding: cast(embedding, T.self),
      first: cast(first, T.self), firstBias: firstBias.map { T($0) },
      second: cast(second, T.self), secondBias: secondBias.map { T($0) })
    let table = encoder.materialized
    let u = Double(T.ulpOfOne) / 2
    var outcome = CaseOutcome()
    let referee: [Referee.Layer] = [
      .init(weights: first, bias: firstBias, activation: .tanh),
      .init(weights: second, bias: secondBias, activation: .identity),
    ]
    let bounded: [DenseBound.Layer] = [
      .init(
        weights: first, bias: firstBias, activation: { Double.tanh($0) }, lipschitz: 1, rounding: 2),
      .init(weights: second, bias: secondBias, activation: { $0 }, lipschitz: 1, rounding: 0),
    ]
    for (row, input) in zip(table, embedding) {
      let exact = try Referee.perceptron(input, layers: referee)
      DenseBound.record(
        &outcome, precision.label("materialised P vs referee MLP(P')"),
        actual: row.map(Double.init), reference: exact,
        bound: DenseBound.chain(input, bounded, residual: false, u: u), limit: limit)
    }
    // The stored table gives the same prefix, bit for bit, as the MLP it replaced.
    let stored = try PrefixEncoder<T>(layers: layers, width: width, heads: heads, table: table)
    outcome.require(
      stored.materialized == table, "the stored table equals MLP(P') bit for bit",
      note: "the stored prefix differs from the materialised one")
    outcome.require(
      stored.storedParameterCount == tokens * out && encoder.storedParameterCount == tokens * out,
      "stored parameters are tokens x 2 L d",
      note: "stored \(stored.storedParameterCount), expected \(tokens * out)")
    return outcome
  }

  static let reparameterization = Check(
    name: "prefix.reparameterization", kind: .property,
    summary: "PEFT's PrefixEncoder with prefix_projection: the materialised table "
      + "tanh(E W1 + b1) W2 + b2 against the referee's MLP within its first-order bound, and a "
      + "stored table that reproduces it exactly.",
    parameters: [layers, heads, headWidth, tokens, hidden, PropertySupport.cases, precision],
    oracles: .referee
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: {
        [
          try claim[layers], try claim[heads], try claim[headWidth], try claim[tokens],
          try claim[hidden], seed,
        ]
      }
    ) { tolerance, values in
      let precision = try claim[precision]
      let limit = tolerance.bound.limit
      let args = (
        Int(values[layers]), Int(values[heads]), Int(values[headWidth]), Int(values[tokens]),
        Int(values[hidden])
      )
      return try precision == .double
        ? reparameterizationCase(
          Double.self, layers: args.0, heads: args.1, headWidth: args.2, tokens: args.3,
          hidden: args.4, seed: values["seed"], limit: limit, precision: precision)
        : reparameterizationCase(
          Float.self, layers: args.0, heads: args.1, headWidth: args.2, tokens: args.3,
          hidden: args.4, seed: values["seed"], limit: limit, precision: precision)
    }
  }

  /// Returns `tensor` (row-major, of `shape`) permuted so that output axis `a` is input axis
  /// `order[a]`, as torch's `permute`: a generic strided copy.
  static func permute(_ tensor: [Double], shape: [Int], order: [Int]) -> [Double] {
    var strides = [Int](repeating: 1, count: shape.count)
    for a in stride(from: shape.count - 2, through: 0, by: -1) {
      strides[a] = strides[a + 1] * shape[a + 1]
    }
    let outShape = order.map { shape[$0] }
    let total = shape.reduce(1, *)
    var out = [Double](repeating: 0, count: total)
    var index = [Int](repeating: 0, count: shape.count)
    for flat in 0..<total {
      var rest = flat
      for a in stride(from: outShape.count - 1, through: 0, by: -1) {
        index[a] = rest % outShape[a]
        rest /= outShape[a]
      }
      var source = 0
      for a in order.indices { source += index[a] * strides[order[a]] }
      out[flat] = tensor[source]
    }
    return out
  }

  static let slabLayout = Check(
    name: "prefix.slab-layout", kind: .property,
    summary: "The key and value slabs per layer and head equal PEFT's "
      + "view(l, 2L, H, d / H).permute([1, 2, 0, 3]) (its [2, 0, 3, 1, 4] without the batch), "
      + "split in pairs along the first axis: a generic strided permute.",
    parameters: [layers, heads, headWidth, tokens, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: {
        [try claim[layers], try claim[heads], try claim[headWidth], try claim[tokens], seed]
      }
    ) { _, values in
      let (layerCount, h, dh, l) = (
        Int(values[layers]), Int(values[heads]), Int(values[headWidth]), Int(values[tokens])
      )
      var g = SeededGenerator(seed: UInt64(values["seed"]))
      let table = DenseBound.matrix(l, 2 * layerCount * h * dh, &g)
      let encoder = try PrefixEncoder(
        layers: layerCount, width: h * dh, heads: h, table: table)
      let permuted = permute(
        table.flatMap { $0 }, shape: [l, 2 * layerCount, h, dh], order: [1, 2, 0, 3])
      var outcome = CaseOutcome()
      var mismatches = 0
      for layer in 0..<layerCount {
        for kv in 0..<2 {
          let slab = encoder.slab(of: table, layer: layer, value: kv == 1)
          let start = (2 * layer + kv) * h * l * dh
          let expected = Array(permuted[start..<(start + h * l * dh)])
          if slab.flatMap({ $0.flatMap { $0 } }) != expected { mismatches += 1 }
        }
      }
      outcome.require(
        mismatches == 0, "slabs equal PEFT's view, permute and split",
        note: "\(mismatches) of \(2 * layerCount) slabs differ")
      return outcome
    }
  }

  static let prepend = Check(
    name: "prompt.prepend", kind: .property,
    summary: "Prompt tuning's input is [P_e; X_e]: the p prompt rows, then the n input rows, "
      + "unchanged, with p ones prepended to the attention mask; (p + n) x e in all.",
    parameters: [tokens, inputLength, width, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: { [try claim[tokens], try claim[inputLength], try claim[width], seed] }
    ) { _, values in
      let (p, n, e) = (Int(values[tokens]), Int(values[inputLength]), Int(values[width]))
      var g = SeededGenerator(seed: UInt64(values["seed"]))
      let prompt = DenseBound.matrix(p, e, &g)
      let input = DenseBound.matrix(n, e, &g)
      let mask = (0..<n).map { _ in Int(g.next() % 2) }
      let (rows, extended) = try PromptTuning.prepend(prompt: prompt, to: input, mask: mask)
      var outcome = CaseOutcome()
      outcome.require(
        rows.count == p + n && rows.allSatisfy { $0.count == e }, "shape (p + n) x e",
        note: "\(rows.count) rows")
      outcome.require(
        Array(rows.prefix(p)) == prompt && Array(rows.dropFirst(p)) == input,
        "prompt rows first, input rows unchanged after them", note: "rows out of place")
      outcome.require(
        extended == [Int](repeating: 1, count: p) + mask, "mask: p ones, then the input's",
        note: "mask \(extended)")
      return outcome
    }
  }

  static let template = Check(
    name: "prompt.template", kind: .property,
    summary: "A P-tuning template with virtual tokens at arbitrary positions equals inserting "
      + "them one at a time, in order, each before its input token; deleting them gives x back.",
    parameters: [tokens, inputLength, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[tokens], try claim[inputLength], seed] }
    ) { _, values in
      let (p, n) = (Int(values[tokens]), Int(values[inputLength]))
      var g = SeededGenerator(seed: UInt64(values["seed"]))
      let prompt = (0..<p).map { [Double(-1 - $0)] }
      let input = (0..<n).map { [Double($0)] }
      let positions = (0..<p).map { _ in Int(g.next() % UInt64(n + 1)) }
      let built = try PromptTuning.template(prompt: prompt, input: input, positions: positions)
      // Independent construction: insert prompt i just before input token positions[i],
      // after any prompts placed there before it.
      var expected = input
      var inputIndex = Array(0..<n)
      for (i, position) in positions.enumerated() {
        let at = position < n ? (inputIndex[position]) : expected.count
        expected.insert(prompt[i], at: at)
        for j in inputIndex.indices where inputIndex[j] >= at { inputIndex[j] += 1 }
      }
      var outcome = CaseOutcome()
      outcome.require(
        built == expected, "template equals one-at-a-time insertion",
        note: "positions \(positions): \(built) vs \(expected)")
      outcome.require(
        built.filter { $0[0] >= 0 } == input, "deleting the virtual tokens gives x",
        note: "\(built)")
      return outcome
    }
  }

  static let vote = Check(
    name: "prompt.majority-vote", kind: .property,
    summary: "The ensemble's majority vote is a most frequent label, the smallest on a tie, and "
      + "does not change when the prompts are reordered.",
    parameters: [prompts, labels, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[prompts], try claim[labels], seed] }
    ) { _, values in
      let (k, c) = (Int(values[prompts]), Int(values[labels]))
      var g = SeededGenerator(seed: UInt64(values["seed"]))
      let predictions = (0..<k).map { _ in Int(g.next() % UInt64(c)) }
      let winner = try PromptTuning.majorityVote(predictions)
      // Independent: sort, count runs, keep the first longest run.
      var best = (label: -1, count: 0)
      var run = (label: -1, count: 0)
      for label in predictions.sorted() {
        run = label == run.label ? (label, run.count + 1) : (label, 1)
        if run.count > best.count { best = run }
      }
      var shuffled = predictions
      shuffled.shuffle(using: &g)
      var outcome = CaseOutcome()
      outcome.require(
        winner == best.label, "vote equals the first longest run of the sorted labels",
        note: "\(predictions): vote \(winner), expected \(best.label)")
      outcome.require(
        try PromptTuning.majorityVote(shuffled) == winner, "vote ignores the order",
        note: "reordered \(shuffled) votes differently")
      return outcome
    }
  }

  /// One case of `ptuning.prompt-encoder` in `T`.
  static func encoderCase<T: ReferenceScalar>(
    _: T.Type, p: Int, d: Int, hidden: Int, seed: Double, limit: Double, precision: Precision
  ) throws -> CaseOutcome {
    var g = SeededGenerator(seed: UInt64(seed))
    let embedding = DenseBound.matrix(p, d, &g).rounded(to: T.self)
    let shapes = [(d, hidden), (hidden, hidden), (hidden, d)]
    let weights = shapes.map { DenseBound.matrix($0.0, $0.1, &g, scale: 0.5).rounded(to: T.self) }
    let biases = shapes.map { DenseBound.uniform($0.1, &g, scale: 0.1).rounded(to: T.self) }
    let encoder = try PromptEncoder<T>(
      embedding: cast(embedding, T.self),
      layers: zip(weights, biases).map { (cast($0.0, T.self), $0.1.map { T($0) }) })
    let relu = { (x: Double) in max(0, x) }
    let activations: [Referee.Activation] = [.relu, .relu, .identity]
    let referee = (0..<3).map {
      Referee.Layer(weights: weights[$0], bias: biases[$0], activation: activations[$0])
    }
    let bounded = (0..<3).map {
      DenseBound.Layer(
        weights: weights[$0], bias: biases[$0], activation: $0 < 2 ? relu : { $0 },
        lipschitz: 1, rounding: 0)
    }
    let u = Double(T.ulpOfOne) / 2
    var outcome = CaseOutcome()
    for (row, input) in zip(encoder.prompts, embedding) {
      DenseBound.record(
        &outcome, precision.label("prompt vectors vs referee"), actual: row.map(Double.init),
        reference: try Referee.perceptron(input, layers: referee),
        bound: DenseBound.chain(input, bounded, residual: false, u: u), limit: limit)
    }
    let produced = encoder.prompts
    outcome.require(
      encoder.storedParameterCount == produced.count * (produced.first?.count ?? 0)
        && produced.count == p,
      "stored per task: p x d prompt vectors", note: "stored \(encoder.storedParameterCount)")
    return outcome
  }

  static let promptEncoder = Check(
    name: "ptuning.prompt-encoder", kind: .property,
    summary: "P-tuning's prompt encoder (PEFT's MLP form, Linear-ReLU-Linear-ReLU-Linear) "
      + "against the referee within its first-order bound; what is stored is its p x d output.",
    parameters: [tokens, width, hidden, PropertySupport.cases, precision], oracles: .referee
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[tokens], try claim[width], try claim[hidden], seed] }
    ) { tolerance, values in
      let precision = try claim[precision]
      let limit = tolerance.bound.limit
      let (p, d, h) = (Int(values[tokens]), Int(values[width]), Int(values[hidden]))
      return try precision == .double
        ? encoderCase(
          Double.self, p: p, d: d, hidden: h, seed: values["seed"], limit: limit,
          precision: precision)
        : encoderCase(
          Float.self, p: p, d: d, hidden: h, seed: values["seed"], limit: limit,
          precision: precision)
    }
  }
}
