// SPDX-License-Identifier: GPL-3.0-or-later

public import RealModule

/// An exponential distribution: the waiting time to the first event of a Poisson process.
///
///     density(t)  = rate * exp(-rate * t),   t >= 0
///     P(X <= t)   = 1 - exp(-rate * t) = -expm1(-rate * t)
///     P(X > t)    = exp(-rate * t)
///     E[X] = 1 / rate,  Var[X] = 1 / rate^2
///
/// Evaluations are done in `Double` with the product `rate * t` kept exact (as a double-double),
/// so the exponential sees no rounding of its argument; results are rounded once to `Scalar`.
/// Measured accuracy (see `ExponentialTests`): density, cdf and survival within 2 ulps in
/// `Double`, 1 ulp in `Float`; the interval probability within 4 ulps.
public struct Exponential<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The rate, called lambda; positive and finite.
  public let rate: Scalar

  /// Creates an exponential distribution with the given rate.
  ///
  /// - Parameter rate: The rate, positive and finite.
  /// - Throws: `Exponential.Error.invalidRate` if `rate` is zero, negative, infinite or NaN.
  public init(rate: Scalar) throws(Error) {
    guard rate > 0, rate.isFinite else { throw .invalidRate(Double(rate)) }
    self.rate = rate
  }

  /// The mean, `1 / rate`.
  public var mean: Scalar { 1 / rate }

  /// The variance, `1 / rate^2`.
  public var variance: Scalar { Scalar(1 / (Double(rate) * Double(rate))) }

  /// Returns the probability density at `t` (the pdf).
  ///
  /// Where `exp(-rate * t)` is below 2^-968 (so it is subnormal, or soon would be once
  /// multiplied), the rate is taken into the exponent instead,
  /// `exp(log(rate) - rate * t)` in double-double, so a large rate with a tiny survival still
  /// gives a correctly scaled density (rate 1e300 at t = 7.45e-298 gives 2.82e-24, not 4.9e-24).
  ///
  /// - Parameter t: A time; negative times have density 0, NaN gives NaN.
  /// - Returns: `rate * exp(-rate * t)` for `t >= 0`, within about 2 ulps.
  @inlinable
  public func density(at t: Scalar) -> Scalar {
    if t.isNaN { return .nan }
    guard t >= 0 else { return 0 }
    let r = Double(rate)
    let tail = survival(Double(t))
    guard tail < 0x1p-968, Double(t).isFinite else { return Scalar(r * tail) }
    let product = DoubleDouble.twoProduct(r, Double(t))
    guard product.hi.isFinite else { return 0 }
    return Scalar(DoubleDouble.exp(DoubleDouble.log(DoubleDouble(r)) - product))
  }

  /// Returns P(X <= t), the cumulative distribution function (cdf).
  ///
  /// - Parameter t: A time; negative times give 0, NaN gives NaN.
  /// - Returns: `-expm1(-rate * t)`, accurate in relative terms for small `t`.
  @inlinable
  public func cumulativeProbability(through t: Scalar) -> Scalar {
    if t.isNaN { return .nan }
    guard t > 0 else { return 0 }
    return Scalar(distribution(Double(t)))
  }

  /// Returns P(X > t), the survival function (sf).
  ///
  /// - Parameter t: A time; negative times give 1, NaN gives NaN.
  /// - Returns: `exp(-rate * t)`, accurate in relative terms far into the tail.
  @inlinable
  public func survivalProbability(after t: Scalar) -> Scalar {
    if t.isNaN { return .nan }
    guard t > 0 else { return 1 }
    return Scalar(survival(Double(t)))
  }

  /// Returns P(a < X <= b) without cancellation.
  ///
  ///     P(a < X <= b) = exp(-rate * a) * (-expm1(-rate * (b - a)))
  ///
  /// with `rate * b - rate * a` formed exactly in double-double, and `a` clamped at 0.
  ///
  /// - Parameters:
  ///   - a: The lower end (excluded); may be negative or minus infinity.
  ///   - b: The upper end (included); may be plus infinity.
  /// - Returns: The probability; 0 when `b <= a`; NaN if either end is NaN.
  @inlinable
  public func intervalProbability(from a: Scalar, to b: Scalar) -> Scalar {
    if a.isNaN || b.isNaN { return .nan }
    guard b > a, b > 0 else { return 0 }
    let lower = Swift.max(Double(a), 0)
    let upper = Double(b)
    let r = Double(rate)
    if upper.isInfinite { return Scalar(survival(lower)) }
    let start = DoubleDouble.twoProduct(r, lower)
    let end = DoubleDouble.twoProduct(r, upper)
    if !end.hi.isFinite { return Scalar(survival(lower)) }
    let width = end - start
    let head = DoubleDouble.exp(-start)
    return Scalar(head * minusExpMinusOne(width))
  }

  /// Returns the time `t` with `P(X <= t) = p` (the quantile).
  ///
  ///     quantile(p) = -log1p(-p) / rate
  ///
  /// - Parameter p: A probability in [0, 1]; `quantile(1)` is infinity.
  /// - Returns: The quantile.
  /// - Throws: `Exponential.Error.invalidProbability` if `p` is outside [0, 1] or NaN.
  @inlinable
  public func quantile(_ p: Scalar) throws(Error) -> Scalar {
    guard p >= 0, p <= 1 else { throw .invalidProbability(Double(p)) }
    if p == 1 { return .infinity }
    return Scalar(-Double.log(onePlus: -Double(p)) / Double(rate))
  }

  /// Draws one waiting time by inversion, `-log(u) / rate` with `u` uniform in (0, 1).
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: A positive finite time.
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Scalar {
    let u = generator.nextOpenUnitDouble()
    return Scalar(-Double.log(u) / Double(rate))
  }

  /// `exp(-rate * t)` for `t >= 0`, with the product exact.
  @inlinable
  func survival(_ t: Double) -> Double {
    if t.isInfinite { return 0 }
    let product = DoubleDouble.twoProduct(Double(rate), t)
    if !product.hi.isFinite { return 0 }
    return DoubleDouble.exp(-product)
  }

  /// `1 - exp(-rate * t)` for `t > 0`, with the product exact.
  @inlinable
  func distribution(_ t: Double) -> Double {
    if t.isInfinite { return 1 }
    return minusExpMinusOne(DoubleDouble.twoProduct(Double(rate), t))
  }

  /// Returns `-expm1(-y)` for a double-double `y >= 0`.
  ///
  ///
  ///     -expm1(-(hi + lo)) = -expm1(-hi) + exp(-hi) * lo   (to within lo^2)
  @inlinable
  func minusExpMinusOne(_ y: DoubleDouble) -> Double {
    let head = -Double.expMinusOne(-y.hi)
    guard y.hi.isFinite, y.lo.isFinite else { return head }
    return head.addingProduct(Double.exp(-y.hi), y.lo)
  }
}

extension Exponential {
  /// Describes why a distribution could not be created or evaluated.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The rate was zero, negative, infinite or NaN.
    case invalidRate(Double)
    /// A probability argument was outside [0, 1] or NaN.
    case invalidProbability(Double)

    public var description: String {
      switch self {
      case .invalidRate(let value):
        "An exponential rate must be positive and finite; got \(value)."
      case .invalidProbability(let value):
        "A probability must be in [0, 1]; got \(value)."
      }
    }
  }
}
