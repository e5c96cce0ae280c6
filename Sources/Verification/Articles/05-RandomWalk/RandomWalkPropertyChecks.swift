import GSLOracle
import RealModule
import Referee
import ReferenceNumerics
import SpecEngine

/// Property checks of the random walk (article 5).
enum RandomWalkPropertyChecks {
  static let all: [Check] = [
    generatingFunction, accuracy, moments, gaussianLimit, characteristicLimit, masterEquation,
    diffusion, returnIdentities,
  ]

  /// The number of steps, drawn as whole numbers within the limits a check can run.
  static func steps(within limits: ClosedRange<Double>) -> CheckParameter<InputDraw> {
    .range(
      "steps", within: limits, wholeNumbers: true,
      help: "the range the number of steps is drawn from")
  }
  static let up = CheckParameter.range(
    "p", within: 0...1, default: 0.5,
    help: "the range p, the probability of a step up, is drawn from")

  /// The inputs `steps` and `p` (1/2 unless the claim gives a range).
  static func walkInputs(_ claim: Claim, steps: CheckParameter<InputDraw>) throws -> [InputDraw] {
    [try claim[steps], try claim[up]]
  }

  static func walk(_ values: CaseValues, steps: CheckParameter<InputDraw>) throws
    -> RandomWalk<Double>
  {
    try RandomWalk(steps: Int(values[steps].rounded()), upProbability: values[up])
  }

  static let smallSteps = steps(within: 0...400)
  static let accuracySteps = steps(within: 1...1e15)
  static let momentSteps = steps(within: 0...2000)
  static let limitSteps = steps(within: 100...1e12)
  static let masterSteps = steps(within: 1...1e12)

  /// What `walk.accuracy` compares.
  enum AccuracyQuantity: String, ParameterChoice {
    /// The pmf and the log-pmf.
    case pmf
    /// The cdf and the survival function.
    case cdf
  }
  static let accuracyQuantity = CheckParameter<AccuracyQuantity>.choice(
    "quantity", help: "pmf or cdf")
  static let spread = CheckParameter.number(
    "spread", within: 0...1e3, default: 30, help: "deviations from the mean")
  static let omega = CheckParameter.range(
    "omega", within: 0...10, help: "the range w is drawn from")

  static let generatingFunction = Check(
    name: "walk.generating-function", kind: .property,
    summary: "The coefficients of (p x + q / x)^n, raised by binary powering with exact "
      + "convolutions, against the MPFR referee and the closed-form kernel; GSL's "
      + "gsl_ran_binomial_pdf is measured beside them, and positions of the wrong parity or beyond n must have probability 0.",
    parameters: [smallSteps, up, PropertySupport.cases], oracles: .referee
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { try walkInputs(claim, steps: smallSteps) }) {
      tolerance, values in
      let walk = try walk(values, steps: smallSteps)
      let n = walk.steps
      let p = Double(walk.upProbability)
      var outcome = CaseOutcome()
      for (r, c) in walk.generatingFunctionCoefficients().enumerated() {
        let reference = try Referee.binomialProbability(r, trials: n, probability: p)
        if reference < 1e-280 { continue }
        outcome.compare("coefficient vs referee", c, against: reference, within: tolerance)
        outcome.inform(
          "GSL pdf vs referee", { try GSL.binomialProbability(r, trials: n, probability: p) },
          against: reference, unit: tolerance.bound)
        outcome.compare(
          "coefficient vs closed-form kernel", c, against: walk.probability(at: 2 * r - n),
          within: tolerance)
      }
      let wrong = [n + 1, -n - 1, n + 2, -n - 2, 1 - n % 2]
      outcome.require(
        wrong.allSatisfy { walk.probability(at: $0) == 0 }, "0 at wrong parity or |k| > n",
        note: "a position in \(wrong) has nonzero probability")
      return outcome
    }
  }

  static let accuracy = Check(
    name: "walk.accuracy", kind: .property,
    summary: "The kernel's pmf, log-pmf (quantity pmf) or cdf and survival (quantity cdf) "
      + "against the MPFR referee at generated n, p and positions out to spread deviations; "
      + "GSL's gsl_ran_binomial_pdf and gsl_cdf_binomial_P/Q are measured beside them.",
    parameters: [accuracySteps, up, PropertySupport.cases, accuracyQuantity, spread],
    oracles: .referee
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: {
        try walkInputs(claim, steps: accuracySteps)
          + [InputDraw(name: "position", distribution: .uniform, lower: -1, upper: 1)]
      }
    ) { tolerance, values in
      let walk = try walk(values, steps: accuracySteps)
      let quantity = try claim[accuracyQuantity]
      let spread = try claim[spread]
      let n = walk.steps
      let p = Double(walk.upProbability)
      let deviation = Double(walk.variance).squareRoot()
      let center = Double(walk.mean)
      let raw = center + values["position"] * (spread * deviation + 2)
      var k = Int(max(-Double(n), min(Double(n), raw.rounded())))
      if quantity == .pmf, (n + k) % 2 != 0 { k += k < n ? 1 : -1 }
      var outcome = CaseOutcome()
      outcome.context = ["k = \(k)"]
      let r = (n + k) / 2
      switch quantity {
      case .pmf:
        let reference = try Referee.randomWalkProbability(k, steps: n, upProbability: p)
        outcome.compare(
          "kernel pmf vs referee", walk.probability(at: k), against: reference,
          within: tolerance)
        if reference > 1e-300 {
          // The log of a rounded probability is not a correctly rounded log, so this is
          // informational; the log-pmf is pinned against mpmath in the unit tests.
          outcome.inform(
            "kernel log-pmf vs log of referee", walk.logProbability(at: k),
            against: Double.log(reference), unit: .relative(0))
        }
        outcome.inform(
          "GSL pmf vs referee", { try GSL.binomialProbability(r, trials: n, probability: p) },
          against: reference, unit: tolerance.bound)
      case .cdf:
        let (lower, upper) = try Referee.randomWalkTails(k, steps: n, upProbability: p)
        let cut = (n + k) >= 0 ? (n + k) / 2 : -1
        outcome.compare(
          "kernel cdf vs referee", walk.cumulativeProbability(through: k), against: lower,
          within: tolerance)
        outcome.compare(
          "kernel sf vs referee", walk.survivalProbability(after: k), against: upper,
          within: tolerance)
        outcome.inform(
          "GSL cdf vs referee", { try GSL.binomialCumulative(cut, trials: n, probability: p) },
          against: lower, unit: tolerance.bound)
        outcome.inform(
          "GSL sf vs referee", { try GSL.binomialSurvival(cut, trials: n, probability: p) },
          against: upper, unit: tolerance.bound)
      }
      return outcome
    }
  }

  static let moments = Check(
    name: "walk.moments", kind: .property,
    summary: "E[S] = G'(1) and E[S^2] = G''(1) + G'(1) from the coefficients of the "
      + "generating function, against n (p - q) and 4 n p q + (n (p - q))^2.",
    parameters: [momentSteps, up, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { try walkInputs(claim, steps: momentSteps) }) {
      tolerance, values in
      let walk = try walk(values, steps: momentSteps)
      let n = walk.steps
      let c = walk.generatingFunctionCoefficients()
      // G(x) = sum c[r] x^(2r - n): G'(1) = sum e c, G''(1) = sum e (e - 1) c, e = 2r - n.
      let exponents = (0...n).map { Double(2 * $0 - n) }
      let first = Summation.compensated(zip(exponents, c).lazy.map { $0 * $1 })
      let second = Summation.compensated(
        zip(exponents, c).lazy.map { $0 * ($0 - 1) * $1 })
      let mean = Double(walk.mean)
      var outcome = CaseOutcome()
      let scale = Double(max(n, 1))
      outcome.compare(
        "G'(1) / n vs p - q", first / scale, against: mean / scale, within: tolerance)
      outcome.compare(
        "(G''(1) + G'(1)) / n^2 vs (4npq + mean^2) / n^2", (second + first) / (scale * scale),
        against: (Double(walk.variance) + mean * mean) / (scale * scale), within: tolerance)
      return outcome
    }
  }

  static let gaussianLimit = Check(
    name: "walk.gaussian-limit", kind: .property,
    summary: "P(S(n) = k) / (2 phi(k; 0, sqrt(n))) - 1 for |k| <= 3 sqrt(n), phi from GSL's "
      + "gsl_ran_gaussian_pdf: n times it must match (-1/4 + x^2/2 - x^4/12), x = k / sqrt(n), "
      + "to within 12 / n + 16 n u; the pmf itself against the referee.",
    parameters: [limitSteps, PropertySupport.cases], oracles: .referee
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: {
        [try claim[limitSteps], InputDraw(name: "x", distribution: .uniform, lower: -3, upper: 3)]
      }
    ) { tolerance, values in
      let walk = try RandomWalk<Double>(steps: Int(values[limitSteps].rounded()))
      let n = walk.steps
      let root = Double(n).squareRoot()
      var k = Int((values["x"] * root).rounded())
      if (n + k) % 2 != 0 { k += 1 }
      let x = Double(k) / root
      let pmf = walk.probability(at: k)
      let gaussian = 2 * (try GSL.gaussianDensity(Double(k), sigma: root))
      let scaled = Double(n) * (pmf / gaussian - 1)
      let leading = -0.25 + x * x / 2 - x * x * x * x / 12
      var outcome = CaseOutcome()
      outcome.context = ["k = \(k)", "n (ratio - 1) = \(scaled)", "leading term = \(leading)"]
      outcome.compare(
        "kernel pmf vs referee", pmf, against: { try Referee.randomWalkProbability(k, steps: n) },
        within: tolerance)
      outcome.require(
        // 12 / n for the O(1/n^2) terms; 16 n u for the rounding of the ratio: the pmf is
        // within an ulp and GSL's density within a few, so ratio - 1 is good to about 8 u.
        abs(scaled - leading) <= 12 / Double(n) + 16 * Double(n) * Double.ulpOfOne,
        "relative error is (-1/4 + x^2/2 - x^4/12) / n + O(1/n^2)",
        note: "n (ratio - 1) = \(scaled), leading term \(leading)")
      return outcome
    }
  }

  static let characteristicLimit = Check(
    name: "walk.characteristic-limit", kind: .property,
    summary: "cos(w / sqrt(n))^n from the kernel's characteristic function tends to "
      + "exp(-w^2/2): n times the difference against its leading term -w^4 exp(-w^2/2) / 12.",
    parameters: [limitSteps, PropertySupport.cases, omega], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[limitSteps], try claim[omega]] }
    ) { tolerance, values in
      let walk = try RandomWalk<Double>(steps: Int(values[limitSteps].rounded()))
      let n = Double(walk.steps)
      let w = values[omega]
      let value = walk.characteristicFunction(at: w / n.squareRoot()).real
      let limit = Double.exp(-w * w / 2)
      let scaled = n * (value - limit)
      let leading = -w * w * w * w / 12 * limit
      var outcome = CaseOutcome()
      outcome.context = ["cos^n = \(value)", "limit = \(limit)"]
      outcome.compare(
        "n (cos^n - limit) vs -w^4 e^(-w^2/2) / 12", scaled, against: leading,
        within: tolerance)
      return outcome
    }
  }

  static let masterEquation = Check(
    name: "walk.master-equation", kind: .property,
    summary: "The master equation P(n + 1, k) = (P(n, k - 1) + P(n, k + 1)) / 2 for the "
      + "kernel's pmf, at generated n and k of the right parity.",
    parameters: [masterSteps, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: {
        [try claim[masterSteps], InputDraw(name: "x", distribution: .uniform, lower: -5, upper: 5)]
      }
    ) { tolerance, values in
      let n = Int(values[masterSteps].rounded())
      let now = try RandomWalk<Double>(steps: n)
      let next = try RandomWalk<Double>(steps: n + 1)
      var k = Int((values["x"] * Double(n).squareRoot()).rounded())
      k = max(-n - 1, min(n + 1, k))
      if (n + 1 + k) % 2 != 0 { k += k <= 0 ? 1 : -1 }
      let mixed = (now.probability(at: k - 1) + now.probability(at: k + 1)) / 2
      var outcome = CaseOutcome()
      outcome.context = ["k = \(k)"]
      outcome.compare(
        "P(n + 1, k) vs (P(n, k - 1) + P(n, k + 1)) / 2", next.probability(at: k),
        against: mixed, within: tolerance)
      return outcome
    }
  }

  /// The diffusion kernel p(x, t) = exp(-x^2 / (4 D t)) / sqrt(4 pi D t).
  static func heatKernel(_ x: Double, _ t: Double, _ d: Double) -> Double {
    Double.exp(-x * x / (4 * d * t)) / (4 * Double.pi * d * t).squareRoot()
  }

  /// What `walk.diffusion` checks.
  enum DiffusionQuantity: String, ParameterChoice {
    /// The diffusion equation, by finite differences.
    case pde
    /// The mean squared displacement 2 D t.
    case msd
    /// The 3-D radial density and its second moment 6 D t.
    case radial
  }
  static let diffusionQuantity = CheckParameter<DiffusionQuantity>.choice(
    "quantity", help: "pde, msd or radial")
  static let coefficient = CheckParameter.range(
    "diffusion", within: 1e-3...1e3, help: "the range D is drawn from")
  static let time = CheckParameter.range(
    "time", within: 1e-3...1e3, help: "the range t is drawn from")
  static let x = CheckParameter.range(
    "x", within: -1e3...1e3, default: 0, help: "the range x is drawn from (pde)")

  static let diffusion = Check(
    name: "walk.diffusion", kind: .property,
    summary: "The Gaussian p(x, t) = (4 pi D t)^(-1/2) exp(-x^2 / (4 D t)): its time "
      + "derivative (closed form) against D times GSL's central second difference in x "
      + "(quantity pde); or its moments by GSL's quadrature: <x^2> = 2 D t (quantity msd), and "
      + "the 3-D radial density 4 pi r^2 (4 pi D t)^(-3/2) exp(-r^2 / (4 D t)) integrating to "
      + "1 with <r^2> = 6 D t and <r> = 4 sqrt(D t / pi) (quantity radial).",
    parameters: [PropertySupport.cases, diffusionQuantity, coefficient, time, x],
    oracles: .gsl
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[coefficient], try claim[time], try claim[x]] }
    ) { tolerance, values in
      let d = values[coefficient]
      let t = values[time]
      let x = values[x]
      var outcome = CaseOutcome()
      switch try claim[diffusionQuantity] {
      case .pde:
        let p = heatKernel(x, t, d)
        let dt = p * (x * x / (4 * d * t * t) - 1 / (2 * t))
        let h = 1e-3 * (d * t).squareRoot()
        let second = try GSL.derivative(
          of: { y in
            (try? GSL.derivative(of: { heatKernel($0, t, d) }, at: y, step: h).value)
              ?? .nan
          }, at: x, step: h
        ).value
        let scale = 1 / (t * (4 * Double.pi * d * t).squareRoot())
        outcome.context = ["dp/dt = \(dt)", "D d2p/dx2 = \(d * second)"]
        outcome.compare(
          "dp/dt vs D d2p/dx2 (scaled)", dt / scale, against: d * second / scale,
          within: tolerance)
      case .msd:
        let msd = try GSL.integrate(from: -.infinity, to: .infinity, relativeTolerance: 1e-13) {
          y in
          y * y * heatKernel(y, t, d)
        }
        outcome.compare(
          "2 D t vs integral of x^2 p", 2 * d * t, against: msd.value,
          within: tolerance)
      case .radial:
        let radial = { (r: Double) -> Double in
          4 * Double.pi * r * r * Double.exp(-r * r / (4 * d * t))
            / Double.pow(4 * Double.pi * d * t, 1.5)
        }
        let mass = try GSL.integrate(from: 0, to: .infinity, relativeTolerance: 1e-13) {
          radial($0)
        }
        let second = try GSL.integrate(from: 0, to: .infinity, relativeTolerance: 1e-13) {
          $0 * $0 * radial($0)
        }
        outcome.compare(
          "1 vs integral of the radial density", 1, against: mass.value,
          within: tolerance)
        outcome.compare(
          "6 D t vs integral of r^2 times it", 6 * d * t, against: second.value,
          within: tolerance)
        // The mean distance, an odd moment: it tells [0, infinity) from (-infinity, 0], which
        // the even integrands above cannot.
        let first = try GSL.integrate(from: 0, to: .infinity, relativeTolerance: 1e-13) {
          $0 * radial($0)
        }
        outcome.compare(
          "4 sqrt(D t / pi) vs integral of r times it", 4 * (d * t / Double.pi).squareRoot(),
          against: first.value, within: tolerance)
      }
      return outcome
    }
  }

  /// Which identity `walk.return-identities` checks.
  enum Identity: String, ParameterChoice {
    /// U(s) = (1 - s^2)^(-1/2).
    case u = "U"
    /// F(s) = 1 - sqrt(1 - s^2).
    case f = "F"
    /// 1 - sum over m <= N of f(2m) = u(2N).
    case partial
    /// The truncated mean return time E[T; T <= 2N] grows like 2 sqrt(N / pi).
    case meanTime = "mean-time"
    /// 8 m (u(2m) sqrt(pi m) - 1) -> -1.
    case asymptotic
  }
  static let identity = CheckParameter<Identity>.choice(
    "identity", help: "U, F, partial, mean-time or asymptotic")
  static let argument = CheckParameter.range(
    "argument", within: 0...1e12, help: "s for U and F, N or m otherwise")

  static let returnIdentities = Check(
    name: "walk.return-identities", kind: .property,
    summary: "Identities of the return probabilities: U(s) = sum u(2m) s^2m = (1 - s^2)^(-1/2) "
      + "(identity U), F(s) = sum f(2m) s^2m = 1 - sqrt(1 - s^2) (identity F), "
      + "1 - sum over m <= N of f(2m) = u(2N) (identity partial), and "
      + "8 m (u(2m) sqrt(pi m) - 1) -> -1 (identity asymptotic), and the truncated mean return "
      + "time E[T; T <= 2N] = 2 sqrt(N / pi) (1 - 1/(8N) + ...) -> infinity (identity mean-time).",
    parameters: [PropertySupport.cases, identity, argument], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [try claim[argument]] }) { tolerance, values in
      let a = values[argument]
      var outcome = CaseOutcome()
      let identity = try claim[identity]
      switch identity {
      case .u, .f:
        guard a < 0.999 else {
          throw VerificationError.invalidInput(
            name: "argument", value: "\(a)", reason: "s must be below 0.999",
            at: claim.location)
        }
        // Terms u(2m) s^2m and f(2m) s^2m with the kernel's u(2m) and f(2m), until negligible.
        var sumU = 1.0
        var sumF = 0.0
        var m = 0
        while true {
          m += 1
          let walk = try RandomWalk<Double>(steps: 2 * m)
          let power = Double.pow(a, Double(2 * m))
          let term = walk.returnProbability * power
          sumU += term
          sumF += walk.firstReturnProbability * power
          if term < 1e-18 * sumU || m > 1_000_000 { break }
        }
        if identity == .u {
          outcome.compare(
            "series U(s) vs (1 - s^2)^(-1/2)", sumU, against: 1 / (1 - a * a).squareRoot(),
            within: tolerance)
        } else {
          let closed = (a * a) / (1 + (1 - a * a).squareRoot())
          outcome.compare(
            "series F(s) vs 1 - sqrt(1 - s^2)", sumF, against: closed,
            within: tolerance)
        }
      case .partial:
        let bigN = Int(a.rounded())
        guard bigN >= 1, bigN <= 100_000 else {
          throw VerificationError.invalidInput(
            name: "argument", value: "\(bigN)", reason: "N must be in 1...100000",
            at: claim.location)
        }
        let total = Summation.compensated(
          (1...bigN).lazy.map {
            (try? RandomWalk<Double>(steps: 2 * $0))?.firstReturnProbability ?? .nan
          })
        let u = try RandomWalk<Double>(steps: 2 * bigN).returnProbability
        outcome.compare("1 - sum f(2m) vs u(2N)", 1 - total, against: u, within: tolerance)
      case .meanTime:
        // E[T; T <= 2N] = sum over m <= N of 2m f(2m) = 2 sqrt(N / pi) (1 - 1/(8N) + O(1/N^2)):
        // the truncated mean return time grows like sqrt(N) without bound, so E[T] is infinite.
        let bigN = Int(a.rounded())
        guard bigN >= 1, bigN <= 100_000 else {
          throw VerificationError.invalidInput(
            name: "argument", value: "\(bigN)", reason: "N must be in 1...100000",
            at: claim.location)
        }
        let truncated = Summation.compensated(
          (1...bigN).lazy.map {
            Double(2 * $0)
              * ((try? RandomWalk<Double>(steps: 2 * $0))?.firstReturnProbability ?? .nan)
          })
        let growth = 2 * (Double(bigN) / Double.pi).squareRoot()
        let scaled = 8 * Double(bigN) * (truncated / growth - 1)
        outcome.context = ["E[T; T <= 2N] = \(truncated)", "2 sqrt(N / pi) = \(growth)"]
        outcome.compare(
          "8N (E[T; T <= 2N] / (2 sqrt(N / pi)) - 1) vs -1", scaled, against: -1,
          within: tolerance)
      case .asymptotic:
        let m = Int(a.rounded())
        let u = try RandomWalk<Double>(steps: 2 * m).returnProbability
        let scaled = 8 * Double(m) * (u * (Double.pi * Double(m)).squareRoot() - 1)
        outcome.context = ["u(2m) = \(u)"]
        outcome.compare("8 m (u(2m) sqrt(pi m) - 1) vs -1", scaled, against: -1, within: tolerance)
      }
      return outcome
    }
  }
}
