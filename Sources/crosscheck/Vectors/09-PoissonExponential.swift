import ArgumentParser
import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 9.
  static let poissonExponential: [any VectorCommand.Type] = [
    PoissonCommand.self, ExponentialCommand.self,
  ]

  /// `crosscheck vectors poisson`.
  struct PoissonCommand: VectorCommand {
    static let article = Article.poissonExponential

    static let configuration = CommandConfiguration(
      commandName: "poisson",
      abstract: "Poisson pmf, log-pmf, cdf and survival P(N > k) at the given counts.",
      discussion: """
        Outputs, one list each with one entry per count: k; pmf, P(N = k); logpmf, \
        log P(N = k); cdf, P(N <= k); sf, P(N > k), summed from the upper tail (not 1 - cdf). \
        A negative count has pmf 0 and logpmf -inf (null in JSON, -inf in CSV).

        Limits: the mean is positive and finite; counts are whole numbers of magnitude at most \
        2^53, at most 1000000 of them.

        Example:
          crosscheck vectors poisson --mean 3 --count 0...10 --format csv
        """)

    @Option(
      parsing: .unconditional, help: "The mean (positive and finite).", transform: Parse.positive)
    var mean: Double

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Counts: a comma-separated list (0,1,5) or a range (0...10, or 0...10:2 with a step).",
        valueName: "list"),
      transform: Parse.wholeNumbers)
    var count: [Int]

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try PoissonExponentialVectors.poisson(mean: mean, counts: count)
    }
  }

  /// `crosscheck vectors exponential`.
  struct ExponentialCommand: VectorCommand {
    static let article = Article.poissonExponential

    static let configuration = CommandConfiguration(
      commandName: "exponential",
      abstract: "Exponential pdf, cdf and survival P(X > t) at the given times.",
      discussion: """
        Outputs, one list each with one entry per time: t; pdf, the density at t; cdf, \
        P(X <= t); sf, P(X > t) = exp(-rate t). A negative time has pdf 0, cdf 0 and sf 1.

        Limits: the rate is positive and finite; at most 1000000 times, and a range's step \
        must be large enough that its values are distinct doubles.

        Example:
          crosscheck vectors exponential --rate 3 --time 0...4:0.25
        """)

    @Option(
      parsing: .unconditional, help: "The rate (positive and finite); the mean is 1/rate.",
      transform: Parse.positive)
    var rate: Double

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Times: a comma-separated list (0,0.25,1) or a range with step 1 (0...4), or with a "
          + "step (0...4:0.5).", valueName: "list"),
      transform: Parse.numbers)
    var time: [Double]

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try PoissonExponentialVectors.exponential(rate: rate, times: time)
    }
  }
}
