internal import CGSL

/// Double-precision functions of the GNU Scientific Library, with Swift errors.
///
/// Every function first validates its arguments in Swift and throws
/// `GSLError.domain` for NaN or out-of-range input, so GSL never sees them;
/// status codes GSL itself returns are thrown as `GSLError` too. GSL's default
/// error handler, which aborts the process, is switched off once, on first use.
public enum GSL {
  /// The token whose initialisation switches GSL's aborting error handler off, exactly once.
  private static let errorHandlerOff: Void = {
    _ = gsl_set_error_handler_off()
  }()

  /// Makes sure GSL's error handler is off; every entry point calls this first.
  static func prepare() {
    _ = errorHandlerOff
  }

  /// The version of the GSL headers the oracle was built against, such as "2.7.1" (`GSL_VERSION`).
  public static let version: String = GSL_VERSION

  /// Returns `k` as GSL's `unsigned int`, or throws when it is negative or too large.
  static func unsigned(_ k: Int, _ context: @autoclosure () -> String) throws(GSLError) -> UInt32 {
    guard let value = UInt32(exactly: k) else { throw .domain(context()) }
    return value
  }
}

// MARK: - Poisson

extension GSL {
  /// Returns the Poisson probability P(N = k) for mean `mean` (the pmf, `gsl_ran_poisson_pdf`).
  ///
  ///     P(N = k) = mean^k * exp(-mean) / k!
  ///
  /// - Parameters:
  ///   - k: The count, in `0 ... UInt32.max`.
  ///   - mean: The mean, finite and non-negative.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a negative or too large `k`, or a mean that is
  ///   negative, infinite or NaN.
  public static func poissonProbability(_ k: Int, mean: Double) throws(GSLError) -> Double {
    prepare()
    let context = { "gsl_ran_poisson_pdf(k: \(k), mean: \(mean))" }
    let count = try unsigned(k, context())
    try validatePoissonMean(mean, context())
    return gsl_ran_poisson_pdf(count, mean)
  }

  /// Returns the Poisson cumulative probability P(N <= k) (the cdf, `gsl_cdf_poisson_P`).
  ///
  /// - Parameters:
  ///   - k: The count, in `0 ... UInt32.max`.
  ///   - mean: The mean, finite and non-negative.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a bad `k` or mean.
  public static func poissonCumulative(_ k: Int, mean: Double) throws(GSLError) -> Double {
    prepare()
    let context = { "gsl_cdf_poisson_P(k: \(k), mean: \(mean))" }
    let count = try unsigned(k, context())
    try validatePoissonMean(mean, context())
    return gsl_cdf_poisson_P(count, mean)
  }

  /// Returns the Poisson survival probability P(N > k) (`gsl_cdf_poisson_Q`).
  ///
  /// - Parameters:
  ///   - k: The count, in `0 ... UInt32.max`.
  ///   - mean: The mean, finite and non-negative.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a bad `k` or mean.
  public static func poissonSurvival(_ k: Int, mean: Double) throws(GSLError) -> Double {
    prepare()
    let context = { "gsl_cdf_poisson_Q(k: \(k), mean: \(mean))" }
    let count = try unsigned(k, context())
    try validatePoissonMean(mean, context())
    return gsl_cdf_poisson_Q(count, mean)
  }

  private static func validatePoissonMean(
    _ mean: Double, _ context: @autoclosure () -> String
  ) throws(GSLError) {
    guard mean.isFinite, mean >= 0 else { throw .domain(context()) }
  }
}

// MARK: - Exponential

extension GSL {
  /// Returns the exponential density rate * exp(-rate * t) (`gsl_ran_exponential_pdf`).
  ///
  /// GSL parametrises the exponential distribution by its mean `1 / rate`; this
  /// function takes the rate and passes GSL the mean. The density is 0 for `t < 0`.
  ///
  /// - Parameters:
  ///   - t: The point, not NaN.
  ///   - rate: The rate, positive and finite.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a NaN `t` or a rate that is not positive and finite.
  public static func exponentialDensity(_ t: Double, rate: Double) throws(GSLError) -> Double {
    prepare()
    let mean = try exponentialMean(t, rate, "gsl_ran_exponential_pdf(t: \(t), rate: \(rate))")
    return gsl_ran_exponential_pdf(t, mean)
  }

  /// Returns the exponential cumulative probability 1 - exp(-rate * t) (`gsl_cdf_exponential_P`).
  ///
  /// - Parameters:
  ///   - t: The point, not NaN.
  ///   - rate: The rate (GSL is given the mean `1 / rate`), positive and finite.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a NaN `t` or a bad rate.
  public static func exponentialCumulative(_ t: Double, rate: Double) throws(GSLError) -> Double {
    prepare()
    let mean = try exponentialMean(t, rate, "gsl_cdf_exponential_P(t: \(t), rate: \(rate))")
    return gsl_cdf_exponential_P(t, mean)
  }

  /// Returns the exponential survival probability exp(-rate * t) (`gsl_cdf_exponential_Q`).
  ///
  /// - Parameters:
  ///   - t: The point, not NaN.
  ///   - rate: The rate (GSL is given the mean `1 / rate`), positive and finite.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a NaN `t` or a bad rate.
  public static func exponentialSurvival(_ t: Double, rate: Double) throws(GSLError) -> Double {
    prepare()
    let mean = try exponentialMean(t, rate, "gsl_cdf_exponential_Q(t: \(t), rate: \(rate))")
    return gsl_cdf_exponential_Q(t, mean)
  }

  /// Validates the arguments and returns GSL's parameter, the mean `1 / rate`.
  private static func exponentialMean(
    _ t: Double, _ rate: Double, _ context: @autoclosure () -> String
  ) throws(GSLError) -> Double {
    guard !t.isNaN, rate.isFinite, rate > 0 else { throw .domain(context()) }
    let mean = 1 / rate
    guard mean.isFinite else { throw .domain(context()) }
    return mean
  }
}

// MARK: - Binomial and chi-square

extension GSL {
  /// Returns the binomial probability P(K = k) for `trials` trials (`gsl_ran_binomial_pdf`).
  ///
  ///     P(K = k) = C(trials, k) * probability^k * (1 - probability)^(trials - k)
  ///
  /// The result is 0 for `k > trials`.
  ///
  /// - Parameters:
  ///   - k: The number of successes, in `0 ... UInt32.max`.
  ///   - trials: The number of trials, in `0 ... UInt32.max`.
  ///   - probability: The success probability, in `0 ... 1`.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a negative or too large count, or a probability
  ///   outside `0 ... 1` (NaN included).
  public static func binomialProbability(
    _ k: Int, trials: Int, probability: Double
  ) throws(GSLError) -> Double {
    prepare()
    let context = {
      "gsl_ran_binomial_pdf(k: \(k), trials: \(trials), probability: \(probability))"
    }
    let successes = try unsigned(k, context())
    let count = try unsigned(trials, context())
    guard probability >= 0, probability <= 1 else { throw .domain(context()) }
    return gsl_ran_binomial_pdf(successes, probability, count)
  }

  /// Returns the chi-square survival probability P(X > x) (`gsl_cdf_chisq_Q`).
  ///
  ///     P(X > x) = Q(degreesOfFreedom / 2, x / 2)   (regularized upper incomplete gamma)
  ///
  /// - Parameters:
  ///   - x: The point, not NaN; the result is 1 for `x <= 0`.
  ///   - degreesOfFreedom: Positive and finite.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a NaN `x` or degrees of freedom that are not
  ///   positive and finite.
  public static func chiSquareSurvival(
    _ x: Double, degreesOfFreedom: Double
  ) throws(GSLError) -> Double {
    prepare()
    let context = { "gsl_cdf_chisq_Q(x: \(x), degreesOfFreedom: \(degreesOfFreedom))" }
    guard !x.isNaN, degreesOfFreedom.isFinite, degreesOfFreedom > 0 else {
      throw .domain(context())
    }
    return gsl_cdf_chisq_Q(x, degreesOfFreedom)
  }
}

// MARK: - Special functions

extension GSL {
  /// Returns the regularized upper incomplete gamma function Q(a, x) and GSL's error estimate.
  ///
  ///     Q(a, x) = (1 / Gamma(a)) * integral from x to infinity of t^(a - 1) * exp(-t) dt
  ///
  /// Calls `gsl_sf_gamma_inc_Q_e`.
  ///
  /// - Parameters:
  ///   - a: Positive and finite.
  ///   - x: Non-negative and finite.
  /// - Returns: The value and GSL's estimate of its absolute error.
  /// - Throws: `GSLError.domain` for bad arguments, or the status GSL returns.
  public static func gammaIncQ(
    _ a: Double, _ x: Double
  ) throws(GSLError) -> (value: Double, error: Double) {
    prepare()
    let context = { "gsl_sf_gamma_inc_Q_e(a: \(a), x: \(x))" }
    try validateIncompleteGamma(a, x, context())
    var result = gsl_sf_result()
    try GSLError.check(gsl_sf_gamma_inc_Q_e(a, x, &result), context())
    return (result.val, result.err)
  }

  /// Returns the regularized lower incomplete gamma function P(a, x) = 1 - Q(a, x).
  ///
  /// Calls `gsl_sf_gamma_inc_P_e`.
  ///
  /// - Parameters:
  ///   - a: Positive and finite.
  ///   - x: Non-negative and finite.
  /// - Returns: The value and GSL's estimate of its absolute error.
  /// - Throws: `GSLError.domain` for bad arguments, or the status GSL returns.
  public static func gammaIncP(
    _ a: Double, _ x: Double
  ) throws(GSLError) -> (value: Double, error: Double) {
    prepare()
    let context = { "gsl_sf_gamma_inc_P_e(a: \(a), x: \(x))" }
    try validateIncompleteGamma(a, x, context())
    var result = gsl_sf_result()
    try GSLError.check(gsl_sf_gamma_inc_P_e(a, x, &result), context())
    return (result.val, result.err)
  }

  private static func validateIncompleteGamma(
    _ a: Double, _ x: Double, _ context: @autoclosure () -> String
  ) throws(GSLError) {
    guard a.isFinite, a > 0, x.isFinite, x >= 0 else { throw .domain(context()) }
  }

  /// Returns log |Gamma(x)| and GSL's error estimate (`gsl_sf_lngamma_e`).
  ///
  /// - Parameter x: Finite, and not zero or a negative integer (poles of Gamma).
  /// - Returns: The value and GSL's estimate of its absolute error.
  /// - Throws: `GSLError.domain` for NaN, infinite input or a pole, or the status GSL returns.
  public static func logGamma(_ x: Double) throws(GSLError) -> (value: Double, error: Double) {
    prepare()
    let context = { "gsl_sf_lngamma_e(x: \(x))" }
    guard x.isFinite else { throw .domain(context()) }
    if x <= 0, x == x.rounded() { throw .domain(context()) }
    var result = gsl_sf_result()
    try GSLError.check(gsl_sf_lngamma_e(x, &result), context())
    return (result.val, result.err)
  }
}
