import Foundation
import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Table checks of the Poisson distribution and of event rates.
enum PoissonTableChecks {
  static let all: [Check] = [perUnitRate, probability, event]

  /// Reads the mean of a row: `mean`, or `rate` times `time`.
  static func mean(_ row: RowInputs) throws -> Double {
    let mean =
      row.has("mean") ? try row.number("mean") : try row.number("rate") * row.number("time")
    guard mean.isFinite, mean > 0 else {
      throw VerificationError.invalidInput(
        name: "mean", value: NumberFormatting.exact(mean), reason: "it must be positive and finite",
        at: row.row.location)
    }
    return mean
  }

  static let meanParameters: [ParameterSchema] = [
    .init("mean", .number, required: false, help: "the mean; or give rate and time"),
    .init("rate", .number, required: false, help: "events per unit of time"),
    .init("time", .number, required: false, help: "the length of the window; mean = rate * time"),
  ]

  static let perUnitRate = Check(
    name: "rate.per-unit", kind: .table,
    summary: "A count of events in a window, as a rate per unit: count / window.",
    parameters: [
      .init("count", .number, required: true, help: "the number of events"),
      .init("window", .number, required: true, help: "the window's length in the target unit"),
      .init("expected", .number, required: true, help: "the stated rate"),
    ]
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let count = try row.number("count")
      let window = try row.number("window")
      guard window > 0, window.isFinite else {
        throw VerificationError.invalidInput(
          name: "window", value: NumberFormatting.exact(window), reason: "it must be positive",
          at: row.row.location)
      }
      let rate = count / window
      return try Oracles(primary: "exact", names: ["exact"]).rowValue(
        kernel: rate, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in count / window }
    }
  }

  static let probability = Check(
    name: "poisson.probability", kind: .table,
    summary: "The Poisson pmf P(N = count) against the MPFR referee and GSL's gsl_ran_poisson_pdf.",
    parameters: meanParameters + [
      .init("count", .number, required: true, help: "the count n"),
      .init("expected", .number, required: true, help: "the stated probability"),
    ]
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let mean = try mean(row)
      let count = try row.integer("count")
      let kernel = try Poisson<Double>(mean: mean).probability(of: count)
      return try Oracles(primary: "referee", names: ["referee", "gsl"]).rowValue(
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
    parameters: meanParameters + [
      .init("event", .text, required: true, help: "N = k, N <= k, N < k, N >= k or N > k"),
      .init("expected", .number, required: true, help: "the stated probability"),
    ]
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let mean = try mean(row)
      let (text, location) = try row.text("event")
      guard let event = Event(text) else {
        throw VerificationError.invalidInput(
          name: "event", value: text, reason: "write N = k, N <= k, N < k, N >= k or N > k",
          at: location)
      }
      let poisson = try Poisson<Double>(mean: mean)
      let kernel = event.probability(
        pmf: { poisson.probability(of: $0) }, cdf: { poisson.cumulativeProbability(through: $0) },
        sf: { poisson.survivalProbability(after: $0) })
      return try Oracles(primary: "referee", names: ["referee", "gsl"]).rowValue(
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
