internal import CGSL

/// A seeded Mersenne Twister generator from GSL (`gsl_rng_mt19937`) that owns its state.
///
/// The generator is non-copyable: it owns a GSL heap object, freed when the value
/// is destroyed, and two copies would share one stream. The same seed replays the
/// same stream, so a failing check can be reproduced.
public struct GSLRandom: ~Copyable {
  private let state: UnsafeMutablePointer<gsl_rng>

  /// Creates a generator seeded with `seed` (`gsl_rng_set`).
  ///
  /// - Parameter seed: The seed; GSL replaces 0 by its default seed 4357.
  /// - Throws: `GSLError.noMemory` when GSL cannot allocate the generator.
  public init(seed: UInt64) throws(GSLError) {
    GSL.prepare()
    guard let type = Self.mersenneTwister(), let state = gsl_rng_alloc(type) else {
      throw GSLError(rawValue: Int32(GSL_ENOMEM), context: "gsl_rng_alloc(gsl_rng_mt19937)")
    }
    gsl_rng_set(state, CUnsignedLong(seed))
    self.state = state
  }

  /// Returns GSL's `mt19937` generator type, found by name in `gsl_rng_types_setup()`.
  ///
  /// Reading the C global `gsl_rng_mt19937` directly is not concurrency-safe in Swift 6.
  private static func mersenneTwister() -> UnsafePointer<gsl_rng_type>? {
    guard var cursor = gsl_rng_types_setup() else { return nil }
    while let type = cursor.pointee {
      if String(cString: type.pointee.name) == "mt19937" { return type }
      cursor += 1
    }
    return nil
  }

  deinit {
    gsl_rng_free(state)
  }

  /// Returns a uniform deviate in `0 ..< 1` (`gsl_rng_uniform`).
  public mutating func uniform() -> Double {
    gsl_rng_uniform(state)
  }

  /// Returns an exponential deviate with rate `rate` (`gsl_ran_exponential` with mean 1 / rate).
  ///
  /// - Parameter rate: Positive and finite.
  /// - Returns: The next draw.
  /// - Throws: `GSLError.domain` for a rate that is not positive and finite.
  public mutating func exponential(rate: Double) throws(GSLError) -> Double {
    let mean = 1 / rate
    guard rate.isFinite, rate > 0, mean.isFinite else {
      throw .domain("gsl_ran_exponential(rate: \(rate))")
    }
    return gsl_ran_exponential(state, mean)
  }

  /// The largest mean `poisson(mean:)` accepts, so that deviates fit GSL's `unsigned int`.
  public static let maximumPoissonMean: Double = 1e9

  /// Returns a Poisson deviate with mean `mean` (`gsl_ran_poisson`).
  ///
  /// - Parameter mean: In `0 ... GSLRandom.maximumPoissonMean`.
  /// - Returns: The next draw.
  /// - Throws: `GSLError.domain` for a negative, NaN or too large mean.
  public mutating func poisson(mean: Double) throws(GSLError) -> Int {
    guard mean >= 0, mean <= Self.maximumPoissonMean else {
      throw .domain("gsl_ran_poisson(mean: \(mean))")
    }
    return Int(gsl_ran_poisson(state, mean))
  }
}
