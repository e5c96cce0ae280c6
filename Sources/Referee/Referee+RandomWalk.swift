internal import CMPFR

extension Referee {
  /// Returns the probability that a walk of `steps` steps of +1 (probability `upProbability`)
  /// or -1 is at `position`, correctly rounded.
  ///
  ///     P(S(n) = k) = P(R = (n + k) / 2),  R ~ Binomial(n, p);  0 for the wrong parity or |k| > n
  ///
  /// - Parameters:
  ///   - position: The position `k`.
  ///   - steps: The number of steps `n`, non-negative.
  ///   - upProbability: The probability `p` of a step up, in `0 ... 1`.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for negative steps or a bad probability.
  public static func randomWalkProbability(
    _ position: Int, steps: Int, upProbability: Double = 0.5, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validateWalk(steps: steps, upProbability: upProbability, precision: precision)
    guard position >= -steps, position <= steps, (steps + position) % 2 == 0 else { return 0 }
    return try binomialProbability(
      (steps + position) / 2, trials: steps, probability: upProbability, precision: precision)
  }

  /// Returns P(S(n) <= k) for the walk, correctly rounded (see `randomWalkTails`).
  ///
  /// - Parameters:
  ///   - position: The position `k`.
  ///   - steps: The number of steps `n`, non-negative.
  ///   - upProbability: The probability `p` of a step up, in `0 ... 1`.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for bad arguments; `.outOfRange` beyond
  ///   `maximumTerms` terms.
  public static func randomWalkCumulative(
    _ position: Int, steps: Int, upProbability: Double = 0.5, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try randomWalkTails(
      position, steps: steps, upProbability: upProbability, precision: precision
    ).lower
  }

  /// Returns P(S(n) > k) for the walk, correctly rounded (see `randomWalkTails`).
  ///
  /// - Parameters:
  ///   - position: The position `k`.
  ///   - steps: The number of steps `n`, non-negative.
  ///   - upProbability: The probability `p` of a step up, in `0 ... 1`.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for bad arguments; `.outOfRange` beyond
  ///   `maximumTerms` terms.
  public static func randomWalkSurvival(
    _ position: Int, steps: Int, upProbability: Double = 0.5, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try randomWalkTails(
      position, steps: steps, upProbability: upProbability, precision: precision
    ).upper
  }

  /// Returns `u(n) = P(S(n) = 0)` for the symmetric walk, correctly rounded (0 for odd `n`).
  ///
  /// - Parameters:
  ///   - steps: The number of steps `n`, non-negative.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of `C(n, n/2) / 2^n`.
  /// - Throws: `Referee.Error.invalidArgument` for negative steps.
  public static func randomWalkReturnProbability(
    steps: Int, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try randomWalkProbability(0, steps: steps, precision: precision)
  }

  /// Returns `f(n)`, the probability that the symmetric walk first returns to 0 at step `n`,
  /// correctly rounded.
  ///
  ///     f(n) = C(n, n/2) / (2^n * (n - 1))   for even n >= 2, 0 otherwise
  ///
  /// - Parameters:
  ///   - steps: The number of steps `n`, non-negative.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: The correctly rounded double of the high-precision value.
  /// - Throws: `Referee.Error.invalidArgument` for negative steps.
  public static func randomWalkFirstReturnProbability(
    steps: Int, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validateWalk(steps: steps, upProbability: 0.5, precision: precision)
    guard steps >= 2, steps % 2 == 0 else { return 0 }
    let n = Double(steps)
    let working = precision + bitsAbove(n * Double(Int((n + 1).exponent) + 2)) + 16
    return withNumbers(2, precision: working) { numbers in
      setBinomialLogProbability(numbers, k: steps / 2, trials: steps, p: 0.5, scratch: numbers + 1)
      mpfr_exp(numbers, numbers, MPFR_RNDN)
      mpfr_div_si(numbers, numbers, steps - 1, MPFR_RNDN)
      return nearestDouble(numbers)
    }
  }

  /// Returns P(S(n) <= k) and P(S(n) > k), each correctly rounded.
  ///
  /// With `r = floor((n + k) / 2)` steps up at most, these are the binomial tails
  /// P(R <= r) and P(R > r). The tail on the far side of `r` from the mean `n p` is summed at
  /// the working precision outward from `r`, where the terms fall:
  ///
  ///     P(R = j + 1) = P(R = j) * (n - j) / (j + 1) * p / q
  ///
  /// until the geometric bound on the rest is below 2^-(precision + 8) of the sum; the other
  /// tail is one minus it at the working precision. Near the mean this takes about
  /// `sqrt(2 n p q * (precision + 8) * log 2)` terms.
  ///
  /// - Parameters:
  ///   - position: The position `k`.
  ///   - steps: The number of steps `n`, non-negative.
  ///   - p: The probability of a step up, in `0 ... 1`.
  ///   - precision: The working precision in bits before the extra bits.
  /// - Returns: P(S(n) <= k) and P(S(n) > k), each correctly rounded, from one summation.
  /// - Throws: `Referee.Error.invalidArgument` for bad arguments; `Referee.Error.outOfRange`
  ///   when more than `maximumTerms` terms would be needed (a symmetric walk beyond about
  ///   1e10 steps with `k` near the mean).
  public static func randomWalkTails(
    _ position: Int, steps: Int, upProbability p: Double = 0.5,
    precision: Int = defaultPrecision
  ) throws(Error) -> (lower: Double, upper: Double) {
    try validateWalk(steps: steps, upProbability: p, precision: precision)
    if position < -steps { return (0, 1) }
    if position >= steps { return (1, 0) }
    let sum = steps + position
    let r = sum >= 0 ? sum / 2 : -1
    if r < 0 { return (0, 1) }
    if p == 0 { return (1, 0) }
    if p == 1 { return (0, 1) }
    let n = Double(steps)
    let stopBits = precision + 8
    let deviation = (n * p * (1 - p)).squareRoot()
    let distance = Swift.abs(Double(r) - n * p)
    let spread = 2 * deviation * deviation * Double(stopBits) * 0.6931471805599453
    let estimatedTerms = (distance * distance + spread).squareRoot() - distance + 2
    if estimatedTerms > Double(maximumTerms) { throw walkTooManyTerms(position, steps) }
    let magnitude = n * Double(Int((n + 1).exponent) + 2 + Swift.abs(Int(p.exponent)))
    let working = precision + bitsAbove(magnitude) + 16 + 24
    return try withNumbers(5, precision: working) { numbers throws(Error) in
      let term = numbers
      let total = numbers + 1
      let odds = numbers + 2
      let scratch = numbers + 3
      let tail = numbers + 4
      let upward = Double(r) >= n * p
      var j = upward ? r + 1 : r
      if upward, j > steps { return (1, 0) }
      setBinomialLogProbability(term, k: j, trials: steps, p: p, scratch: scratch)
      mpfr_exp(term, term, MPFR_RNDN)
      mpfr_set(total, term, MPFR_RNDN)
      // odds = p / q, or q / p downward.
      mpfr_set_d(odds, p, MPFR_RNDN)
      mpfr_ui_sub(scratch, 1, odds, MPFR_RNDN)
      if upward {
        mpfr_div(odds, odds, scratch, MPFR_RNDN)
      } else {
        mpfr_div(odds, scratch, odds, MPFR_RNDN)
      }
      var terms = 0
      while upward ? j < steps : j > 0 {
        if upward {
          mpfr_mul_si(term, term, steps - j, MPFR_RNDN)
          mpfr_div_si(term, term, j + 1, MPFR_RNDN)
          j += 1
        } else {
          mpfr_mul_si(term, term, j, MPFR_RNDN)
          mpfr_div_si(term, term, steps - j + 1, MPFR_RNDN)
          j -= 1
        }
        mpfr_mul(term, term, odds, MPFR_RNDN)
        mpfr_add(total, total, term, MPFR_RNDN)
        let ratio =
          upward
          ? (n - Double(j)) / (Double(j) + 1) * p / (1 - p)
          : Double(j) / (n - Double(j) + 1) * (1 - p) / p
        if restIsNegligible(term: term, sum: total, ratio: ratio, bits: stopBits) { break }
        terms += 1
        if terms > maximumTerms { throw walkTooManyTerms(position, steps) }
      }
      mpfr_ui_sub(tail, 1, total, MPFR_RNDN)
      let summed = nearestDouble(total)
      let complement = nearestDouble(tail)
      return upward ? (complement, summed) : (summed, complement)
    }
  }

  private static func validateWalk(
    steps: Int, upProbability: Double, precision: Int
  ) throws(Error) {
    try validate(precision: precision)
    guard steps >= 0 else {
      throw .invalidArgument(name: "steps", value: Double(steps), requirement: "non-negative")
    }
    guard upProbability >= 0, upProbability <= 1 else {
      throw .invalidArgument(
        name: "upProbability", value: upProbability, requirement: "in 0 ... 1")
    }
  }

  private static func walkTooManyTerms(_ position: Int, _ steps: Int) -> Error {
    .outOfRange(
      function: "the random-walk cdf at k = \(position), n = \(steps)",
      reason: "the series needs more than \(maximumTerms) terms")
  }
}
