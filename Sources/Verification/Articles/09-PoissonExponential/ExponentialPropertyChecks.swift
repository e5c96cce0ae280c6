import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Property checks of the exponential distribution and of the binomial-to-Poisson limit.
enum ExponentialPropertyChecks {
  static let all: [Check] = [noEvent, memorylessness, poissonLimit]

  static func range(_ name: String, _ help: String) -> ParameterSchema {
    ParameterSchema(name, .range, required: true, help: help)
  }

  static let noEvent = Check(
    name: "exponential.no-event", kind: .property,
    summary: "P(X > t) for X ~ Exponential(rate) equals the Poisson probability of no event in "
      + "[0, t]: the two kernels agree at the same mean, and P(X > t) and P(X <= t) agree with the "
      + "referee.",
    parameters: [
      range("rate", "the range rates are drawn from"),
      range("time", "the range times are drawn from"), PropertySupport.cases,
    ]
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim.draw("rate"), try claim.draw("time")] }
    ) { tolerance, values in
      let rate = values["rate"] ?? .nan
      let time = values["time"] ?? .nan
      // The identity at one representable mean m: an exponential wait of rate m beyond t = 1,
      // and no Poisson event at mean m. Both sides are the same real number, exp(-m).
      let m = rate * time
      let wait = try Exponential<Double>(rate: m).survivalProbability(after: 1)
      let noEvent = try Poisson<Double>(mean: m).probability(of: 0)
      var outcome = CaseOutcome()
      outcome.compare("P(X > t) vs P(N(t) = 0)", wait, against: noEvent, within: tolerance)
      // The kernel at the drawn rate and time, whose product is not rounded first.
      let survival = try Exponential<Double>(rate: rate).survivalProbability(after: time)
      outcome.compare(
        "kernel P(X > t) vs referee", survival,
        against: { try Referee.exponentialSurvival(time, rate: rate) }, within: tolerance)
      // And its complement, 1 - e^(-rate t), which for products rate t down to 1e-6 cancels
      // unless it is computed with expm1.
      let cumulative = try Exponential<Double>(rate: rate).cumulativeProbability(through: time)
      outcome.compare(
        "kernel P(X <= t) vs referee", cumulative,
        against: { try Referee.exponentialCumulative(time, rate: rate) }, within: tolerance)
      outcome.inform(
        "GSL Q(t) vs GSL P(N(t) = 0)", { try GSL.exponentialSurvival(1, rate: m) },
        against: (try? GSL.poissonProbability(0, mean: m)) ?? .nan, unit: tolerance.bound)
      // GSL's side of the identity is held too, so a binding that hands GSL the rate where it
      // wants the mean fails here: GSL computes exp(-1 / (1 / m)), whose exponent carries two
      // roundings of relative size u, so it may differ from exp(-m) by about 2 m u relative,
      // plus an ulp or two for each exp: within 4 (m + 1) u.
      if let gslWait = try? GSL.exponentialSurvival(1, rate: m),
        let gslNone = try? GSL.poissonProbability(0, mean: m), gslNone > 0
      {
        let gap = abs(gslWait - gslNone) / gslNone
        let bound = 4 * (m + 1) * Double.ulpOfOne
        outcome.require(
          gap <= bound, "GSL's exponential survival matches its Poisson P(N = 0)",
          note: "GSL Q(1; rate \(m)) = \(gslWait) but GSL P(N = 0; mean \(m)) = \(gslNone): "
            + "\(gap) relative, above 4 (m + 1) u = \(bound)")
      }
      return outcome
    }
  }

  static let memorylessness = Check(
    name: "exponential.memorylessness", kind: .property,
    summary: "P(X > s + t) / P(X > s) equals P(X > t): having waited s tells nothing.",
    parameters: [
      range("rate", "the range rates are drawn from"),
      range("wait", "the range of s, the time already waited"),
      range("time", "the range of t, the further wait"), PropertySupport.cases,
    ]
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: { [try claim.draw("rate"), try claim.draw("wait"), try claim.draw("time")] }
    ) { tolerance, values in
      let rate = values["rate"] ?? .nan
      let s = values["wait"] ?? .nan
      let t = values["time"] ?? .nan
      let x = try Exponential<Double>(rate: rate)
      let conditional = x.survivalProbability(after: s + t) / x.survivalProbability(after: s)
      var outcome = CaseOutcome()
      outcome.compare(
        "P(X > s + t | X > s) vs P(X > t)", conditional, against: x.survivalProbability(after: t),
        within: tolerance)
      if let gslJoint = try? GSL.exponentialSurvival(s + t, rate: rate),
        let gslWait = try? GSL.exponentialSurvival(s, rate: rate),
        let gslT = try? GSL.exponentialSurvival(t, rate: rate)
      {
        outcome.inform(
          "GSL, the same identity", gslJoint / gslWait, against: gslT, unit: tolerance.bound)
      }
      return outcome
    }
  }

  static let poissonLimit = Check(
    name: "binomial.poisson-limit", kind: .property,
    summary: "Binomial(n, mean / n) approaches Poisson(mean): the total variation sum "
      + "|B(k) - P(k)| over all k >= 0 stays within Le Cam's bound 2 mean^2 / n; the binomial kernel is "
      + "compared with GSL's gsl_ran_binomial_pdf (and the referee) at every k.",
    parameters: [
      range("mean", "the range of the Poisson mean"),
      range("trials", "the range of n, the number of trials"), PropertySupport.cases,
    ]
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: {
        [
          try claim.draw("mean", within: Double.leastNonzeroMagnitude...1e4),
          try claim.draw("trials", within: 1...1e9).roundedToWholeNumbers(),
        ]
      }
    ) { tolerance, values in
      let mean = values["mean"] ?? .nan
      let n = Int((values["trials"] ?? .nan).rounded())
      let p = mean / Double(n)
      let binomial = try Binomial<Double>(trials: n, successProbability: p)
      let poisson = try Poisson<Double>(mean: mean)
      let top = min(n, PropertySupport.support(mean: mean).upperBound)
      var outcome = CaseOutcome()
      outcome.context = ["n = \(n)"]
      var distance: [Double] = []
      let chosen = try Oracles(primary: "gsl", names: ["gsl", "referee"]).chosen(
        by: tolerance, in: claim)
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
