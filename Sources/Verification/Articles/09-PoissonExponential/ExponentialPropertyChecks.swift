import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Property checks of the exponential distribution and of the binomial-to-Poisson limit.
enum ExponentialPropertyChecks {
  static let all: [Check] = [noEvent, memorylessness, poissonLimit]

  static let positive = Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude
  static let rate = CheckParameter.range(
    "rate", within: positive, help: "the range rates are drawn from")
  static let time = CheckParameter.range(
    "time", within: 0...Double.greatestFiniteMagnitude, help: "the range times are drawn from")
  static let wait = CheckParameter.range(
    "wait", within: 0...Double.greatestFiniteMagnitude,
    help: "the range of s, the time already waited")
  static let furtherWait = CheckParameter.range(
    "time", within: 0...Double.greatestFiniteMagnitude, help: "the range of t, the further wait")
  static let precision = CheckParameter.precision()
  static let mean = CheckParameter.range(
    "mean", within: Double.leastNonzeroMagnitude...1e4, help: "the range of the Poisson mean")
  static let trials = CheckParameter.range(
    "trials", within: 1...1e9, wholeNumbers: true, help: "the range of n, the number of trials")

  /// One case of `exponential.no-event` in `T`: the inputs are rounded to `T` first, so the
  /// referee computes the exact value for the numbers the kernel was given.
  static func noEventCase<T: ReferenceScalar>(
    _: T.Type, rate: Double, time: Double, tolerance: Tolerance, precision: Precision
  ) throws -> CaseOutcome {
    let (rate, time) = (T(rate), T(time))
    // The identity at one representable mean m: an exponential wait of rate m beyond t = 1,
    // and no Poisson event at mean m. Both sides are the same real number, exp(-m).
    let m = rate * time
    let wait = try Exponential<T>(rate: m).survivalProbability(after: 1)
    let noEvent = try Poisson<T>(mean: m).probability(of: 0)
    var outcome = CaseOutcome()
    outcome.compare(
      precision.label("P(X > t) vs P(N(t) = 0)"), wait, against: Double(noEvent), within: tolerance)
    // The kernel at the drawn rate and time, whose product is not rounded first.
    let survival = try Exponential<T>(rate: rate).survivalProbability(after: time)
    outcome.compare(
      precision.label("kernel P(X > t) vs referee"), survival,
      against: { try Referee.exponentialSurvival(Double(time), rate: Double(rate)) },
      within: tolerance)
    let mean = Double(m)
    outcome.inform(
      "GSL Q(t) vs GSL P(N(t) = 0)", { try GSL.exponentialSurvival(1, rate: mean) },
      against: (try? GSL.poissonProbability(0, mean: mean)) ?? .nan, unit: tolerance.bound)
    // GSL's side of the identity is held too, so a binding that hands GSL the rate where it
    // wants the mean fails here: GSL computes exp(-1 / (1 / m)), whose exponent carries two
    // roundings of relative size u, so it may differ from exp(-m) by about 2 m u relative,
    // plus an ulp or two for each exp: within 4 (m + 1) u.
    if let gslWait = try? GSL.exponentialSurvival(1, rate: mean),
      let gslNone = try? GSL.poissonProbability(0, mean: mean), gslNone > 0
    {
      let gap = abs(gslWait - gslNone) / gslNone
      let bound = 4 * (mean + 1) * Double.ulpOfOne
      outcome.require(
        gap <= bound, "GSL's exponential survival matches its Poisson P(N = 0)",
        note: "GSL Q(1; rate \(mean)) = \(gslWait) but GSL P(N = 0; mean \(mean)) = \(gslNone): "
          + "\(gap) relative, above 4 (m + 1) u = \(bound)")
    }
    return outcome
  }

  /// One case of `exponential.memorylessness` in `T`.
  static func memorylessCase<T: ReferenceScalar>(
    _: T.Type, rate: Double, s: Double, t: Double, tolerance: Tolerance, precision: Precision
  ) throws -> CaseOutcome {
    let x = try Exponential<T>(rate: T(rate))
    let (s, t) = (T(s), T(t))
    let conditional = x.survivalProbability(after: s + t) / x.survivalProbability(after: s)
    var outcome = CaseOutcome()
    outcome.compare(
      precision.label("P(X > s + t | X > s) vs P(X > t)"), conditional,
      against: Double(x.survivalProbability(after: t)), within: tolerance)
    let (rate, sd, td) = (Double(x.rate), Double(s), Double(t))
    if let gslJoint = try? GSL.exponentialSurvival(sd + td, rate: rate),
      let gslWait = try? GSL.exponentialSurvival(sd, rate: rate),
      let gslT = try? GSL.exponentialSurvival(td, rate: rate)
    {
      outcome.inform(
        "GSL, the same identity", gslJoint / gslWait, against: gslT, unit: tolerance.bound)
    }
    return outcome
  }

  static let noEvent = Check(
    name: "exponential.no-event", kind: .property,
    summary: "P(X > t) for X ~ Exponential(rate) equals the Poisson probability of no event in "
      + "[0, t]: the two kernels agree at the same mean, and P(X > t) agrees with the referee.",
    parameters: [rate, time, PropertySupport.cases, precision], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [try claim[rate], try claim[time]] }) {
      tolerance, values in
      let precision = try claim[precision]
      return try precision == .double
        ? noEventCase(
          Double.self, rate: values[rate], time: values[time], tolerance: tolerance,
          precision: precision)
        : noEventCase(
          Float.self, rate: values[rate], time: values[time], tolerance: tolerance,
          precision: precision)
    }
  }

  static let memorylessness = Check(
    name: "exponential.memorylessness", kind: .property,
    summary: "P(X > s + t) / P(X > s) equals P(X > t): having waited s tells nothing.",
    parameters: [rate, wait, furtherWait, PropertySupport.cases, precision], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[rate], try claim[wait], try claim[furtherWait]] }
    ) { tolerance, values in
      let precision = try claim[precision]
      let (r, s, t) = (values[rate], values[wait], values[furtherWait])
      return try precision == .double
        ? memorylessCase(
          Double.self, rate: r, s: s, t: t, tolerance: tolerance, precision: precision)
        : memorylessCase(
          Float.self, rate: r, s: s, t: t, tolerance: tolerance, precision: precision)
    }
  }

  static let poissonLimit = Check(
    name: "binomial.poisson-limit", kind: .property,
    summary: "Binomial(n, mean / n) approaches Poisson(mean): the total variation sum "
      + "|B(k) - P(k)| over all k >= 0 stays within Le Cam's bound 2 mean^2 / n; the binomial kernel is "
      + "compared with GSL's gsl_ran_binomial_pdf (and the referee) at every k.",
    parameters: [mean, trials, PropertySupport.cases], oracles: .gslOrReferee
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [try claim[mean], try claim[trials]] }) {
      tolerance, values in
      let mean = values[mean]
      let n = Int(values[trials].rounded())
      let p = mean / Double(n)
      let binomial = try Binomial<Double>(trials: n, successProbability: p)
      let poisson = try Poisson<Double>(mean: mean)
      let top = min(n, PropertySupport.support(mean: mean).upperBound)
      var outcome = CaseOutcome()
      outcome.context = ["n = \(n)"]
      var distance: [Double] = []
      let chosen = try Oracles.gslOrReferee.chosen(by: tolerance, in: claim)
      for k in 0...top {
        let b = binomial.probability(of: k)
        distance.append(abs(b - poisson.probability(of: k)))
        let gsl = { try GSL.binomialProbability(k, trials: n, probability: p) }
        let referee = { try Referee.binomialProbability(k, trials: n, probability: p) }
        let reference = chosen == "gsl" ? gsl : referee
        outcome.compare(
          "kernel binomial pmf vs \(chosen)", b, against: reference, within: tolerance)
        if let r = try? referee() {
          outcome.inform("GSL vs referee", gsl, against: r, unit: tolerance.bound)
        }
      }
      // Le Cam's sum runs over every k >= 0. Beyond n the binomial is 0 and each term is the
      // Poisson mass itself; beyond the support both tails are summed (an upper bound on what
      // they add, so the comparison stays rigorous).
      if top == n {
        distance.append(poisson.survivalProbability(after: n))
      } else {
        distance.append(
          binomial.survivalProbability(after: top) + poisson.survivalProbability(after: top))
      }
      let total = Summation.compensated(distance)
      let bound = 2 * mean * mean / Double(n)
      outcome.measurements.append(
        Measurement(
          label: "total variation vs Le Cam's bound 2 mean^2 / n", value: total, bound: bound,
          unit: "abs", passed: total <= bound))
      if total > bound {
        outcome.notes.append("sum |B - P| = \(total) exceeds 2 mean^2 / n = \(bound)")
      }
      return outcome
    }
  }
}
