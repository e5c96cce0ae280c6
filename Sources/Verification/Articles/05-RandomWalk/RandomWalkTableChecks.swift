import GSLOracle
import RealModule
import Referee
import ReferenceNumerics
import SpecEngine

/// Table and figure checks of the random walk (article 5).
enum RandomWalkTableChecks {
  static let all: [Check] = [probability, meanDistance, returns, pmfFigure, returnFigure]

  static let steps = CheckParameter.integer(
    "steps", in: 0...9_000_000_000_000_000, help: "the number of steps n")
  static let up = CheckParameter.number(
    "p", within: 0...1, default: 0.5, help: "the probability of a step up")
  static let position = CheckParameter.integer(
    "position", in: -9_000_000_000_000_000...9_000_000_000_000_000, help: "the position k")

  /// How `walk.mean-distance` computes E|S(n)|.
  enum Form: String, ParameterChoice {
    /// The kernel's sum of |k| P(S(n) = k), against the referee.
    case exact
    /// The Gaussian approximation sqrt(2n / pi), against the exact value.
    case gaussian
  }
  static let form = CheckParameter<Form>.choice("form", help: "exact or gaussian")
  static let evenSteps = CheckParameter.integer(
    "steps", in: 2...1_000_000, help: "the number of steps n, even")

  /// Which return probability `walk.return` checks.
  enum Quantity: String, ParameterChoice {
    /// u(n) = P(S(n) = 0).
    case `return`
    /// f(n) = u(n) / (n - 1), the first return at step n.
    case firstReturn = "first-return"
  }
  static let quantity = CheckParameter<Quantity>.choice("quantity", help: "return or first-return")

  static let probability = Check(
    name: "walk.probability", kind: .table,
    summary: "The walk's pmf P(S(n) = k) against the MPFR referee and GSL's "
      + "gsl_ran_binomial_pdf((n + k) / 2, p, n) (0 for the wrong parity or |k| > n).",
    parameters: [steps, up, position, ParameterSchema.expected("the stated probability")],
    oracles: .refereeOrGSL
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let n = try row[steps]
      let k = try row[position]
      let p = try row[up]
      let walk = try RandomWalk<Double>(steps: n, upProbability: p)
      return try Oracles.refereeOrGSL.rowValue(
        kernel: walk.probability(at: k), tolerance: claim.requiredTolerance(), claim: claim
      ) { oracle in
        if oracle == "referee" {
          return try Referee.randomWalkProbability(k, steps: n, upProbability: p)
        }
        guard (n + k) % 2 == 0, abs(k) <= n else { return 0 }
        return try GSL.binomialProbability((n + k) / 2, trials: n, probability: p)
      }
    }
  }

  static let meanDistance = Check(
    name: "walk.mean-distance", kind: .table,
    summary: "E|S(n)| of the symmetric walk for even n: the kernel's sum of |k| P(S(n) = k) "
      + "against n C(n, n/2) / 2^n from the referee (form exact), or sqrt(2n / pi) (form "
      + "gaussian) against the exact value.",
    parameters: [evenSteps, form, ParameterSchema.expected("the stated value")],
    oracles: Oracles(primary: "referee", names: ["referee", "exact"])
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let n = try row[evenSteps]
      let form = try row[form]
      guard n % 2 == 0 else {
        throw VerificationError.invalidInput(
          name: "steps", value: "\(n)", reason: "an even number in 2...1000000 is needed",
          at: row.given("steps")?.location ?? row.row.location)
      }
      let walk = try RandomWalk<Double>(steps: n)
      let summed = Summation.compensated(
        stride(from: -n, through: n, by: 2).lazy.map { Double(abs($0)) * walk.probability(at: $0) }
      )
      let exact = { () throws -> Double in
        Double(n) * (try Referee.randomWalkReturnProbability(steps: n))
      }
      switch form {
      case .exact:
        return try Oracles.referee.rowValue(
          kernel: summed, tolerance: claim.requiredTolerance(), claim: claim
        ) { _ in try exact() }
      case .gaussian:
        let gaussian = (2 * Double(n) / Double.pi).squareRoot()
        return try Oracles.exact.rowValue(
          kernel: gaussian, tolerance: claim.requiredTolerance(), claim: claim
        ) { _ in try exact() }
      }
    }
  }

  static let returns = Check(
    name: "walk.return", kind: .table,
    summary: "Return probabilities of the symmetric walk: u(n) = P(S(n) = 0) (quantity "
      + "return) or the first-return probability f(n) = u(n) / (n - 1) (quantity "
      + "first-return), against the MPFR referee and GSL's gsl_sf_choose(n, n/2) / 2^n.",
    parameters: [steps, quantity, ParameterSchema.expected("the stated probability")],
    oracles: .refereeOrGSL
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let n = try row[steps]
      let first = try row[quantity] == .firstReturn
      let walk = try RandomWalk<Double>(steps: n)
      let kernel = first ? walk.firstReturnProbability : walk.returnProbability
      return try Oracles.refereeOrGSL.rowValue(
        kernel: kernel, tolerance: claim.requiredTolerance(), claim: claim
      ) { oracle in
        if oracle == "referee" {
          return first
            ? try Referee.randomWalkFirstReturnProbability(steps: n)
            : try Referee.randomWalkReturnProbability(steps: n)
        }
        // GSL's C(n, n/2) / 2^n overflows beyond n = 1000 and odd n has no C(n, n/2): GSL has
        // no value there, and must not be given the kernel's own (it would read as GSL vs
        // referee).
        guard n % 2 == 0, n <= 1000 else { return nil }
        let u = try GSL.choose(n, n / 2).value * Double.pow(2, -Double(n))
        return first ? (n >= 2 ? u / Double(n - 1) : 0) : u
      }
    }
  }

  static let figureSteps = CheckParameter.integer(
    "steps", in: 1...10_000, help: "the number of steps n")
  static let decades = CheckParameter.integer(
    "decades", in: 1...12, help: "m runs from 1 to 10^decades")
  static let points = CheckParameter.integer(
    "points", in: 1...50, default: 8, help: "points per decade")

  static let pmfFigure = Check(
    name: "walk.pmf-figure", kind: .figure,
    summary: "The walk's pmf at the positions of the right parity, with the Gaussian "
      + "2 phi(k; 0, sqrt(n)) drawn beside it; each bar checked against the referee.",
    parameters: [figureSteps], oracles: .referee
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let n = try claim[figureSteps]
      let walk = try RandomWalk<Double>(steps: n)
      let width = Int(4 * Double(n).squareRoot())
      let positions = stride(from: -n, through: n, by: 2).filter { abs($0) <= width }
      let x = positions.map(Double.init)
      let kernel = positions.map { walk.probability(at: $0) }
      let oracle = try positions.map { try Referee.randomWalkProbability($0, steps: n) }
      let sigma = Double(n).squareRoot()
      let gaussian = try x.map { 2 * (try GSL.gaussianDensity($0, sigma: sigma)) }
      let figure = Figure(
        title: "Position after \(n) steps and its Gaussian limit", xLabel: "position k",
        yLabel: "P(S(n) = k)",
        series: [
          .init(name: "kernel", style: .bars, x: x, y: kernel),
          .init(name: "referee", style: .points, x: x, y: oracle),
          .init(name: "2 phi(k; 0, sqrt(n))", style: .line, x: x, y: gaussian),
        ])
      return FigureSupport.result(
        claim, figure: figure, kernel: kernel, oracle: oracle, oracleName: "referee",
        tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }

  static let returnFigure = Check(
    name: "walk.return-figure", kind: .figure,
    summary: "u(2m) = P(S(2m) = 0) against 1 / sqrt(pi m) on log-log axes, for m from 1 to "
      + "10^decades; each kernel point checked against the referee.",
    parameters: [decades, points], oracles: .referee
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let decades = try claim[decades]
      let perDecade = try claim[points]
      var halves: [Int] = []
      for i in 0...(decades * perDecade) {
        let m = Int(Double.pow(10, Double(i) / Double(perDecade)).rounded())
        if halves.last != m { halves.append(m) }
      }
      let x = halves.map(Double.init)
      let kernel = try halves.map { try RandomWalk<Double>(steps: 2 * $0).returnProbability }
      let oracle = try halves.map { try Referee.randomWalkReturnProbability(steps: 2 * $0) }
      let asymptote = x.map { 1 / (Double.pi * $0).squareRoot() }
      let figure = Figure(
        title: "Return to the origin: u(2m) and 1 / sqrt(pi m)", xLabel: "m",
        yLabel: "u(2m)", logX: true, logY: true,
        series: [
          .init(name: "kernel u(2m)", style: .points, x: x, y: kernel),
          .init(name: "1 / sqrt(pi m)", style: .line, x: x, y: asymptote),
        ])
      return FigureSupport.result(
        claim, figure: figure, kernel: kernel, oracle: oracle, oracleName: "referee",
        tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }
}
