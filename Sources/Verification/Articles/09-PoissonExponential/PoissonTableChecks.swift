import Foundation
import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Table checks of the Poisson distribution and of event rates.
enum PoissonTableChecks {
  static let all: [Check] = [perUnitRate, probability, event]

  static let meanInput = CheckParameter.optionalNumber(
    "mean", within: 0...Double.greatestFiniteMagnitude, help: "the mean; or give rate and time")
  static let rate = CheckParameter.optionalNumber(
    "rate", within: 0...Double.greatestFiniteMagnitude, help: "events per unit of time")
  static let time = CheckParameter.optionalNumber(
    "time", within: 0...Double.greatestFiniteMagnitude,
    help: "the length of the window; mean = rate * time")
  static let count = CheckParameter.integer(
    "count", in: 0...9_000_000_000_000_000, help: "the count n")

  /// Reads the mean of a row: `mean`, or `rate` times `time`.
  static func mean(_ row: RowInputs) throws -> Double {
    let mean: Double
    if let given = try row[meanInput] {
      mean = given
    } else {
      guard let rate = try row[rate] else {
        throw VerificationError.missingInput("mean", at: row.row.location)
      }
      guard let time = try row[time] else {
        throw VerificationError.missingInput("time", at: row.row.location)
      }
      mean = rate * time
    }
    guard mean.isFinite, mean > 0 else {
      throw VerificationError.invalidInput(
        name: "mean", value: NumberFormatting.exact(mean), reason: "it must be positive and finite",
        at: row.row.location)
    }
    return mean
  }

  static let meanParameters: [any ParameterDeclaration] = [meanInput, rate, time]

  static let eventCount = CheckParameter.number(
    "count", within: 0...Double.greatestFiniteMagnitude, help: "the number of events")
  static let window = CheckParameter.number(
    "window", within: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude,
    help: "the window's length in the target unit")
  static let eventInput = CheckParameter.text(
    "event", help: "N = k, N <= k, N < k, N >= k or N > k")

  static let perUnitRate = Check(
    name: "rate.per-unit", kind: .table,
    summary: "A count of events in a window, as a rate per unit: count / window.",
    parameters: [eventCount, window, ParameterSchema.expected("the stated rate")], oracles: .exact
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let count = try row[eventCount]
      let window = try row[window]
      let rate = count / window
      return try Oracles.exact.rowValue(
        kernel: rate, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in count / window }
    }
  }

  static let probability = Check(
    name: "poisson.probability", kind: .table,
    summary: "The Poisson pmf P(N = count) against the MPFR referee and GSL's gsl_ran_poisson_pdf.",
    parameters: meanParameters + [count, ParameterSchema.expected("the stated probability")],
    oracles: .refereeOrGSL
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let mean = try mean(row)
      let count = try row[count]
      let kernel = try Poisson<Double>(mean: mean).probability(of: count)
      return try Oracles.refereeOrGSL.rowValue(
        kernel: kernel, tolerance: claim.requiredTolerance(), claim: claim
      ) { oracle in
        oracle == "referee"
          ? try Referee.poissonProbability(count, mean: mean)
          : try GSL.poissonProbability(count, mean: mean)
      }
    }
  }

  /// An event on a Poisson count: `N = k`, `N <= k`, `N < k`, `N >= k` or `N > k`.
  struct Event {
    enum Relation: String {
      case equal = "="
      case atMost = "<="
      case below = "<"
      case atLeast = ">="
      case above = ">"
    }
    var relation: Relation
    var count: Int

    init?(_ raw: String) {
      var text = raw
      for (from, to) in [
        ("$", ""), ("\\leq", "<="), ("\\geq", ">="), ("\\le", "<="), ("\\ge", ">="),
        ("≤", "<="), ("≥", ">="), (" ", ""),
      ] {
        text = text.replacingOccurrences(of: from, with: to)
      }
      // Drop a leading `N` or `N(t)`.
      if text.hasPrefix("N") {
        text.removeFirst()
        if text.hasPrefix("("), let close = text.firstIndex(of: ")") {
          text = String(text[text.index(after: close)...])
        }
      }
      for relation in [Relation.atMost, .atLeast, .equal, .below, .above]
      where text.hasPrefix(relation.rawValue) {
        guard let k = Int(text.dropFirst(relation.rawValue.count)) else { return nil }
        self.relation = relation
        self.count = k
        return
      }
      return nil
    }

    /// Returns P(event) from a cumulative and a survival function and a pmf.
    func probability(
      pmf: (Int) throws -> Double, cdf: (Int) throws -> Double, sf: (Int) throws -> Double
    ) rethrows -> Double {
      switch relation {
      case .equal: try pmf(count)
      case .atMost: try cdf(count)
      case .below: try cdf(count - 1)
      case .atLeast: try sf(count - 1)
      case .above: try sf(count)
      }
    }
  }

  static let event = Check(
    name: "poisson.event", kind: .table,
    summary: "P(event) for a Poisson count, event one of N = k, N <= k, N < k, N >= k, N > k; "
      + "against the MPFR referee and GSL's gsl_cdf_poisson_P/Q.",
    parameters: meanParameters + [eventInput, ParameterSchema.expected("the stated probability")],
    oracles: .refereeOrGSL
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let mean = try mean(row)
      let text = try row[eventInput]
      guard let event = Event(text) else {
        throw VerificationError.invalidInput(
          name: "event", value: text, reason: "write N = k, N <= k, N < k, N >= k or N > k",
          at: row.given("event")?.location ?? row.row.location)
      }
      let poisson = try Poisson<Double>(mean: mean)
      let kernel = event.probability(
        pmf: { poisson.probability(of: $0) }, cdf: { poisson.cumulativeProbability(through: $0) },
        sf: { poisson.survivalProbability(after: $0) })
      return try Oracles.refereeOrGSL.rowValue(
        kernel: kernel, tolerance: claim.requiredTolerance(), claim: claim
      ) { oracle in
        if oracle == "referee" {
          return try event.probability(
            pmf: { try Referee.poissonProbability($0, mean: mean) },
            cdf: { $0 < 0 ? 0 : try Referee.poissonCumulative($0, mean: mean) },
            sf: { $0 < 0 ? 1 : try Referee.poissonSurvival($0, mean: mean) })
        }
        return try event.probability(
          pmf: { try GSL.poissonProbability($0, mean: mean) },
          cdf: { $0 < 0 ? 0 : try GSL.poissonCumulative($0, mean: mean) },
          sf: { $0 < 0 ? 1 : try GSL.poissonSurvival($0, mean: mean) })
      }
    }
  }
}
