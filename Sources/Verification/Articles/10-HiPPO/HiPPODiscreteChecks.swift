import Foundation
import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Checks of article 10's discretisations: LTI schemes, the scaled LegS recurrence, O(N) steps.
enum HiPPODiscreteChecks {
  static let all: [Check] = [
    discretization, convergence, legSRecurrence, stepIndependence, fastStep, recurrenceAccuracy,
  ]

  /// The discretisations, as the checks and the CLI name them.
  enum Method: String, ParameterChoice {
    case forwardEuler = "forward-euler"
    case backwardEuler = "backward-euler"
    case bilinear, gbt, zoh

    func kernel(alpha: Double) -> HiPPO.Discretization {
      switch self {
      case .forwardEuler: .forwardEuler
      case .backwardEuler: .backwardEuler
      case .bilinear: .bilinear
      case .gbt: .generalizedBilinear(alpha: alpha)
      case .zoh: .zeroOrderHold
      }
    }
  }

  static let measure = CheckParameter<HiPPOSupport.MeasureChoice>.choice(
    "measure", help: "legs, legt, lmu, lagt or fourier")
  static let method = CheckParameter<Method>.choice(
    "method", help: "forward-euler, backward-euler, bilinear, gbt or zoh")
  static let step = CheckParameter.range(
    "step", within: 1e-8...1e4, help: "the step dt drawn")
  static let alpha = CheckParameter.range(
    "alpha", within: 0...1, default: 0.5, help: "the gbt alpha drawn (gbt only)")

  /// GSL's discretisation: LU solves (gsl_linalg_LU_solve) for the GBT family, and the
  /// exponential of the block matrix (gsl_linalg_exponential_ss) for the zero-order hold.
  static func gslDiscretize(
    _ a: [[Double]], _ b: [Double], step dt: Double, alpha: Double?
  ) throws -> (transition: [[Double]], input: [Double]) {
    let n = b.count
    guard let alpha else {
      var block = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n + 1)
      for i in 0..<n {
        for k in 0..<n { block[i][k] = dt * a[i][k] }
        block[i][n] = dt * b[i]
      }
      let e = try GSL.matrixExponential(block)
      return ((0..<n).map { Array(e[$0].prefix(n)) }, (0..<n).map { e[$0][n] })
    }
    let left = (0..<n).map { i in (0..<n).map { k in (i == k ? 1 : 0) - alpha * dt * a[i][k] } }
    let right = (0..<n).map { i in
      (0..<n).map { k in (i == k ? 1 : 0) + (1 - alpha) * dt * a[i][k] }
    }
    var columns: [[Double]] = []
    for k in 0..<n { columns.append(try GSL.luSolve(left, right.map { $0[k] })) }
    let transition = (0..<n).map { i in (0..<n).map { k in columns[k][i] } }
    return (transition, try GSL.luSolve(left, b.map { dt * $0 }))
  }

  // MARK: - A10.4.2

  static let discretization = Check(
    name: "hippo.discretization", kind: .property,
    summary: "The kernel's A_d and B_d (LU solves, or its Pade exponential of [[A, B], [0, 0]]) "
      + "against GSL's LU solves or gsl_linalg_exponential_ss of the same block matrix.",
    parameters: [HiPPOSupport.size, measure, method, step, alpha, PropertySupport.cases],
    oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(
      claim, replay, extra: { [try claim[step], try claim[alpha]] }
    ) { tolerance, n, values, _ in
      let which = try claim[method]
      let dt = values[step]
      let alphaValue = which == .gbt ? values[alpha] : which.kernel(alpha: 0).alpha
      let system = try HiPPO.system(try claim[measure].kernel, size: n, window: 2.0)
      let kernel = try HiPPO.discretize(
        system, step: dt, method: which.kernel(alpha: values[alpha]))
      let oracle = try gslDiscretize(
        HiPPOSupport.rows(system.transition), system.input, step: dt, alpha: alphaValue)
      var outcome = CaseOutcome()
      outcome.context.append("dt = \(NumberFormatting.short(dt))")
      outcome.compareNormwise(
        "A_d vs GSL", kernel.transition.elements, against: oracle.transition.flatMap(\.self),
        within: tolerance)
      outcome.compareNormwise("B_d vs GSL", kernel.input, against: oracle.input, within: tolerance)
      return outcome
    }
  }

  static let order = CheckParameter.number(
    "order", within: 0...10, help: "the order of accuracy the scheme should show")

  static let convergence = Check(
    name: "hippo.convergence", kind: .property,
    summary: "The order of accuracy: the kernel's A_d and B_d at dt and dt/2 against GSL's "
      + "exact zero-order hold, log2 of the error ratio against the stated order.",
    parameters: [HiPPOSupport.size, measure, method, step, order, PropertySupport.cases],
    oracles: .exact
  ) { claim, replay in
    HiPPOSupport.property(claim, replay, extra: { [try claim[step]] }) { tolerance, n, values, _ in
      let which = try claim[method]
      let dt = values[step]
      let system = try HiPPO.system(try claim[measure].kernel, size: n, window: 2.0)
      let a = HiPPOSupport.rows(system.transition)
      func error(_ h: Double) throws -> Double {
        let kernel = try HiPPO.discretize(system, step: h, method: which.kernel(alpha: 0.5))
        let exact = try gslDiscretize(a, system.input, step: h, alpha: nil)
        let difference =
          zip(kernel.transition.elements, exact.transition.flatMap(\.self))
          .map { $0 - $1 } + zip(kernel.input, exact.input).map { $0 - $1 }
        return difference.reduce(0) { $0 + $1 * $1 }.squareRoot()
      }
      // The local error of one step is of order p + 1 in dt.
      let measured = log2(try error(dt) / error(dt / 2)) - 1
      var outcome = CaseOutcome()
      outcome.context.append("dt = \(NumberFormatting.short(dt))")
      outcome.compare("order", measured, against: try claim[order], within: tolerance)
      return outcome
    }
  }

  // MARK: - A10.4.3, A10.4.4: the scaled LegS recurrence

  enum Scheme: String, ParameterChoice {
    case forwardEuler = "forward-euler"
    case backwardEuler = "backward-euler"
    case bilinear, zoh
    var kernel: HiPPO.LegSScheme {
      switch self {
      case .forwardEuler: .forwardEuler
      case .backwardEuler: .backwardEuler
      case .bilinear: .bilinear
      case .zoh: .zeroOrderHold
      }
    }
  }
  enum FirstStepChoice: String, ParameterChoice {
    case zeroState = "zero-state"
    case firstSample = "first-sample"
    var kernel: HiPPO.FirstStep { self == .zeroState ? .zeroState : .firstSample }
  }
  static let scheme = CheckParameter<Scheme>.choice(
    "scheme", help: "forward-euler, backward-euler, bilinear or zoh")
  static let firstStep = CheckParameter<FirstStepChoice>.choice(
    "first-step", help: "zero-state or first-sample")
  static let signal = CheckParameter.jsonVector("signal", help: "the samples, as JSON")
  static let component = CheckParameter.integer(
    "component", in: 0...4095, help: "the state entry reported (from 0)")
  static let stateSize = CheckParameter.integer("size", in: 1...1024, help: "the state size N")

  /// GSL's scaled LegS recurrence: dense LU solves, or the exponential, at every step.
  static func gslLegS(
    signal: [Double], size n: Int, scheme: HiPPO.LegSScheme, firstStep: HiPPO.FirstStep
  ) throws -> [Double] {
    let system = try HiPPO.system(.legS, size: n, as: Double.self)
    let a = HiPPOSupport.rows(system.transition)
    var c = [Double](repeating: 0, count: n)
    for (k, f) in signal.enumerated() {
      let t: Double
      if firstStep == .firstSample {
        if k == 0 {
          c[0] = f
          continue
        }
        t = Double(k)
      } else {
        t = Double(k + 1)
      }
      let d: (transition: [[Double]], input: [Double])
      switch scheme {
      case .zeroOrderHold:
        d = try gslDiscretize(a, system.input, step: log((t + 1) / t), alpha: nil)
      case .forwardEuler: d = try gslDiscretize(a, system.input, step: 1 / t, alpha: 0)
      case .backwardEuler: d = try gslDiscretize(a, system.input, step: 1 / t, alpha: 1)
      case .bilinear: d = try gslDiscretize(a, system.input, step: 1 / t, alpha: 0.5)
      }
      let ac = try GSL.multiply(d.transition, c)
      c = zip(ac, d.input).map { $0 + $1 * f }
    }
    return c
  }

  static let legSRecurrence = Check(
    name: "hippo.legs-recurrence", kind: .table,
    summary: "One entry of the last state of the scaled LegS recurrence (kernel: O(N) steps, "
      + "or the exponential for zoh) against the same recurrence run densely with GSL's LU "
      + "solves and gsl_linalg_exponential_ss.",
    parameters: [
      scheme, firstStep, signal, stateSize, component, ParameterSchema.expected("the entry"),
    ],
    oracles: .gsl
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let f = try row[signal]
      let n = try row[stateSize]
      let k = try row[component]
      let which = try row[scheme].kernel
      let first = try row[firstStep].kernel
      guard k < n else {
        throw VerificationError.invalidInput(
          name: "component", value: "\(k)", reason: "the state has \(n) entries",
          at: row.row.location)
      }
      let kernel = try HiPPO.legSStates(signal: f, size: n, scheme: which, firstStep: first)
      return try Oracles.gsl.rowValue(
        kernel: kernel.last?[k] ?? .nan, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in try gslLegS(signal: f, size: n, scheme: which, firstStep: first)[k] }
    }
  }

  static let length = CheckParameter.integer(
    "length", in: 1...100_000, default: 50, help: "the number of samples")

  static let stepIndependence = Check(
    name: "hippo.step-independence", kind: .property,
    summary: "The kernel's LegS step from t = k dt with step dt, run with dt and with 2 dt on "
      + "the same samples, gives the same states; and equals the unit-step recurrence.",
    parameters: [HiPPOSupport.size, scheme, step, length, PropertySupport.cases],
    oracles: .exact
  ) { claim, replay in
    HiPPOSupport.property(claim, replay, extra: { [try claim[step]] }) { tolerance, n, values, g in
      let which = try claim[scheme].kernel
      let dt = values[step]
      let samples = (0..<(try claim[length])).map { _ in RandomMatrices.uniform(-1, 1, &g) }
      func run(_ h: Double) throws -> [Double] {
        var c = [Double](repeating: 0, count: n)
        for (k, f) in samples.enumerated() {
          c = try HiPPO.legSStep(c, sample: f, time: Double(k + 1) * h, step: h, scheme: which)
        }
        return c
      }
      let unit = try HiPPO.legSStates(signal: samples, size: n, scheme: which).last ?? []
      var outcome = CaseOutcome()
      outcome.context.append("dt = \(NumberFormatting.short(dt))")
      outcome.compareNormwise(
        "states with dt vs 2 dt", try run(dt), against: try run(2 * dt), within: tolerance)
      outcome.compareNormwise(
        "states with dt vs unit steps", try run(dt), against: unit, within: tolerance)
      return outcome
    }
  }

  static let lambda = CheckParameter.range(
    "lambda", within: 0...1e3, help: "the scaled step lambda = dt / t drawn")

  static let fastStep = Check(
    name: "hippo.fast-step", kind: .property,
    summary: "The kernel's O(N) LegS product A x (prefix sums) against GSL's gsl_blas_dgemv, and "
      + "its O(N) solve of (I - lambda A) z = v against GSL's LU solve, on random vectors.",
    parameters: [
      HiPPOSupport.size, lambda, PropertySupport.cases, CheckParameter.precision(),
    ],
    oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(claim, replay, extra: { [try claim[lambda]] }) {
      tolerance, n, values, g in
      let l = values[lambda]
      let precision = try claim[CheckParameter.precision()]
      let x = RandomMatrices.vector(n, &g)
      let system = try HiPPO.system(.legS, size: n, as: Double.self)
      let a = HiPPOSupport.rows(system.transition)
      let left = (0..<n).map { i in (0..<n).map { k in (i == k ? 1 : 0) - l * a[i][k] } }
      var outcome = CaseOutcome()
      switch precision {
      case .double:
        outcome.compareNormwise(
          "A x vs GSL dgemv", HiPPO.legSMultiply(x), against: try GSL.multiply(a, x),
          within: tolerance)
        outcome.compareNormwise(
          "solve vs GSL LU", HiPPO.legSSolve(lambda: l, x), against: try GSL.luSolve(left, x),
          within: tolerance)
      case .float:
        let xf = x.map { Float($0) }
        let xd = xf.map { Double($0) }
        let lf = Float(l)
        let ld = Double(lf)
        let leftRounded = (0..<n).map { i in (0..<n).map { k in (i == k ? 1 : 0) - ld * a[i][k] } }
        outcome.compareNormwise(
          precision.label("A x vs GSL dgemv"), HiPPO.legSMultiply(xf).map { Double($0) },
          against: try GSL.multiply(a, xd), within: tolerance)
        outcome.compareNormwise(
          precision.label("solve vs GSL LU"), HiPPO.legSSolve(lambda: lf, xf).map { Double($0) },
          against: try GSL.luSolve(leftRounded, xd), within: tolerance)
      }
      return outcome
    }
  }

  static let recurrenceAccuracy = Check(
    name: "hippo.recurrence-accuracy", kind: .property,
    summary: "The LegS recurrence with step dt from t0 = 0.5 (started at the kernel's projection) "
      + "to T = 4, with samples f(t), against GSL's quadrature projection at T.",
    parameters: [HiPPOSupport.size, scheme, step, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(claim, replay, extra: { [try claim[step]] }) { tolerance, n, values, g in
      let which = try claim[scheme].kernel
      let dt = values[step]
      let f = HiPPOSupport.smoothInput(&g)
      let (start, end) = (0.5, 4.0)
      let count = Int(((end - start) / dt).rounded())
      var c = try HiPPO.projection(of: f, at: start, window: .scaled, size: n)
      for k in 0..<count {
        let t = start + Double(k) * dt
        // The sample at the step's midpoint, held over the step.
        c = try HiPPO.legSStep(c, sample: f(t + dt / 2), time: t, step: dt, scheme: which)
      }
      let at = start + Double(count) * dt
      let oracle = try HiPPOSupport.gslProjection(of: f, at: at, window: .scaled, size: n)
      var outcome = CaseOutcome()
      outcome.context.append("dt = \(NumberFormatting.short(dt))")
      outcome.compareNormwise("recurrence vs GSL projection", c, against: oracle, within: tolerance)
      return outcome
    }
  }
}
