import Referee
import ReferenceNumerics
import SpecEngine

/// The inputs the rotary checks share, and the embedding and oracle frequencies they build.
enum RotarySupport {
  /// The pair layout, or both.
  enum Layouts: String, ParameterChoice {
    case interleaved
    case halfSplit = "half-split"
    case both

    var selected: [RotaryEmbedding<Double>.Layout] {
      switch self {
      case .interleaved: [.interleaved]
      case .halfSplit: [.halfSplit]
      case .both: [.interleaved, .halfSplit]
      }
    }
  }

  /// The long-context scaling, by HF's `rope_type` name.
  enum Scaling: String, ParameterChoice {
    case none
    case linear
    case dynamic
    case yarn
    case llama3
  }

  static let dimension = CheckParameter.integer(
    "dimension", in: 2...4096, help: "the head dimension d (even)")
  static let base = CheckParameter.number(
    "base", within: 1.000001...1e12, default: 10000, help: "the base of the frequencies")
  static let layout = CheckParameter<Layouts>.choice(
    "layout", default: .both, help: "the pair layout, or both")
  static let fraction = CheckParameter.number(
    "rotary-fraction", within: 1e-6...1, default: 1, help: "the share of components rotated")
  static let scaling = CheckParameter<Scaling>.choice(
    "scaling", default: Scaling.none, help: "the long-context scaling (HF's rope_type)")
  static let factor = CheckParameter.number(
    "factor", within: 1...1e6, default: 1, help: "the scaling factor s")
  static let originalMaximum = CheckParameter.integer(
    "original-max-positions", in: 1...100_000_000, default: 4096,
    help: "the original maximum position count L_orig")
  static let sequenceLength = CheckParameter.integer(
    "sequence-length", in: 1...100_000_000, default: 4096,
    help: "the current sequence length (dynamic NTK)")
  static let betaFast = CheckParameter.number(
    "beta-fast", within: 1e-3...1e6, default: 32, help: "YaRN's beta_fast")
  static let betaSlow = CheckParameter.number(
    "beta-slow", within: 1e-3...1e6, default: 1, help: "YaRN's beta_slow")
  static let lowFrequencyFactor = CheckParameter.number(
    "low-freq-factor", within: 1e-3...1e6, default: 1, help: "Llama 3's low_freq_factor")
  static let highFrequencyFactor = CheckParameter.number(
    "high-freq-factor", within: 1e-3...1e6, default: 4, help: "Llama 3's high_freq_factor")
  static let position = CheckParameter.range(
    "position", within: -1e7...1e7, help: "the range positions are drawn from")
  static let precision = CheckParameter.precision()

  /// Every parameter that shapes an embedding.
  static let shape: [any ParameterDeclaration] = [
    dimension, base, fraction, scaling, factor, originalMaximum, sequenceLength, betaFast,
    betaSlow, lowFrequencyFactor, highFrequencyFactor,
  ]

  /// The scaling a claim describes.
  static func scaling(_ claim: Claim) throws -> RotaryScaling {
    let s = try claim[factor]
    let original = try claim[originalMaximum]
    switch try claim[scaling] {
    case .none: return .none
    case .linear: return .linear(factor: s)
    case .dynamic:
      return .dynamic(
        factor: s, originalMaximum: original, sequenceLength: try claim[sequenceLength])
    case .yarn:
      return .yarn(
        factor: s, originalMaximum: original, betaFast: try claim[betaFast],
        betaSlow: try claim[betaSlow])
    case .llama3:
      return .llama3(
        factor: s, originalMaximum: original, lowFrequencyFactor: try claim[lowFrequencyFactor],
        highFrequencyFactor: try claim[highFrequencyFactor])
    }
  }

  /// The embedding a claim describes, in `T`, for one layout.
  static func embedding<T: ReferenceScalar>(
    _: T.Type, _ claim: Claim, layout: RotaryEmbedding<Double>.Layout
  ) throws -> RotaryEmbedding<T> {
    let kind: RotaryEmbedding<T>.Layout = layout == .interleaved ? .interleaved : .halfSplit
    do {
      return try RotaryEmbedding<T>(
        dimension: try claim[dimension], base: T(try claim[base]),
        rotaryFraction: try claim[fraction], layout: kind, scaling: try scaling(claim))
    } catch let error as RotaryEmbedding<T>.Error {
      throw VerificationError.invalidInput(
        name: "dimension", value: "\(try claim[dimension])", reason: error.description,
        at: claim.location)
    }
  }

  /// The referee's frequencies and attention factor for the claim's scaling, at `r`.
  static func refereeFrequencies(_ claim: Claim, rotaryDimension r: Int) throws -> (
    frequencies: [Double], attentionFactor: Double
  ) {
    let b = try claim[base]
    let s = try claim[factor]
    let original = try claim[originalMaximum]
    let exact = try (0..<r / 2).map {
      try Referee.frequency(.power(base: b, numerator: 2 * $0, denominator: r))
    }
    switch try claim[scaling] {
    case .none: return (exact, 1)
    case .linear:
      // One division of a correctly rounded frequency: within half an ulp more.
      return (exact.map { $0 / s }, 1)
    case .dynamic:
      return (
        try Referee.dynamicFrequencies(
          rotaryDimension: r, base: b, factor: s, originalMaximum: original,
          sequenceLength: try claim[sequenceLength]), 1
      )
    case .yarn:
      return try Referee.yarnFrequencies(
        rotaryDimension: r, base: b, factor: s, originalMaximum: original,
        betaFast: try claim[betaFast], betaSlow: try claim[betaSlow])
    case .llama3:
      return (
        try Referee.llama3Frequencies(
          rotaryDimension: r, base: b, factor: s, originalMaximum: original,
          lowFrequencyFactor: try claim[lowFrequencyFactor],
          highFrequencyFactor: try claim[highFrequencyFactor]), 1
      )
    }
  }

  /// Runs a property whose cases draw positions and a seed for random vectors.
  static func property(
    _ claim: Claim, _ replay: ReplayToken?, draws: @escaping () throws -> [InputDraw],
    body: @escaping (Tolerance, CaseValues, inout SeededGenerator) throws -> CaseOutcome
  ) -> ClaimResult {
    let inputs = { () throws -> [InputDraw] in
      try draws() + [InputDraw(name: "seed", distribution: .uniform, lower: 0, upper: 1)]
    }
    return PropertySupport.run(claim, replay, inputs: inputs) { tolerance, values in
      var generator = SeededGenerator(seed: values["seed"].bitPattern)
      return try body(tolerance, values, &generator)
    }
  }

  /// Returns `n` numbers uniform in `-1 ... 1`, rounded to `T`.
  static func vector<T: ReferenceScalar>(_: T.Type, _ n: Int, _ g: inout SeededGenerator) -> [T] {
    (0..<n).map { _ in T(2 * g.nextOpenUnitInterval() - 1) }
  }

  /// Returns the Euclidean norm, in `Double`.
  static func norm<T: ReferenceScalar>(_ x: [T]) -> Double {
    Double(x.reduce(T.zero) { $0 + $1 * $1 }).squareRoot()
  }

  /// Returns the largest absolute difference of two vectors, in `Double`.
  static func maxDifference<T: ReferenceScalar>(_ a: [T], _ b: [T]) -> Double {
    zip(a, b).map { abs(Double($0) - Double($1)) }.max() ?? 0
  }
}

extension CaseOutcome {
  /// Adds a measurement of an already computed error against the tolerance's bound (whatever
  /// its unit), with a label that says what the error is measured in.
  mutating func bound(_ label: String, error: Double, tolerance: Tolerance) {
    let limit = tolerance.bound.limit
    let ok = error <= limit
    measurements.append(
      Measurement(
        label: label, value: error, bound: limit, unit: tolerance.bound.unitName, passed: ok))
    if !ok { notes.append("\(label): \(error) exceeds \(limit)") }
  }
}
