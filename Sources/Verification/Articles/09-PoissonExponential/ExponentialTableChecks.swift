import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Table checks of the exponential distribution.
enum ExponentialTableChecks {
  static let all: [Check] = [interval, mean]

  static let positive = Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude
  static let rate = CheckParameter.number(
    "rate", within: positive, help: "the rate; the mean gap is 1 / rate")
  static let from = CheckParameter.number(
    "from", within: 0...Double.infinity, help: "the start of the interval")
  static let to = CheckParameter.number(
    "to", within: 0...Double.infinity, help: "the end of the interval; inf for a tail")

  static let interval = Check(
    name: "exponential.interval", kind: .table,
    summary: "P(from < X <= to) for X ~ Exponential(rate), against GSL's gsl_cdf_exponential_Q "
      + "and the MPFR referee.",
    parameters: [rate, from, to, ParameterSchema.expected("the stated probability")],
    oracles: .gslOrReferee
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let rate = try row[rate]
      let from = try row[from]
      let to = try row[to]
      guard !from.isNaN, !to.isNaN, from <= to else {
        throw VerificationError.invalidInput(
          name: "to", value: NumberFormatting.exact(to),
          reason: "the interval must not be reversed",
          at: row.row.location)
      }
      let kernel = try Exponential<Double>(rate: rate).intervalProbability(from: from, to: to)
      return try Oracles.gslOrReferee.rowValue(
        kernel: kernel, tolerance: claim.requiredTolerance(), claim: claim
      ) { oracle in
        if oracle == "gsl" {
          let upper = to.isInfinite ? 0 : try GSL.exponentialSurvival(to, rate: rate)
          return try GSL.exponentialSurvival(from, rate: rate) - upper
        }
        return try Referee.exponentialInterval(from: from, to: to, rate: rate)
      }
    }
  }

  /// GSL's numerical integral by default, or the exact 1 / rate.
  static let meanOracles = Oracles(primary: "gsl", names: ["gsl", "exact"])

  static let mean = Check(
    name: "exponential.mean", kind: .table,
    summary: "The mean gap 1 / rate, against GSL's numerical integral of P(X > t) over [0, inf).",
    parameters: [rate.help("the rate"), ParameterSchema.expected("the stated mean gap")],
    oracles: meanOracles
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let rate = try row[rate]
      let exponential = try Exponential<Double>(rate: rate)
      return try meanOracles.rowValue(
        kernel: exponential.mean, tolerance: claim.requiredTolerance(), claim: claim
      ) { oracle in
        if oracle == "exact" { return 1 / rate }
        // GSL integrates its own survival function, so the kernel is not its own oracle.
        return try GSL.integrate(from: 0, to: .infinity, relativeTolerance: 1e-12) { t in
          (try? GSL.exponentialSurvival(t, rate: rate)) ?? .nan
        }.value
      }
    }
  }
}
