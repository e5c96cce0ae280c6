import Foundation
import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Property checks of article 10: Legendre identities, projections, ODEs and LegS structure.
enum HiPPOPropertyChecks {
  static let all: [Check] = [
    legendre, projection, odeProjection, lagTSteadyState, timescale, eigenvalues, memoryDecay,
    normalPlusLowRank, systemExample,
  ]

  static let point = CheckParameter.range(
    "point", within: -1...1, help: "the points x in [-1, 1] drawn")
  static let time = CheckParameter.range(
    "time", within: 0.1...100, help: "the final time T drawn")

  // MARK: - A10.3.1

  static let legendre = Check(
    name: "hippo.legendre", kind: .property,
    summary: "The kernel's Legendre values and derivatives against GSL's "
      + "gsl_sf_legendre_Pl_deriv_array, and the identities P'_(n+1) - P'_(n-1) = (2n+1) P_n "
      + "and (x+1) P'_n = -(n+1) P_n + sum of (2k+1) P_k evaluated on the kernel's values.",
    parameters: [HiPPOSupport.size, point, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(claim, replay, extra: { [try claim[point]] }) { tolerance, n, values, _ in
      let x = values[point]
      let p = Legendre.values(n + 1, at: x)
      let d = Legendre.derivatives(n + 1, at: x)
      let gsl = try GSL.legendreDerivatives(upTo: n, at: x)
      var outcome = CaseOutcome()
      outcome.compareNormwise("P_0 ... P_N vs GSL", p, against: gsl.values, within: tolerance)
      if abs(x) < 1 {
        outcome.compareNormwise(
          "P'_0 ... P'_N vs GSL", d, against: gsl.derivatives, within: tolerance)
      }
      if n >= 1 {
        let left = d[n] - (n >= 2 ? d[n - 2] : 0)
        outcome.compare(
          "P'_N - P'_(N-2) vs (2N-1) P_(N-1)", left, against: Double(2 * n - 1) * p[n - 1],
          within: tolerance)
      }
      var sum = 0.0
      for j in 0...n { sum += Double(2 * j + 1) * p[j] }
      outcome.compare(
        "(x+1) P'_N vs -(N+1) P_N + sum", (x + 1) * d[n], against: -Double(n + 1) * p[n] + sum,
        within: tolerance)
      return outcome
    }
  }

  // MARK: - A10.2.2

  static let projection = Check(
    name: "hippo.projection", kind: .property,
    summary: "LegS coefficients of a random smooth input by the kernel's Gauss-Legendre rule "
      + "against GSL's adaptive quadrature; and the squared error of the reconstruction "
      + "(GSL quadrature) against |f|^2 - sum of c_n^2 (Bessel).",
    parameters: [HiPPOSupport.size, time, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(claim, replay, extra: { [try claim[time]] }) { tolerance, n, values, g in
      let t = values[time]
      let f = HiPPOSupport.smoothInput(&g)
      let c = try HiPPO.projection(of: f, at: t, window: .scaled, size: n, points: 400)
      let oracle = try HiPPOSupport.gslProjection(of: f, at: t, window: .scaled, size: n)
      var outcome = CaseOutcome()
      outcome.compareNormwise("coefficients vs GSL", c, against: oracle, within: tolerance)
      let energy = try GSL.integrate(from: 0, to: t, relativeTolerance: 1e-11) { f($0) * f($0) }
      let residual = try GSL.integrate(
        from: 0, to: t, relativeTolerance: 1e-11, absoluteTolerance: 1e-13
      ) { s in
        let e = f(s) - ((try? HiPPO.reconstruction(c, at: s, time: t, window: .scaled)) ?? .nan)
        return e * e
      }
      let bessel = energy.value / t - c.reduce(0) { $0 + $1 * $1 }
      outcome.compare(
        "squared error vs |f|^2 - sum c^2", residual.value / t, against: bessel,
        within: tolerance)
      outcome.require(bessel >= -1e-12, "Bessel", note: "sum of c^2 exceeds |f|^2: \(bessel)")
      return outcome
    }
  }

  // MARK: - A10.3.2, A10.3.5

  /// The inputs of `hippo.ode-projection`.
  enum InputKind: String, ParameterChoice {
    case polynomial, smooth
  }
  static let inputKind = CheckParameter<InputKind>.choice(
    "input", help: "a polynomial of degree below N, or a sum of sines")
  static let window = CheckParameter<HiPPOSupport.MeasureChoice>.choice(
    "measure", help: "legs or legt")
  static let steps = CheckParameter.integer(
    "steps", in: 10...1_000_000, default: 4000, help: "Runge-Kutta steps")
  static let inexact = CheckParameter.number(
    "at-least", within: 0...1e6, default: 0,
    help: "a lower bound the largest difference must reach (a statement that it is not exact)")

  static let odeProjection = Check(
    name: "hippo.ode-projection", kind: .property,
    summary: "The state of the HiPPO ODE (the kernel's A and B, integrated by the kernel's RK4 "
      + "from the kernel's projection at t0) against GSL's quadrature projection at T; for "
      + "legt, T = t0 + 3 with window 2 (s4), for legs t0 = 0.5 and T = 4.",
    parameters: [HiPPOSupport.size, window, inputKind, steps, inexact, PropertySupport.cases],
    oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(claim, replay) { tolerance, n, _, g in
      let measure = try claim[window]
      let kind = try claim[inputKind]
      let system = try HiPPO.system(measure.kernel, size: n, window: 2.0)
      let scaled = measure == .legs
      let windowValue: HiPPO.Window = scaled ? .scaled : .translated(theta: 2)
      let (start, end) = scaled ? (0.5, 4.0) : (3.0, 6.0)
      let f =
        kind == .smooth
        ? HiPPOSupport.smoothInput(&g)
        : HiPPOSupport.polynomialInput(degree: n - 1, center: 4.5, scale: 3, &g)
      guard measure == .legs || measure == .legt else {
        throw VerificationError.invalidInput(
          name: "measure", value: measure.rawValue, reason: "write legs or legt",
          at: claim.location)
      }
      let initial = try HiPPO.projection(of: f, at: start, window: windowValue, size: n)
      let state = try HiPPO.integrate(
        system, scaled: scaled, from: start, to: end, initial: initial, steps: try claim[steps],
        input: f)
      let oracle = try HiPPOSupport.gslProjection(of: f, at: end, window: windowValue, size: n)
      var outcome = CaseOutcome()
      outcome.compareNormwise(
        "ODE state vs GSL projection", state, against: oracle, within: tolerance)
      let floor = try claim[inexact]
      if floor > 0 {
        let gap = zip(state, oracle).map { abs($0 - $1) }.max() ?? 0
        outcome.require(
          gap >= floor, "not exact",
          note: "the largest difference \(gap) is below \(floor): the ODE looks exact here")
        outcome.inform("largest difference", gap, against: 0, unit: .absolute(0))
      }
      return outcome
    }
  }

  // MARK: - A10.3.3

  static let lagTSteadyState = Check(
    name: "hippo.lagt-steady-state", kind: .property,
    summary: "For a constant input 1 the LagT steady state -A^-1 B (kernel LU) against GSL's "
      + "integral of L_n(y) exp(-y/2) over y >= 0 (gsl_integration_qagiu, gsl_sf_laguerre_n).",
    parameters: [HiPPOSupport.size, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(claim, replay) { tolerance, n, _, _ in
      let system = try HiPPO.system(.lagT, size: n, as: Double.self)
      let steady = try LUDecomposition(system.transition).solve(system.input).map { -$0 }
      let oracle = try (0..<n).map { k in
        try GSL.integrate(from: 0, to: .infinity, relativeTolerance: 1e-11) { y in
          ((try? GSL.laguerre(k, at: y)) ?? .nan) * exp(-y / 2)
        }.value
      }
      var outcome = CaseOutcome()
      outcome.compareNormwise("-A^-1 B vs GSL", steady, against: oracle, within: tolerance)
      return outcome
    }
  }

  // MARK: - A10.5.1

  static let scale = CheckParameter.range(
    "scale", within: 0.1...10, help: "the time scale alpha drawn")

  static let timescale = Check(
    name: "hippo.timescale", kind: .property,
    summary: "LegS timescale equivariance: the kernel's ODE state for f(alpha t) at T equals "
      + "its state for f at alpha T (both by the kernel's RK4 from the kernel's projections).",
    parameters: [HiPPOSupport.size, scale, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    HiPPOSupport.property(claim, replay, extra: { [try claim[scale]] }) { tolerance, n, values, g in
      let alpha = values[scale]
      let f = HiPPOSupport.smoothInput(&g)
      let scaledInput: (Double) -> Double = { f(alpha * $0) }
      let system = try HiPPO.system(.legS, size: n, as: Double.self)
      let (start, end) = (0.5, 2.0)
      let a = try HiPPO.integrate(
        system, scaled: true, from: start, to: end,
        initial: try HiPPO.projection(of: scaledInput, at: start, window: .scaled, size: n),
        steps: 4000, input: scaledInput)
      let b = try HiPPO.integrate(
        system, scaled: true, from: alpha * start, to: alpha * end,
        initial: try HiPPO.projection(of: f, at: alpha * start, window: .scaled, size: n),
        steps: 4000, input: f)
      var outcome = CaseOutcome()
      outcome.context.append("alpha = \(NumberFormatting.short(alpha))")
      outcome.compareNormwise(
        "c(T) for f(alpha t) vs c(alpha T) for f", a, against: b, within: tolerance)
      return outcome
    }
  }

  // MARK: - A10.5.2

  static let gslFailure = CheckParameter.number(
    "gsl-error-at-least", within: 0...1e6, default: 0,
    help: "instead of agreeing, GSL's worst eigenvalue must be off by at least this")

  static let eigenvalues = Check(
    name: "hippo.eigenvalues", kind: .property,
    summary: "LegS's eigenvalues read off its triangle (-1 ... -N, no eigensolver) against GSL's "
      + "gsl_eigen_nonsymm (Francis QR), sorted; GSL's imaginary parts must vanish to the bound.",
    parameters: [HiPPOSupport.size, gslFailure, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(claim, replay) { tolerance, n, _, _ in
      let system = try HiPPO.system(.legS, size: n, as: Double.self)
      let a = system.transition
      var upper = 0.0
      for i in 0..<n { for k in (i + 1)..<max(i + 1, n) { upper = max(upper, abs(a[i, k])) } }
      let kernel = (0..<n).map { a[$0, $0] }.sorted()
      let gsl = try GSL.nonsymmetricEigenvalues(HiPPOSupport.rows(a))
      var outcome = CaseOutcome()
      outcome.require(
        upper == 0, "lower triangular", note: "an entry above the diagonal is \(upper)")
      outcome.require(
        kernel == (1...n).map { -Double(n + 1 - $0) }, "diagonal -1 ... -N",
        note: "the diagonal is \(kernel)")
      let imaginary = gsl.map { abs($0.imaginary) }.max() ?? 0
      let floor = try claim[gslFailure]
      if floor > 0 {
        // The claim is that GSL fails here: its worst eigenvalue is off by at least `floor`.
        let worst = zip(kernel, gsl).map { abs($0 - $1.real) + abs($1.imaginary) }.max() ?? 0
        outcome.require(
          worst >= floor, "GSL off by at least \(NumberFormatting.short(floor))",
          note: "GSL's eigenvalues are within \(worst) of -1 ... -N")
        outcome.inform("GSL's worst eigenvalue error", worst, against: 0, unit: .absolute(0))
        outcome.inform("GSL's largest imaginary part", imaginary, against: 0, unit: .absolute(0))
        return outcome
      }
      outcome.compareNormwise(
        "eigenvalues vs GSL", kernel, against: gsl.map(\.real), within: tolerance)
      outcome.compare(
        "GSL imaginary parts / N", imaginary / Double(n), against: 0, within: tolerance)
      return outcome
    }
  }

  // MARK: - A10.5.3

  static let ratio = CheckParameter.range(
    "ratio", within: 1...1e6, help: "the ratio n / m of the two steps drawn")

  static let memoryDecay = Check(
    name: "hippo.memory-decay", kind: .property,
    summary: "The LegS transfer exp(log(n/m) A) by the kernel's Pade exponential against GSL's "
      + "gsl_linalg_exponential_ss; its last column (the oldest state) decays as (m/n)^N and "
      + "its first entry is exactly (m/n)^1, so memory fades polynomially.",
    parameters: [HiPPOSupport.size, ratio, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(claim, replay, extra: { [try claim[ratio]] }) { tolerance, n, values, _ in
      let q = values[ratio]
      let system = try HiPPO.system(.legS, size: n, as: Double.self)
      let h = log(q)
      let transfer = try system.transition.scaled(by: h).exponential()
      let gsl = try GSL.matrixExponential(HiPPOSupport.rows(try system.transition.scaled(by: h)))
      var outcome = CaseOutcome()
      outcome.context.append("n/m = \(NumberFormatting.short(q))")
      outcome.compareNormwise(
        "exp(log(n/m) A) vs GSL", transfer.elements, against: gsl.flatMap(\.self),
        within: tolerance)
      outcome.compare("entry (0, 0) vs (m/n)^1", transfer[0, 0], against: 1 / q, within: tolerance)
      let last = transfer[n - 1, n - 1]
      outcome.compare(
        "entry (N-1, N-1) vs (m/n)^N", last, against: pow(1 / q, Double(n)), within: tolerance)
      return outcome
    }
  }

  // MARK: - A10.7.1

  static let normalPlusLowRank = Check(
    name: "hippo.nplr", kind: .property,
    summary: "S4's NPLR form: with P_n = sqrt(n + 1/2), A + P P^T is -I/2 plus a skew-symmetric "
      + "S; the kernel's eigenvalue magnitudes of S (Jacobi on S^T S) against GSL's Hermitian "
      + "gsl_eigen_herm of -i S.",
    parameters: [HiPPOSupport.size, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    HiPPOSupport.property(claim, replay) { tolerance, n, _, _ in
      let system = try HiPPO.system(.legS, size: n, as: Double.self)
      let p = try HiPPO.legSRankCorrection(size: n, as: Double.self)
      var m = HiPPOSupport.rows(system.transition)
      for i in 0..<n { for k in 0..<n { m[i][k] += p[i] * p[k] } }
      var worstSymmetric = 0.0
      var skew = m
      for i in 0..<n {
        for k in 0..<n {
          let symmetric = (m[i][k] + m[k][i]) / 2
          worstSymmetric = max(worstSymmetric, abs(symmetric - (i == k ? -0.5 : 0)))
          skew[i][k] = (m[i][k] - m[k][i]) / 2
        }
      }
      let s = try Matrix(skew)
      let gram = try s.transposed.multiplied(by: s)
      let kernel = try SymmetricEigendecomposition(gram).eigenvalues.sorted()
      // -i S is Hermitian: real part 0, imaginary part -S.
      let zero = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
      let gsl = try GSL.hermitianEigenvalues(real: zero, imaginary: skew.map { $0.map { -$0 } })
      let squares = gsl.map { $0 * $0 }.sorted()
      var outcome = CaseOutcome()
      outcome.compare("symmetric part vs -I/2", worstSymmetric, against: 0, within: tolerance)
      outcome.compareNormwise(
        "omega^2 (eigenvalues of S^T S) vs GSL", kernel, against: squares, within: tolerance)
      let pairs = zip(gsl, gsl.reversed()).map { abs($0 + $1) }.max() ?? 0
      outcome.compare("GSL eigenvalues in +- pairs", pairs, against: 0, within: tolerance)
      return outcome
    }
  }

  // MARK: - A10.1.4

  static let systemExample = Check(
    name: "hippo.system-example", kind: .property,
    summary: "Su's example A = diag(1, -1, [[0, 1], [-1, 0]]): the kernel's exp(t A) against "
      + "the basic solutions e^t, e^-t, cos t and sin t at random t.",
    parameters: [time, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [try claim[time]] }) { tolerance, values in
      let t = values[time]
      let a = try Matrix<Double>([[1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 0, 1], [0, 0, -1, 0]])
      let e = try a.scaled(by: t).exponential()
      var outcome = CaseOutcome()
      outcome.compare("e^t", e[0, 0], against: exp(t), within: tolerance)
      outcome.compare("e^-t", e[1, 1], against: exp(-t), within: tolerance)
      outcome.compare("cos t", e[2, 2], against: cos(t), within: tolerance)
      outcome.compare("sin t", e[2, 3], against: sin(t), within: tolerance)
      return outcome
    }
  }
}
