// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// Legendre polynomials and Gauss-Legendre quadrature, the basis of the LegS and LegT memories.
///
/// `P_0 = 1`, `P_1 = x` and Bonnet's recurrence
///
///     (n + 1) P_(n+1)(x) = (2n + 1) x P_n(x) - n P_(n-1)(x)
///
/// give every `P_n`; they are orthogonal on [-1, 1] with
/// `integral of P_m P_n = 2 / (2n + 1)` when `m = n` and 0 otherwise, and `P_n(1) = 1`,
/// `P_n(-1) = (-1)^n`. Derivatives follow from `P'_(n+1) = (n + 1) P_n + x P'_n`.
public enum Legendre {
  /// Returns `P_0(x) ... P_(count-1)(x)` by Bonnet's recurrence.
  ///
  /// - Parameters:
  ///   - count: How many polynomials, non-negative.
  ///   - x: The point; any real (the recurrence is stable on [-1, 1]).
  /// - Returns: `count` values.
  /// - Complexity: O(count).
  public static func values<Scalar: ReferenceScalar>(_ count: Int, at x: Scalar) -> [Scalar] {
    guard count > 0 else { return [] }
    var p = [Scalar](repeating: 0, count: count)
    p[0] = 1
    if count > 1 { p[1] = x }
    if count > 2 {
      for n in 1..<(count - 1) {
        let a = Scalar(2 * n + 1) * x * p[n]
        p[n + 1] = (a - Scalar(n) * p[n - 1]) / Scalar(n + 1)
      }
    }
    return p
  }

  /// Returns the derivatives `P'_0(x) ... P'_(count-1)(x)`, by `P'_(n+1) = (n+1) P_n + x P'_n`.
  ///
  /// - Parameters:
  ///   - count: How many derivatives, non-negative.
  ///   - x: The point.
  /// - Returns: `count` values.
  public static func derivatives<Scalar: ReferenceScalar>(_ count: Int, at x: Scalar) -> [Scalar] {
    guard count > 0 else { return [] }
    let p = values(count, at: x)
    var d = [Scalar](repeating: 0, count: count)
    for n in 0..<(count - 1) { d[n + 1] = Scalar(n + 1) * p[n] + x * d[n] }
    return d
  }
}

/// An n-point Gauss-Legendre rule on [-1, 1]: exact for polynomials of degree below 2n.
///
/// The nodes are the roots of `P_n`, found by Newton's method from Tricomi's estimate
/// `cos(pi (4i + 3) / (4n + 2))`, and the weights are `2 / ((1 - x^2) P'_n(x)^2)`. Computed in
/// `Double` whatever the caller's precision: Newton converges quadratically, and each node is
/// within a few ulps of the true root for n up to a few thousand. Newton stops once its step
/// is within two ulps of the node (a step of rounding noise).
///
/// Both `1 - x^2` (in the weight) and `x^2 - 1` (in `P'_n`) are formed as `(1 - x)(1 + x)`, in
/// which `1 - x` is exact for the nodes past 1/2: the outermost nodes lie within about
/// `(2.4 / n)^2 / 2` of 1, and `1 - x * x` would cancel all but a few digits there (a relative
/// error of 1.6e-10 in the outermost weight at n = 5000, 8e-12 at n = 1000). The weight is also
/// corrected to first order for the node's own rounding, to which it is as sensitive.
public struct GaussLegendre: Sendable, Hashable {
  /// The nodes in ascending order.
  public let nodes: [Double]
  /// The weights, one per node; they add up to 2.
  public let weights: [Double]

  /// Creates the rule with `points` nodes.
  ///
  /// - Parameter points: The number of nodes, from 1 to 100000.
  /// - Throws: `HiPPO.Error.invalidSize` outside that range.
  public init(points: Int) throws(HiPPO.Error) {
    guard (1...100_000).contains(points) else { throw .invalidSize(points) }
    let n = points
    var x = [Double](repeating: 0, count: n)
    var w = [Double](repeating: 0, count: n)
    for i in 0..<((n + 1) / 2) {
      var z = Double.cos(Double.pi * (Double(4 * i) + 3) / (Double(4 * n) + 2))
      var derivative = 1.0
      for _ in 0..<100 {
        let (p, dp) = GaussLegendre.legendre(n, z)
        derivative = dp
        let step = p / dp
        z -= step
        if abs(step) <= Swift.max(1e-17, 2 * z.ulp) { break }
      }
      // The weight W(x) = 2 / ((1 - x^2) P'_n(x)^2) moves by -2x dx / (1 - x^2) relative to a
      // change dx of the node (by Legendre's equation, P'' = 2x P' / (1 - x^2) at a root), and
      // the node is rounded to a double within (2.4 / n)^2 / 2 of 1: take W at the exact root
      // z + delta, delta = -P_n(z) / P'_n(z), to first order, with P_n and P_(n-1) evaluated
      // in double-double so that delta (far below an ulp of z) is known to many digits.
      let (pn, previous) = GaussLegendre.accurateLegendre(n, z)
      let gap = (1 - z) * (1 + z)
      let slope = DoubleDouble.twoProduct(z, pn.hi) + DoubleDouble(z * pn.lo) - previous
      derivative = -Double(n) * slope.hi / gap
      let delta = -pn.hi / derivative
      let weight = 2 / (gap * derivative * derivative) * (1 - 2 * z * delta / gap)
      x[n - 1 - i] = z
      x[i] = -z
      w[i] = weight
      w[n - 1 - i] = weight
    }
    if n % 2 == 1 { x[n / 2] = 0 }
    nodes = x
    weights = w
  }

  /// Returns `P_n(z)` and `P'_n(z)` (`P'_n = n (z P_n - P_(n-1)) / (z^2 - 1)`).
  static func legendre(_ n: Int, _ z: Double) -> (Double, Double) {
    var p0 = 1.0
    var p1 = z
    if n == 0 { return (1, 0) }
    for k in 1..<n {
      let p2 = ((2 * Double(k) + 1) * z * p1 - Double(k) * p0) / Double(k + 1)
      p0 = p1
      p1 = p2
    }
    return (p1, Double(n) * (z * p1 - p0) / ((z - 1) * (z + 1)))
  }

  /// Returns `P_n(z)` and `P_(n-1)(z)` in double-double (Bonnet's recurrence carried to about
  /// 106 bits), for the residual at a node.
  static func accurateLegendre(_ n: Int, _ z: Double) -> (DoubleDouble, DoubleDouble) {
    var p0 = DoubleDouble(1)
    var p1 = DoubleDouble(z)
    if n == 0 { return (p0, DoubleDouble(0)) }
    for k in 1..<n {
      let a = p1 * DoubleDouble.twoProduct(Double(2 * k + 1), z)
      let p2 = (a - p0 * Double(k)) / Double(k + 1)
      p0 = p1
      p1 = p2
    }
    return (p1, p0)
  }

  /// Returns the integral of `f` over `[lower, upper]` by this rule, mapped affinely.
  public func integrate(from lower: Double, to upper: Double, _ f: (Double) -> Double) -> Double {
    let half = (upper - lower) / 2
    let middle = (upper + lower) / 2
    var sum = 0.0
    for (x, w) in zip(nodes, weights) { sum += w * f(middle + half * x) }
    return half * sum
  }
}
