internal import CMPFR

// MARK: - Exponential

extension Referee {
  /// Returns the exponential survival probability P(T > t) = exp(-rate * t), correctly rounded.
  ///
  /// The product `rate * t` is exact at the working precision. The result is 1 for `t <= 0`.
  ///
  /// - Parameters:
  ///   - t: The point, not NaN.
  ///   - rate: The rate (1 / mean), positive and finite.
  ///   - precision: The working precision in bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for a NaN `t` or a bad rate.
  public static func exponentialSurvival(
    _ t: Double, rate: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validateExponential(t, rate: rate, precision: precision)
    if t <= 0 { return 1 }
    return withNumbers(1, precision: precision) { x in
      setNegatedProduct(x, rate, t)
      mpfr_exp(x, x, MPFR_RNDN)
      return nearestDouble(x)
    }
  }

  /// Returns the exponential cumulative probability P(T <= t) = 1 - exp(-rate * t).
  ///
  /// Computed as -expm1(-rate * t), so small `rate * t` keeps full relative accuracy.
  /// The result is 0 for `t <= 0`.
  ///
  /// - Parameters:
  ///   - t: The point, not NaN.
  ///   - rate: The rate (1 / mean), positive and finite.
  ///   - precision: The working precision in bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for a NaN `t` or a bad rate.
  public static func exponentialCumulative(
    _ t: Double, rate: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validateExponential(t, rate: rate, precision: precision)
    if t <= 0 { return 0 }
    return withNumbers(1, precision: precision) { x in
      setNegatedProduct(x, rate, t)
      mpfr_expm1(x, x, MPFR_RNDN)
      mpfr_neg(x, x, MPFR_RNDN)
      return nearestDouble(x)
    }
  }

  /// Returns the exponential density rate * exp(-rate * t), correctly rounded; 0 for `t < 0`.
  ///
  /// - Parameters:
  ///   - t: The point, not NaN.
  ///   - rate: The rate (1 / mean), positive and finite.
  ///   - precision: The working precision in bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for a NaN `t` or a bad rate.
  public static func exponentialDensity(
    _ t: Double, rate: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validateExponential(t, rate: rate, precision: precision)
    if t < 0 { return 0 }
    return withNumbers(1, precision: precision) { x in
      setNegatedProduct(x, rate, t)
      mpfr_exp(x, x, MPFR_RNDN)
      mpfr_mul_d(x, x, rate, MPFR_RNDN)
      return nearestDouble(x)
    }
  }

  /// Returns the exponential interval probability P(from < T <= to), correctly rounded.
  ///
  ///     P(from < T <= to) = exp(-rate * max(from, 0)) - exp(-rate * to)
  ///
  /// Both exponentials are taken at the working precision before they are subtracted, so a
  /// narrow interval keeps its relative accuracy. `to` may be +infinity.
  ///
  /// - Parameters:
  ///   - from: The start of the interval, not NaN.
  ///   - to: The end of the interval, not NaN and not below `from`.
  ///   - rate: The rate (1 / mean), positive and finite.
  ///   - precision: The working precision in bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for NaN ends, a reversed interval or a bad rate.
  public static func exponentialInterval(
    from: Double, to: Double, rate: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validateExponential(from, rate: rate, precision: precision)
    try validateExponential(to, rate: rate, precision: precision)
    guard from <= to else {
      throw .invalidArgument(name: "to", value: to, requirement: "not below from")
    }
    if to <= 0 { return 0 }
    return withNumbers(2, precision: precision) { x in
      let y = x + 1
      setNegatedProduct(x, rate, max(from, 0))
      mpfr_exp(x, x, MPFR_RNDN)
      if to.isInfinite {
        mpfr_set_zero(y, 1)
      } else {
        setNegatedProduct(y, rate, to)
        mpfr_exp(y, y, MPFR_RNDN)
      }
      mpfr_sub(x, x, y, MPFR_RNDN)
      return nearestDouble(x)
    }
  }

  private static func validateExponential(
    _ t: Double, rate: Double, precision: Int
  ) throws(Error) {
    try validate(precision: precision)
    guard !t.isNaN else {
      throw .invalidArgument(name: "t", value: t, requirement: "a number")
    }
    guard rate.isFinite, rate > 0 else {
      throw .invalidArgument(name: "rate", value: rate, requirement: "positive and finite")
    }
  }

  /// Sets `x` to -(a * b), exact when `x` has at least 106 bits.
  private static func setNegatedProduct(_ x: BigNumber, _ a: Double, _ b: Double) {
    mpfr_set_d(x, a, MPFR_RNDN)
    mpfr_mul_d(x, x, -b, MPFR_RNDN)
  }
}

// MARK: - Binomial

extension Referee {
  /// Returns the binomial probability P(K = k) for `trials` trials, correctly rounded.
  ///
  ///     log P(K = k) = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1)
  ///                    + k * log(p) + (n - k) * log1p(-p)
  ///
  /// with `n = trials` and `p = probability`, at `precision` plus the bits lost to
  /// cancellation among the terms. The result is 0 for `k > trials`.
  ///
  /// - Parameters:
  ///   - k: The number of successes, non-negative.
  ///   - trials: The number of trials, non-negative.
  ///   - probability: The success probability, in `0 ... 1`.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for a negative count or a probability
  ///   outside `0 ... 1`.
  public static func binomialProbability(
    _ k: Int, trials: Int, probability: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validate(precision: precision)
    guard k >= 0 else {
      throw .invalidArgument(name: "k", value: Double(k), requirement: "non-negative")
    }
    guard trials >= 0 else {
      throw .invalidArgument(name: "trials", value: Double(trials), requirement: "non-negative")
    }
    guard probability >= 0, probability <= 1 else {
      throw .invalidArgument(name: "probability", value: probability, requirement: "in 0 ... 1")
    }
    if k > trials { return 0 }
    if probability == 0 { return k == 0 ? 1 : 0 }
    if probability == 1 { return k == trials ? 1 : 0 }
    let n = Double(trials)
    let magnitude = n * Double(Int((n + 1).exponent) + 1 + abs(Int(probability.exponent)))
    let working = precision + bitsAbove(magnitude) + 16
    return withNumbers(2, precision: working) { numbers in
      let sum = numbers
      setBinomialLogProbability(sum, k: k, trials: trials, p: probability, scratch: numbers + 1)
      mpfr_exp(sum, sum, MPFR_RNDN)
      return nearestDouble(sum)
    }
  }

  /// Sets `result` to log P(R = k) for R ~ Binomial(trials, p), `0 < p < 1`, `0 <= k <= n`.
  static func setBinomialLogProbability(
    _ result: BigNumber, k: Int, trials: Int, p: Double, scratch: BigNumber
  ) {
    mpfr_set_si(scratch, trials, MPFR_RNDN)
    mpfr_add_ui(scratch, scratch, 1, MPFR_RNDN)
    mpfr_lngamma(result, scratch, MPFR_RNDN)
    mpfr_set_si(scratch, k, MPFR_RNDN)
    mpfr_add_ui(scratch, scratch, 1, MPFR_RNDN)
    mpfr_lngamma(scratch, scratch, MPFR_RNDN)
    mpfr_sub(result, result, scratch, MPFR_RNDN)
    mpfr_set_si(scratch, trials - k, MPFR_RNDN)
    mpfr_add_ui(scratch, scratch, 1, MPFR_RNDN)
    mpfr_lngamma(scratch, scratch, MPFR_RNDN)
    mpfr_sub(result, result, scratch, MPFR_RNDN)
    mpfr_set_d(scratch, p, MPFR_RNDN)
    mpfr_log(scratch, scratch, MPFR_RNDN)
    mpfr_mul_si(scratch, scratch, k, MPFR_RNDN)
    mpfr_add(result, result, scratch, MPFR_RNDN)
    mpfr_set_d(scratch, -p, MPFR_RNDN)
    mpfr_log1p(scratch, scratch, MPFR_RNDN)
    mpfr_mul_si(scratch, scratch, trials - k, MPFR_RNDN)
    mpfr_add(result, result, scratch, MPFR_RNDN)
  }
}

// MARK: - Chi-square and gamma

extension Referee {
  /// The largest `x` and degrees of freedom `chiSquareSurvival` accepts.
  ///
  /// MPFR's `mpfr_gamma_inc` is correctly rounded but slows down as its arguments grow.
  public static let maximumChiSquareArgument = 1e4

  /// Returns the chi-square survival probability P(X > x), correctly rounded.
  ///
  ///     P(X > x) = Q(df / 2, x / 2) = Gamma(df / 2, x / 2) / Gamma(df / 2)
  ///
  /// where Gamma(a, z) is the upper incomplete gamma function (`mpfr_gamma_inc`);
  /// the division is done in logarithms so large `df` cannot overflow. The result
  /// is 1 for `x <= 0`.
  ///
  /// - Parameters:
  ///   - x: The point, not NaN.
  ///   - degreesOfFreedom: Positive and finite.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for bad arguments;
  ///   `Referee.Error.outOfRange` when `x` or the degrees of freedom exceed
  ///   `maximumChiSquareArgument`.
  public static func chiSquareSurvival(
    _ x: Double, degreesOfFreedom: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validate(precision: precision)
    guard !x.isNaN else {
      throw .invalidArgument(name: "x", value: x, requirement: "a number")
    }
    guard degreesOfFreedom.isFinite, degreesOfFreedom > 0 else {
      throw .invalidArgument(
        name: "degreesOfFreedom", value: degreesOfFreedom, requirement: "positive and finite")
    }
    if x <= 0 { return 1 }
    guard x <= maximumChiSquareArgument, degreesOfFreedom <= maximumChiSquareArgument else {
      throw .outOfRange(
        function: "the chi-square survival at x = \(x), df = \(degreesOfFreedom)",
        reason: "x and df must be at most \(maximumChiSquareArgument)")
    }
    let working = precision + bitsAbove(degreesOfFreedom * 16 + x) + 16
    return withNumbers(3, precision: working) { numbers in
      let a = numbers
      let z = numbers + 1
      let result = numbers + 2
      mpfr_set_d(a, degreesOfFreedom, MPFR_RNDN)
      mpfr_div_ui(a, a, 2, MPFR_RNDN)
      mpfr_set_d(z, x, MPFR_RNDN)
      mpfr_div_ui(z, z, 2, MPFR_RNDN)
      mpfr_gamma_inc(result, a, z, MPFR_RNDN)
      mpfr_log(result, result, MPFR_RNDN)
      mpfr_lngamma(z, a, MPFR_RNDN)
      mpfr_sub(result, result, z, MPFR_RNDN)
      mpfr_exp(result, result, MPFR_RNDN)
      return nearestDouble(result)
    }
  }

  /// Returns log |Gamma(x)|, correctly rounded (`mpfr_lgamma`).
  ///
  /// - Parameters:
  ///   - x: Finite, and not zero or a negative integer (poles of Gamma).
  ///   - precision: The working precision in bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for non-finite input or a pole.
  public static func logGamma(
    _ x: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validate(precision: precision)
    guard x.isFinite, x > 0 || x != x.rounded() else {
      throw .invalidArgument(
        name: "x", value: x, requirement: "finite and not zero or a negative integer")
    }
    return withNumbers(1, precision: precision) { value in
      var sign: Int32 = 0
      mpfr_set_d(value, x, MPFR_RNDN)
      mpfr_lgamma(value, &sign, value, MPFR_RNDN)
      return nearestDouble(value)
    }
  }
}
