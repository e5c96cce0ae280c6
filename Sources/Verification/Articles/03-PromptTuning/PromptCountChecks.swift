import ReferenceNumerics
import SpecEngine

/// Table checks of the parameters prefix tuning, prompt tuning and P-tuning store per task.
enum PromptCountChecks {
  static let all: [Check] = [count]

  /// The methods of the comparison table.
  enum Method: String, ParameterChoice {
    /// Prefix tuning: a key and a value prefix per layer, 2 p L d.
    case prefix
    /// Prompt tuning: p x d input embeddings.
    case prompt
    /// P-tuning: p x d stored (its encoder is dropped after training).
    case pTuning = "p-tuning"
    /// P-tuning v2: a prefix at every layer, 2 p L d.
    case pTuningV2 = "p-tuning-v2"
  }

  static let method = CheckParameter<Method>.choice("method", help: "the tuning method")
  static let layers = CheckParameter.integer("layers", in: 1...1000, help: "L, the layers")
  static let width = CheckParameter.integer("width", in: 1...100_000, help: "d, the width")
  static let length = CheckParameter.integer(
    "length", in: 0...100_000, help: "p, the prompt or prefix length")
  static let modelSize = CheckParameter.optionalNumber(
    "model-size", within: 1...1e15,
    help: "the model's parameters; when given, the row states the share count / model-size")

  static let count = Check(
    name: "prompt.parameter-count", kind: .table,
    summary: "Parameters stored per task (2 p L d for prefix tuning and P-tuning v2, p d for "
      + "prompt tuning and P-tuning), or their share of the model; against the number of "
      + "entries of the tables the kernels build.",
    parameters: [
      method, layers, width, length, modelSize, ParameterSchema.expected("the stated count"),
    ],
    oracles: .exact
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let (m, l, d, p) = (try row[method], try row[layers], try row[width], try row[length])
      let size = try row[modelSize]
      let kernel: Int
      let built: Int
      switch m {
      case .prefix, .pTuningV2:
        kernel = try PrefixEncoder<Double>.parameterCount(tokens: p, layers: l, width: d)
        // The entries of the table PEFT's PrefixEncoder stores, built at its full size.
        let zeros = [[Double]](
          repeating: [Double](repeating: 0, count: 2 * l * d), count: max(p, 1))
        let encoder = try PrefixEncoder(layers: l, width: d, heads: 1, table: zeros)
        built = p == 0 ? 0 : encoder.materialized.reduce(0) { $0 + $1.count }
      case .prompt, .pTuning:
        kernel = try PromptTuning.parameterCount(length: p, width: d)
        let zeros = [[Double]](repeating: [Double](repeating: 0, count: d), count: p)
        let placed = try PromptTuning.prepend(prompt: zeros, to: []).embeddings
        built = placed.reduce(0) { $0 + $1.count }
      }
      let value = { (n: Int) in size.map { Double(n) / $0 } ?? Double(n) }
      return try Oracles.exact.rowValue(
        kernel: value(kernel), tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in value(built) }
    }
  }
}
