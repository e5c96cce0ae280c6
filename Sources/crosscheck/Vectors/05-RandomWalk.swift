import ArgumentParser
import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 5.
  static let randomWalk: [any VectorCommand.Type] = [
    RandomWalkCommand.self, RandomWalkReturnCommand.self,
  ]

  /// `crosscheck vectors random-walk`.
  struct RandomWalkCommand: VectorCommand {
    static let article = Article.randomWalk

    static let configuration = CommandConfiguration(
      commandName: "random-walk",
      abstract: "Random-walk pmf, log-pmf, cdf P(S <= k) and survival P(S > k) at positions.",
      discussion: """
        Outputs, one list each with one entry per position: k; pmf, P(S(n) = k); logpmf; \
        cdf, P(S(n) <= k); sf, P(S(n) > k), both tails summed exactly. A position of the \
        wrong parity or beyond the number of steps has pmf 0 and logpmf -inf (null in JSON, \
        -inf in CSV).

        Limits: n is a whole number from 0 to 2^53; p is in [0, 1]; positions are whole \
        numbers of magnitude at most 2^53, at most 1000000 of them, and the positions near \
        the centre of a long walk may need at most 2e7 tail terms in all.

        Example:
          crosscheck vectors random-walk --steps 10 --p 0.3 --position -10...10:2
        """)

    @Option(
      parsing: .unconditional, help: "The number of steps n (a whole number, at least 0).",
      transform: Parse.nonNegativeWholeNumber)
    var steps: Int

    @Option(
      name: .customLong("p"), parsing: .unconditional,
      help: "The probability of a step up, in [0, 1]; default 0.5.",
      transform: Parse.probability)
    var upProbability: Double = 0.5

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Positions: a comma-separated list (-2,0,2) or a range (-10...10, or -10...10:2).",
        valueName: "list"),
      transform: Parse.wholeNumbers)
    var position: [Int]

    @OptionGroup var output: VectorOutput

    func validate() throws {
      do {
        try RandomWalkVectors.checkWork(
          steps: steps, upProbability: upProbability, positions: position)
      } catch {
        throw ValidationError(error.description)
      }
    }

    func vectors() throws -> VectorSet {
      try RandomWalkVectors.walk(steps: steps, upProbability: upProbability, positions: position)
    }
  }

  /// `crosscheck vectors random-walk-return`.
  struct RandomWalkReturnCommand: VectorCommand {
    static let article = Article.randomWalk

    static let configuration = CommandConfiguration(
      commandName: "random-walk-return",
      abstract: "Return P(S(n) = 0) and first-return probabilities of the symmetric walk.",
      discussion: """
        Outputs, one list each with one entry per n: n; return, u(n) = P(S(n) = 0); \
        first_return, f(n), the probability that the walk is back at 0 for the first time at \
        step n. Odd n gives 0 for both; first_return at n = 0 is 0.

        Limits: each n is a whole number from 0 to 2^53, at most 1000000 of them.

        Example:
          crosscheck vectors random-walk-return --steps 0...20:2 --format csv
        """)

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Numbers of steps: a comma-separated list (2,4,100) or a range (0...20).",
        valueName: "list"),
      transform: Parse.nonNegativeWholeNumbers)
    var steps: [Int]

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try RandomWalkVectors.returns(steps: steps)
    }
  }
}
