import ReferenceNumerics

/// The golden vectors of article 10: HiPPO matrices, their discretisations, LegS states.
public enum HiPPOVectors {
  /// The measures, as the CLI names them.
  public enum Measure: String, Sendable, Hashable, CaseIterable {
    /// Scaled Legendre.
    case legs
    /// Translated Legendre (s4's normalisation at the default window 2).
    case legt
    /// The Legendre memory unit.
    case lmu
    /// Translated Laguerre (s4's, beta = 1).
    case lagt
    /// s4's real Fourier measure.
    case fourier

    var kernel: HiPPO.Measure {
      switch self {
      case .legs: .legS
      case .legt: .legT
      case .lmu: .lmu
      case .lagt: .lagT
      case .fourier: .fourier
      }
    }
  }

  /// The discretisations of `hippo-discrete`.
  public enum Method: String, Sendable, Hashable, CaseIterable {
    /// Forward Euler.
    case forwardEuler = "forward-euler"
    /// Backward Euler.
    case backwardEuler = "backward-euler"
    /// The bilinear (Tustin) rule.
    case bilinear
    /// The zero-order hold.
    case zoh
    /// The generalised bilinear transform with `--alpha`.
    case gbt
  }

  /// The schemes of `hippo-legs`.
  public enum LegSMethod: String, Sendable, Hashable, CaseIterable {
    /// The bilinear rule.
    case bilinear
    /// Forward Euler, the paper's form.
    case euler
    /// Backward Euler.
    case backwardEuler = "backward-euler"
    /// The exact zero-order hold in log time.
    case zoh

    var kernel: HiPPO.LegSScheme {
      switch self {
      case .bilinear: .bilinear
      case .euler: .forwardEuler
      case .backwardEuler: .backwardEuler
      case .zoh: .zeroOrderHold
      }
    }
  }

  /// The first-step conventions of `hippo-legs`.
  public enum FirstStep: String, Sendable, Hashable, CaseIterable {
    /// `c_(-1) = 0`, sample k at `t = k + 1` (the default).
    case zeroState = "zero-state"
    /// `c_0 = f_0 e_0`, sample k at `t = k`.
    case firstSample = "first-sample"
  }

  /// The checks whose claims verify the transition matrices.
  public static let matrixChecks = [
    "hippo.ode-projection", "hippo.lagt-steady-state", "hippo.eigenvalues", "hippo.nplr",
  ]
  /// The checks whose claims verify the discretisations.
  public static let discreteChecks = [
    "hippo.discretization", "hippo.convergence", "hippo.system-example",
  ]
  /// The checks whose claims verify the LegS recurrence.
  public static let legSChecks = [
    "hippo.legs-recurrence", "hippo.step-independence", "hippo.fast-step",
    "hippo.recurrence-accuracy",
  ]

  /// `u`, the unit roundoff of Double.
  static let unitRoundoff = Double.ulpOfOne / 2

  /// Returns `A` and `B` of `x' = A x + B u` (LegS: `x' = (A x + B u) / t`).
  ///
  /// Each tolerance is `4 u |value|`: every entry is at most a product of two correctly
  /// rounded square roots and a division (or pi times an integer, minus such a product).
  ///
  /// - Throws: `HiPPO.Error` for a size outside 1 ... 4096 or a window that is not positive.
  public static func matrices(measure: Measure, size: Int, window: Double) throws -> VectorSet {
    let system = try HiPPO.system(measure.kernel, size: size, window: window)
    let a = (0..<size).map { system.transition.row($0) }
    return try VectorSet(
      name: "hippo",
      parameters: [
        .init("measure", .text(measure.rawValue)), .init("size", .number(Double(size))),
        .init("window", .number(window)),
      ],
      outputs: [.init("A", .matrix(a)), .init("B", .numbers(system.input))],
      tolerances: [
        .init("A", .matrix(a.map { $0.map { 4 * unitRoundoff * abs($0) } })),
        .init("B", .numbers(system.input.map { 4 * unitRoundoff * abs($0) })),
      ],
      checks: matrixChecks)
  }

  /// Returns `Ad` and `Bd` of the discretised system.
  ///
  /// Each tolerance is `16 N (1 + dt |A|_inf) u` times the largest magnitude in its output:
  /// the solves with `I - alpha dt A` (condition number at most about `1 + dt |A|_inf`) are
  /// backward stable, and the zero-order hold's scaling and squaring takes about
  /// `log2(dt |A|_inf)` squarings, each doubling the error.
  ///
  /// - Throws: `HiPPO.Error` for a bad size, window, step or alpha, or a failed solve.
  public static func discrete(
    measure: Measure, size: Int, window: Double, step: Double, method: Method, alpha: Double?
  ) throws -> VectorSet {
    let system = try HiPPO.system(measure.kernel, size: size, window: window)
    let kernelMethod: HiPPO.Discretization =
      switch method {
      case .forwardEuler: .forwardEuler
      case .backwardEuler: .backwardEuler
      case .bilinear: .bilinear
      case .zoh: .zeroOrderHold
      case .gbt: .generalizedBilinear(alpha: alpha ?? 0.5)
      }
    let d = try HiPPO.discretize(system, step: step, method: kernelMethod)
    let ad = (0..<size).map { d.transition.row($0) }
    let growth = 16 * Double(size) * (1 + step * system.transition.infinityNorm) * unitRoundoff
    let bound = { (values: [Double]) in growth * (values.map(abs).max() ?? 0) }
    var parameters: [VectorSet.Entry] = [
      .init("measure", .text(measure.rawValue)), .init("size", .number(Double(size))),
      .init("window", .number(window)), .init("step", .number(step)),
      .init("method", .text(method.rawValue)),
    ]
    if method == .gbt { parameters.append(.init("alpha", .number(alpha ?? 0.5))) }
    let aBound = bound(d.transition.elements)
    let bBound = bound(d.input)
    return try VectorSet(
      name: "hippo-discrete", parameters: parameters,
      outputs: [.init("Ad", .matrix(ad)), .init("Bd", .numbers(d.input))],
      tolerances: [
        .init("Ad", .matrix(ad.map { $0.map { _ in aBound } })),
        .init("Bd", .numbers(d.input.map { _ in bBound })),
      ],
      checks: discreteChecks)
  }

  /// Returns the LegS states after each sample, one row per step.
  ///
  /// Each tolerance is `16 N L u` times the largest state magnitude (at least 1): each of the
  /// L steps rounds a few times per entry and the stable schemes do not amplify it. Forward
  /// Euler is unstable once `N > 2 t`; its bound holds only while the states stay bounded.
  ///
  /// - Throws: `HiPPO.Error` for a bad size or a sample that is not finite.
  public static func legS(
    size: Int, signal: [Double], method: LegSMethod, firstStep: FirstStep
  ) throws -> VectorSet {
    let states = try HiPPO.legSStates(
      signal: signal, size: size, scheme: method.kernel,
      firstStep: firstStep == .zeroState ? .zeroState : .firstSample)
    let largest = max(1, states.flatMap(\.self).map(abs).max() ?? 0)
    let bound = 16 * Double(size) * Double(signal.count) * unitRoundoff * largest
    return try VectorSet(
      name: "hippo-legs",
      parameters: [
        .init("size", .number(Double(size))), .init("signal", .numbers(signal)),
        .init("method", .text(method.rawValue)), .init("first_step", .text(firstStep.rawValue)),
      ],
      outputs: [.init("states", .matrix(states))],
      tolerances: [.init("states", .matrix(states.map { $0.map { _ in bound } }))],
      checks: legSChecks)
  }
}
