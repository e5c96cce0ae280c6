internal import CMPFR

extension Referee {
  /// Returns the Poisson probability P(N = k) for mean `mean` (the pmf), correctly rounded.
  ///
  ///     log P(N = k) = k * log(mean) - mean - logGamma(k + 1)
  ///     P(N = k)     = exp(log P(N = k))
  ///
  /// The three terms can reach 2^50 (mean 1e12) while their sum is of order 1, so
  /// the working precision is `precision` plus the bits above the binary point of the
  /// largest term, plus 16 guard bits. `P(N = k)` is 0 for a mean of 0 unless `k` is 0.
  ///
  /// - Parameters:
  ///   - k: The count, non-negative.
  ///   - mean: The mean, finite and non-negative.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for a negative `k` or a bad mean.
  /// - Complexity: One `mpfr_lngamma`, `mpfr_log` and `mpfr_exp`; tens of microseconds.
  public static func poissonProbability(
    _ k: Int, mean: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validatePoisson(k, mean: mean, precision: precision)
    if mean == 0 { return k == 0 ? 1 : 0 }
    let working = poissonWorkingPrecision(k, mean: mean, precision: precision)
    return withNumbers(2, precision: working) { numbers in
      setPoissonLogProbability(numbers, k: k, mean: mean, scratch: numbers + 1)
      mpfr_exp(numbers, numbers, MPFR_RNDN)
      return nearestDouble(numbers)
    }
  }

  /// Returns the natural logarithm of the Poisson probability P(N = k), correctly rounded.
  ///
  /// See `poissonProbability(_:mean:precision:)` for the formula and precision.
  /// The result is -infinity for a mean of 0 and `k > 0`.
  ///
  /// - Parameters:
  ///   - k: The count, non-negative.
  ///   - mean: The mean, finite and non-negative.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for a negative `k` or a bad mean.
  public static func poissonLogProbability(
    _ k: Int, mean: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validatePoisson(k, mean: mean, precision: precision)
    if mean == 0 { return k == 0 ? 0 : -.infinity }
    let working = poissonWorkingPrecision(k, mean: mean, precision: precision)
    return withNumbers(2, precision: working) { numbers in
      setPoissonLogProbability(numbers, k: k, mean: mean, scratch: numbers + 1)
      return nearestDouble(numbers)
    }
  }

  /// Returns the Poisson cumulative probability P(N <= k) (the cdf), correctly rounded.
  ///
  /// Equals the regularized upper incomplete gamma function Q(k + 1, mean). The
  /// referee sums probabilities in high precision, from `k` away from the mode so
  /// that the terms decrease:
  ///
  ///     k =  0:     P(N <= 0) = exp(-mean)
  ///     k <  mean:  P(N <= k) = sum over j in 0 ... k of P(N = j)
  ///     k >= mean:  P(N <= k) = 1 - sum over j > k of P(N = j)
  ///
  /// with P(N = j - 1) = P(N = j) * j / mean and P(N = j + 1) = P(N = j) * mean / (j + 1).
  /// The sum stops when the geometric bound on the rest falls below 2^-(precision + 8)
  /// of the sum. About `sqrt(mean) * 20` terms are needed when `k` is near the mean,
  /// far fewer in the tails.
  ///
  /// - Parameters:
  ///   - k: The count, non-negative.
  ///   - mean: The mean, finite and non-negative.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for bad arguments;
  ///   `Referee.Error.outOfRange` when more than `maximumTerms` terms would be needed
  ///   (a mean above about 1e10 with `k` within a few standard deviations of it).
  /// - Complexity: O(min(|mean - k|, sqrt(mean) * sqrt(precision))) MPFR operations.
  public static func poissonCumulative(
    _ k: Int, mean: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try poissonTails(k, mean: mean, precision: precision).lower
  }

  /// Returns the Poisson survival probability P(N > k), correctly rounded.
  ///
  /// Equals the regularized lower incomplete gamma function P(k + 1, mean); computed
  /// as in `poissonCumulative(_:mean:precision:)`.
  ///
  /// - Parameters:
  ///   - k: The count, non-negative.
  ///   - mean: The mean, finite and non-negative.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for bad arguments;
  ///   `Referee.Error.outOfRange` when more than `maximumTerms` terms would be needed.
  public static func poissonSurvival(
    _ k: Int, mean: Double, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try poissonTails(k, mean: mean, precision: precision).upper
  }

  // MARK: - Implementation

  private static func validatePoisson(_ k: Int, mean: Double, precision: Int) throws(Error) {
    try validate(precision: precision)
    guard k >= 0 else {
      throw .invalidArgument(name: "k", value: Double(k), requirement: "non-negative")
    }
    guard mean.isFinite, mean >= 0 else {
      throw .invalidArgument(name: "mean", value: mean, requirement: "finite and non-negative")
    }
  }

  /// Returns `precision` plus the bits lost to cancellation in the log pmf, plus guard bits.
  private static func poissonWorkingPrecision(_ k: Int, mean: Double, precision: Int) -> Int {
    let count = Double(k)
    // |k * log(mean)| <= k * (|exponent of mean| + 1) * log(2); logGamma(k + 1) <= k * log2(k + 1).
    let logMean = Double(abs(Int(mean.exponent)) + 1)
    let logFactorial = Double(Int((count + 1).exponent) + 1)
    let magnitude = max(mean, count * logMean, count * logFactorial)
    return precision + bitsAbove(magnitude) + 16
  }

  /// Sets `result` to log P(N = k) at its precision; `scratch` has the same precision.
  private static func setPoissonLogProbability(
    _ result: BigNumber, k: Int, mean: Double, scratch: BigNumber
  ) {
    mpfr_set_d(scratch, mean, MPFR_RNDN)
    mpfr_log(result, scratch, MPFR_RNDN)
    mpfr_mul_si(result, result, k, MPFR_RNDN)
    mpfr_sub(result, result, scratch, MPFR_RNDN)
    mpfr_set_si(scratch, k, MPFR_RNDN)
    mpfr_add_ui(scratch, scratch, 1, MPFR_RNDN)
    mpfr_lngamma(scratch, scratch, MPFR_RNDN)
    mpfr_sub(result, result, scratch, MPFR_RNDN)
  }

  /// Returns P(N <= k) and P(N > k), each correctly rounded, from one summation.
  ///
  /// Computed as in `poissonCumulative(_:mean:precision:)`; a caller that needs both tails
  /// pays for the series once.
  ///
  /// - Parameters:
  ///   - k: The count, non-negative.
  ///   - mean: The mean, finite and non-negative.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The cumulative and survival probabilities.
  /// - Throws: `Referee.Error.invalidArgument` for bad arguments;
  ///   `Referee.Error.outOfRange` when more than `maximumTerms` terms would be needed.
  public static func poissonTails(
    _ k: Int, mean: Double, precision: Int = defaultPrecision
  ) throws(Error) -> (lower: Double, upper: Double) {
    try validatePoisson(k, mean: mean, precision: precision)
    if mean == 0 { return (1, 0) }
    if k == 0 { return zeroCountTails(mean: mean, precision: precision) }
    // Each term adds a rounding error; 24 more bits cover maximumTerms of them.
    let working = poissonWorkingPrecision(k, mean: mean, precision: precision) + 24
    let stopBits = precision + 8
    // Gaussian estimate of the terms until they fall 2^-stopBits below the largest one.
    let distance = abs(Double(k) - mean)
    let spread = 2 * mean * Double(stopBits) * 0.6931471805599453
    let estimatedTerms = (distance * distance + spread).squareRoot() - distance
    if estimatedTerms > Double(maximumTerms) { throw tooManyTerms(k, mean) }
    return try withNumbers(5, precision: working) { numbers throws(Error) in
      let term = numbers
      let sum = numbers + 1
      let meanNumber = numbers + 2
      let inverseMean = numbers + 3
      let tail = numbers + 4
      setPoissonLogProbability(term, k: k, mean: mean, scratch: meanNumber)
      mpfr_exp(term, term, MPFR_RNDN)
      mpfr_set_d(meanNumber, mean, MPFR_RNDN)
      mpfr_ui_div(inverseMean, 1, meanNumber, MPFR_RNDN)
      let upward = Double(k) >= mean
      var j = k
      var terms = 0
      if upward {
        // sum = P(N > k) = sum over j > k of P(N = j); each ratio mean / (j + 1) is < 1.
        mpfr_set_zero(sum, 1)
        while mpfr_zero_p(term) == 0 {
          mpfr_mul(term, term, meanNumber, MPFR_RNDN)
          mpfr_div_ui(term, term, UInt(j) + 1, MPFR_RNDN)
          j += 1
          mpfr_add(sum, sum, term, MPFR_RNDN)
          let ratio = mean / (Double(j) + 1)
          if restIsNegligible(term: term, sum: sum, ratio: ratio, bits: stopBits) { break }
          terms += 1
          if terms > maximumTerms { throw tooManyTerms(k, mean) }
        }
      } else {
        // sum = P(N <= k); each ratio j / mean is < 1.
        mpfr_set(sum, term, MPFR_RNDN)
        while j > 0, mpfr_zero_p(term) == 0 {
          mpfr_mul_ui(term, term, UInt(j), MPFR_RNDN)
          mpfr_mul(term, term, inverseMean, MPFR_RNDN)
          j -= 1
          mpfr_add(sum, sum, term, MPFR_RNDN)
          let ratio = Double(j) / mean
          if restIsNegligible(term: term, sum: sum, ratio: ratio, bits: stopBits) { break }
          terms += 1
          if terms > maximumTerms { throw tooManyTerms(k, mean) }
        }
      }
      mpfr_ui_sub(tail, 1, sum, MPFR_RNDN)
      let summed = nearestDouble(sum)
      let complement = nearestDouble(tail)
      return upward ? (complement, summed) : (summed, complement)
    }
  }

  /// Returns P(N <= 0) = exp(-mean) and P(N > 0) = -expm1(-mean).
  ///
  /// The general path forms P(N > k) as 1 - P(N <= k) when k < mean, which loses
  /// everything when the mean is below 2^-precision; for k = 0 both are closed forms.
  private static func zeroCountTails(
    mean: Double, precision: Int
  ) -> (lower: Double, upper: Double) {
    withNumbers(2, precision: precision) { numbers in
      mpfr_set_d(numbers, -mean, MPFR_RNDN)
      mpfr_expm1(numbers + 1, numbers, MPFR_RNDN)
      mpfr_neg(numbers + 1, numbers + 1, MPFR_RNDN)
      mpfr_exp(numbers, numbers, MPFR_RNDN)
      return (nearestDouble(numbers), nearestDouble(numbers + 1))
    }
  }

  /// Returns true when term * ratio / (1 - ratio), a bound on the rest of a series whose
  /// ratios decrease from `ratio`, is below 2^-bits times the sum.
  static func restIsNegligible(
    term: BigNumber, sum: BigNumber, ratio: Double, bits: Int
  ) -> Bool {
    if mpfr_zero_p(term) != 0 { return true }
    let gap = Int(mpfr_get_exp(sum)) - Int(mpfr_get_exp(term))
    guard gap > bits, ratio < 1 else { return false }
    let growth = ratio / (1 - ratio)
    return gap - bitsAbove(growth) - 1 > bits
  }

  private static func tooManyTerms(_ k: Int, _ mean: Double) -> Error {
    .outOfRange(
      function: "the Poisson cdf at k = \(k), mean = \(mean)",
      reason: "the series needs more than \(maximumTerms) terms")
  }
}
