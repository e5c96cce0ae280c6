import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Table checks of the exponential distribution.
enum ExponentialTableChecks {
  static let all: [Check] = [interval, mean]

  static func rate(_ row: RowInputs) throws -> Double {
    let rate = try row.number("rate")
    guard rate.isFinite, rate > 0 else {
      throw VerificationError.invalidInput(
        name: "rate", value: NumberFormatting.exact(rate), reason: "it must be positive and finite",
        at: row.row.location)
    }
    return rate
  }

  static let interval = Check(
    name: "exponential.interval", kind: .table,
    summary: "P(from < X <= to) for X ~ Exponential(rate), against GSL's gsl_cdf_exponential_Q "
      + "and the MPFR referee.",
    parameters: [
      .init("rate", .number, required: true, help: "the rate; the mean gap is 1 / rate"),
      .init("from", .number, required: true, help: "the start of the interval"),
      .init("to", .number, required: true, help: "the end of the interval; inf for a tail"),
      .init("expected", .number, required: true, help: "the stated probability"),
    ]
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let rate = try rate(row)
      let from = try row.number("from")
      let to = try row.number("to")
      guard !from.isNaN, !to.isNaN, from <= to else {
        throw VerificationError.invalidInput(
          name: "to", value: NumberFormatting.exact(to),
          reason: "the interval must not be reversed",
          at: row.row.location)
      }
      let kernel = try Exponential<Double>(rate: rate).intervalProbability(from: from, to: to)
      return try Oracles(primary: "gsl", names: ["gsl", "referee"]).rowValue(
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

  static let mean = Check(
    name: "exponential.mean", kind: .table,
    summary: "The mean gap 1 / rate, against GSL's numerical integral of P(X > t) over [0, inf).",
    parameters: [
      .init("rate", .number, required: true, help: "the rate"),
      .init("expected", .number, required: true, help: "the stated mean gap"),
    ]
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let rate = try rate(row)
      let exponential = try Exponential<Double>(rate: rate)
      return try Oracles(primary: "gsl", names: ["gsl", "exact"]).rowValue(
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
