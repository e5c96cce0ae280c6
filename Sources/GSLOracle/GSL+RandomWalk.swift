internal import CGSL

extension GSL {
  /// Returns the binomial cumulative probability P(K <= k) (`gsl_cdf_binomial_P`).
  ///
  /// - Parameters:
  ///   - k: The count, in `0 ... UInt32.max`.
  ///   - trials: The number of trials, in `0 ... UInt32.max`.
  ///   - probability: The success probability, in `0 ... 1`.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a bad count or probability.
  public static func binomialCumulative(
    _ k: Int, trials: Int, probability: Double
  ) throws(GSLError) -> Double {
    prepare()
    let context = {
      "gsl_cdf_binomial_P(k: \(k), trials: \(trials), probability: \(probability))"
    }
    let successes = try unsigned(k, context())
    let count = try unsigned(trials, context())
    guard probability >= 0, probability <= 1 else { throw .domain(context()) }
    return gsl_cdf_binomial_P(successes, probability, count)
  }

  /// Returns the binomial survival probability P(K > k) (`gsl_cdf_binomial_Q`).
  ///
  /// - Parameters:
  ///   - k: The count, in `0 ... UInt32.max`.
  ///   - trials: The number of trials, in `0 ... UInt32.max`.
  ///   - probability: The success probability, in `0 ... 1`.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a bad count or probability.
  public static func binomialSurvival(
    _ k: Int, trials: Int, probability: Double
  ) throws(GSLError) -> Double {
    prepare()
    let context = {
      "gsl_cdf_binomial_Q(k: \(k), trials: \(trials), probability: \(probability))"
    }
    let successes = try unsigned(k, context())
    let count = try unsigned(trials, context())
    guard probability >= 0, probability <= 1 else { throw .domain(context()) }
    return gsl_cdf_binomial_Q(successes, probability, count)
  }

  /// Returns the Gaussian density with mean 0 and standard deviation `sigma`
  /// (`gsl_ran_gaussian_pdf`).
  ///
  ///     phi(x; 0, sigma) = exp(-x^2 / (2 sigma^2)) / (sigma * sqrt(2 pi))
  ///
  /// - Parameters:
  ///   - x: The point, not NaN.
  ///   - sigma: The standard deviation, positive and finite.
  /// - Returns: GSL's value.
  /// - Throws: `GSLError.domain` for a NaN point or a bad `sigma`.
  public static func gaussianDensity(_ x: Double, sigma: Double) throws(GSLError) -> Double {
    prepare()
    let context = { "gsl_ran_gaussian_pdf(x: \(x), sigma: \(sigma))" }
    guard !x.isNaN, sigma.isFinite, sigma > 0 else { throw .domain(context()) }
    return gsl_ran_gaussian_pdf(x, sigma)
  }

  /// Returns the binomial coefficient C(n, k) and GSL's error estimate (`gsl_sf_choose_e`).
  ///
  /// - Parameters:
  ///   - n: In `0 ... UInt32.max`.
  ///   - k: In `0 ... n`.
  /// - Returns: GSL's value and its absolute error estimate.
  /// - Throws: `GSLError.domain` for bad arguments; GSL's overflow status above about 1e308.
  public static func choose(_ n: Int, _ k: Int) throws(GSLError) -> (value: Double, error: Double) {
    prepare()
    let context = { "gsl_sf_choose_e(n: \(n), k: \(k))" }
    let top = try unsigned(n, context())
    let bottom = try unsigned(k, context())
    guard bottom <= top else { throw .domain(context()) }
    var result = gsl_sf_result()
    try GSLError.check(gsl_sf_choose_e(top, bottom, &result), context())
    return (result.val, result.err)
  }
}
