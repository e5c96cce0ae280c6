import ArgumentParser
import Testing

@testable import crosscheck

@Suite("Random-walk vectors")
struct RandomWalkVectorsTests {
  @Test("vectors random-walk names its options and the token for -inf")
  func helpText() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.RandomWalkVectors.self, columns: 80) == """
        OVERVIEW: Random-walk pmf, log-pmf, cdf P(S <= k) and survival P(S > k) at
        positions.

        A position of the wrong parity or beyond the number of steps has pmf 0 and
        logpmf -inf (null in JSON, -inf in CSV).

        USAGE: crosscheck vectors random-walk --steps <steps> [--p <p>] --position <list> [--format <format>] [--specs-dir <specs-dir>]

        OPTIONS:
          --steps <steps>         The number of steps n (a whole number, at least 0).
          --p <p>                 The probability of a step up, in [0, 1]. (default:
                                  0.5)
          --position <list>       Positions: a comma-separated list (-2,0,2) or a
                                  closed range (-10...10).
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <specs-dir> The folder of specs whose claims verify these kernels
                                  (for provenance). (default: Specs)
          --version               Show the version.
          -h, --help              Show help information.

        """)
  }

  @Test("vectors random-walk-return names its options")
  func returnHelpText() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.RandomWalkReturnVectors.self, columns: 80) == """
        OVERVIEW: Return P(S(n) = 0) and first-return probabilities of the symmetric
        walk.

        Odd n gives 0 for both; first_return at n = 0 is 0.

        USAGE: crosscheck vectors random-walk-return --steps <list> [--format <format>] [--specs-dir <specs-dir>]

        OPTIONS:
          --steps <list>          Numbers of steps: a comma-separated list (2,4,100) or
                                  a closed range (0...20).
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <specs-dir> The folder of specs whose claims verify these kernels
                                  (for provenance). (default: Specs)
          --version               Show the version.
          -h, --help              Show help information.

        """)
  }

  @Test("Bad steps and probabilities are refused", arguments: ["-1", "nan", "1.5", "1,2", "x"])
  func badSteps(_ text: String) {
    #expect(throws: CommandError.self) {
      try Crosscheck.RandomWalkVectors.steps(text, name: "--steps")
    }
  }

  @Test("Probabilities outside [0, 1] are refused", arguments: ["-0.1", "1.5", "nan", "inf"])
  func badProbabilities(_ text: String) {
    #expect(throws: CommandError.self) {
      try Crosscheck.RandomWalkVectors.probability(text, name: "--p")
    }
  }

  @Test("The subcommands are registered under vectors")
  func registered() throws {
    let command = try Crosscheck.parseAsRoot([
      "vectors", "random-walk", "--steps", "4", "--position", "0",
    ])
    #expect(command is Crosscheck.RandomWalkVectors)
    let other = try Crosscheck.parseAsRoot(["vectors", "random-walk-return", "--steps", "0...4"])
    #expect(other is Crosscheck.RandomWalkReturnVectors)
  }
}
