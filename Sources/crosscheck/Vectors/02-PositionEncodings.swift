import ArgumentParser
import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 2.
  static let positionEncodings: [any VectorCommand.Type] = [
    SinusoidalCommand.self, T5BucketCommand.self,
  ]

  /// `crosscheck vectors sinusoidal`.
  struct SinusoidalCommand: VectorCommand {
    static let article = Article.positionEncodings

    static let configuration = CommandConfiguration(
      commandName: "sinusoidal",
      abstract: "The sinusoidal position encoding (paper layout) at the given positions.",
      discussion: """
        Outputs: encoding, one row per position, p[2i] = sin(k omega_i) and p[2i+1] = \
        cos(k omega_i) with omega_i = base^(-2i/d) (interleaved, as the paper; not \
        tensor2tensor's concatenated layout).

        Tolerances: each element within 2 eps (2 + |k|).

        Limits: d positive and even; the base above 1.

        Example:
          crosscheck vectors sinusoidal --dim 8 --positions 0,1,2
        """)

    @Option(
      parsing: .unconditional, help: "The dimension d (positive, even).",
      transform: Parse.nonNegativeWholeNumber)
    var dim: Int

    @Option(parsing: .unconditional, help: "The base.", transform: Parse.positive)
    var base: Double = 10000

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("Positions: a list or a range.", valueName: "list"),
      transform: Parse.numbers)
    var positions: [Double]

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try RotaryVectors.sinusoidal(dimension: dim, base: base, positions: positions)
    }
  }

  /// `crosscheck vectors t5-bucket`.
  struct T5BucketCommand: VectorCommand {
    static let article = Article.positionEncodings

    static let configuration = CommandConfiguration(
      commandName: "t5-bucket",
      abstract: "T5's relative position buckets (HF's _relative_position_bucket).",
      discussion: """
        Outputs: relative_position, memory minus query (j - i), as T5 takes it; bucket, with \
        the log in float32 as HF computes it. Bidirectional unless --unidirectional.

        Tolerances: 0 for every bucket.

        Limits: at least 4 buckets (2 unidirectional) and a maximum distance above the exact \
        range; negative positions in the form --relative-positions=-5,0,5.

        Example:
          crosscheck vectors t5-bucket --relative-positions=-130,-8,0,8,130
        """)

    @Option(
      name: .customLong("relative-positions"), parsing: .unconditional,
      help: ArgumentHelp("Relative positions j - i: a list or a range.", valueName: "list"),
      transform: Parse.wholeNumbers)
    var relativePositions: [Int]

    @Flag(help: "The decoder's rule: future keys all in bucket 0.")
    var unidirectional = false

    @Option(parsing: .unconditional, help: "num_buckets.", transform: Parse.nonNegativeWholeNumber)
    var buckets: Int = 32

    @Option(
      name: .customLong("max-distance"), parsing: .unconditional, help: "max_distance.",
      transform: Parse.nonNegativeWholeNumber)
    var maxDistance: Int = 128

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try RotaryVectors.t5Bucket(
        relativePositions: relativePositions, bidirectional: !unidirectional, buckets: buckets,
        maxDistance: maxDistance)
    }
  }
}
