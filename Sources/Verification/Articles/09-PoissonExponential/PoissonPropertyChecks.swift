import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Property checks of the Poisson distribution.
enum PoissonPropertyChecks {
  static let all: [Check] = [pmfAccuracy, cdfAccuracy, normalization, modes, centralMoments]

  /// The means the accuracy properties take.
  static let accuracyMean = CheckParameter.range(
    "mean", within: Double.leastNonzeroMagnitude...1e15, help: "the range means are drawn from")
  /// The means a check that sums over the whole support can take in reasonable time.
  static let summableMean = CheckParameter.range(
    "mean", within: Double.leastNonzeroMagnitude...1e8, help: "the range means are drawn from")
  /// Whole-number means, for the modes.
  static let modeMean = CheckParameter.range(
    "mean", within: 1...1e12, help: "the range means are drawn from (whole numbers are used)")
  static let spread = CheckParameter.number(
    "spread", within: 0...1e3, default: 40,
    help: "how far counts reach, in standard deviations around the mean")

  /// The inputs of the accuracy properties: the mean from the spec and a position for the count.
  static func accuracyInputs(_ claim: Claim) throws -> [InputDraw] {
    [
      try claim[accuracyMean],
      InputDraw(name: "position", distribution: .uniform, lower: 0, upper: 1),
    ]
  }

  static func caseCount(_ claim: Claim, _ values: CaseValues) throws -> (Double, Int) {
    let mean = values[accuracyMean]
    return (
      mean,
      PropertySupport.count(mean: mean, position: values["position"], spread: try claim[spread])
    )
  }

  static let pmfAccuracy = Check(
    name: "poisson.pmf-accuracy", kind: .property,
    summary: "The pmf and log-pmf against the MPFR referee at generated means and counts, both "
      + "tails included; GSL's gsl_ran_poisson_pdf is measured beside it.",
    parameters: [accuracyMean, spread, PropertySupport.cases], oracles: .referee
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { try accuracyInputs(claim) }) { tolerance, values in
      let (mean, k) = try caseCount(claim, values)
      let poisson = try Poisson<Double>(mean: mean)
      var outcome = CaseOutcome()
      outcome.context = ["k = \(k)"]
      let pmf = poisson.probability(of: k)
      let reference = try Referee.poissonProbability(k, mean: mean)
      outcome.compare("kernel pmf vs referee", pmf, against: reference, within: tolerance)
      outcome.compare(
        "kernel log-pmf vs referee", poisson.logProbability(of: k),
        against: { try Referee.poissonLogProbability(k, mean: mean) }, within: tolerance)
      outcome.inform(
        "GSL pmf vs referee", { try GSL.poissonProbability(k, mean: mean) }, against: reference,
        unit: tolerance.bound)
      return outcome
    }
  }

  static let cdfAccuracy = Check(
    name: "poisson.cdf-accuracy", kind: .property,
    summary: "The cdf P(N <= k) and survival P(N > k) against the MPFR referee, deep tails "
      + "included; GSL's gsl_cdf_poisson_P/Q are measured beside them.",
    parameters: [accuracyMean, spread, PropertySupport.cases], oracles: .referee
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { try accuracyInputs(claim) }) { tolerance, values in
      let (mean, k) = try caseCount(claim, values)
      let poisson = try Poisson<Double>(mean: mean)
      var outcome = CaseOutcome()
      outcome.context = ["k = \(k)"]
      let (cdf, sf) = try Referee.poissonTails(k, mean: mean)
      outcome.compare(
        "kernel cdf vs referee", poisson.cumulativeProbability(through: k), against: cdf,
        within: tolerance)
      outcome.compare(
        "kernel sf vs referee", poisson.survivalProbability(after: k), against: sf,
        within: tolerance)
      outcome.inform(
        "GSL cdf vs referee", { try GSL.poissonCumulative(k, mean: mean) }, against: cdf,
        unit: tolerance.bound)
      outcome.inform(
        "GSL sf vs referee", { try GSL.poissonSurvival(k, mean: mean) }, against: sf,
        unit: tolerance.bound)
      return outcome
    }
  }

  static let normalization = Check(
    name: "poisson.normalization", kind: .property,
    summary: "The pmf summed over all counts (compensated) equals one.",
    parameters: [summableMean, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [try claim[summableMean]] }) {
      tolerance, values in
      let mean = values[summableMean]
      let poisson = try Poisson<Double>(mean: mean)
      let total = Summation.compensated(
        PropertySupport.support(mean: mean).lazy.map { poisson.probability(of: $0) })
      var outcome = CaseOutcome()
      outcome.compare("sum of the pmf vs 1", total, against: 1, within: tolerance)
      return outcome
    }
  }

  static let modes = Check(
    name: "poisson.modes", kind: .property,
    summary: "For a whole-number mean m the pmf peaks at exactly m - 1 and m, with "
      + "P(m - 1) = P(m); the pmf is log-concave, so its neighbours decide.",
    parameters: [modeMean, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [try claim[modeMean]] }) {
      tolerance, values in
      let mean = values[modeMean]
      let m = Int(mean)
      let poisson = try Poisson<Double>(mean: mean)
      let (below, left, right, above) = (
        poisson.probability(of: m - 2), poisson.probability(of: m - 1), poisson.probability(of: m),
        poisson.probability(of: m + 1)
      )
      var outcome = CaseOutcome()
      outcome.compare("P(m - 1) vs P(m)", left, against: right, within: tolerance)
      outcome.require(
        below < left && above < right, "peak only at m - 1 and m",
        note: "P(m - 2) = \(below), P(m - 1) = \(left), P(m) = \(right), P(m + 1) = \(above)")
      outcome.inform(
        "GSL P(m - 1) vs P(m)", { try GSL.poissonProbability(m - 1, mean: mean) },
        against: (try? GSL.poissonProbability(m, mean: mean)) ?? .nan, unit: tolerance.bound)
      return outcome
    }
  }

  static let centralMoments = Check(
    name: "poisson.central-moments", kind: .property,
    summary: "The variance and the third central moment, summed from the pmf, both equal the "
      + "mean: the distribution is skewed to the right (skewness mean^(-1/2)).",
    parameters: [summableMean, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [try claim[summableMean]] }) {
      tolerance, values in
      let mean = values[summableMean]
      let poisson = try Poisson<Double>(mean: mean)
      let support = PropertySupport.support(mean: mean)
      let pmf = support.map { poisson.probability(of: $0) }
      let deviations = support.map { Double($0) - mean }
      let second = Summation.compensated(
        zip(deviations, pmf).lazy.map { $0 * $0 * $1 })
      let third = Summation.compensated(
        zip(deviations, pmf).lazy.map { $0 * $0 * $0 * $1 })
      var outcome = CaseOutcome()
      outcome.compare("variance vs mean", second, against: mean, within: tolerance)
      outcome.compare("third central moment vs mean", third, against: mean, within: tolerance)
      outcome.require(third > 0, "skewed right", note: "third central moment \(third) <= 0")
      return outcome
    }
  }
}
