import Foundation
import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Checks of article 8: directional derivatives, partial derivatives and the gradient.
enum GradientChecks {
  static let all: [Check] = [
    directional, accuracy, scaling, quotient, extremes, ascent, descent, circleFigure,
  ]

  /// The functions of two variables the checks differentiate, written once over dual numbers.
  enum Function: String, ParameterChoice {
    case squares = "x^2 + y^2"
    case wave = "sin(x) exp(y)"
    case logarithm = "log(1 + x^2 + 3 y^2)"
    case cubic = "x^3 y - 2 x y^2"
    /// Added so that `function: all` reaches Dual's cos and quotient rule as well.
    case ratio = "cos(x + y) / (1 + x^2)"

    func callAsFunction<T: DifferentiableScalar>(_ p: [T]) -> T {
      let x = p[0]
      let y = p[1]
      switch self {
      case .squares: return x * x + y * y
      case .wave: return T.sin(x) * T.exp(y)
      case .logarithm: return T.log(1 + x * x + 3 * y * y)
      case .cubic: return x * x * x * y - 2 * x * y * y
      case .ratio: return T.cos(x + y) / (1 + x * x)
      }
    }
  }

  /// One function, or every function (`all`), for the properties.
  enum Functions: RawRepresentable, ParameterChoice {
    case one(Function)
    case all

    static var allCases: [Functions] { Function.allCases.map { .one($0) } + [.all] }
    init?(rawValue: String) {
      if rawValue == "all" {
        self = .all
      } else if let f = Function(rawValue: rawValue) {
        self = .one(f)
      } else {
        return nil
      }
    }
    var rawValue: String {
      switch self {
      case .one(let f): f.rawValue
      case .all: "all"
      }
    }
    /// The functions selected.
    var selected: [Function] {
      switch self {
      case .one(let f): [f]
      case .all: Function.allCases
      }
    }
  }

  static let function = CheckParameter<Function>.choice(
    "function", default: .squares, help: "the function of x and y")
  static let functions = CheckParameter<Functions>.choice(
    "function", default: .one(.squares), help: "the function of x and y, or all")

  /// A point or a direction in the plane, written `(3, 4)` or `3, 4`.
  static func pairParameter(_ name: String, help: String) -> CheckParameter<[Double]> {
    CheckParameter(schema: ParameterSchema(name, accepts: [.text], isRequired: true, help: help)) {
      given, at throws(VerificationError) in
      guard let given else { throw .missingInput(name, at: at) }
      return try pair(given.text, name: name, at: given.location)
    }
  }
  static let point = pairParameter("point", help: "the point, as (1, 2)")
  static let direction = pairParameter("direction", help: "the direction, as (3, 4)")

  /// Whether `gradient.directional-derivative` normalises the direction.
  enum Normalise: String, ParameterChoice {
    case yes, no
  }
  static let normalise = CheckParameter<Normalise>.choice(
    "normalise", default: .yes, help: "whether the direction is normalised")

  /// GSL's central-difference derivative of t -> f(p + t u) at t = 0.
  static func gslRate(_ f: Function, at p: [Double], along u: [Double]) throws -> Double {
    try GSL.derivative(of: { t in f(zip(p, u).map { $0 + t * $1 }) }, at: 0, step: 1e-4).value
  }

  /// Reads `(3, 4)` or `3, 4` as a vector of two numbers.
  static func pair(_ text: String, name: String, at location: SourceLocation)
    throws(VerificationError) -> [Double]
  {
    let parts = text.trimmingCharacters(in: CharacterSet(charactersIn: "()[] $"))
      .split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let x = parts[0], let y = parts[1], x.isFinite, y.isFinite else {
      throw VerificationError.invalidInput(
        name: name, value: text, reason: "write two numbers, as (3, 4)", at: location)
    }
    return [x, y]
  }

  static let directional = Check(
    name: "gradient.directional-derivative", kind: .table,
    summary: "The directional derivative along a direction (normalised, or as given when "
      + "normalise is no) by one dual-number pass, against GSL's gsl_deriv_central.",
    parameters: [
      function, point, direction, normalise, ParameterSchema.expected("the stated rate"),
    ],
    oracles: .gsl
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let f = try claim[function]
      let p = try row[point]
      let v = try row[direction]
      let u = try row[normalise] == .yes ? try Differentiation.unitVector(v, dimension: 2) : v
      let kernel = try Differentiation.derivative(of: { f($0) }, at: p, along: u).derivative
      return try Oracles.gsl.rowValue(
        kernel: kernel, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in try gslRate(f, at: p, along: u) }
    }
  }

  /// Runs a property over random points in [-2, 2]^2 and the chosen functions.
  static func property(
    _ claim: Claim, _ replay: ReplayToken?,
    body: @escaping (Tolerance, Function, [Double], Double) throws -> CaseOutcome
  ) -> ClaimResult {
    let functions: [Function]
    do { functions = try claim[Self.functions].selected } catch {
      return .error(claim, error)
    }
    let inputs = { () throws -> [InputDraw] in
      [
        try claim[coordinate],
        InputDraw(name: "y", distribution: .uniform, lower: -2, upper: 2),
        InputDraw(name: "angle", distribution: .uniform, lower: 0, upper: 2 * Double.pi),
        InputDraw(
          name: "function", distribution: .integer, lower: 0, upper: Double(functions.count) - 1),
      ]
    }
    return PropertySupport.run(claim, replay, inputs: inputs) { tolerance, values in
      let index = min(max(Int(values["function"].rounded()), 0), functions.count - 1)
      let f = functions[index]
      let p = [values[coordinate], values["y"]]
      var outcome = try body(tolerance, f, p, values["angle"])
      outcome.context.insert("f = \(f.rawValue)", at: 0)
      return outcome
    }
  }

  static let coordinate = CheckParameter.range(
    "coordinate", within: -100...100, help: "the range of x (y is drawn from -2 ... 2)")

  /// The directions `gradient.accuracy` differentiates along.
  enum Along: String, ParameterChoice {
    /// One random unit direction per case.
    case random
    /// The two axes: the partial derivatives.
    case axes
  }
  static let along = CheckParameter<Along>.choice(
    "along", default: .random, help: "a random unit direction, or the axes")
  static let scale = CheckParameter.range("scale", within: 1e-100...1e100, help: "the range of c")
  static let step = CheckParameter.number(
    "step", within: Double.leastNonzeroMagnitude...1e100, help: "the step h")
  static let quantity = CheckParameter<Quantity>.choice(
    "quantity", help: "max-rate, min-rate, max-angle, rate-along or cos-gamma")
  static let iterations = CheckParameter.integer(
    "iterations", in: 1...100_000, help: "the number of steps")
  static let figurePoints = CheckParameter.integer(
    "points", in: 2...10_001, default: 73, help: "how many angles")

  /// What `gradient.extreme-directions` computes.
  enum Quantity: String, ParameterChoice {
    case maxRate = "max-rate"
    case minRate = "min-rate"
    case maxAngle = "max-angle"
    case rateAlong = "rate-along"
    case cosGamma = "cos-gamma"
  }

  static let accuracy = Check(
    name: "gradient.accuracy", kind: .property,
    summary: "Dual-number derivatives against GSL's gsl_deriv_central: along a random unit "
      + "direction (and equal to grad f . u), or along the axes (the partial derivatives).",
    parameters: [functions, coordinate, along, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    property(claim, replay) { tolerance, f, p, angle in
      let directions =
        try claim[along] == .axes ? [[1.0, 0], [0, 1]] : [[cos(angle), sin(angle)]]
      let g = Differentiation.gradient(of: { f($0) }, at: p)
      var outcome = CaseOutcome()
      for u in directions {
        let rate = try Differentiation.directionalDerivative(of: { f($0) }, at: p, along: u)
        outcome.compare(
          "D_u f vs GSL", rate, against: try gslRate(f, at: p, along: u), within: tolerance)
        outcome.compare(
          "D_u f vs grad f . u", rate, against: g[0] * u[0] + g[1] * u[1], within: tolerance)
      }
      return outcome
    }
  }

  static let scaling = Check(
    name: "gradient.direction-scaling", kind: .property,
    summary: "D_(c v) f = D_v f for c > 0 and D_(-v) f = -D_v f: only the direction counts.",
    parameters: [functions, coordinate, scale, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    let scale: InputDraw
    do { scale = try claim[Self.scale] } catch {
      return .error(claim, error)
    }
    return property(claim, replay) { tolerance, f, p, angle in
      let c = scale.lower * pow(scale.upper / scale.lower, angle / (2 * Double.pi))
      let v = [cos(3 * angle) + 0.5, sin(3 * angle)]
      let d = try Differentiation.directionalDerivative(of: { f($0) }, at: p, along: v)
      let scaled = try Differentiation.directionalDerivative(
        of: { f($0) }, at: p, along: v.map { c * $0 })
      let reversed = try Differentiation.directionalDerivative(
        of: { f($0) }, at: p, along: v.map { -$0 })
      var outcome = CaseOutcome()
      outcome.context.append("c = \(c)")
      outcome.compare("D_(c v) vs D_v", scaled, against: d, within: tolerance)
      outcome.compare("D_(-v) vs -D_v", reversed, against: -d, within: tolerance)
      return outcome
    }
  }

  static let quotient = Check(
    name: "gradient.difference-quotient", kind: .table,
    summary: "The forward difference quotient (f(p + h u) - f(p)) / h of x^2 + y^2 along a unit "
      + "direction, against its exact value D + h |u|^2 = D + h.",
    parameters: [point, direction, step, ParameterSchema.expected("the stated quotient")],
    oracles: .exact
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let p = try row[point]
      let u = try Differentiation.unitVector(try row[direction], dimension: 2)
      let h = try row[step]
      let f = Function.squares
      let kernel = (f(zip(p, u).map { $0 + h * $1 }) - f(p)) / h
      let exact = 2 * (p[0] * u[0] + p[1] * u[1]) + h
      return try Oracles.exact.rowValue(
        kernel: kernel, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in exact }
    }
  }

  /// The largest and smallest directional derivatives found by GSL's Brent minimiser over angles.
  static func gslExtreme(_ f: Function, at p: [Double], largest: Bool) throws -> (
    rate: Double, angle: Double
  ) {
    func rate(_ theta: Double) -> Double {
      let d = (try? gslRate(f, at: p, along: [cos(theta), sin(theta)])) ?? .nan
      return largest ? -d : d
    }
    // A coarse scan of 72 angles brackets the minimum independently of the kernel.
    let grid = (0..<72).map { Double($0) * Double.pi / 36 }
    let best = grid.min { rate($0) < rate($1) } ?? 0
    let found = try GSL.minimize(
      from: best - Double.pi / 36, to: best + Double.pi / 36, guess: best,
      absoluteTolerance: 1e-6, rate)
    var angle = found.point.truncatingRemainder(dividingBy: 2 * Double.pi)
    if angle > Double.pi { angle -= 2 * Double.pi }
    if angle <= -Double.pi { angle += 2 * Double.pi }
    return (largest ? -found.value : found.value, angle)
  }

  /// The direction of `rate-along` and `cos-gamma` rows (other rows leave it out).
  static let optionalDirection: CheckParameter<[Double]> = {
    var schema = direction.schema
    schema.isRequired = false
    schema.help = "for rate-along and cos-gamma, as (3, 4)"
    return CheckParameter(schema: schema, read: direction.read)
  }()

  static let extremes = Check(
    name: "gradient.extreme-directions", kind: .table,
    summary: "Quantities of the gradient at a point: max-rate |grad f|, min-rate -|grad f|, "
      + "max-angle atan2, rate-along a direction, cos-gamma; against GSL (Brent over angles "
      + "and gsl_deriv_central).",
    parameters: [
      function, point, quantity, optionalDirection, ParameterSchema.expected("the stated value"),
    ],
    oracles: .gsl
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let f = try claim[function]
      let p = try row[point]
      let g = Differentiation.gradient(of: { f($0) }, at: p)
      let norm = Differentiation.euclideanNorm(g)
      let quantity = try row[quantity]
      func direction() throws -> [Double] {
        try Differentiation.unitVector(try row[optionalDirection], dimension: 2)
      }
      let kernel: Double
      let oracle: () throws -> Double
      switch quantity {
      case .maxRate: (kernel, oracle) = (norm, { try gslExtreme(f, at: p, largest: true).rate })
      case .minRate: (kernel, oracle) = (-norm, { try gslExtreme(f, at: p, largest: false).rate })
      case .maxAngle:
        (kernel, oracle) = (atan2(g[1], g[0]), { try gslExtreme(f, at: p, largest: true).angle })
      case .rateAlong:
        let u = try direction()
        kernel = try Differentiation.derivative(of: { f($0) }, at: p, along: u).derivative
        oracle = { try gslRate(f, at: p, along: u) }
      case .cosGamma:
        let u = try direction()
        kernel = try Differentiation.derivative(of: { f($0) }, at: p, along: u).derivative / norm
        oracle = {
          try gslRate(f, at: p, along: u) / gslExtreme(f, at: p, largest: true).rate
        }
      }
      return try Oracles.gsl.rowValue(
        kernel: kernel, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in try oracle() }
    }
  }

  static let ascent = Check(
    name: "gradient.steepest-ascent", kind: .property,
    summary: "The largest directional derivative over all angles (GSL's Brent on "
      + "gsl_deriv_central) equals |grad f|, and the rate along the level-curve tangent is 0; "
      + "both divided by |grad f|.",
    parameters: [functions, coordinate, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    property(claim, replay) { tolerance, f, p, _ in
      let g = Differentiation.gradient(of: { f($0) }, at: p)
      let norm = Differentiation.euclideanNorm(g)
      var outcome = CaseOutcome()
      guard norm > 1e-3 else {
        outcome.context.append("|grad f| = \(norm), too flat to have a steepest direction")
        return outcome
      }
      let best = try gslExtreme(f, at: p, largest: true)
      outcome.compare("max D / |grad f| vs GSL", 1, against: best.rate / norm, within: tolerance)
      let tangent = [-g[1] / norm, g[0] / norm]
      outcome.compare(
        "D along the level curve / |grad f| vs GSL",
        try Differentiation.derivative(of: { f($0) }, at: p, along: tangent).derivative / norm,
        against: try gslRate(f, at: p, along: tangent) / norm, within: tolerance)
      return outcome
    }
  }

  static let descent = Check(
    name: "gradient.steepest-descent", kind: .property,
    summary: "Steepest descent with step 1/mu_max on a random positive definite 2 x 2 quadratic "
      + "lowers f at every step and reaches the minimum GSL's BFGS finds.",
    parameters: [coordinate, iterations, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    property(claim, replay) { tolerance, _, p, angle in
      let steps = try claim[iterations]
      let c = cos(angle)
      let s = sin(angle)
      let lambda = [1 + abs(p[1]), 4 + abs(p[0])]
      let a = [
        [c * c * lambda[0] + s * s * lambda[1], c * s * (lambda[0] - lambda[1])],
        [c * s * (lambda[0] - lambda[1]), s * s * lambda[0] + c * c * lambda[1]],
      ]
      let form = try QuadraticForm(matrix: Matrix(a), linear: [p[1], -1], constant: 0.5)
      let mu = form.eigenvalues
      let path = try GradientDescent.iterates(
        of: { form.evaluate($0) }, from: [3, -2], step: 1 / mu[1], iterations: steps)
      var outcome = CaseOutcome()
      let values = try path.map { try form.value(at: $0) }
      outcome.require(
        zip(values, values.dropFirst()).allSatisfy { $1 <= $0 + 1e-13 },
        "f decreases",
        note: "f rose by more than rounding during the descent")
      let minimum = try GSL.minimize(from: [3, -2], gradientTolerance: 1e-12) { x in
        ((try? form.value(at: x)) ?? .nan, (try? form.gradient(at: x)) ?? [])
      }
      outcome.compareNormwise(
        "last iterate vs GSL BFGS", path.last ?? [], against: minimum.point, within: tolerance)
      // The quadratic descended is drawn per case; the function parameter does not apply.
      outcome.context = ["a random positive definite quadratic, condition \(mu[1] / mu[0])"]
      return outcome
    }
  }

  static let circleFigure = Check(
    name: "gradient.circle-figure", kind: .figure,
    summary: "The directional derivative D(theta) along (cos theta, sin theta) around the "
      + "circle, each point against GSL's gsl_deriv_central.",
    parameters: [function, point, figurePoints], oracles: .gsl
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let f = try claim[function]
      let p = try claim[point]
      let count = try claim[figurePoints]
      let angles = (0..<count).map { 2 * Double.pi * Double($0) / Double(count - 1) }
      let kernel = try angles.map {
        try Differentiation.derivative(of: { f($0) }, at: p, along: [cos($0), sin($0)]).derivative
      }
      let oracle = try angles.map { try gslRate(f, at: p, along: [cos($0), sin($0)]) }
      let figure = Figure(
        title: "D(theta) of \(f.rawValue) at (\(p[0]), \(p[1]))", xLabel: "theta (radians)",
        yLabel: "D(theta)",
        series: [
          .init(name: "kernel (dual numbers)", style: .line, x: angles, y: kernel),
          .init(name: "GSL", style: .points, x: angles, y: oracle),
        ])
      return FigureSupport.result(
        claim, figure: figure, kernel: kernel, oracle: oracle, oracleName: "gsl",
        tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }
}
