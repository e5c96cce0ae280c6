import ArgumentParser
import ReferenceNumerics
import SpecEngine

extension Crosscheck {
  /// `crosscheck vectors random-walk`.
  struct RandomWalkVectors: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "random-walk",
      abstract: "Random-walk pmf, log-pmf, cdf P(S <= k) and survival P(S > k) at positions.",
      discussion: """
        A position of the wrong parity or beyond the number of steps has pmf 0 and logpmf \
        -inf (null in JSON, -inf in CSV).
        """)

    @Option(parsing: .unconditional, help: "The number of steps n (a whole number, at least 0).")
    var steps: String

    @Option(
      name: .customLong("p"), parsing: .unconditional,
      help: "The probability of a step up, in [0, 1].")
    var upProbability: String = "0.5"

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Positions: a comma-separated list (-2,0,2) or a closed range (-10...10).",
        valueName: "list"))
    var position: String

    @OptionGroup var output: VectorOutput

    func run() throws {
      let steps = try RandomWalkVectors.steps(self.steps, name: "--steps")
      let p = try RandomWalkVectors.probability(upProbability, name: "--p")
      let positions = try NumberList.integers(position, name: "--position")
      let walk = try RandomWalk<Double>(steps: steps, upProbability: p)
      try RandomWalkVectors.checkWork(steps: steps, p: p, positions: positions)
      let set = VectorSet(
        name: "random-walk", parameters: [("steps", Double(steps)), ("p", p)],
        outputs: [
          ("k", positions.map(Double.init)),
          ("pmf", positions.map { walk.probability(at: $0) }),
          ("logpmf", positions.map { walk.logProbability(at: $0) }),
          ("cdf", positions.map { walk.cumulativeProbability(through: $0) }),
          ("sf", positions.map { walk.survivalProbability(after: $0) }),
        ],
        claims: Provenance.claims(checkPrefix: "walk.", in: output.specsDirectory))
      print(set.render(output.format), terminator: "")
    }

    /// The most tail terms one run may sum: about half a minute in a debug build.
    static let workBudget = 2.0e7

    /// Refuses a request whose cdf and survival would take too long.
    ///
    /// The tails are summed term by term outward from each position, exactly (no 1 - cdf), and
    /// near the centre that takes about 10 standard deviations' worth of terms per position; far
    /// out in a tail it takes few. The estimate counts positions within 40 standard deviations
    /// of the mean at 10 standard deviations each.
    static func checkWork(steps: Int, p: Double, positions: [Int]) throws {
      let n = Double(steps)
      let deviation = (n * p * (1 - p)).squareRoot() * 2
      let mean = n * (2 * p - 1)
      let central = positions.filter { abs(Double($0) - mean) <= 40 * deviation + 40 }.count
      let work = Double(central) * (10 * deviation / 2 + 10)
      guard work <= workBudget else {
        throw CommandError(
          "--position: the cdf and survival at \(central) \(central == 1 ? "position" : "positions") near the centre of a "
            + "\(steps)-step walk need about \(NumberFormatting.short(work, digits: 2)) tail terms, "
            + "more than the \(NumberFormatting.short(workBudget, digits: 2)) one run may sum; "
            + "ask for fewer positions or fewer steps.")
      }
    }

    /// Reads one whole number of steps, at least 0.
    static func steps(_ text: String, name: String) throws -> Int {
      let values = try NumberList.integers(text, name: name)
      guard values.count == 1, let n = values.first else {
        throw CommandError("\(name) takes one whole number; got \(text).")
      }
      guard n >= 0 else { throw CommandError("\(name) must be at least 0; got \(n).") }
      return n
    }

    /// Reads one probability in [0, 1].
    static func probability(_ text: String, name: String) throws -> Double {
      let p = try NumberList.number(text, name: name)
      guard p >= 0, p <= 1 else {
        throw CommandError("\(name) must be in [0, 1]; got \(NumberFormatting.exact(p)).")
      }
      return p
    }
  }

  /// `crosscheck vectors random-walk-return`.
  struct RandomWalkReturnVectors: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "random-walk-return",
      abstract: "Return P(S(n) = 0) and first-return probabilities of the symmetric walk.",
      discussion: "Odd n gives 0 for both; first_return at n = 0 is 0.")

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Numbers of steps: a comma-separated list (2,4,100) or a closed range (0...20).",
        valueName: "list"))
    var steps: String

    @OptionGroup var output: VectorOutput

    func run() throws {
      let steps = try NumberList.integers(self.steps, name: "--steps")
      if let bad = steps.first(where: { $0 < 0 }) {
        throw CommandError("--steps must be at least 0; got \(bad).")
      }
      let walks = try steps.map { try RandomWalk<Double>(steps: $0) }
      let set = VectorSet(
        name: "random-walk-return", parameters: [],
        outputs: [
          ("n", steps.map(Double.init)),
          ("return", walks.map(\.returnProbability)),
          ("first_return", walks.map(\.firstReturnProbability)),
        ],
        claims: Provenance.claims(checkPrefix: "walk.return", in: output.specsDirectory))
      print(set.render(output.format), terminator: "")
    }
  }
}
