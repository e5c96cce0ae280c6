internal import CMPFR

// MARK: - Rotations with exact angles

extension Referee {
  /// The frequency of a rotation: a given number, or `base ^ (-numerator / denominator)`
  /// carried at the working precision (never rounded to `Double`).
  public enum Frequency: Sendable, Hashable {
    /// The frequency as given, exactly.
    case given(Double)
    /// `base ^ (-numerator / denominator)`, exact to the working precision.
    case power(base: Double, numerator: Int, denominator: Int)
  }

  /// Sets `x` to the frequency at the working precision.
  static func setFrequency(_ x: BigNumber, _ frequency: Frequency, scratch: BigNumber) {
    switch frequency {
    case .given(let value):
      mpfr_set_d(x, value, MPFR_RNDN)
    case .power(let base, let numerator, let denominator):
      mpfr_set_si(scratch, -numerator, MPFR_RNDN)
      mpfr_div_si(scratch, scratch, denominator, MPFR_RNDN)
      mpfr_set_d(x, base, MPFR_RNDN)
      mpfr_pow(x, x, scratch, MPFR_RNDN)
    }
  }

  static func validate(_ frequency: Frequency) throws(Error) {
    switch frequency {
    case .given(let value):
      guard value.isFinite else {
        throw .invalidArgument(name: "frequency", value: value, requirement: "finite")
      }
    case .power(let base, _, let denominator):
      guard base > 0, base.isFinite else {
        throw .invalidArgument(name: "base", value: base, requirement: "positive and finite")
      }
      guard denominator != 0 else {
        throw .invalidArgument(name: "denominator", value: 0, requirement: "non-zero")
      }
    }
  }

  /// Returns `scale * (a cos(m w) - b sin(m w), b cos(m w) + a sin(m w))`, correctly rounded.
  ///
  /// The angle `m * w` is formed exactly at the working precision (MPFR reduces it exactly),
  /// so this is the exact rotation of the pair `(a, b)` for the frequency as given or as the
  /// exact power.
  ///
  /// - Parameters:
  ///   - a: The first component of the pair (the real part).
  ///   - b: The second component (the imaginary part).
  ///   - position: The position `m`, finite.
  ///   - frequency: The frequency `w`.
  ///   - scale: A factor applied to both components (an attention factor), finite.
  ///   - precision: The working precision in bits.
  /// - Returns: The rotated pair.
  /// - Throws: `Referee.Error.invalidArgument` for non-finite inputs.
  public static func rotate(
    _ a: Double, _ b: Double, position: Double, frequency: Frequency, scale: Double = 1,
    precision: Int = defaultPrecision
  ) throws(Error) -> (Double, Double) {
    try validate(precision: precision)
    try validate(frequency)
    for (name, value) in [("a", a), ("b", b), ("position", position), ("scale", scale)]
    where !value.isFinite {
      throw .invalidArgument(name: name, value: value, requirement: "finite")
    }
    return withNumbers(6, precision: precision) { n in
      let (angle, sine, cosine, scratch, first, second) = (n, n + 1, n + 2, n + 3, n + 4, n + 5)
      setFrequency(angle, frequency, scratch: scratch)
      mpfr_mul_d(angle, angle, position, MPFR_RNDN)
      mpfr_sin_cos(sine, cosine, angle, MPFR_RNDN)
      // first = a cos - b sin, second = b cos + a sin, each product exact at this precision.
      mpfr_mul_d(first, cosine, a, MPFR_RNDN)
      mpfr_mul_d(scratch, sine, b, MPFR_RNDN)
      mpfr_sub(first, first, scratch, MPFR_RNDN)
      mpfr_mul_d(second, cosine, b, MPFR_RNDN)
      mpfr_mul_d(scratch, sine, a, MPFR_RNDN)
      mpfr_add(second, second, scratch, MPFR_RNDN)
      mpfr_mul_d(first, first, scale, MPFR_RNDN)
      mpfr_mul_d(second, second, scale, MPFR_RNDN)
      return (nearestDouble(first), nearestDouble(second))
    }
  }

  /// Returns `base ^ (-numerator / denominator)` correctly rounded: a rotary frequency
  /// `theta[p] = base ^ (-2p / r)` with `numerator = 2p`, `denominator = r`.
  ///
  /// - Throws: `Referee.Error.invalidArgument` for a base that is not positive and finite or a
  ///   zero denominator.
  public static func frequency(
    _ frequency: Frequency, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validate(precision: precision)
    try validate(frequency)
    return withNumbers(2, precision: precision) { n in
      setFrequency(n, frequency, scratch: n + 1)
      return nearestDouble(n)
    }
  }

  /// Returns RoPE's decay indicator `F(r) = (1/n) sum over j in 1 ... n of |S_j|`, with
  /// `S_j = sum over i < j of exp(i r base^(-2i/d))` and `n = d/2`, correctly rounded.
  ///
  /// - Parameters:
  ///   - distance: The relative distance `r`, finite.
  ///   - dimension: The dimension `d`, positive and even.
  ///   - base: The base, positive and finite.
  ///   - precision: The working precision in bits.
  /// - Returns: `F(r)`, correctly rounded.
  /// - Throws: `Referee.Error.invalidArgument` for a bad argument.
  public static func decayIndicator(
    distance: Double, dimension: Int, base: Double = 10000, precision: Int = defaultPrecision
  ) throws(Error) -> Double {
    try validate(precision: precision)
    guard dimension > 0, dimension % 2 == 0 else {
      throw .invalidArgument(
        name: "dimension", value: Double(dimension), requirement: "positive and even")
    }
    guard distance.isFinite else {
      throw .invalidArgument(name: "distance", value: distance, requirement: "finite")
    }
    try validate(.power(base: base, numerator: 0, denominator: dimension))
    return withNumbers(8, precision: precision) { n in
      let (angle, sine, cosine, scratch, re, im, total, length) =
        (n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7)
      mpfr_set_zero(re, 1)
      mpfr_set_zero(im, 1)
      mpfr_set_zero(total, 1)
      for i in 0..<dimension / 2 {
        setFrequency(
          angle, .power(base: base, numerator: 2 * i, denominator: dimension), scratch: scratch)
        mpfr_mul_d(angle, angle, distance, MPFR_RNDN)
        mpfr_sin_cos(sine, cosine, angle, MPFR_RNDN)
        mpfr_add(re, re, cosine, MPFR_RNDN)
        mpfr_add(im, im, sine, MPFR_RNDN)
        mpfr_hypot(length, re, im, MPFR_RNDN)
        mpfr_add(total, total, length, MPFR_RNDN)
      }
      mpfr_div_si(total, total, dimension / 2, MPFR_RNDN)
      return nearestDouble(total)
    }
  }
}

// MARK: - Long-context scaling

extension Referee {
  /// Returns YaRN's scaled frequencies and attention factor, as HF's `_compute_yarn_parameters`
  /// defines them, computed at the working precision and rounded once.
  ///
  /// The correction dimension `c(n) = r ln(L / (2 pi n)) / (2 ln base)`, `low = floor(c(betaFast))`
  /// and `high = ceil(c(betaSlow))` (unrounded when `truncate` is false), clamped to `0 ... r-1`
  /// (and `high += 0.001` when they meet); `ramp[p] = clamp((p - low) / (high - low), 0, 1)`,
  /// `theta'[p] = theta[p] (1 - ramp[p]) + (theta[p] / s) ramp[p]`; the attention factor is
  /// `0.1 ln s + 1`.
  ///
  /// - Throws: `Referee.Error.invalidArgument` for a bad argument.
  public static func yarnFrequencies(
    rotaryDimension r: Int, base: Double, factor s: Double, originalMaximum: Int,
    betaFast: Double = 32, betaSlow: Double = 1, truncate: Bool = true,
    precision: Int = defaultPrecision
  ) throws(Error) -> (frequencies: [Double], attentionFactor: Double) {
    try validateScaling(r, base, s, originalMaximum)
    guard betaFast > 0, betaSlow > 0, betaFast.isFinite, betaSlow.isFinite else {
      throw .invalidArgument(name: "beta", value: betaFast, requirement: "positive and finite")
    }
    return withNumbers(6, precision: precision) { n in
      let (low, high, scratch, theta, ramp, t) = (n, n + 1, n + 2, n + 3, n + 4, n + 5)
      func correction(_ out: BigNumber, _ rotations: Double) {
        // r * ln(L / (2 pi rotations)) / (2 ln base)
        mpfr_const_pi(out, MPFR_RNDN)
        mpfr_mul_d(out, out, 2 * rotations, MPFR_RNDN)
        mpfr_set_si(scratch, originalMaximum, MPFR_RNDN)
        mpfr_div(out, scratch, out, MPFR_RNDN)
        mpfr_log(out, out, MPFR_RNDN)
        mpfr_mul_si(out, out, r, MPFR_RNDN)
        mpfr_set_d(scratch, base, MPFR_RNDN)
        mpfr_log(scratch, scratch, MPFR_RNDN)
        mpfr_mul_si(scratch, scratch, 2, MPFR_RNDN)
        mpfr_div(out, out, scratch, MPFR_RNDN)
      }
      correction(low, betaFast)
      correction(high, betaSlow)
      if truncate {
        mpfr_rint_floor(low, low, MPFR_RNDN)
        mpfr_rint_ceil(high, high, MPFR_RNDN)
      }
      if mpfr_cmp_si(low, 0) < 0 { mpfr_set_zero(low, 1) }
      if mpfr_cmp_si(high, r - 1) > 0 { mpfr_set_si(high, r - 1, MPFR_RNDN) }
      if mpfr_equal_p(low, high) != 0 { mpfr_add_d(high, high, 0.001, MPFR_RNDN) }
      var frequencies: [Double] = []
      for p in 0..<r / 2 {
        setFrequency(theta, .power(base: base, numerator: 2 * p, denominator: r), scratch: t)
        mpfr_set_si(ramp, p, MPFR_RNDN)
        mpfr_sub(ramp, ramp, low, MPFR_RNDN)
        mpfr_sub(scratch, high, low, MPFR_RNDN)
        mpfr_div(ramp, ramp, scratch, MPFR_RNDN)
        if mpfr_cmp_si(ramp, 0) < 0 { mpfr_set_zero(ramp, 1) }
        if mpfr_cmp_si(ramp, 1) > 0 { mpfr_set_si(ramp, 1, MPFR_RNDN) }
        // theta' = theta - theta ramp + theta ramp / s = theta (1 - ramp (1 - 1/s))
        mpfr_set_d(t, s, MPFR_RNDN)
        mpfr_ui_div(t, 1, t, MPFR_RNDN)
        mpfr_ui_sub(t, 1, t, MPFR_RNDN)
        mpfr_mul(t, t, ramp, MPFR_RNDN)
        mpfr_ui_sub(t, 1, t, MPFR_RNDN)
        mpfr_mul(theta, theta, t, MPFR_RNDN)
        frequencies.append(nearestDouble(theta))
      }
      mpfr_set_d(t, s, MPFR_RNDN)
      mpfr_log(t, t, MPFR_RNDN)
      mpfr_mul_d(t, t, 0.1, MPFR_RNDN)
      mpfr_add_si(t, t, 1, MPFR_RNDN)
      return (frequencies, s <= 1 ? 1 : nearestDouble(t))
    }
  }

  /// Returns Llama 3's scaled frequencies (HF's `_compute_llama3_parameters`, Meta's
  /// `apply_scaling`) at the working precision, rounded once.
  ///
  /// - Throws: `Referee.Error.invalidArgument` for a bad argument.
  public static func llama3Frequencies(
    rotaryDimension r: Int, base: Double, factor s: Double, originalMaximum: Int,
    lowFrequencyFactor low: Double = 1, highFrequencyFactor high: Double = 4,
    precision: Int = defaultPrecision
  ) throws(Error) -> [Double] {
    try validateScaling(r, base, s, originalMaximum)
    guard low > 0, high > low, high.isFinite else {
      throw .invalidArgument(
        name: "highFrequencyFactor", value: high, requirement: "above the low factor")
    }
    return withNumbers(5, precision: precision) { n in
      let (theta, wavelength, bound, smooth, scratch) = (n, n + 1, n + 2, n + 3, n + 4)
      var frequencies: [Double] = []
      for p in 0..<r / 2 {
        setFrequency(theta, .power(base: base, numerator: 2 * p, denominator: r), scratch: scratch)
        mpfr_const_pi(wavelength, MPFR_RNDN)
        mpfr_mul_si(wavelength, wavelength, 2, MPFR_RNDN)
        mpfr_div(wavelength, wavelength, theta, MPFR_RNDN)
        mpfr_set_si(bound, originalMaximum, MPFR_RNDN)
        mpfr_div_d(bound, bound, high, MPFR_RNDN)
        if mpfr_cmp(wavelength, bound) < 0 {
          frequencies.append(nearestDouble(theta))
          continue
        }
        mpfr_set_si(bound, originalMaximum, MPFR_RNDN)
        mpfr_div_d(bound, bound, low, MPFR_RNDN)
        if mpfr_cmp(wavelength, bound) > 0 {
          mpfr_div_d(theta, theta, s, MPFR_RNDN)
          frequencies.append(nearestDouble(theta))
          continue
        }
        // smooth = (L / lambda - low) / (high - low); theta' = (1 - smooth) theta / s + smooth theta
        mpfr_set_si(smooth, originalMaximum, MPFR_RNDN)
        mpfr_div(smooth, smooth, wavelength, MPFR_RNDN)
        mpfr_sub_d(smooth, smooth, low, MPFR_RNDN)
        mpfr_div_d(smooth, smooth, high - low, MPFR_RNDN)
        mpfr_ui_sub(scratch, 1, smooth, MPFR_RNDN)
        mpfr_div_d(scratch, scratch, s, MPFR_RNDN)
        mpfr_add(scratch, scratch, smooth, MPFR_RNDN)
        mpfr_mul(theta, theta, scratch, MPFR_RNDN)
        frequencies.append(nearestDouble(theta))
      }
      return frequencies
    }
  }

  /// Returns dynamic NTK's frequencies `base'^(-2p/r)` with
  /// `base' = base (s L / L_orig - (s - 1)) ^ (r / (r - 2))`, `L = max(sequenceLength, L_orig)`.
  ///
  /// - Throws: `Referee.Error.invalidArgument` for a bad argument.
  public static func dynamicFrequencies(
    rotaryDimension r: Int, base: Double, factor s: Double, originalMaximum: Int,
    sequenceLength: Int, precision: Int = defaultPrecision
  ) throws(Error) -> [Double] {
    try validateScaling(r, base, s, originalMaximum)
    guard r > 2 else {
      throw .invalidArgument(name: "rotaryDimension", value: Double(r), requirement: "above 2")
    }
    return withNumbers(3, precision: precision) { n in
      let (grown, exponent, theta) = (n, n + 1, n + 2)
      mpfr_set_si(grown, max(sequenceLength, originalMaximum), MPFR_RNDN)
      mpfr_mul_d(grown, grown, s, MPFR_RNDN)
      mpfr_div_si(grown, grown, originalMaximum, MPFR_RNDN)
      mpfr_sub_d(grown, grown, s - 1, MPFR_RNDN)
      mpfr_set_si(exponent, r, MPFR_RNDN)
      mpfr_div_si(exponent, exponent, r - 2, MPFR_RNDN)
      mpfr_pow(grown, grown, exponent, MPFR_RNDN)
      mpfr_mul_d(grown, grown, base, MPFR_RNDN)
      return (0..<r / 2).map { p in
        mpfr_set_si(exponent, -2 * p, MPFR_RNDN)
        mpfr_div_si(exponent, exponent, r, MPFR_RNDN)
        mpfr_pow(theta, grown, exponent, MPFR_RNDN)
        return nearestDouble(theta)
      }
    }
  }

  static func validateScaling(_ r: Int, _ base: Double, _ s: Double, _ original: Int)
    throws(Error)
  {
    guard r > 0, r % 2 == 0 else {
      throw .invalidArgument(
        name: "rotaryDimension", value: Double(r), requirement: "positive and even")
    }
    guard base > 1, base.isFinite else {
      throw .invalidArgument(name: "base", value: base, requirement: "above 1 and finite")
    }
    guard s >= 1, s.isFinite else {
      throw .invalidArgument(name: "factor", value: s, requirement: "at least 1 and finite")
    }
    guard original > 0 else {
      throw .invalidArgument(
        name: "originalMaximum", value: Double(original), requirement: "positive")
    }
  }
}

// MARK: - Relative position buckets

extension Referee {
  /// Returns T5's bucket of `relativePosition = memory - query` with the logarithm taken at the
  /// working precision (mesh_tensorflow's `_relative_position_bucket`).
  ///
  /// - Throws: `Referee.Error.invalidArgument` when there is no log range.
  public static func t5Bucket(
    _ relativePosition: Int, bidirectional: Bool, buckets: Int, maxDistance: Int,
    precision: Int = defaultPrecision
  ) throws(Error) -> Int {
    var perSide = buckets
    var n = -relativePosition
    var bucket = 0
    if bidirectional {
      perSide = buckets / 2
      if n < 0 { bucket = perSide }
      n = abs(n)
    } else {
      n = max(n, 0)
    }
    let exact = perSide / 2
    guard exact >= 1, maxDistance > exact else {
      throw .invalidArgument(
        name: "maxDistance", value: Double(maxDistance), requirement: "above the exact range")
    }
    if n < exact { return bucket + n }
    let steps = withNumbers(2, precision: precision) { x in
      mpfr_set_si(x, n, MPFR_RNDN)
      mpfr_div_si(x, x, exact, MPFR_RNDN)
      mpfr_log(x, x, MPFR_RNDN)
      mpfr_set_si(x + 1, maxDistance, MPFR_RNDN)
      mpfr_div_si(x + 1, x + 1, exact, MPFR_RNDN)
      mpfr_log(x + 1, x + 1, MPFR_RNDN)
      mpfr_div(x, x, x + 1, MPFR_RNDN)
      mpfr_mul_si(x, x, perSide - exact, MPFR_RNDN)
      mpfr_rint_floor(x, x, MPFR_RNDN)
      return mpfr_get_si(x, MPFR_RNDN)
    }
    return bucket + min(perSide - 1, exact + steps)
  }

  /// Returns DeBERTa's log bucket of `relativePosition = query - key` with the logarithm at the
  /// working precision (`make_log_bucket_position`).
  ///
  /// - Throws: `Referee.Error.invalidArgument` for a bucket size below 4.
  public static func debertaLogBucket(
    _ relativePosition: Int, bucketSize: Int, maxPosition: Int, precision: Int = defaultPrecision
  ) throws(Error) -> Int {
    let mid = bucketSize / 2
    guard mid >= 2, maxPosition - 1 > mid else {
      throw .invalidArgument(
        name: "bucketSize", value: Double(bucketSize), requirement: "at least 4")
    }
    let magnitude = abs(relativePosition)
    if magnitude <= mid { return relativePosition }
    let steps = withNumbers(2, precision: precision) { x in
      mpfr_set_si(x, magnitude, MPFR_RNDN)
      mpfr_div_si(x, x, mid, MPFR_RNDN)
      mpfr_log(x, x, MPFR_RNDN)
      mpfr_set_si(x + 1, maxPosition - 1, MPFR_RNDN)
      mpfr_div_si(x + 1, x + 1, mid, MPFR_RNDN)
      mpfr_log(x + 1, x + 1, MPFR_RNDN)
      mpfr_div(x, x, x + 1, MPFR_RNDN)
      mpfr_mul_si(x, x, mid - 1, MPFR_RNDN)
      mpfr_rint_ceil(x, x, MPFR_RNDN)
      return mpfr_get_si(x, MPFR_RNDN)
    }
    return (relativePosition < 0 ? -1 : 1) * (mid + steps)
  }
}
