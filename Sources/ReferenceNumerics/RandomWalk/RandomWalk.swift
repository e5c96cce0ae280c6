// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// A simple random walk on the integers: the position after a number of steps of +1 or -1.
///
/// The walk starts at 0 and takes `n` independent steps, +1 with probability `p` and -1 with
/// probability `q = 1 - p`. Its position `S(n)` is `2 R - n` for `R ~ Binomial(n, p)`, the
/// number of steps up:
///
///     P(S(n) = k) = C(n, (n + k) / 2) * p^((n + k) / 2) * q^((n - k) / 2)
///                   when n + k is even and |k| <= n, and 0 otherwise
///     E[S(n)] = n * (p - q),  Var[S(n)] = 4 * n * p * q
///
/// Here `n` is ``steps`` and `p` is ``upProbability``; `p = 1/2` is the symmetric walk, whose
/// generating function is `((x + 1/x) / 2)^n`. Probabilities come from ``Binomial``'s
/// saddle-point pmf (Loader), with every exponent in double-double, so they stay within a few
/// ulps for `n` up to 1e9 and beyond; the cdf and survival are incomplete beta ratios whose
/// smaller tail is computed directly. Never factorials, never `1 - cdf` for a small tail.
///
/// Feller, W. (1968), "An Introduction to Probability Theory and Its Applications", vol. 1,
/// ch. III; Loader, C. (2000), "Fast and Accurate Computation of Binomial Probabilities".
public struct RandomWalk<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The number of steps `n`, in `0 ..< 2^53`.
  public let steps: Int
  /// The probability `p` of a step up (+1), in [0, 1].
  public let upProbability: Scalar
  /// The number of steps up, a binomial count.
  let ups: Binomial<Scalar>

  /// Creates a walk of `steps` steps, each up with probability `upProbability`.
  ///
  /// - Parameters:
  ///   - steps: The number of steps, in `0 ..< 2^53`.
  ///   - upProbability: The probability of a step up, in [0, 1]; 1/2 by default.
  /// - Throws: `RandomWalk.Error.invalidSteps` or `.invalidUpProbability` naming the bad value.
  public init(steps: Int, upProbability: Scalar = 0.5) throws(Error) {
    guard steps >= 0, steps < 1 << 53 else { throw .invalidSteps(steps) }
    guard upProbability >= 0, upProbability <= 1 else {
      throw .invalidUpProbability(Double(upProbability))
    }
    self.steps = steps
    self.upProbability = upProbability
    do {
      ups = try Binomial(trials: steps, successProbability: upProbability)
    } catch {
      throw .invalidSteps(steps)
    }
  }

  /// The mean position, `n * (p - q)`.
  public var mean: Scalar {
    let p = Double(upProbability)
    return Scalar(Double(steps) * (p - (1 - p)))
  }

  /// The variance of the position, `4 * n * p * q`.
  public var variance: Scalar {
    let p = Double(upProbability)
    return Scalar(4 * Double(steps) * p * (1 - p))
  }

  /// Returns the number of steps up that ends at `position`, or nil when none does.
  func upCount(_ position: Int) -> Int? {
    guard position >= -steps, position <= steps else { return nil }
    let sum = steps + position
    return sum % 2 == 0 ? sum / 2 : nil
  }

  /// Returns the largest number of steps up whose position is at most `position`.
  func upCount(atMost position: Int) -> Int {
    if position < -steps { return -1 }
    if position >= steps { return steps }
    let sum = steps + position
    return sum >= 0 ? sum / 2 : -1
  }

  /// Returns the probability of being at `position` after ``steps`` steps (the pmf).
  ///
  /// - Parameter position: The position `k`; a wrong parity or `|k| > n` gives 0.
  /// - Returns: `P(S(n) = k)`; 0 where it underflows.
  public func probability(at position: Int) -> Scalar {
    guard let r = upCount(position) else { return 0 }
    return ups.probability(of: r)
  }

  /// Returns the natural logarithm of the probability of being at `position` (the log-pmf).
  ///
  /// - Parameter position: The position `k`.
  /// - Returns: `log P(S(n) = k)`, negative infinity where the probability is exactly 0;
  ///   accurate also where the probability underflows.
  public func logProbability(at position: Int) -> Scalar {
    guard let r = upCount(position) else { return -.infinity }
    return ups.logProbability(of: r)
  }

  /// Returns `P(S(n) <= k)`, the cumulative distribution function (cdf).
  ///
  /// - Parameter position: The position `k`, any integer.
  /// - Returns: The probability, accurate in relative terms even when tiny.
  /// - Complexity: O(sqrt(n)) near the mean, less in the tails.
  public func cumulativeProbability(through position: Int) -> Scalar {
    ups.cumulativeProbability(through: upCount(atMost: position))
  }

  /// Returns `P(S(n) > k)`, the survival function (sf), computed directly (never as 1 - cdf).
  ///
  /// - Parameter position: The position `k`, any integer.
  /// - Returns: The probability, accurate in relative terms even when tiny.
  /// - Complexity: O(sqrt(n)) near the mean, less in the tails.
  public func survivalProbability(after position: Int) -> Scalar {
    ups.survivalProbability(after: upCount(atMost: position))
  }

  /// The probability `u(n)` that the walk is back at 0 after ``steps`` steps.
  ///
  ///     u(n) = C(n, n/2) * (p * q)^(n/2)   for even n (1 for n = 0), 0 for odd n
  ///
  /// For the symmetric walk `u(2m) ~ 1 / sqrt(pi * m)`. Same accuracy as the pmf.
  public var returnProbability: Scalar { probability(at: 0) }

  /// The probability `f(n)` that the walk returns to 0 for the first time at step ``steps``.
  ///
  ///     F(s) = 1 - sqrt(1 - 4 p q s^2)  gives  f(n) = u(n) / (n - 1)   for even n >= 2
  ///
  /// and 0 for odd `n` and `n = 0`. One correctly rounded division on top of the pmf, so it is
  /// within a few ulps for every `n`; the log-gamma route loses about `n * eps` relative.
  public var firstReturnProbability: Scalar {
    guard steps >= 2, steps % 2 == 0 else { return 0 }
    return Scalar(Double(returnProbability) / Double(steps - 1))
  }

  /// Returns the characteristic function `E[exp(i * omega * S(n))]` as a real and an imaginary
  /// part.
  ///
  ///     E[exp(i * omega * S(n))] = (p * exp(i * omega) + q * exp(-i * omega))^n
  ///                              = (cos(omega) + i * (p - q) * sin(omega))^n
  ///
  /// For the symmetric walk it is `cos(omega)^n`, real. The modulus is raised to the power `n`
  /// in logarithms, with `log(cos(omega)) = log1p(-2 * sin(omega / 2)^2)` so small `omega`
  /// keeps its relative accuracy (the continuum limit `cos(omega / sqrt(n))^n`).
  ///
  /// - Parameter omega: The frequency.
  /// - Returns: The value as `(real, imaginary)`.
  public func characteristicFunction(at omega: Scalar) -> (real: Scalar, imaginary: Scalar) {
    let w = Double(omega)
    let p = Double(upProbability)
    let bias = 2 * p - 1
    let n = Double(steps)
    if steps == 0 { return (1, 0) }
    let half = Double.sin(w / 2)
    let cosine = Double.cos(w)
    let sine = Double.sin(w)
    if bias == 0 {
      // cos(w)^n with the sign taken apart, the modulus in logarithms.
      let logModulus = n * Double.log(onePlus: -2 * half * half)
      let magnitude = Double.exp(logModulus)
      let negative = cosine < 0 && steps % 2 == 1
      return (Scalar(negative ? -magnitude : magnitude), 0)
    }
    // |z|^2 = cos^2 + bias^2 sin^2 = 1 - (1 - bias^2) sin^2.
    let logModulus = n / 2 * Double.log(onePlus: -(1 - bias * bias) * sine * sine)
    let angle = n * Double.atan2(y: bias * sine, x: cosine)
    let magnitude = Double.exp(logModulus)
    return (Scalar(magnitude * Double.cos(angle)), Scalar(magnitude * Double.sin(angle)))
  }

  /// Draws the position after ``steps`` steps, one step at a time.
  ///
  /// Each step is up when a uniform draw in (0, 1) falls below `p`.
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: The final position.
  /// - Complexity: O(n).
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
    let p = Double(upProbability)
    var position = 0
    for _ in 0..<steps {
      position += generator.nextOpenUnitDouble() < p ? 1 : -1
    }
    return position
  }
}

extension RandomWalk {
  /// Returns the coefficients of the walk's generating function raised to the `n`-th power.
  ///
  ///     G(x) = (p * x + q / x)^n = x^(-n) * (q + p * y)^n,   y = x^2
  ///
  /// Coefficient `r` (of `x^(2r - n)`) is `P(S(n) = 2r - n)`, the probability of `r` steps up.
  /// The polynomial `q + p * y` is raised to the `n`-th power by binary powering (repeated
  /// squaring and multiplication, each an exact convolution of coefficient lists), not by the
  /// closed form. Every coefficient is a sum of positive terms, so the relative error grows
  /// only with the number of roundings, about `log2(n)` levels of sums.
  ///
  /// - Returns: `n + 1` coefficients, index `r` for position `2r - n`.
  /// - Complexity: O(n^2) multiplications.
  public func generatingFunctionCoefficients() -> [Scalar] {
    let p = upProbability
    let base: [Scalar] = [1 - p, p]
    var result: [Scalar] = [1]
    var power = base
    var exponent = steps
    while exponent > 0 {
      if exponent % 2 == 1 { result = Self.convolve(result, power) }
      exponent /= 2
      if exponent > 0 { power = Self.convolve(power, power) }
    }
    return result
  }

  /// Returns the product of two polynomials given by their coefficients.
  static func convolve(_ a: [Scalar], _ b: [Scalar]) -> [Scalar] {
    var product = [Scalar](repeating: 0, count: a.count + b.count - 1)
    for (i, x) in a.enumerated() where x != 0 {
      for (j, y) in b.enumerated() {
        product[i + j] += x * y
      }
    }
    return product
  }
}

extension RandomWalk {
  /// Describes why a walk could not be created.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The number of steps was negative or at least 2^53.
    case invalidSteps(Int)
    /// The probability of a step up was outside [0, 1] or NaN.
    case invalidUpProbability(Double)

    public var description: String {
      switch self {
      case .invalidSteps(let value):
        "A random walk's number of steps must be in 0 ..< 2^53; got \(value)."
      case .invalidUpProbability(let value):
        "A random walk's probability of a step up must be in [0, 1]; got \(value)."
      }
    }
  }
}
