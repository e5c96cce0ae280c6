// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// A Poisson distribution: the number of events in a unit interval of a process with a mean rate.
///
///     P(N = k) = mean^k * exp(-mean) / k!,   k = 0, 1, 2, ...
///     E[N] = Var[N] = mean
///
/// Every evaluation is done in `Double` (its exponents in double-double) and rounded once to
/// `Scalar`, so `Poisson<Float>` returns the nearest `Float` to the `Double` result.
///
/// Measured accuracy against mpmath (50 digits) over means 1e-300 ... 1e12 and counts from 0
/// to `mean + 40 * sqrt(mean) + 40` and far below the mean (see `PoissonTests`):
/// the probability (pmf) is within 1 ulp of the correctly rounded value (tests assert 2), the
/// log-probability is correctly rounded (tests assert 1 ulp), and the cumulative (cdf) and
/// survival probabilities are within 5 ulps (tests assert 8), deep tails included.
///
/// Loader, C. (2000), "Fast and Accurate Computation of Binomial Probabilities";
/// Temme, N. M. (1979), "The asymptotic expansion of the incomplete gamma functions",
/// https://doi.org/10.1137/0510071
public struct Poisson<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The mean (and variance), called lambda; positive and finite.
  public let mean: Scalar

  /// Creates a Poisson distribution with the given mean.
  ///
  /// A mean of zero is rejected: the distribution would be a point mass at 0, which callers
  /// should state as such rather than as a degenerate Poisson law.
  ///
  /// - Parameter mean: The mean, positive and finite (`Float` means down to the least
  ///   subnormal are allowed).
  /// - Throws: `Poisson.Error.invalidMean` if `mean` is zero, negative, infinite or NaN.
  public init(mean: Scalar) throws(Error) {
    guard mean > 0, mean.isFinite else { throw .invalidMean(Double(mean)) }
    self.mean = mean
  }

  /// The variance, equal to the mean.
  public var variance: Scalar { mean }

  /// Returns the probability of exactly `k` events (the pmf).
  ///
  /// By Loader's saddle point, with the exponent in double-double arithmetic:
  ///
  ///     P(N = 0) = exp(-mean)
  ///     P(N = k) = exp(-stirlingError(k) - deviance(k, mean)) / sqrt(2 * pi * k),  k >= 1
  ///
  /// The exponent comes from the fast double-double pieces (a table-driven logarithm and a
  /// deviance series whose small terms are summed in double); their error analysis, in
  /// `SpecialFunctions.fastDeviance` and `DoubleDouble.fastLog`, bounds the exponent's
  /// absolute error by 2^-63, under 0.001 ulp of the probability, and they fall back to the
  /// slow path wherever that bound is not proven (subnormal means, extreme ratios).
  ///
  /// - Parameter k: The count; negative counts have probability 0.
  /// - Returns: The probability; 0 where it underflows.
  @inlinable
  public func probability(of k: Int) -> Scalar {
    guard k >= 0 else { return 0 }
    let exponent = SpecialFunctions.fastLogPoissonKernel(count: Double(k), mean: Double(mean))
    return Scalar(DoubleDouble.exp(exponent))
  }

  /// Returns the natural logarithm of the probability of exactly `k` events (the log-pmf).
  ///
  /// Accurate also where the probability itself underflows.
  ///
  /// - Parameter k: The count; negative counts give negative infinity.
  /// - Returns: `log(P(N = k))`.
  public func logProbability(of k: Int) -> Scalar {
    guard k >= 0 else { return -.infinity }
    return Scalar(logKernel(k).hi)
  }

  /// Returns P(N <= k), the cumulative distribution function (cdf).
  ///
  ///     P(N <= k) = Q(k + 1, mean)   (regularized upper incomplete gamma)
  ///
  /// - Parameter k: The count; negative counts give 0.
  /// - Returns: The probability, accurate in relative terms even when tiny.
  @inlinable
  public func cumulativeProbability(through k: Int) -> Scalar {
    guard k >= 0 else { return 0 }
    return Scalar(SpecialFunctions.incompleteGammaRatios(Double(k) + 1, Double(mean)).q)
  }

  /// Returns P(N > k), the survival function (sf), computed directly (never as 1 - cdf).
  ///
  ///     P(N > k) = P(k + 1, mean)   (regularized lower incomplete gamma)
  ///
  /// - Parameter k: The count; negative counts give 1.
  /// - Returns: The probability, accurate in relative terms even when tiny.
  @inlinable
  public func survivalProbability(after k: Int) -> Scalar {
    guard k >= 0 else { return 1 }
    return Scalar(SpecialFunctions.incompleteGammaRatios(Double(k) + 1, Double(mean)).p)
  }

  /// Returns the smallest count whose cumulative probability is at least `p` (the quantile).
  ///
  /// The comparison uses the computed ``cumulativeProbability(through:)``, so the result is
  /// consistent with it; `quantile(0)` is 0 and `quantile(1)` is the first count whose computed
  /// cumulative probability rounds to 1.
  ///
  /// - Parameter p: A probability in [0, 1].
  /// - Returns: The quantile.
  /// - Throws: `Poisson.Error.invalidProbability` if `p` is outside [0, 1] or NaN.
  /// - Complexity: O(log(mean)) evaluations of the cdf.
  public func quantile(_ p: Scalar) throws(Error) -> Int {
    guard p >= 0, p <= 1 else { throw .invalidProbability(Double(p)) }
    let target = Double(p)
    if target == 0 { return 0 }
    let m = Double(mean)
    let cdf = { (k: Int) -> Double in
      SpecialFunctions.incompleteGammaRatios(Double(k) + 1, m).q
    }
    // Invariant: cdf(low) < target <= cdf(high), with low = -1 standing for cdf = 0.
    var low = -1
    var step = Int((m + 10 * m.squareRoot() + 10).rounded(.up))
    var high = step
    while cdf(high) < target {
      low = high
      step = step.multipliedReportingOverflow(by: 2).overflow ? step : 2 * step
      high = high.addingReportingOverflow(step).overflow ? Int.max : high + step
      if high == Int.max { return high }
    }
    while high - low > 1 {
      let middle = low + (high - low) / 2
      if cdf(middle) >= target { high = middle } else { low = middle }
    }
    return high
  }

  /// Draws one count from the distribution.
  ///
  /// Exact for every mean: sequential inversion (Kemp's method) for `mean < 10`, and
  /// Hörmann's transformed rejection with squeeze (PTRS) for `mean >= 10`, whose acceptance
  /// test uses the accurate ``logProbability(of:)``.
  ///
  /// Hörmann, W. (1993), "The transformed rejection method for generating Poisson random
  /// variables", https://doi.org/10.1016/0167-6687(93)90997-4
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: A nonnegative count.
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
    let m = Double(mean)
    if m < 10 { return sampleByInversion(m, using: &generator) }
    return sampleByTransformedRejection(m, using: &generator)
  }

  /// Draws `count` independent counts from the distribution.
  ///
  /// - Parameters:
  ///   - count: How many to draw; zero or negative gives an empty array.
  ///   - generator: The source of randomness.
  /// - Returns: The counts, in drawing order.
  public func sample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> [Int] {
    guard count > 0 else { return [] }
    var result: [Int] = []
    result.reserveCapacity(count)
    for _ in 0..<count { result.append(sample(using: &generator)) }
    return result
  }

  /// `log P(N = k)` in double-double, `k >= 0`.
  func logKernel(_ k: Int) -> DoubleDouble {
    SpecialFunctions.logPoissonKernel(count: Double(k), mean: Double(mean))
  }

  private func sampleByInversion<G: RandomNumberGenerator>(
    _ m: Double, using generator: inout G
  ) -> Int {
    var u = generator.nextOpenUnitDouble()
    var k = 0
    var probability = Double.exp(-m)
    while u > probability {
      u -= probability
      k += 1
      probability *= m / Double(k)
      if probability == 0 { break }
    }
    return k
  }

  private func sampleByTransformedRejection<G: RandomNumberGenerator>(
    _ m: Double, using generator: inout G
  ) -> Int {
    let root = m.squareRoot()
    let b = 0.931 + 2.53 * root
    let a = -0.059 + 0.02483 * b
    let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let acceptBound = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = generator.nextOpenUnitDouble() - 0.5
      let v = generator.nextOpenUnitDouble()
      let us = 0.5 - Swift.abs(u)
      let candidate = ((2 * a / us + b) * u + m + 0.43).rounded(.down)
      if us >= 0.07, v <= acceptBound { return Int(candidate) }
      if candidate < 0 || (us < 0.013 && v > us) { continue }
      guard candidate < 0x1p62 else { continue }
      let k = Int(candidate)
      let logLeft = Double.log(v * inverseAlpha / (a / (us * us) + b))
      let logRight = SpecialFunctions.logPoissonKernel(count: candidate, mean: m).hi
      if logLeft <= logRight { return k }
    }
  }
}

extension Poisson {
  /// Describes why a distribution could not be created or evaluated.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The mean was zero, negative, infinite or NaN.
    case invalidMean(Double)
    /// A probability argument was outside [0, 1] or NaN.
    case invalidProbability(Double)

    public var description: String {
      switch self {
      case .invalidMean(let value):
        "A Poisson mean must be positive and finite; got \(value)."
      case .invalidProbability(let value):
        "A probability must be in [0, 1]; got \(value)."
      }
    }
  }
}
