// SPDX-License-Identifier: GPL-3.0-or-later

extension HiPPO {
  /// The Legendre memories whose coefficients are projections on a window.
  public enum Window: Sendable, Hashable {
    /// LegS: `[0, t]` with the measure `1/t`.
    case scaled
    /// LegT: `[t - theta, t]` with the measure `1/theta`.
    case translated(theta: Double)

    /// Maps `x` in [-1, 1] to the time it stands for at time `t`.
    func time(_ x: Double, at t: Double) -> Double {
      switch self {
      case .scaled: t * (x + 1) / 2
      case .translated(let theta): t - theta * (1 - x) / 2
      }
    }

    /// Maps a time `s` of the window at `t` to `x` in [-1, 1].
    func point(_ s: Double, at t: Double) -> Double {
      switch self {
      case .scaled: 2 * s / t - 1
      case .translated(let theta): 1 + 2 * (s - t) / theta
      }
    }
  }

  /// Returns the coefficients `c_0 ... c_(N-1)` of `f` on a window at time `t`, by an own
  /// Gauss-Legendre rule.
  ///
  ///     c_n(t) = (1/2) * integral over [-1, 1] of f(s(x)) r_n P_n(x) dx,  r_n = sqrt(2n + 1)
  ///
  /// which is the LegS state `(1/t) * integral over [0, t] of f(s) r_n P_n(2s/t - 1) ds` and the
  /// LegT state with window `theta`. The basis `r_n P_n` is orthonormal for the measure
  /// `dx / 2`, so the best approximation of degree below N is `sum of c_n r_n P_n`, and
  ///
  ///     (1/2) integral of (f - approximation)^2 = (1/2) integral of f^2 - sum of c_n^2.
  ///
  /// - Parameters:
  ///   - f: The input.
  ///   - time: The time `t`, positive (LegS) or finite (LegT).
  ///   - window: LegS or LegT.
  ///   - size: N.
  ///   - points: The quadrature's nodes on each piece (exact for `f` a polynomial of degree
  ///     below `2 points - N + 1`).
  ///   - breaks: Points of (-1, 1) where `f` is not smooth (a kink); the rule is applied on
  ///     each piece between them, so it keeps its accuracy.
  /// - Returns: The N coefficients.
  /// - Throws: `HiPPO.Error.invalidSize`, `.invalidPositive` for a bad time or window.
  public static func projection(
    of f: (Double) -> Double, at time: Double, window: Window, size: Int, points: Int = 200,
    breaks: [Double] = []
  ) throws(Error) -> [Double] {
    try validate(size: size)
    try validateWindow(window, time)
    let rule = try GaussLegendre(points: points)
    let edges = [-1.0] + breaks.filter { $0 > -1 && $0 < 1 }.sorted() + [1.0]
    var c = [Double](repeating: 0, count: size)
    for (lower, upper) in zip(edges, edges.dropFirst()) {
      let half = (upper - lower) / 2
      let middle = (upper + lower) / 2
      for (node, w) in zip(rule.nodes, rule.weights) {
        let x = middle + half * node
        let value = f(window.time(x, at: time))
        let p = Legendre.values(size, at: x)
        for n in 0..<size {
          c[n] += half * w * value * Double(2 * n + 1).squareRoot() * p[n] / 2
        }
      }
    }
    return c
  }

  /// Returns the reconstruction `sum over n of c_n r_n P_n(x(s))` at a time `s` of the window.
  ///
  /// - Throws: `HiPPO.Error.invalidPositive` for a bad time or window.
  public static func reconstruction(
    _ coefficients: [Double], at s: Double, time: Double, window: Window
  ) throws(Error) -> Double {
    try validateWindow(window, time)
    let p = Legendre.values(coefficients.count, at: window.point(s, at: time))
    var sum = 0.0
    for n in coefficients.indices { sum += coefficients[n] * Double(2 * n + 1).squareRoot() * p[n] }
    return sum
  }

  static func validateWindow(_ window: Window, _ time: Double) throws(Error) {
    switch window {
    case .scaled: try validate(positive: time, "time")
    case .translated(let theta):
      try validate(positive: theta, "window")
      guard time.isFinite else { throw .invalidPositive(name: "time", value: time) }
    }
  }

  /// Returns the state at `end` of `c' = A c + B f` (or `(A c + B f) / t` when `scaled`) from
  /// `c(start) = initial`, by the classical fourth-order Runge-Kutta method with `steps` steps.
  ///
  /// The global error is of order `(h * max(|A| / t, rate of f))^4` for step `h`.
  ///
  /// - Throws: `HiPPO.Error.invalidPositive` for `start >= end`, a non-positive start with
  ///   `scaled`, or fewer than one step; `.shapeMismatch` for an initial state of the wrong
  ///   length; `.linearAlgebra` on overflow.
  public static func integrate(
    _ system: System<Double>, scaled: Bool, from start: Double, to end: Double,
    initial: [Double], steps: Int, input f: (Double) -> Double
  ) throws(Error) -> [Double] {
    guard start.isFinite, end.isFinite, end > start else {
      throw .invalidPositive(name: "interval length", value: end - start)
    }
    if scaled { try validate(positive: start, "start time") }
    guard steps >= 1 else { throw .invalidPositive(name: "number of steps", value: Double(steps)) }
    guard initial.count == system.size else {
      throw .shapeMismatch(
        rows: system.transition.rows, columns: system.transition.columns, input: initial.count)
    }
    let n = system.size
    let a = system.transition.elements
    let b = system.input
    func derivative(_ t: Double, _ c: [Double]) -> [Double] {
      let u = f(t)
      let scale = scaled ? 1 / t : 1
      var d = [Double](repeating: 0, count: n)
      for i in 0..<n {
        var sum = b[i] * u
        for k in 0..<n { sum += a[i * n + k] * c[k] }
        d[i] = scale * sum
      }
      return d
    }
    let h = (end - start) / Double(steps)
    var c = initial
    for j in 0..<steps {
      let t = start + Double(j) * h
      let k1 = derivative(t, c)
      let k2 = derivative(t + h / 2, zip(c, k1).map { $0 + h / 2 * $1 })
      let k3 = derivative(t + h / 2, zip(c, k2).map { $0 + h / 2 * $1 })
      let k4 = derivative(t + h, zip(c, k3).map { $0 + h * $1 })
      for i in 0..<n { c[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) }
    }
    guard c.allSatisfy(\.isFinite) else { throw .linearAlgebra("the state overflowed") }
    return c
  }
}
