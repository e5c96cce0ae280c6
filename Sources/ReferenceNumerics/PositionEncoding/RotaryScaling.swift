// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// A long-context scaling of rotary frequencies, as HF transformers' `ROPE_INIT_FUNCTIONS`
/// compute it (`src/transformers/modeling_rope_utils.py`, v4.4x to v5 semantics).
///
/// With `s` the factor, `r` the rotary dimension and `theta[p] = base ^ (-2p / r)`:
///
/// - `linear` (position interpolation): `theta'[p] = theta[p] / s`.
/// - `dynamic` (dynamic NTK): `L = max(sequenceLength, originalMaximum)`,
///   `base' = base * (s * L / originalMaximum - (s - 1)) ^ (r / (r - 2))`,
///   `theta'[p] = base' ^ (-2p / r)`.
/// - `yarn`: the correction dimension `c(n) = r * ln(L_orig / (2 pi n)) / (2 ln base)`;
///   `low = floor(c(betaFast))`, `high = ceil(c(betaSlow))` (without floor and ceil when
///   `truncate` is false), clamped to `0 ... r - 1`; the ramp
///   `ramp[p] = clamp((p - low) / (high - low), 0, 1)` and
///   `theta'[p] = (theta[p] / s) * ramp[p] + theta[p] * (1 - ramp[p])`; the attention factor
///   `0.1 ln s + 1` (1 when `s <= 1`), or the one given.
/// - `llama3`: wavelengths `lambda = 2 pi / theta[p]`; `theta` kept where
///   `lambda < L_orig / highFrequencyFactor`, `theta / s` where `lambda > L_orig /
///   lowFrequencyFactor`, and in between `(1 - t) theta / s + t theta` with
///   `t = (L_orig / lambda - lowFrequencyFactor) / (highFrequencyFactor - lowFrequencyFactor)`.
///
/// The correction range of YaRN and the dynamic base are computed in `Double`, as HF computes
/// them with Python floats; everything else in `Scalar`, as HF computes it in float32.
public enum RotaryScaling: Sendable, Hashable {
  /// No scaling: `theta[p] = base ^ (-2p / r)`, attention factor 1.
  case none
  /// Position interpolation: every frequency divided by `factor`.
  case linear(factor: Double)
  /// Dynamic NTK: the base grows with the sequence length past the original maximum.
  case dynamic(factor: Double, originalMaximum: Int, sequenceLength: Int)
  /// YaRN: interpolation of the low frequencies only, with a ramp, and an attention factor.
  case yarn(
    factor: Double, originalMaximum: Int, betaFast: Double = 32, betaSlow: Double = 1,
    truncate: Bool = true, attentionFactor: Double? = nil)
  /// Llama 3's wavelength bands with a smooth interpolation between them.
  case llama3(
    factor: Double, originalMaximum: Int, lowFrequencyFactor: Double = 1,
    highFrequencyFactor: Double = 4)

  /// Llama 3.1's published configuration: factor 8, bands 1 and 4, original context 8192.
  public static let llama31 = RotaryScaling.llama3(
    factor: 8, originalMaximum: 8192, lowFrequencyFactor: 1, highFrequencyFactor: 4)

  /// The unscaled frequencies `1 / base ^ (2p / r)` in `Scalar`, as HF's `inv_freq`.
  public static func defaultFrequencies<Scalar: ReferenceScalar>(
    rotaryDimension r: Int, base: Scalar
  ) -> [Scalar] {
    (0..<r / 2).map { p in 1 / Scalar.pow(base, Scalar(2 * p) / Scalar(r)) }
  }

  /// Returns YaRN's correction range `(low, high)` in `Double`, as HF's
  /// `find_correction_range`.
  public static func yarnCorrectionRange(
    rotaryDimension r: Int, base: Double, originalMaximum: Int, betaFast: Double,
    betaSlow: Double, truncate: Bool
  ) -> (low: Double, high: Double) {
    func dimension(_ rotations: Double) -> Double {
      Double(r) * Double.log(Double(originalMaximum) / (rotations * 2 * Double.pi))
        / (2 * Double.log(base))
    }
    var low = dimension(betaFast)
    var high = dimension(betaSlow)
    if truncate {
      low = low.rounded(.down)
      high = high.rounded(.up)
    }
    return (max(low, 0), min(high, Double(r - 1)))
  }

  /// Returns the scaled frequencies and the attention factor.
  ///
  /// - Parameters:
  ///   - r: The rotary dimension, positive and even.
  ///   - base: The base, greater than 1 and finite.
  ///   - scaling: The scaling.
  /// - Returns: `r / 2` frequencies and the factor that multiplies cos and sin.
  /// - Throws: `RotaryEmbedding.Error.invalidScaling` naming a bad parameter, or
  ///   `.invalidDimension` for a bad `r`.
  public static func frequencies<Scalar: ReferenceScalar>(
    rotaryDimension r: Int, base: Scalar, scaling: RotaryScaling
  ) throws(RotaryEmbedding<Scalar>.Error) -> (frequencies: [Scalar], attentionFactor: Scalar) {
    guard r > 0, r % 2 == 0 else { throw .invalidDimension(r) }
    guard base > 1, base.isFinite else {
      throw .invalidScaling("A rotary base must be greater than 1 and finite; got \(base).")
    }
    try scaling.validate(Scalar.self)
    let theta = defaultFrequencies(rotaryDimension: r, base: base)
    switch scaling {
    case .none:
      return (theta, 1)
    case .linear(let s):
      return (theta.map { $0 / Scalar(s) }, 1)
    case .dynamic(let s, let original, let length):
      let l = Double(max(length, original))
      let grown =
        Double(base) * Double.pow(s * l / Double(original) - (s - 1), Double(r) / Double(r - 2))
      return (defaultFrequencies(rotaryDimension: r, base: Scalar(grown)), 1)
    case .yarn(let s, let original, let fast, let slow, let truncate, let given):
      var (low, high) = yarnCorrectionRange(
        rotaryDimension: r, base: Double(base), originalMaximum: original, betaFast: fast,
        betaSlow: slow, truncate: truncate)
      if low == high { high += 0.001 }
      let (lowS, spanS) = (Scalar(low), Scalar(high - low))
      // HF: pos_freqs = base ** (arange(0, r, 2) / r); 1 / pos_freqs and 1 / (s * pos_freqs).
      let scaled = (0..<r / 2).map { p -> Scalar in
        let power = Scalar.pow(base, Scalar(2 * p) / Scalar(r))
        let ramp = min(max((Scalar(p) - lowS) / spanS, 0), 1)
        let extrapolation = 1 - ramp
        return 1 / (Scalar(s) * power) * (1 - extrapolation) + 1 / power * extrapolation
      }
      let factor = given ?? (s <= 1 ? 1 : 0.1 * Double.log(s) + 1)
      return (scaled, Scalar(factor))
    case .llama3(let s, let original, let lowFactor, let highFactor):
      let lowWavelength = Scalar(Double(original) / lowFactor)
      let highWavelength = Scalar(Double(original) / highFactor)
      let scaled = theta.map { t -> Scalar in
        let wavelength = 2 * Scalar.pi / t
        if wavelength < highWavelength { return t }
        if wavelength > lowWavelength { return t / Scalar(s) }
        let smooth =
          (Scalar(original) / wavelength - Scalar(lowFactor)) / Scalar(highFactor - lowFactor)
        return (1 - smooth) * t / Scalar(s) + smooth * t
      }
      return (scaled, 1)
    }
  }

  /// Returns the scaled frequencies in double-double, the same formulas evaluated to about 104
  /// bits rather than rounded step by step, for the rotation's phase in `Double` (the values
  /// ``frequencies(rotaryDimension:base:scaling:)`` returns are these rounded as HF rounds).
  ///
  /// YaRN's correction range stays in `Double` (HF's Python floats); the dynamic base, the
  /// YaRN ramp and the Llama 3 blend are carried in double-double. Parameters must be valid.
  static func accurateFrequencies(
    rotaryDimension r: Int, base: Double, scaling: RotaryScaling
  ) -> [DoubleDouble] {
    let b = DoubleDouble(base)
    let theta = (0..<r / 2).map { AccuratePhase.power(b, numerator: 2 * $0, denominator: r) }
    switch scaling {
    case .none:
      return theta
    case .linear(let s):
      return theta.map { $0 / s }
    case .dynamic(let s, let original, let length):
      let l = Double(max(length, original))
      let growth =
        DoubleDouble.twoProduct(s, l) / Double(original) - DoubleDouble(s) + DoubleDouble(1)
      let exponent = DoubleDouble(Double(r)) / DoubleDouble(Double(r - 2))
      let logBase = DoubleDouble.log(b) + DoubleDouble.log(growth) * exponent
      let grown = AccuratePhase.exp(logBase)
      return (0..<r / 2).map { AccuratePhase.power(grown, numerator: 2 * $0, denominator: r) }
    case .yarn(let s, let original, let fast, let slow, let truncate, _):
      var (low, high) = yarnCorrectionRange(
        rotaryDimension: r, base: base, originalMaximum: original, betaFast: fast,
        betaSlow: slow, truncate: truncate)
      if low == high { high += 0.001 }
      let span = DoubleDouble.twoSum(high, -low)
      return theta.enumerated().map { p, t in
        var ramp = DoubleDouble.twoSum(Double(p), -low) / span
        if ramp.hi < 0 { ramp = DoubleDouble(0) }
        if ramp.hi > 1 { ramp = DoubleDouble(1) }
        return t / s * ramp + t * (DoubleDouble(1) - ramp)
      }
    case .llama3(let s, let original, let lowFactor, let highFactor):
      let lowWavelength = Double(original) / lowFactor
      let highWavelength = Double(original) / highFactor
      return theta.map { t in
        let wavelength = AccuratePhase.pi * 2 / t
        if wavelength.hi < highWavelength { return t }
        if wavelength.hi > lowWavelength { return t / s }
        let smooth =
          (DoubleDouble(Double(original)) / wavelength - DoubleDouble(lowFactor))
          / DoubleDouble.twoSum(highFactor, -lowFactor)
        return (DoubleDouble(1) - smooth) * t / s + smooth * t
      }
    }
  }

  /// Throws unless every parameter is usable: factors at least 1 and finite, positive lengths.
  func validate<Scalar: ReferenceScalar>(_: Scalar.Type) throws(RotaryEmbedding<Scalar>.Error) {
    func factor(_ s: Double) throws(RotaryEmbedding<Scalar>.Error) {
      guard s >= 1, s.isFinite else {
        throw .invalidScaling("A rotary scaling factor must be at least 1 and finite; got \(s).")
      }
    }
    func length(_ name: String, _ n: Int) throws(RotaryEmbedding<Scalar>.Error) {
      guard n > 0 else { throw .invalidScaling("The \(name) must be positive; got \(n).") }
    }
    switch self {
    case .none: return
    case .linear(let s): try factor(s)
    case .dynamic(let s, let original, let sequence):
      try factor(s)
      try length("original maximum position count", original)
      try length("sequence length", sequence)
    case .yarn(let s, let original, let fast, let slow, _, let given):
      try factor(s)
      try length("original maximum position count", original)
      guard fast > 0, fast.isFinite, slow > 0, slow.isFinite, fast > slow else {
        throw .invalidScaling(
          "YaRN needs beta_fast > beta_slow > 0, both finite; got \(fast) and \(slow).")
      }
      if let given, !(given > 0 && given.isFinite) {
        throw .invalidScaling("An attention factor must be positive and finite; got \(given).")
      }
    case .llama3(let s, let original, let low, let high):
      try factor(s)
      try length("original maximum position count", original)
      guard low > 0, high > low, high.isFinite else {
        throw .invalidScaling(
          "Llama 3 scaling needs 0 < low_freq_factor < high_freq_factor, finite; got \(low) "
            + "and \(high).")
      }
    }
  }
}
