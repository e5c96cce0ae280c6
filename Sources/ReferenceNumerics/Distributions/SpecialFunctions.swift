// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// Special functions behind the distributions: Loader's saddle-point pieces and gamma ratios.
///
/// Every function works in `Double`. Arguments outside a function's domain give NaN, as in
/// swift-numerics; NaN arguments propagate.
public enum SpecialFunctions {}

// MARK: - Loader's saddle-point pieces

extension SpecialFunctions {
  /// Returns the error of Stirling's formula for `log(n!)`, called `stirlerr` by Loader.
  ///
  ///     stirlingError(n) = log(Gamma(n + 1)) - (n + 1/2) * log(n) + n - log(2 * pi) / 2
  ///
  /// For `n <= 15` a multiple of 1/2, the value comes from a table computed with mpmath at
  /// 60 digits; above 15, from the Stirling series through the `n^-15` term; for other `n`
  /// in [0.25, 15], from the series at `n + m >= 15` and the exact recurrence
  ///
  ///     stirlingError(n) = stirlingError(n + 1) + sum over j >= 1 of t^(2j) / (2j + 1),
  ///     t = 1 / (2n + 1)
  ///
  /// whose terms are all positive (used for other `n` in [0.25, 15]). For `0 < n < 0.25`, the
  /// defining formula with `logGamma`.
  ///
  /// Accuracy: within 2 ulps for `n >= 0.25` (absolute error below 3e-17, which is what matters
  /// in an exponent); about 1e-16 times `|log n|` for `0 < n < 0.25`.
  ///
  /// - Parameter n: A nonnegative real; `stirlingError(0) = 0` by continuity of `n * log n`
  ///   (the true limit is infinite, so 0 is a convention used only when `n = 0` cannot matter).
  /// - Returns: The Stirling error, or NaN if `n` is negative or NaN.
  ///
  /// Loader, C. (2000), "Fast and Accurate Computation of Binomial Probabilities".
  public static func stirlingError(_ n: Double) -> Double {
    guard n >= 0 else { return .nan }
    if n == 0 { return 0 }
    if n.isInfinite { return 0 }
    let twice = 2 * n
    if n <= 15, twice.rounded() == twice {
      return stirlingTable[Int(twice)]
    }
    if n > 15 { return stirlingSeries(n) }
    if n < 0.25 {
      let logGamma = Double.logGamma(n + 1)
      return logGamma - (n + 0.5) * Double.log(n) + n - DoubleDouble.halfLogTwoPi.hi
    }
    // Double-double throughout: the steps add up to about the result, and their rounding
    // would otherwise cost a few ulps.
    var value = DoubleDouble(0)
    var m = DoubleDouble(n)  // n + steps, kept exact
    while m.hi < 15 {
      let denominator = m * 2 + DoubleDouble(1)
      let t2 = DoubleDouble(1) / (denominator * denominator)
      var power = t2
      var j = 1.0
      while j < 200 {
        let term = power / (2 * j + 1)
        value = value + term
        if term.hi <= value.hi * 0x1p-60 { break }
        power = power * t2
        j += 1
      }
      m = m + DoubleDouble(1)
    }
    return (value + DoubleDouble(stirlingSeries(m.hi))).hi
  }

  /// The Stirling series for `stirlingError(n)`, `n > 15`, through `n^-15` (or fewer terms
  /// when they are negligible).
  static func stirlingSeries(_ n: Double) -> Double {
    let s0 = 1.0 / 12
    let s1 = 1.0 / 360
    let s2 = 1.0 / 1260
    let s3 = 1.0 / 1680
    let s4 = 1.0 / 1188
    let s5 = 691.0 / 360_360
    let s6 = 1.0 / 156
    let s7 = 3617.0 / 122_400
    let nn = n * n
    if n > 1e5 { return (s0 - s1 / nn) / n }
    if n > 500 { return (s0 - (s1 - s2 / nn) / nn) / n }
    if n > 80 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
    let tail = (s4 - (s5 - (s6 - s7 / nn) / nn) / nn) / nn
    return (s0 - (s1 - (s2 - (s3 - tail) / nn) / nn) / nn) / n
  }

  /// `stirlingError(n / 2)` for `n` in `0 ... 30` (mpmath, 60 digits).
  static let stirlingTable: [Double] = [
    0.0,
    0.15342640972002734529,  // 0.5
    0.08106146679532725822,  // 1
    0.054814121051917653896,  // 1.5
    0.041340695955409294094,  // 2
    0.033162873519936287485,  // 2.5
    0.027677925684998339149,  // 3
    0.023746163656297495971,  // 3.5
    0.020790672103765093112,  // 4
    0.018488450532673185231,  // 4.5
    0.016644691189821192163,  // 5
    0.015134973221917378874,  // 5.5
    0.013876128823070747999,  // 6
    0.012810465242920226924,  // 6.5
    0.011896709945891770095,  // 7
    0.011104559758206917327,  // 7.5
    0.010411265261972096497,  // 8
    0.0097994161261588032984,  // 8.5
    0.0092554621827127329177,  // 9
    0.008768700134139385463,  // 9.5
    0.0083305634333628712565,  // 10
    0.0079341145643140205472,  // 10.5
    0.007573675487951840795,  // 11
    0.0072445543013203831795,  // 11.5
    0.0069428401072095298657,  // 12
    0.0066652470327076824424,  // 12.5
    0.0064089941880042070684,  // 13
    0.0061717122630394576475,  // 13.5
    0.0059513701127588477356,  // 14
    0.005746216513010115682,  // 14.5
    0.005554733551962801371,  // 15
  ]

  /// Returns the deviance term `bd0` of Loader's saddle-point method.
  ///
  ///     deviance(x, mean) = x * log(x / mean) + mean - x      (and `mean` when x = 0)
  ///
  /// It is the Kullback-Leibler term of a Poisson count `x` against its mean; always `>= 0`,
  /// zero only at `x == mean`. Computed in double-double arithmetic: near `x == mean`
  /// (`|x - mean| <= 0.1 * (x + mean)`) by Loader's series in `v = (x - mean) / (x + mean)`,
  /// which has no cancellation, elsewhere from a double-double logarithm. The relative error is
  /// about 1e-30 before the final rounding, so the result is within one ulp.
  ///
  /// - Parameters:
  ///   - x: A nonnegative count (any finite real >= 0).
  ///   - mean: A positive finite mean.
  /// - Returns: The deviance, or NaN outside the domain.
  public static func deviance(_ x: Double, _ mean: Double) -> Double {
    guard x >= 0, mean > 0, x.isFinite, mean.isFinite else { return .nan }
    return deviance(x, DoubleDouble(mean)).hi
  }

  /// The deviance `x * log(x / mean) + mean - x` in double-double arithmetic.
  static func deviance(_ x: Double, _ mean: DoubleDouble) -> DoubleDouble {
    if x == 0 { return mean }
    let count = DoubleDouble(x)
    let difference = count - mean
    let total = count + mean
    if Swift.abs(difference.hi) <= 0.1 * total.hi {
      // Loader's series in v = (x - mean) / (x + mean), relative error about 1e-31:
      //   deviance = (x - mean) * v + 2x * sum over j >= 1 of v^(2j+1) / (2j + 1)
      let v = difference / total
      let v2 = v * v
      var sum = difference * v
      var power = count * v * 2
      var j = 1.0
      while j < 40 {
        power = power * v2
        let term = power / (2 * j + 1)
        sum = sum + term
        if Swift.abs(term.hi) <= Swift.abs(sum.hi) * 0x1p-110 { break }
        j += 1
      }
      return sum
    }
    let ratio = count / mean
    let logRatio: DoubleDouble
    if mean.hi.isNormal, ratio.hi > 0x1p-1000, ratio.hi < 0x1p1000, ratio.hi.isNormal {
      logRatio = DoubleDouble.log(ratio)
    } else {
      logRatio = DoubleDouble.log(count) - DoubleDouble.log(mean)
    }
    return count * logRatio + (mean - count)
  }

  /// Returns `log(x^a * exp(-x) / Gamma(a + 1))` in double-double, by Loader's saddle point.
  ///
  ///
  ///     -(stirlingError(a) + deviance(a, x) + log(2 * pi * a) / 2)
  ///
  /// For integer `a` this is the Poisson log-probability of count `a` with mean `x`.
  /// Requires `a >= 0`, `x > 0`.
  static func logPoissonKernel(count a: Double, mean x: Double) -> DoubleDouble {
    if a == 0 { return DoubleDouble(-x) }
    let stirling = DoubleDouble(stirlingError(a))
    let dev = deviance(a, DoubleDouble(x))
    let halfLogA = DoubleDouble.log(DoubleDouble(a)) * 0.5
    return -(stirling + dev + DoubleDouble.halfLogTwoPi + halfLogA)
  }
}

// MARK: - Incomplete gamma ratios

extension SpecialFunctions {
  /// Returns the regularized lower incomplete gamma function P(a, x).
  ///
  ///     P(a, x) = (1 / Gamma(a)) * integral from 0 to x of t^(a - 1) * exp(-t) dt
  ///
  /// Computed by the power series, Legendre's continued fraction or Temme's uniform expansion,
  /// whichever suits `(a, x)`; within 10 ulps of mpmath over the tested grid. The methods and
  /// their accuracy are in <doc:computing-poisson-probabilities-accurately>.
  ///
  /// - Parameters:
  ///   - a: The shape, positive and finite.
  ///   - x: The upper limit, nonnegative (may be infinite).
  /// - Returns: P(a, x) in [0, 1], or NaN outside the domain.
  public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    incompleteGammaRatios(a, x).p
  }

  /// Returns the regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x).
  ///
  /// Computed directly when it is the smaller tail, never as `1 - P` when small.
  ///
  /// - Parameters:
  ///   - a: The shape, positive and finite.
  ///   - x: The lower limit, nonnegative (may be infinite).
  /// - Returns: Q(a, x) in [0, 1], or NaN outside the domain.
  public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    incompleteGammaRatios(a, x).q
  }

  /// Returns the survival function of the chi-square distribution, P(X > x).
  ///
  ///     chiSquareSurvival(x, k) = Q(k / 2, x / 2)
  ///
  /// - Parameters:
  ///   - x: The statistic; negative values give 1.
  ///   - degreesOfFreedom: Positive and finite.
  /// - Returns: The upper-tail probability, or NaN outside the domain.
  public static func chiSquareSurvival(_ x: Double, degreesOfFreedom: Double) -> Double {
    guard degreesOfFreedom > 0, degreesOfFreedom.isFinite, !x.isNaN else { return .nan }
    if x <= 0 { return 1 }
    return regularizedGammaQ(degreesOfFreedom / 2, x / 2)
  }

  /// Returns both regularized incomplete gamma ratios, each accurate in its own tail.
  ///
  /// The smaller of the two is computed directly and the other as one minus it:
  ///
  /// - `a >= 20` and `|x/a - 1| <= 0.3`: Temme's uniform asymptotic expansion (DLMF 8.12.3-4)
  ///   with 11 coefficient functions, each a degree-24 polynomial in `eta`
  ///   (see `TemmeCoefficients`), in the scaled form
  ///   `exp(-deviance(a, x)) * (erfcx(z) / 2 +- sum / sqrt(2 * pi * a))`, `z = sqrt(deviance)`,
  ///   so that deep tails lose nothing to the conditioning of `erfc`. Cost is independent of
  ///   `a`, so `a = 1e12` is as fast as `a = 20`.
  /// - otherwise, `x < a + 1` (and `x < 1` when `a < 1`): the power series
  ///   `P = D * sum over n >= 0 of x^n / ((a + 1) ... (a + n))`;
  /// - otherwise: Legendre's continued fraction for Q, evaluated by the modified Lentz method.
  ///
  /// The prefactor `D = x^a * exp(-x) / Gamma(a + 1)` is Loader's saddle-point form in
  /// double-double (`logPoissonKernel`), so it carries no cancellation for large `a` and `x`.
  ///
  /// Measured accuracy (tests in `SpecialFunctionsTests` and `PoissonTests` against mpmath):
  /// within 10 ulps over the tested grid (a from 0.01 to 1e12, both tails down to 1e-290;
  /// tests assert 16), and within 5 ulps on the Poisson grid (integer a, means 1e-300 to 1e12).
  /// For `a < 1` and `x < 1` where P > 1/2, Q is summed directly (`upperSmallShape`).
  @usableFromInline
  static func incompleteGammaRatios(_ a: Double, _ x: Double) -> (p: Double, q: Double) {
    guard a > 0, a.isFinite, x >= 0 else { return (.nan, .nan) }
    if x == 0 { return (0, 1) }
    if x.isInfinite { return (1, 0) }
    // Q(1, x) = exp(-x) and P(1, x) = 1 - exp(-x) exactly (the Poisson cdf and sf at k = 0):
    // the library functions are within an ulp, where the series or the fraction cost
    // tens of iterations and lost up to 7 ulps.
    if a == 1 { return (-Double.expMinusOne(-x), Double.exp(-x)) }
    if a >= 20, Swift.abs(x - a) <= 0.3 * a {
      return temme(a, x)
    }
    if x < a + 1, !(a < 1 && x >= 1) {
      let p = lowerSeries(a, x)
      if a < 1, p > 0.5 {
        let q = upperSmallShape(a, x)
        return (1 - q, q)
      }
      return (p, 1 - p)
    }
    let q = upperContinuedFraction(a, x)
    return (1 - q, q)
  }

  /// P(a, x) by its power series; for `x < a + 1` it converges at least geometrically.
  static func lowerSeries(_ a: Double, _ x: Double) -> Double {
    let logPrefactor = fastLogPoissonKernel(count: a, mean: x)
    if logPrefactor.hi < -800 { return 0 }
    var sum = 1.0
    var term = 1.0
    var n = 1.0
    while n < 100_000 {
      term *= x / (a + n)
      sum += term
      if term <= sum * 0x1p-56 { break }
      n += 1
    }
    let prefactor = DoubleDouble.exp(logPrefactor)
    return prefactor * sum
  }

  /// Returns Q(a, x) for `a < 1`, `x < 1`, where it is the smaller tail, without forming `1 - P`.
  ///
  ///
  ///     Q(a, x) = -expm1(a log x - logGamma(1 + a))
  ///               - x^a / Gamma(1 + a) * a * sum over n >= 1 of (-x)^n / (n! * (a + n))
  ///
  /// from `gamma(a, x) = x^a * sum over n >= 0 of (-x)^n / (n! * (a + n))` (DLMF 8.7.1).
  static func upperSmallShape(_ a: Double, _ x: Double) -> Double {
    let exponent = a * Double.log(x) - Double.logGamma(1 + a)
    let head = -Double.expMinusOne(exponent)
    var sum = 0.0
    var power = 1.0
    var n = 1.0
    while n < 200 {
      power *= -x / n
      let term = power / (a + n)
      sum += term
      if Swift.abs(term) <= Swift.abs(sum) * 0x1p-56 { break }
      n += 1
    }
    return head - Double.exp(exponent) * a * sum
  }

  /// Returns Q(a, x) by Legendre's continued fraction (modified Lentz), for `x >= a + 1` or `x >= 1`.
  ///
  ///
  ///     Q(a, x) = a * D * 1/(x + 1 - a - 1*(1 - a)/(x + 3 - a - 2*(2 - a)/(x + 5 - a - ...)))
  static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
    let logPrefactor = fastLogPoissonKernel(count: a, mean: x)
    if logPrefactor.hi < -800 { return 0 }
    let tiny = 0x1p-1000
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    var i = 1.0
    while i < 100_000 {
      let an = -i * (i - a)
      b += 2
      d = an * d + b
      if Swift.abs(d) < tiny { d = tiny }
      c = b + an / c
      if Swift.abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if Swift.abs(delta - 1) <= 0x1p-56 { break }
      i += 1
    }
    let prefactor = DoubleDouble.exp(logPrefactor)
    return a * prefactor * h
  }

  /// P and Q by Temme's uniform expansion, for `a >= 20` and `|x/a - 1| <= 0.3`.
  static func temme(_ a: Double, _ x: Double) -> (p: Double, q: Double) {
    let dev = deviance(a, DoubleDouble(x))
    let z = dev.hi.squareRoot()
    let eta = (x >= a ? 1 : -1) * (2 * dev.hi / a).squareRoot()
    let inverseA = 1 / a
    var sum = 0.0
    for row in TemmeCoefficients.rows.reversed() {
      var ck = 0.0
      for coefficient in row.reversed() {
        ck = ck * eta + coefficient
      }
      sum = sum * inverseA + ck
    }
    let scaledSum = sum / (2 * Double.pi * a).squareRoot()
    let weight = DoubleDouble.exp(-dev)
    let halfErfcx = 0.5 * scaledComplementaryError(z)
    if x >= a {
      let q = weight * (halfErfcx + scaledSum)
      return (1 - q, q)
    }
    let p = weight * (halfErfcx - scaledSum)
    return (p, 1 - p)
  }

  /// Returns the scaled complementary error function `erfcx(z) = exp(z^2) * erfc(z)`, `z >= 0`.
  ///
  /// For `z < 5`, `exp(z^2)` with `z^2` split exactly (so its rounding costs nothing) times the
  /// library `erfc`; beyond, the Laplace continued fraction
  ///
  ///     erfcx(z) = (1 / sqrt(pi)) / (z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + ...)))))
  ///
  /// evaluated by the modified Lentz method. Accuracy: a few ulps (mostly the library `erfc`).
  static func scaledComplementaryError(_ z: Double) -> Double {
    if z < 5 {
      let square = DoubleDouble.twoProduct(z, z)
      return DoubleDouble.exp(square) * Double.erfc(z)
    }
    let tiny = 0x1p-1000
    var f = z
    var c = z
    var d = 0.0
    var n = 1.0
    while n < 10_000 {
      let an = n / 2
      d = z + an * d
      if Swift.abs(d) < tiny { d = tiny }
      c = z + an / c
      if Swift.abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = c * d
      f *= delta
      if Swift.abs(delta - 1) <= 0x1p-56 { break }
      n += 1
    }
    return 1 / (Double.pi.squareRoot() * f)
  }
}

// MARK: - Fast paths of the saddle-point pieces

extension SpecialFunctions {
  /// The deviance `x * log(x / mean) + mean - x` in double-double, by the fast path where its
  /// error bound holds and by ``deviance(_:_:)-(Double,DoubleDouble)`` elsewhere.
  ///
  /// The switch between Loader's series and the logarithm is the slow path's
  /// (`|x - mean| <= 0.1 * (x + mean)`), so both paths take the same branch. The products are
  /// `DoubleDouble.splitProduct`'s (no `fma` call), valid below 2^995: `x < 2^64` and
  /// `mean < 2^900` keep every intermediate below 2^902 (a larger mean takes the slow path).
  ///
  /// - Series (`|v| <= 0.1`, `v = (x - mean) / (x + mean)`): Loader's
  ///   `(x - mean) * v + 2x * v * sum over j >= 1 of v^(2j) / (2j+1)`, as
  ///   `v * ((x - mean) + 2x * S)` (the two terms have the same sign, so nothing cancels). A
  ///   term is taken in double-double while the next one's contribution `2x v v^(2j) / (2j+1)`
  ///   could exceed 2^-25; from there each contribution is below 2^-25 and falls by a factor
  ///   `v^2 <= 0.0101`, so their sum is taken in double (stopped below 2^-90), with an
  ///   absolute error below 2^-76.9. The result is within 2^-76 of the deviance (the
  ///   double-double parts add about 2^-100 times its size, and a deviance above 750 only
  ///   ever multiplies a probability that underflows).
  /// - Logarithm: `x * fastLog(x / mean) + (mean - x)`, with `DoubleDouble.fastLog` good to
  ///   2^-78 absolute, so the error is below `x * 2^-78`. A probability that does not
  ///   underflow needs a deviance below about 750, which on this branch (`x / mean` outside
  ///   [0.818, 1.222], so the deviance is at least `0.018 * mean` and `0.018 * x`) means
  ///   `x < 4.2e4 < 2^15.4`: an error below 2^-62.6, under 0.002 ulp of the probability.
  ///   Where `mean` or `x / mean` is not normal (or beyond 2^+-1000), the slow path.
  static func fastDeviance(_ x: Double, _ mean: DoubleDouble) -> DoubleDouble {
    if x == 0 { return mean }
    guard mean.hi < 0x1p900, x < 0x1p64 else { return deviance(x, mean) }
    let count = DoubleDouble(x)
    let difference = count - mean
    let total = count + mean
    if Swift.abs(difference.hi) <= 0.1 * total.hi {
      // v = difference / total by one reciprocal and a correction (about 104 bits).
      let reciprocal = 1 / total.hi
      let q1 = difference.hi * reciprocal
      let q2 = (difference - DoubleDouble.splitMultiply(total, q1)).hi * reciprocal
      let v = DoubleDouble.fastTwoSum(q1, q2)
      let w = DoubleDouble.splitMultiply(v, v)
      // deviance = v * ((x - mean) + 2x * S),  S = sum over j >= 1 of w^j / (2j + 1)
      // (Loader's (x - mean) v + 2x v S), with 2x * w^j / (2j + 1) * v in double-double while
      // the next such contribution may exceed 2^-25.
      let twoX = 2 * x
      let scale = Swift.abs(twoX * v.hi) * w.hi
      let reciprocals = oddReciprocals
      var series = DoubleDouble(0)
      var power = w
      var j = 1
      while j < 40 {
        let term = DoubleDouble.splitMultiply(power, reciprocals[j])
        series = series + term
        j += 1
        if Swift.abs(term.hi) * scale <= 0x1p-25 { break }
        power = DoubleDouble.splitMultiply(power, w)
      }
      // The rest in double: the first contribution is below 2^-25 and each falls by
      // w <= 0.0101; stopped once below 2^-90.
      var rest = 0.0
      var small = power.hi
      let contribution = Swift.abs(twoX * v.hi)
      while j < 40 {
        small *= w.hi
        let term = small * reciprocals[j].hi
        rest += term
        if Swift.abs(term) * contribution <= 0x1p-90 { break }
        j += 1
      }
      let inner = difference + DoubleDouble.splitMultiply(series + DoubleDouble(rest), twoX)
      return DoubleDouble.splitMultiply(inner, v)
    }
    guard mean.hi.isNormal else { return deviance(x, mean) }
    let ratio = DoubleDouble.splitQuotient(x, mean)
    guard ratio.hi > 0x1p-1000, ratio.hi < 0x1p1000 else { return deviance(x, mean) }
    return DoubleDouble.splitMultiply(count, DoubleDouble.fastLog(ratio)) + (mean - count)
  }

  /// `1 / (2j + 1)` in double-double for `j` in `0 ..< 40` (``DoubleDouble``'s division, once
  /// on first use), so the deviance series multiplies instead of dividing.
  static let oddReciprocals: [DoubleDouble] = (0..<40).map { j in
    DoubleDouble(1) / DoubleDouble(Double(2 * j + 1))
  }

  /// `log(k!)` in double-double for `k` in `0 ..< 128`, summed from ``DoubleDouble/log(_:)``
  /// once on first use (absolute error below 2^-95).
  static let logFactorialTable: [DoubleDouble] = {
    var table = [DoubleDouble(0), DoubleDouble(0)]
    for k in 2..<128 {
      table.append(table[k - 1] + DoubleDouble.log(DoubleDouble(Double(k))))
    }
    return table
  }()

  /// `logPoissonKernel` by fast paths: `log(x^a * exp(-x) / Gamma(a + 1))` in double-double.
  ///
  /// - Integer `a < 128` with `x <= 1024`: the direct form `a * log(x) - x - log(a!)`, with
  ///   `DoubleDouble.fastLog` (2^-78 absolute) and a table of `log(a!)`. Every term is below
  ///   `127 * 745 < 2^17`, so the double-double roundings add below 2^-85 and the
  ///   logarithm's error times `a` below 2^-71. Cheaper than the saddle point, which needs two
  ///   logarithms and the deviance; the cancellation between the terms costs nothing in
  ///   absolute terms, which is what the exponential needs.
  /// - Otherwise Loader's saddle point, the slow path's formula and order,
  ///   `-(stirlingError(a) + deviance(a, x) + log(2 * pi) / 2 + log(a) / 2)`, with
  ///   ``fastDeviance(_:_:)`` (below 2^-62.6 where the exponential does not underflow) and
  ///   `fastLog(a) / 2` (2^-79).
  ///
  /// So the absolute error is below 2^-62 wherever `exp` of the result does not underflow,
  /// against about 2^-100 for the slow path: under 0.002 ulp of the probability. Falls back to
  /// the slow path for a non-normal `a` or `x`, or `x >= 2^900`. Requires `a >= 0`, `x > 0`.
  @usableFromInline
  static func fastLogPoissonKernel(count a: Double, mean x: Double) -> DoubleDouble {
    if a == 0 { return DoubleDouble(-x) }
    guard a.isNormal, x.isNormal, x < 0x1p900 else { return logPoissonKernel(count: a, mean: x) }
    if a < 128, x <= 1024, a.rounded(.towardZero) == a {
      let power = DoubleDouble.splitMultiply(DoubleDouble.fastLog(x), a)
      return (power - DoubleDouble(x)) - logFactorialTable[Int(a)]
    }
    let stirling = DoubleDouble(stirlingError(a))
    let dev = fastDeviance(a, DoubleDouble(x))
    let logA = DoubleDouble.fastLog(a)
    let halfLogA = DoubleDouble(hi: logA.hi * 0.5, lo: logA.lo * 0.5)
    return -(stirling + dev + DoubleDouble.halfLogTwoPi + halfLogA)
  }
}
