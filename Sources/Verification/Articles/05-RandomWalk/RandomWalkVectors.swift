import ReferenceNumerics
import SpecEngine

/// The golden vectors of article 5: probabilities of the one-dimensional random walk.
public enum RandomWalkVectors {
  /// The checks whose claims verify the walk's pmf, log-pmf, cdf and survival kernels.
  public static let walkChecks = [
    "walk.probability", "walk.accuracy", "walk.pmf-figure", "walk.master-equation",
    "walk.generating-function", "walk.moments", "walk.gaussian-limit", "walk.monte-carlo",
  ]

  /// The checks whose claims verify the return and first-return kernels.
  public static let returnChecks = ["walk.return", "walk.return-figure", "walk.return-identities"]

  /// The most tail terms one run may sum: about half a minute in a debug build.
  public static let workBudget = 2.0e7

  /// Describes a request whose cdf and survival would take too long to sum.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The positions near the centre of the walk need more tail terms than one run may sum.
    case tooMuchWork(positions: Int, steps: Int, terms: Double)

    public var description: String {
      switch self {
      case .tooMuchWork(let positions, let steps, let terms):
        "--position: the cdf and survival at \(positions) "
          + "\(positions == 1 ? "position" : "positions") near the centre of a \(steps)-step "
          + "walk need about \(NumberFormatting.short(terms, digits: 2)) tail terms, more than "
          + "the \(NumberFormatting.short(workBudget, digits: 2)) one run may sum; ask for fewer "
          + "positions or fewer steps."
      }
    }
  }

  /// Refuses a request whose cdf and survival would take too long.
  ///
  /// The tails are summed term by term outward from each position, exactly (no 1 - cdf), and
  /// near the centre that takes about 10 standard deviations' worth of terms per position; far
  /// out in a tail it takes few. The estimate counts positions within 40 standard deviations
  /// of the mean at 10 standard deviations each.
  public static func checkWork(steps: Int, upProbability p: Double, positions: [Int]) throws(Error)
  {
    let n = Double(steps)
    let deviation = (n * p * (1 - p)).squareRoot() * 2
    let mean = n * (2 * p - 1)
    let central = positions.filter { abs(Double($0) - mean) <= 40 * deviation + 40 }.count
    let work = Double(central) * (10 * deviation / 2 + 10)
    guard work <= workBudget else {
      throw .tooMuchWork(positions: central, steps: steps, terms: work)
    }
  }

  /// Returns `k`, `pmf`, `logpmf`, `cdf = P(S <= k)` and `sf = P(S > k)` of an n-step walk.
  ///
  /// A position of the wrong parity or beyond `n` has pmf 0 and logpmf `-inf` (exact).
  ///
  /// - Throws: `RandomWalk.Error` for a bad n or p, `Error.tooMuchWork` for too many central
  ///   positions of a long walk.
  public static func walk(steps: Int, upProbability p: Double, positions: [Int]) throws
    -> VectorSet
  {
    let walk = try RandomWalk<Double>(steps: steps, upProbability: p)
    try checkWork(steps: steps, upProbability: p, positions: positions)
    return try VectorSet(
      name: "random-walk",
      parameters: [.init("steps", .number(Double(steps))), .init("p", .number(p))],
      outputs: [
        .init("k", .numbers(positions.map(Double.init))),
        .init("pmf", .numbers(positions.map { walk.probability(at: $0) })),
        .init(
          "logpmf", .numbers(positions.map { walk.logProbability(at: $0) }),
          infinityIsExact: true),
        .init("cdf", .numbers(positions.map { walk.cumulativeProbability(through: $0) })),
        .init("sf", .numbers(positions.map { walk.survivalProbability(after: $0) })),
      ],
      checks: walkChecks)
  }

  /// Returns `n`, `return = P(S(n) = 0)` and `first_return` of the symmetric walk.
  ///
  /// - Throws: `RandomWalk.Error` for a negative n.
  public static func returns(steps: [Int]) throws -> VectorSet {
    let walks = try steps.map { try RandomWalk<Double>(steps: $0) }
    return try VectorSet(
      name: "random-walk-return", parameters: [],
      outputs: [
        .init("n", .numbers(steps.map(Double.init))),
        .init("return", .numbers(walks.map(\.returnProbability))),
        .init("first_return", .numbers(walks.map(\.firstReturnProbability))),
      ],
      checks: returnChecks)
  }
}
