// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

extension HiPPO {
  /// The schemes of the scaled LegS recurrence, which discretise `c' = (A c + B f) / t`.
  ///
  /// At time `t` with step `dt`, write `lambda = dt / t`:
  ///
  ///     forward Euler   c+ = (I + lambda A) c + lambda B f
  ///     backward Euler  c+ = (I - lambda A)^-1 (c + lambda B f)
  ///     bilinear        c+ = (I - lambda A / 2)^-1 ((I + lambda A / 2) c + lambda B f)
  ///     zero-order hold c+ = exp(h A) c + A^-1 (exp(h A) - I) B f,  h = log((t + dt) / t)
  ///
  /// (the last is exact: in `tau = log t` the system is time-invariant). The paper's Euler
  /// form `c_(k+1) = (1 - A/k) c_k + B f_k / k` is the forward row with its positive A.
  public enum LegSScheme: String, Sendable, Hashable, CaseIterable {
    /// Forward Euler.
    case forwardEuler = "forward-euler"
    /// Backward Euler.
    case backwardEuler = "backward-euler"
    /// The bilinear (trapezoidal) rule.
    case bilinear
    /// The zero-order hold in log time.
    case zeroOrderHold = "zoh"

    /// The generalised bilinear alpha, or nil for the zero-order hold.
    var alpha: Double? {
      switch self {
      case .forwardEuler: 0
      case .backwardEuler: 1
      case .bilinear: 0.5
      case .zeroOrderHold: nil
      }
    }
  }

  /// Where the scaled LegS recurrence starts; the reference code has both.
  ///
  ///     zero state     c_(-1) = 0, and sample f_k (k = 0 ...) is taken at t = k + 1:
  ///                    c_k = step(c_(k-1), f_k, t = k + 1)
  ///                    (hippo-code HiPPO_LegS, s4 visualizations.py HiPPOScale)
  ///     first sample   c_0 = f_0 e_0, then c_k = step(c_(k-1), f_k, t = k) for k >= 1
  ///                    (hippo-code LSICell with init_t = 0, tests/test_legs_extension.py)
  ///
  /// Crosscheck's default is the zero state, which treats every sample alike.
  public enum FirstStep: String, Sendable, Hashable, CaseIterable {
    /// `c_(-1) = 0` and sample k at `t = k + 1` (the default).
    case zeroState = "zero-state"
    /// `c_0 = f_0 e_0` and sample k at `t = k`.
    case firstSample = "first-sample"
  }

  /// Returns `A x` for the LegS matrix in O(N) by a prefix sum.
  ///
  ///     (A x)_n = -((n + 1) x_n + r_n * sum over k < n of r_k x_k),  r_n = sqrt(2n + 1)
  ///
  /// - Complexity: O(N).
  public static func legSMultiply<Scalar: ReferenceScalar>(_ x: [Scalar]) -> [Scalar] {
    var prefix: Scalar = 0
    var y = [Scalar](repeating: 0, count: x.count)
    for n in x.indices {
      let r = Scalar(2 * n + 1).squareRoot()
      y[n] = -(Scalar(n + 1) * x[n] + r * prefix)
      prefix += r * x[n]
    }
    return y
  }

  /// Returns the solution `z` of `(I - lambda A) z = v` for the LegS matrix in O(N).
  ///
  /// With `S_n = sum over k <= n of r_k z_k`, row n reads
  /// `(1 + lambda (n + 1)) z_n + lambda r_n S_(n-1) = v_n`, so
  ///
  ///     z_n = (v_n - lambda r_n S_(n-1)) / (1 + lambda n + lambda)
  ///     S_n = (1 - lambda n) / (1 + lambda n + lambda) * S_(n-1)
  ///           + r_n / (1 + lambda n + lambda) * v_n
  ///
  /// (Su Jianlin, kexue.fm/archives/10137). `lambda` must be non-negative.
  ///
  /// - Complexity: O(N).
  public static func legSSolve<Scalar: ReferenceScalar>(
    lambda: Scalar, _ v: [Scalar]
  ) -> [Scalar] {
    var sum: Scalar = 0
    var z = [Scalar](repeating: 0, count: v.count)
    for n in v.indices {
      let r = Scalar(2 * n + 1).squareRoot()
      let denominator = 1 + lambda * Scalar(n) + lambda
      z[n] = (v[n] - lambda * r * sum) / denominator
      sum = (1 - lambda * Scalar(n)) / denominator * sum + r / denominator * v[n]
    }
    return z
  }

  /// Returns one step of the scaled LegS recurrence from time `t` to `t + dt`.
  ///
  /// - Parameters:
  ///   - state: The state `c(t)`, N finite entries.
  ///   - sample: The input `f`, held over the step.
  ///   - time: The time `t`, positive.
  ///   - step: The step `dt`, positive; only `dt / t` matters (step-size independence).
  ///   - scheme: The scheme.
  ///   - fast: Whether to use the O(N) multiply and solve (not for the zero-order hold, which
  ///     always forms the exponential).
  /// - Returns: `c(t + dt)`.
  /// - Throws: `HiPPO.Error.invalidPositive` for a bad time or step, `.nonFinite` for a bad
  ///   state or sample, `.linearAlgebra` on overflow.
  public static func legSStep<Scalar: ReferenceScalar>(
    _ state: [Scalar], sample: Scalar, time: Scalar, step: Scalar, scheme: LegSScheme,
    fast: Bool = true
  ) throws(Error) -> [Scalar] {
    try validate(positive: Double(time), "time")
    try validate(positive: Double(step), "step")
    if let bad = state.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(name: "state", index: bad)
    }
    guard sample.isFinite else { throw .nonFinite(name: "signal", index: 0) }
    let n = state.count
    let lambda = step / time
    let next: [Scalar]
    if let alphaValue = scheme.alpha, fast {
      let alpha = Scalar(alphaValue)
      let ax = legSMultiply(state)
      var v = [Scalar](repeating: 0, count: n)
      for i in 0..<n {
        let b = Scalar(2 * i + 1).squareRoot()
        v[i] = state[i] + (1 - alpha) * lambda * ax[i] + lambda * b * sample
      }
      next = alpha == 0 ? v : legSSolve(lambda: alpha * lambda, v)
    } else {
      let system = try HiPPO.system(.legS, size: n, as: Scalar.self)
      let discrete: System<Scalar>
      if scheme == .zeroOrderHold {
        let h = Scalar.log(onePlus: lambda)
        discrete = try discretize(system, step: h, method: .zeroOrderHold)
      } else {
        discrete = try discretize(
          system, step: lambda, method: .generalizedBilinear(alpha: scheme.alpha ?? 0.5))
      }
      do {
        let ax = try discrete.transition.multiplied(by: state)
        next = zip(ax, discrete.input).map { $0 + $1 * sample }
      } catch {
        throw .linearAlgebra("\(error)")
      }
    }
    guard next.allSatisfy(\.isFinite) else { throw .linearAlgebra("the state overflowed") }
    return next
  }

  /// Returns the LegS states after each sample of a signal, with unit steps.
  ///
  /// - Parameters:
  ///   - signal: The samples `f_0 ... f_(L-1)`, finite.
  ///   - size: The state size N.
  ///   - scheme: The scheme (default bilinear).
  ///   - firstStep: Where the recurrence starts (default the zero state, see ``FirstStep``).
  ///   - fast: Whether to use the O(N) steps where the scheme has them.
  /// - Returns: One state per sample.
  /// - Throws: `HiPPO.Error.invalidSize` for a bad size, `.nonFinite` for a bad sample,
  ///   `.linearAlgebra` on overflow.
  /// - Complexity: O(N L) when fast, O(N^3 L) otherwise or for the zero-order hold.
  public static func legSStates<Scalar: ReferenceScalar>(
    signal: [Scalar], size: Int, scheme: LegSScheme = .bilinear,
    firstStep: FirstStep = .zeroState, fast: Bool = true
  ) throws(Error) -> [[Scalar]] {
    try validate(size: size)
    if let bad = signal.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(name: "signal", index: bad)
    }
    var c = [Scalar](repeating: 0, count: size)
    var states: [[Scalar]] = []
    for (k, f) in signal.enumerated() {
      switch firstStep {
      case .zeroState:
        c = try legSStep(c, sample: f, time: Scalar(k + 1), step: 1, scheme: scheme, fast: fast)
      case .firstSample:
        if k == 0 {
          c[0] = f
        } else {
          c = try legSStep(c, sample: f, time: Scalar(k), step: 1, scheme: scheme, fast: fast)
        }
      }
      states.append(c)
    }
    return states
  }
}
