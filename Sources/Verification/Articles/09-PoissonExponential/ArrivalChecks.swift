import GSLOracle
import ReferenceNumerics
import SpecEngine

/// The statistical check that exponential gaps give Poisson counts.
enum ArrivalChecks {
  static let all: [Check] = [arrivalsCheck]

  /// A chi-square goodness-of-fit test of hourly counts against Poisson(rate).
  struct ChiSquare {
    var statistic: Double
    var degreesOfFreedom: Int
    var bins: Int

    /// Pools the counts into bins whose expected size is at least 5 and sums (O - E)^2 / E.
    init(counts: [Int], rate: Double) throws {
      let poisson = try Poisson<Double>(mean: rate)
      let n = Double(counts.count)
      var observed: [Int: Int] = [:]
      for c in counts { observed[c, default: 0] += 1 }
      // The lowest bin holds everything up to `low`, the highest everything from `high` on.
      var low = 0
      while n * poisson.cumulativeProbability(through: low) < 5 { low += 1 }
      var high = low + 1
      while n * poisson.survivalProbability(after: high) >= 5 { high += 1 }
      var statistic = 0.0
      var bins = 0
      func add(_ o: Int, _ e: Double) {
        statistic += (Double(o) - e) * (Double(o) - e) / e
        bins += 1
      }
      add(
        observed.filter { $0.key <= low }.map(\.value).reduce(0, +),
        n * poisson.cumulativeProbability(through: low))
      if high - 1 > low {
        for k in (low + 1)..<high { add(observed[k] ?? 0, n * poisson.probability(of: k)) }
      }
      add(
        observed.filter { $0.key >= high }.map(\.value).reduce(0, +),
        n * poisson.survivalProbability(after: high - 1))
      self.statistic = statistic
      self.bins = bins
      self.degreesOfFreedom = bins - 1
    }
  }

  /// Counts events per unit of time over `hours` units, from gaps drawn by `gap`.
  static func hourlyCounts(hours: Int, gap: () throws -> Double) rethrows -> [Int] {
    var counts = [Int](repeating: 0, count: hours)
    var t = try gap()
    while t < Double(hours) {
      counts[Int(t)] += 1
      t += try gap()
    }
    return counts
  }

  /// How arrivals are spaced.
  enum Arrivals: String, ParameterChoice {
    /// Exponential gaps: a Poisson process.
    case exponential
    /// Equal gaps of 1 / rate: the counter-test.
    case periodic
  }

  static let rate = CheckParameter.number(
    "rate", within: 1e-300...1e4, help: "events per unit of time")
  static let hours = CheckParameter.integer(
    "hours", in: 10...10_000_000, help: "how many units of time to simulate")
  static let arrivals = CheckParameter<Arrivals>.choice(
    "arrivals", help: "exponential gaps, or periodic ones as a counter-test")

  static let arrivalsCheck = Check(
    name: "poisson.arrivals", kind: .statistical,
    summary: "Arrivals with exponential gaps (or, as a counter-test, periodic ones), counted per "
      + "unit of time, tested against Poisson(rate) by chi-square; simulated twice, by the "
      + "Swift sampler and by GSL's gsl_ran_exponential.",
    parameters: [rate, hours, arrivals], oracles: .none
  ) { claim, replay in
    do {
      let verdict = try StatisticalVerdict(claim)
      let alpha = verdict.alpha
      let rate = try claim[rate]
      let hours = try claim[hours]
      let process = try claim[arrivals]
      let seed = replay?.seed ?? ReplayToken.seed(forClaim: claim.id)
      let exponential = try Exponential<Double>(rate: rate)
      var swiftRandom = SeededGenerator(seed: ReplayToken.caseSeed(seed, 0))
      var gslRandom = try GSLRandom(seed: ReplayToken.caseSeed(seed, 1))
      let period = 1 / rate
      let samples: [(String, [Int])] =
        process == .periodic
        ? [("periodic arrivals", hourlyCounts(hours: hours) { period })]
        : [
          ("Swift sampler", hourlyCounts(hours: hours) { exponential.sample(using: &swiftRandom) }),
          ("GSL sampler", try hourlyCounts(hours: hours) { try gslRandom.exponential(rate: rate) }),
        ]
      let refuted = verdict.expectsRejection
      var measurements: [Measurement] = []
      var details: [String] = []
      var ok = true
      for (label, counts) in samples {
        let test = try ChiSquare(counts: counts, rate: rate)
        // The p-value itself is held against the referee and GSL (gsl_cdf_chisq_Q).
        let (p, agrees, agreement) = PValueAgreement.check(
          test.statistic, degreesOfFreedom: test.degreesOfFreedom, label: label)
        let gslP = try GSL.chiSquareSurvival(
          test.statistic, degreesOfFreedom: Double(test.degreesOfFreedom))
        let rejected = p < alpha
        ok = ok && verdict.accepts(p) && agrees
        measurements.append(verdict.measurement(label, p: p))
        measurements += agreement
        details.append(
          "\(label): chi-square \(NumberFormatting.short(test.statistic, digits: 6)) with "
            + "\(test.degreesOfFreedom) degrees of freedom over \(hours) hours; p-value "
            + "\(NumberFormatting.short(p, digits: 4)) (GSL \(NumberFormatting.short(gslP, digits: 4))); "
            + "alpha \(NumberFormatting.short(alpha)); \(rejected ? "rejected" : "not rejected")")
      }
      return verdict.result(
        claim, ok: ok, hypothesis: "Poisson(\(NumberFormatting.short(rate)))",
        measurements: measurements, details: details, seed: seed)
    } catch {
      return .error(claim, error)
    }
  }
}
