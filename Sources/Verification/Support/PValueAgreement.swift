import GSLOracle
import Referee
import ReferenceNumerics
public import SpecEngine

/// The kernel's chi-square p-value held against the MPFR referee and GSL's `gsl_cdf_chisq_Q`.
///
/// A statistical verdict is only as good as its p-value: a survival function that is too
/// lenient (or too strict) turns every test's decision without a claim noticing, because a
/// correct sample passes anyway and a counter-test's statistic in the thousands is rejected
/// anyway. So every p-value a statistical check decides on is also recomputed by the referee
/// (correctly rounded, for statistics and degrees of freedom up to 1e4) and by GSL, and must
/// agree with both within a bound.
public enum PValueAgreement {
  /// The bound on the kernel's p-value against the referee, relative, with an absolute floor.
  ///
  /// The kernel's Q(a, x) is within 16 ulps (about 4e-15) of mpmath over its unit tests'
  /// grid; 1e-12 leaves a margin of 250 and still fails a p-value from a wrong formula, which
  /// is off by a factor, not by ulps.
  public static let refereeBound = 1e-12
  /// The bound against GSL: `gsl_cdf_chisq_Q` goes through `gsl_sf_gamma_inc_Q`, whose
  /// relative error is of order 1e-14 to 1e-12 for these arguments; 1e-9 is far above that.
  public static let gslBound = 1e-9
  /// Below this both p-values are far beneath any alpha a spec declares; differences are
  /// measured relative to it.
  public static let floor = 1e-300

  /// The kernel's p-value, and whether it agreed with both oracles, with one measurement each.
  ///
  /// - Parameters:
  ///   - statistic: The chi-square statistic.
  ///   - degreesOfFreedom: Its degrees of freedom.
  ///   - label: Which test of the claim this is, for the measurements.
  /// - Returns: The kernel's p-value, whether it held against both oracles, and the
  ///   measurements (kernel vs referee where the referee reaches, kernel vs GSL).
  public static func check(
    _ statistic: Double, degreesOfFreedom: Int, label: String
  ) -> (p: Double, agrees: Bool, measurements: [Measurement]) {
    let df = Double(degreesOfFreedom)
    let p = SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: df)
    var agrees = p.isFinite
    var measurements: [Measurement] = []
    func measure(_ name: String, _ reference: Double, bound: Double) {
      let difference = abs(p - reference) / max(reference, floor)
      let passed = difference <= bound
      agrees = agrees && passed
      measurements.append(
        Measurement(
          label: "p-value kernel vs \(name), \(label)", value: difference, bound: bound,
          unit: "rel", passed: passed))
    }
    if statistic <= Referee.maximumChiSquareArgument, df <= Referee.maximumChiSquareArgument,
      let reference = try? Referee.chiSquareSurvival(statistic, degreesOfFreedom: df)
    {
      measure("referee", reference, bound: refereeBound)
    }
    if let reference = try? GSL.chiSquareSurvival(statistic, degreesOfFreedom: df) {
      measure("GSL", reference, bound: gslBound)
    } else {
      agrees = false
    }
    return (p, agrees, measurements)
  }
}
