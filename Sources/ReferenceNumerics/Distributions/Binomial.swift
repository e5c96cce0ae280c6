// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// A binomial distribution: the number of successes in independent trials of equal probability.
///
///     P(X = k) = C(n, k) * p^k * (1 - p)^(n - k),   k = 0 ... n
///     E[X] = n * p,  Var[X] = n * p * (1 - p)
///
/// Here `n` is ``trials`` and `p` is ``successProbability``. Probabilities use Loader's saddle
/// point with every exponent in double-double arithmetic, so they stay accurate (a few ulps;
/// see `BinomialTests`) for `n` up to 1e9 and beyond, where `C(n, k)` and `p^k` over- or
/// underflow on their own:
///
///     P(X = k) = exp(stirlingError(n) - stirlingError(k) - stirlingError(n - k)
///                    - deviance(k, n p) - deviance(n - k, n q))
///                * sqrt(n / (2 * pi * k * (n - k)))
///
/// Loader, C. (2000), "Fast and Accurate Computation of Binomial Probabilities".
public struct Binomial<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The number of trials `n`, at least 0.
  public let trials: Int
  /// The probability `p` of success in each trial, in [0, 1].
  public let successProbability: Scalar

  /// Creates a binomial distribution.
  ///
  /// - Parameters:
  ///   - trials: The number of trials, at least 0 and below 2^53.
  ///   - successProbability: The success probability of each trial, in [0, 1].
  /// - Throws: `Binomial.Error.invalidTrials` if `trials` is negative or at least 2^53;
  ///   `Binomial.Error.invalidSuccessProbability` if the probability is outside [0, 1] or NaN.
  public init(trials: Int, successProbability: Scalar) throws(Error) {
    guard trials >= 0, trials < 1 << 53 else { throw .invalidTrials(trials) }
    guard successProbability >= 0, successProbability <= 1 else {
      throw .invalidSuccessProbability(Double(successProbability))
    }
    self.trials = trials
    self.successProbability = successProbability
  }

  /// The mean, `n * p`.
  public var mean: Scalar { Scalar(Double(trials) * Double(successProbability)) }

  /// The variance, `n * p * (1 - p)`.
  public var variance: Scalar {
    let p = Double(successProbability)
    return Scalar(Double(trials) * p * (1 - p))
  }

  /// Returns the probability of exactly `k` successes (the pmf).
  ///
  /// The exponent comes from the fast double-double pieces (`DoubleDouble.fastLog` and
  /// `SpecialFunctions.fastDeviance`, absolute error below 2^-63 wherever the probability does
  /// not underflow, under 0.001 ulp of it); ``logProbability(of:)`` keeps the slow pieces.
  ///
  /// - Parameter k: The count; counts outside `0 ... n` have probability 0.
  /// - Returns: The probability; 0 where it underflows.
  @inlinable
  public func probability(of k: Int) -> Scalar {
    let p = Double(successProbability)
    guard let exponent = SpecialFunctions.binomialLogKernel(k, trials, p, fast: true) else {
      return 0
    }
    return Scalar(DoubleDouble.exp(exponent))
  }

  /// Returns the natural logarithm of the probability of exactly `k` successes (the log-pmf).
  ///
  /// - Parameter k: The count; counts outside `0 ... n` give negative infinity.
  /// - Returns: `log(P(X = k))`, accurate also where the probability underflows.
  public func logProbability(of k: Int) -> Scalar {
    guard let exponent = logKernel(k) else { return -.infinity }
    return Scalar(exponent.hi)
  }

  /// `log P(X = k)` in double-double (the slow pieces), or nil when the probability is 0.
  func logKernel(_ k: Int) -> DoubleDouble? {
    SpecialFunctions.binomialLogKernel(k, trials, Double(successProbability), fast: false)
  }
}

extension SpecialFunctions {
  /// Returns `log P(X = k)` for X ~ Binomial(trials, p) in double-double, or nil for 0.
  ///
  /// By Loader's saddle point (nil when the probability is exactly 0):
  ///
  ///     stirlingError(n) - stirlingError(k) - stirlingError(n - k)
  ///       - deviance(k, n p) - deviance(n - k, n q) - log(2 pi) / 2 - log(k (n - k) / n) / 2
  ///
  /// With `fast`, the deviances and logarithms take the fast paths
  /// (`SpecialFunctions.fastDeviance`, `DoubleDouble.fastLog`; the counts are integers from 1
  /// to 2^53, so normal), otherwise the slow series.
  @usableFromInline
  static func binomialLogKernel(_ k: Int, _ trials: Int, _ p: Double, fast: Bool) -> DoubleDouble? {
    guard k >= 0, k <= trials else { return nil }
    if p == 0 { return k == 0 ? DoubleDouble(0) : nil }
    if p == 1 { return k == trials ? DoubleDouble(0) : nil }
    func deviance(_ x: Double, _ mean: DoubleDouble) -> DoubleDouble {
      fast ? fastDeviance(x, mean) : SpecialFunctions.deviance(x, mean)
    }
    // The arguments of `log` are integers from 1 to 2^53, exact doubles.
    func log(_ x: DoubleDouble) -> DoubleDouble {
      fast ? DoubleDouble.fastLog(x.hi) : DoubleDouble.log(x)
    }
    let n = Double(trials)
    let x = Double(k)
    let np = DoubleDouble.twoProduct(n, p)
    let nq = DoubleDouble(n) - np
    if k == 0 {
      return -(deviance(n, nq) + np)
    }
    if k == trials {
      return -(deviance(n, np) + nq)
    }
    let stirling =
      SpecialFunctions.stirlingError(n) - SpecialFunctions.stirlingError(x)
      - SpecialFunctions.stirlingError(n - x)
    let deviances = deviance(x, np) + deviance(n - x, nq)
    let logs = log(DoubleDouble(x)) + log(DoubleDouble(n - x)) - log(DoubleDouble(n))
    // Halving is exact: the same pair as `logs * 0.5`, without its `fma` call.
    let halfLogs = DoubleDouble(hi: logs.hi * 0.5, lo: logs.lo * 0.5)
    return DoubleDouble(stirling) - deviances - DoubleDouble.halfLogTwoPi - halfLogs
  }
}

extension Binomial {
  /// Describes why a distribution could not be created.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The number of trials was negative or at least 2^53.
    case invalidTrials(Int)
    /// The success probability was outside [0, 1] or NaN.
    case invalidSuccessProbability(Double)

    public var description: String {
      switch self {
      case .invalidTrials(let value):
        "A binomial number of trials must be in 0 ..< 2^53; got \(value)."
      case .invalidSuccessProbability(let value):
        "A success probability must be in [0, 1]; got \(value)."
      }
    }
  }
}
