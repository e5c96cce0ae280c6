import ReferenceNumerics
import SpecEngine

/// Table checks of adapter parameter counts and of the memory full fine-tuning needs.
enum AdapterTableChecks {
  static let all: [Check] = [count, memory]

  /// What a row counts: one adapter, or every adapter of a model in a placement.
  enum Scope: String, ParameterChoice {
    /// A single adapter.
    case one
    /// Two adapters in each layer.
    case houlsby
    /// One adapter in each layer.
    case pfeiffer
  }

  static let scope = CheckParameter<Scope>.choice(
    "placement", help: "one (a single adapter), houlsby or pfeiffer (a whole model)")
  static let layers = CheckParameter.integer("layers", in: 1...1000, help: "L, the layers")
  static let width = CheckParameter.integer("width", in: 1...100_000, help: "d, the width")
  static let bottleneck = CheckParameter.integer(
    "bottleneck", in: 1...100_000, help: "m, the bottleneck size")
  static let modelSize = CheckParameter.optionalNumber(
    "model-size", within: 1...1e15,
    help: "the model's parameters; when given, the row states the share count / model-size")

  static let count = Check(
    name: "adapter.parameter-count", kind: .table,
    summary: "Adapter parameters, 2 m d + d + m per adapter times the adapters of a placement, "
      + "or their share of the model; against the entries of an adapter built at that size.",
    parameters: [
      scope, layers, width, bottleneck, modelSize, ParameterSchema.expected("the stated count"),
    ],
    oracles: .exact
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let (s, l, d, m) = (try row[scope], try row[layers], try row[width], try row[bottleneck])
      let size = try row[modelSize]
      let kernel: Int
      let copies: Int
      switch s {
      case .one:
        kernel = try BottleneckAdapter<Double>.parameterCount(width: d, bottleneck: m)
        copies = 1
      case .houlsby, .pfeiffer:
        let placement: AdapterPlacement = s == .houlsby ? .houlsby : .pfeiffer
        kernel = try placement.parameterCount(layers: l, width: d, bottleneck: m)
        copies = l * placement.adaptersPerLayer
      }
      // The oracle builds one adapter of that shape and counts its entries.
      let adapter = try BottleneckAdapter<Double>(
        down: [[Double]](repeating: [Double](repeating: 0, count: m), count: d),
        downBias: [Double](repeating: 0, count: m),
        up: [[Double]](repeating: [Double](repeating: 0, count: d), count: m),
        upBias: [Double](repeating: 0, count: d), activation: .relu)
      let entries =
        adapter.down.reduce(0) { $0 + $1.count } + adapter.downBias.count
        + adapter.up.reduce(0) { $0 + $1.count } + adapter.upBias.count
      let value = { (n: Int) in size.map { Double(n) / $0 } ?? Double(n) }
      return try Oracles.exact.rowValue(
        kernel: value(kernel), tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in value(entries * copies) }
    }
  }

  static let parameters = CheckParameter.number(
    "parameters", within: 1...1e15, help: "the model's parameters")
  static let budget = CheckParameter.number(
    "budget", within: 0...1e18, help: "the stated memory budget in GB")

  static let memory = Check(
    name: "finetuning.memory", kind: .table,
    summary: "Memory of full fine-tuning with mixed-precision Adam, 16 bytes per parameter "
      + "(fp16 weights and gradients, fp32 master weights and two moments), in GB; the row also "
      + "requires that it fits the stated budget.",
    parameters: [parameters, budget, ParameterSchema.expected("the stated GB")],
    oracles: .exact
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let n = try row[parameters]
      let gigabytes = FineTuningMemory.gigabytes(
        parameters: n, bytesPerParameter: Double(FineTuningMemory.mixedPrecisionAdamBytes))
      let limit = try row[budget]
      guard gigabytes <= limit else {
        throw VerificationError.computation(
          "\(gigabytes) GB does not fit the budget of \(limit) GB", at: row.row.location)
      }
      return try Oracles.exact.rowValue(
        kernel: gigabytes, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in (n * 2 + n * 2 + n * 4 * 3) / 1e9 }
    }
  }
}
