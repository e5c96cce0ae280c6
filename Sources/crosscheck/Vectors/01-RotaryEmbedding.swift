public import ArgumentParser
import ReferenceNumerics
public import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 1.
  static let rotaryEmbedding: [any VectorCommand.Type] = [
    RopeCommand.self, RopeFrequenciesCommand.self, RopeDecayCommand.self,
  ]

  /// The long-context scaling options `rope` and `rope-frequencies` share.
  struct ScalingOptions: ParsableArguments {
    /// HF's `rope_type` names.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
      case none, linear, dynamic, yarn, llama3
    }

    @Option(help: "The scaling: none, linear, dynamic, yarn or llama3 (HF's rope_type).")
    var scaling: Kind = .none

    @Option(
      parsing: .unconditional, help: "The scaling factor s (at least 1 and finite).",
      transform: Parse.positive)
    var factor: Double?

    @Option(
      name: .customLong("original-max-positions"), parsing: .unconditional,
      help: "The original context length (dynamic, yarn, llama3).",
      transform: Parse.nonNegativeWholeNumber)
    var originalMaximum: Int?

    @Option(
      name: .customLong("sequence-length"), parsing: .unconditional,
      help: "The current sequence length max(position_ids) + 1 (dynamic).",
      transform: Parse.nonNegativeWholeNumber)
    var sequenceLength: Int?

    @Option(
      name: .customLong("beta-fast"), parsing: .unconditional, help: "YaRN's beta_fast.",
      transform: Parse.positive)
    var betaFast: Double = 32

    @Option(
      name: .customLong("beta-slow"), parsing: .unconditional, help: "YaRN's beta_slow.",
      transform: Parse.positive)
    var betaSlow: Double = 1

    @Option(
      name: .customLong("low-freq-factor"), parsing: .unconditional,
      help: "Llama 3's low_freq_factor.", transform: Parse.positive)
    var lowFrequencyFactor: Double = 1

    @Option(
      name: .customLong("high-freq-factor"), parsing: .unconditional,
      help: "Llama 3's high_freq_factor.", transform: Parse.positive)
    var highFrequencyFactor: Double = 4

    func validate() throws {
      guard scaling != .none else { return }
      guard factor != nil else { throw ValidationError("--scaling \(scaling) needs --factor.") }
      if scaling != .linear, originalMaximum == nil {
        throw ValidationError("--scaling \(scaling) needs --original-max-positions.")
      }
      if scaling == .dynamic, sequenceLength == nil {
        throw ValidationError("--scaling dynamic needs --sequence-length.")
      }
    }

    /// The scaling as the kernel takes it; the kernel refuses bad values with their names.
    var value: RotaryScaling {
      let s = factor ?? 1
      let original = originalMaximum ?? 0
      switch scaling {
      case .none: return .none
      case .linear: return .linear(factor: s)
      case .dynamic:
        return .dynamic(
          factor: s, originalMaximum: original, sequenceLength: sequenceLength ?? 0)
      case .yarn:
        return .yarn(
          factor: s, originalMaximum: original, betaFast: betaFast, betaSlow: betaSlow)
      case .llama3:
        return .llama3(
          factor: s, originalMaximum: original, lowFrequencyFactor: lowFrequencyFactor,
          highFrequencyFactor: highFrequencyFactor)
      }
    }
  }

  /// `crosscheck vectors rope`.
  struct RopeCommand: VectorCommand {
    static let article = Article.rotaryEmbedding

    static let configuration = CommandConfiguration(
      commandName: "rope",
      abstract: "A vector rotated by RoPE at each position, with the frequencies used.",
      discussion: """
        Outputs: theta, the d_rot/2 frequencies after scaling; rotated, one row of full length \
        d per position: R_m x in the chosen layout, times the attention factor where the \
        scaling has one, components past the rotary dimension unchanged. With --precision \
        float the whole pipeline runs in Float, as an fp32 implementation would. Frequencies \
        and scaling follow HF transformers' ROPE_INIT_FUNCTIONS (v4.4x to v5 semantics; YaRN \
        with truncation, the correction range in double).

        Tolerances: theta within 4 eps (1 + |ln theta|) theta; each rotated element within \
        4 eps (1 + |m| theta_max) |x|, the rounding of the angle m theta (eps of the precision).

        Limits: d is positive and even; the rotary dimension int(d * fraction) is positive and \
        even; the vector has d finite entries; scaling factors are at least 1 and finite.

        Example:
          crosscheck vectors rope --dim 8 --layout interleaved --vector '[1,2,3,4,5,6,7,8]' \\
            --positions 0,1,3
        """)

    @Option(
      parsing: .unconditional, help: "The head dimension d (positive, even).",
      transform: Parse.nonNegativeWholeNumber)
    var dim: Int

    @Option(
      parsing: .unconditional, help: "The base of the frequencies.", transform: Parse.positive)
    var base: Double = 10000

    @Option(help: "The pair layout: interleaved (Meta, GPT-J) or half-split (HF, GPT-NeoX).")
    var layout: RotaryEmbedding<Double>.Layout = .halfSplit

    @Option(
      name: .customLong("rotary-fraction"), parsing: .unconditional,
      help: "The share of components rotated, in (0, 1].", transform: Parse.positive)
    var rotaryFraction: Double = 1

    @Option(help: "double or float: the type the whole pipeline runs in.")
    var precision: Precision = .double

    @OptionGroup var scaling: ScalingOptions

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The vector x as JSON, e.g. [1,2,3,4].", valueName: "json"),
      transform: Parse.vector)
    var vector: [Double]

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("Positions: a list (0,1,5) or a range (0...10:2).", valueName: "list"),
      transform: Parse.numbers)
    var positions: [Double]

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try RotaryVectors.rope(
        dimension: dim, base: base, layout: layout, rotaryFraction: rotaryFraction,
        precision: precision, scaling: scaling.value, vector: vector, positions: positions)
    }
  }

  /// `crosscheck vectors rope-frequencies`.
  struct RopeFrequenciesCommand: VectorCommand {
    static let article = Article.rotaryEmbedding

    static let configuration = CommandConfiguration(
      commandName: "rope-frequencies",
      abstract: "RoPE's frequencies and attention factor after long-context scaling.",
      discussion: """
        Outputs: theta, the d_rot/2 frequencies; attention_factor, the factor that multiplies \
        cos and sin (0.1 ln s + 1 for yarn, else 1). Semantics of HF transformers' \
        ROPE_INIT_FUNCTIONS (v4.4x to v5): dynamic uses max(sequence length, original \
        maximum); yarn truncates its correction range to floor/ceil.

        Tolerances: theta within 4 eps (1 + |ln theta|) theta; the attention factor within \
        2 eps a.

        Limits: as for rope; scaling factors at least 1 and finite.

        Example:
          crosscheck vectors rope-frequencies --dim 128 --scaling yarn --factor 4 \\
            --original-max-positions 4096
        """)

    @Option(
      parsing: .unconditional, help: "The head dimension d (positive, even).",
      transform: Parse.nonNegativeWholeNumber)
    var dim: Int

    @Option(
      parsing: .unconditional, help: "The base of the frequencies.", transform: Parse.positive)
    var base: Double = 10000

    @Option(
      name: .customLong("rotary-fraction"), parsing: .unconditional,
      help: "The share of components rotated, in (0, 1].", transform: Parse.positive)
    var rotaryFraction: Double = 1

    @OptionGroup var scaling: ScalingOptions

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try RotaryVectors.frequencies(
        dimension: dim, base: base, rotaryFraction: rotaryFraction, scaling: scaling.value)
    }
  }

  /// `crosscheck vectors rope-decay`.
  struct RopeDecayCommand: VectorCommand {
    static let article = Article.rotaryEmbedding

    static let configuration = CommandConfiguration(
      commandName: "rope-decay",
      abstract: "RoPE's long-range decay indicator F(r) at the given distances.",
      discussion: """
        Outputs: distance; indicator, F(r) = (1/(d/2)) sum over j of |S_j| with S_j the partial \
        sums of exp(i r theta_p).

        Tolerances: F(r) within (d/2) eps F(r).

        Limits: d positive and even; the base above 1.

        Example:
          crosscheck vectors rope-decay --dim 128 --distances 0...256:32
        """)

    @Option(
      parsing: .unconditional, help: "The dimension d (positive, even).",
      transform: Parse.nonNegativeWholeNumber)
    var dim: Int

    @Option(
      parsing: .unconditional, help: "The base of the frequencies.", transform: Parse.positive)
    var base: Double = 10000

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("Distances: a list or a range.", valueName: "list"),
      transform: Parse.numbers)
    var distances: [Double]

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try RotaryVectors.decay(dimension: dim, base: base, distances: distances)
    }
  }
}

extension RotaryEmbedding<Double>.Layout: ExpressibleByArgument {}
extension Precision: ExpressibleByArgument {}
