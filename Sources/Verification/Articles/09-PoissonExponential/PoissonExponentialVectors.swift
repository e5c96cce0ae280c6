import ReferenceNumerics

/// The golden vectors of article 9: Poisson and exponential probabilities.
public enum PoissonExponentialVectors {
  /// The checks whose claims verify the Poisson pmf, log-pmf, cdf and survival kernels.
  public static let poissonChecks = [
    "poisson.probability", "poisson.event", "poisson.pmf-accuracy", "poisson.cdf-accuracy",
    "poisson.normalization", "poisson.modes", "poisson.central-moments", "poisson.pmf-figure",
    "poisson.arrivals",
  ]

  /// The checks whose claims verify the exponential pdf, cdf and survival kernels.
  public static let exponentialChecks = [
    "exponential.interval", "exponential.mean", "exponential.no-event",
    "exponential.memorylessness", "exponential.survival-figure",
  ]

  /// Returns `k`, `pmf`, `logpmf`, `cdf` and `sf = P(N > k)` of Poisson(mean) at the counts.
  ///
  /// A negative count has pmf 0 and logpmf `-inf` (exact).
  ///
  /// - Throws: `Poisson.Error` for a mean that is not positive and finite.
  public static func poisson(mean: Double, counts: [Int]) throws -> VectorSet {
    let poisson = try Poisson<Double>(mean: mean)
    return try VectorSet(
      name: "poisson", parameters: [.init("mean", .number(mean))],
      outputs: [
        .init("k", .numbers(counts.map(Double.init))),
        .init("pmf", .numbers(counts.map { poisson.probability(of: $0) })),
        .init(
          "logpmf", .numbers(counts.map { poisson.logProbability(of: $0) }),
          infinityIsExact: true),
        .init("cdf", .numbers(counts.map { poisson.cumulativeProbability(through: $0) })),
        .init("sf", .numbers(counts.map { poisson.survivalProbability(after: $0) })),
      ],
      checks: poissonChecks)
  }

  /// Returns `t`, `pdf`, `cdf` and `sf = P(X > t)` of Exponential(rate) at the times.
  ///
  /// - Throws: `Exponential.Error` for a rate that is not positive and finite.
  public static func exponential(rate: Double, times: [Double]) throws -> VectorSet {
    let exponential = try Exponential<Double>(rate: rate)
    return try VectorSet(
      name: "exponential", parameters: [.init("rate", .number(rate))],
      outputs: [
        .init("t", .numbers(times)),
        .init("pdf", .numbers(times.map { exponential.density(at: $0) })),
        .init("cdf", .numbers(times.map { exponential.cumulativeProbability(through: $0) })),
        .init("sf", .numbers(times.map { exponential.survivalProbability(after: $0) })),
      ],
      checks: exponentialChecks)
  }
}
