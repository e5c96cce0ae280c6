// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

extension Binomial {
  /// Returns P(X <= k), the cumulative distribution function (cdf).
  ///
  ///     P(X <= k) = I(q; n - k, k + 1)   (regularized incomplete beta, q = 1 - p)
  ///
  /// The smaller tail is computed directly, by an outward double-double summation of the
  /// binomial terms (the internal `SpecialFunctions.binomialTails`), never as one minus a tiny
  /// value, so a tiny result keeps its relative accuracy.
  ///
  /// - Parameter k: The count; below 0 gives 0, at least `n` gives 1.
  /// - Returns: The probability.
  /// - Complexity: O(sqrt(n * p * q)) near the mean, O(1) to O(log) iterations deep in a tail.
  public func cumulativeProbability(through k: Int) -> Scalar {
    Scalar(SpecialFunctions.binomialTails(k, trials: trials, Double(successProbability)).lower)
  }

  /// Returns P(X > k), the survival function (sf), computed directly (never as 1 - cdf).
  ///
  ///     P(X > k) = I(p; k + 1, n - k)
  ///
  /// - Parameter k: The count; below 0 gives 1, at least `n` gives 0.
  /// - Returns: The probability.
  /// - Complexity: As ``cumulativeProbability(through:)``.
  public func survivalProbability(after k: Int) -> Scalar {
    Scalar(SpecialFunctions.binomialTails(k, trials: trials, Double(successProbability)).upper)
  }
}

extension SpecialFunctions {
  /// Returns P(X <= k) and P(X > k) for X ~ Binomial(trials, p), the smaller tail directly.
  ///
  /// Both tails are regularized incomplete beta functions,
  ///
  ///     P(X > k)  = I(p; k + 1, n - k)
  ///     P(X <= k) = I(q; n - k, k + 1)
  ///
  /// The tail on the far side of `k` from the mean `n p` is summed outward from `k`, where
  /// the terms fall monotonically, relative to its first term:
  ///
  ///     P(X > k)  = P(X = k + 1) * sum over j > k of t(j),   t(k + 1) = 1,
  ///                 t(j + 1) = t(j) * (n - j) / (j + 1) * p / q          (when k >= n p)
  ///     P(X <= k) = P(X = k) * sum over j <= k of t(j),      t(k) = 1,
  ///                 t(j - 1) = t(j) * j / (n - j + 1) * q / p            (when k < n p)
  ///
  /// The first term is Loader's saddle-point pmf (a few ulps for any `n`), the ratios and the
  /// sum are carried in double-double, so no error builds up over the terms; the sum stops
  /// when the geometric bound `t * r / (1 - r)` on the rest (the ratios `r` decrease) falls
  /// below 2^-60 of it. The log of the sum is added to the pmf's exponent, so a tail whose
  /// first term underflows is still right. The other tail is one minus the first, which is
  /// then at least about 1/2 and loses nothing. A continued fraction (Lentz) was tried first
  /// and lost up to 6e5 ulps at n = 1e9 to rounding over its many iterations.
  ///
  /// - Parameters:
  ///   - k: The count.
  ///   - trials: The number of trials `n`, in `0 ..< 2^53`.
  ///   - p: The success probability, in [0, 1]; NaN gives NaN.
  /// - Returns: `(lower: P(X <= k), upper: P(X > k))`.
  /// - Complexity: About `10 * sqrt(n p q)` terms when `k` is near the mean, fewer in the tails.
  static func binomialTails(_ k: Int, trials: Int, _ p: Double) -> (lower: Double, upper: Double) {
    let n = trials
    if p.isNaN { return (.nan, .nan) }
    if k < 0 { return (0, 1) }
    if k >= n { return (1, 0) }
    if p == 0 { return (1, 0) }
    if p == 1 { return (0, 1) }
    guard let binomial = try? Binomial<Double>(trials: n, successProbability: p) else {
      return (.nan, .nan)
    }
    let q = DoubleDouble(1) - DoubleDouble(p)
    let odds = DoubleDouble(p) / q
    let total = Double(n)
    // P(X > k): terms j = k + 1, k + 2, ... with ratios (n - j) / (j + 1) * p / q.
    let upperTail = { () -> Double in
      guard let logFirst = binomial.logKernel(k + 1) else { return 0 }
      let sum = outwardSum(from: k + 1, limit: n) { j in
        DoubleDouble(total - Double(j)) / (Double(j) + 1) * odds
      }
      return DoubleDouble.exp(logFirst + DoubleDouble.log(sum))
    }
    // P(X <= k): terms j = k, k - 1, ... with ratios j / (n - j + 1) * q / p.
    let lowerTail = { () -> Double in
      guard let logFirst = binomial.logKernel(k) else { return 0 }
      let sum = outwardSum(from: k, limit: 0) { j in
        DoubleDouble(Double(j)) / (total - Double(j) + 1) / odds
      }
      return DoubleDouble.exp(logFirst + DoubleDouble.log(sum))
    }
    // The tail beyond k from the mean is summed; when the mean is below one count that tail
    // can hold most of the mass, and then the other one is summed too (it starts below the
    // mode, so its terms rise for at most one or two steps before they fall).
    if Double(k) >= total * p {
      let upper = upperTail()
      return (upper > 0.5 ? lowerTail() : 1 - upper, upper)
    }
    let lower = lowerTail()
    return (lower, lower > 0.5 ? upperTail() : 1 - lower)
  }

  /// Returns `1 + t(1) + t(2) + ...`, where `t(i) = t(i - 1) * ratio(j)` walks `j` from
  /// `start` towards `limit` and the ratios decrease below 1.
  ///
  /// Stops at `limit` or when `t * r / (1 - r)`, which bounds the rest, is below 2^-60 of the
  /// sum.
  static func outwardSum(
    from start: Int, limit: Int, ratio: (Int) -> DoubleDouble
  ) -> DoubleDouble {
    let step = limit >= start ? 1 : -1
    var sum = DoubleDouble(1)
    var term = DoubleDouble(1)
    var j = start
    while j != limit {
      let r = ratio(j)
      term = term * r
      sum = sum + term
      j += step
      if r.hi < 1 {
        let rest = term.hi * r.hi / (1 - r.hi)
        if rest <= sum.hi * 0x1p-60 { break }
      }
    }
    return sum
  }
}
