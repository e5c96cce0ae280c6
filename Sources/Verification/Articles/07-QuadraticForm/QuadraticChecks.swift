import Foundation
import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Checks of article 7: the extremum of a quadratic polynomial written as a quadratic form.
enum QuadraticChecks {
  static let all: [Check] = [
    matrixForm, stationaryPoint, gradient, identity, classification, bfgs, degenerate, example,
    contourFigure,
  ]

  static let dimension = CheckParameter.range(
    "dimension", within: 1...12, wholeNumbers: true, help: "the range of n, as integer a ... b")

  /// The signs of the eigenvalues of a random symmetric A.
  enum Signs: String, ParameterChoice {
    case positive, negative, mixed, random
  }
  static let signs = CheckParameter<Signs>.choice(
    "signs", default: .random, help: "eigenvalue signs")

  /// The coefficients of `quadratic.matrix-form`.
  enum Coefficients: String, ParameterChoice {
    case symmetric, general
  }
  static let coefficients = CheckParameter<Coefficients>.choice(
    "coefficients", default: .symmetric, help: "symmetric or general (non-symmetric)")

  /// The form `quadratic.identity` compares f with.
  enum IdentityForm: String, ParameterChoice {
    case completedSquare = "completed-square"
    case eigenbasis
  }
  static let identityForm = CheckParameter<IdentityForm>.choice(
    "form", default: .completedSquare, help: "the completed square, or the eigenbasis")

  /// The criterion `quadratic.classification` checks.
  enum Criterion: String, ParameterChoice {
    case eigenvalues, sylvester
  }
  static let criterion = CheckParameter<Criterion>.choice(
    "criterion", default: .eigenvalues, help: "the eigenvalues, or Sylvester's minors")

  /// Where b lies for a singular A.
  enum Placement: String, ParameterChoice {
    case inRange = "in-range"
    case outsideRange = "outside-range"
  }
  static let placement = CheckParameter<Placement>.choice(
    "linear", default: .inRange, help: "b in the range of A, or outside it")

  /// The signs of the nonzero eigenvalues of a singular A.
  enum NonzeroSigns: String, ParameterChoice {
    case positive, negative, mixed
  }
  static let nonzeroSigns = CheckParameter<NonzeroSigns>.choice(
    "signs", default: .positive, help: "nonzero eigenvalues (mixed needs n >= 3)")

  /// The oracle of the singular stationary point.
  enum SingularOracle: String, ParameterChoice {
    case svd, bfgs
  }
  static let singularOracle = CheckParameter<SingularOracle>.choice(
    "oracle", default: .svd, help: "GSL's SVD, or BFGS (positive signs, in-range b only)")

  /// The two conventions of a quadratic.
  enum Convention: String, ParameterChoice {
    case half, plain
    var kernel: QuadraticForm<Double>.Convention { self == .half ? .half : .plain }
  }
  static let convention = CheckParameter<Convention>.choice(
    "convention", help: "half (x^T A x / 2) or plain (x^T A x)")
  static let matrix = CheckParameter.jsonMatrix("matrix", help: "A as JSON, e.g. [[2,1],[1,3]]")
  static let linear = CheckParameter.jsonVector("linear", help: "b as JSON, e.g. [-1,-2]")
  static let constant = CheckParameter.number("constant", help: "c")
  static let quantity = CheckParameter.text(
    "quantity", help: "xK, value or lambdaK (K from 1)")
  static let levels = CheckParameter.text(
    "levels", help: "the levels above f*, comma-separated")

  /// Runs a property whose cases draw a dimension and a seed for the random matrices.
  static func property(
    _ claim: Claim, _ replay: ReplayToken?,
    body: @escaping (Tolerance, Int, inout SeededGenerator) throws -> CaseOutcome
  ) -> ClaimResult {
    let inputs = { () throws -> [InputDraw] in
      [
        try claim[dimension],
        InputDraw(name: "seed", distribution: .uniform, lower: 0, upper: 1),
      ]
    }
    return PropertySupport.run(claim, replay, inputs: inputs) { tolerance, values in
      let n = Int(values[dimension].rounded())
      var generator = SeededGenerator(seed: values["seed"].bitPattern)
      var outcome = try body(tolerance, n, &generator)
      outcome.context.insert("n = \(n)", at: 0)
      return outcome
    }
  }

  // MARK: - Random forms

  /// Eigenvalues with magnitudes in [1, 10] and the requested signs (`positive`, `negative`,
  /// `mixed` with both present when n >= 2, or `random`).
  static func spectrum(_ n: Int, signs: Signs, _ g: inout SeededGenerator) -> [Double] {
    (0..<n).map { k in
      let magnitude = RandomMatrices.uniform(1, 10, &g)
      switch signs {
      case .positive: return magnitude
      case .negative: return -magnitude
      case .mixed:
        return n >= 2 && k == 0
          ? -magnitude : (k == 1 ? magnitude : (g.next() & 1 == 0 ? magnitude : -magnitude))
      case .random: return g.next() & 1 == 0 ? magnitude : -magnitude
      }
    }
  }

  static func form(
    _ a: [[Double]], _ b: [Double], _ c: Double, _ convention: QuadraticForm<Double>.Convention
  ) throws -> QuadraticForm<Double> {
    try QuadraticForm(matrix: Matrix(a), linear: b, constant: c, convention: convention)
  }

  // MARK: - A7.1: the matrix form

  static let matrixForm = Check(
    name: "quadratic.matrix-form", kind: .property,
    summary: "The double sum of a_ij x_i x_j + b.x + c equals the kernel's x^T A x + b^T x + c "
      + "with A the symmetric part of the coefficients; integer coefficients and dyadic points "
      + "make both sides exact.",
    parameters: [dimension, coefficients, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    let kind: Coefficients
    do { kind = try claim[coefficients] } catch {
      return .error(claim, error)
    }
    return property(claim, replay) { tolerance, n, g in
      func integer(_ bound: UInt64) -> Double {
        Double(Int(g.next() % (2 * bound + 1)) - Int(bound))
      }
      var m = (0..<n).map { _ in (0..<n).map { _ in integer(9) } }
      if kind == .symmetric {
        for i in 0..<n { for j in 0..<i { m[i][j] = m[j][i] } }
      }
      if m.allSatisfy({ $0.allSatisfy { $0 == 0 } }) { m[0][0] = 1 }
      let b = (0..<n).map { _ in integer(9) }
      let c = integer(9)
      let x = (0..<n).map { _ in integer(32) / 16 }
      var sum = c
      for i in 0..<n {
        for j in 0..<n { sum += m[i][j] * x[i] * x[j] }
        sum += b[i] * x[i]
      }
      let kernel = try QuadraticForm(
        coefficients: Matrix(m), linear: b, constant: c, convention: .plain)
      var outcome = CaseOutcome()
      outcome.compare(
        "matrix form vs double sum", try kernel.value(at: x), against: sum, within: tolerance)
      outcome.require(kernel.matrix.isSymmetric(), "A symmetric", note: "A is not symmetric")
      return outcome
    }
  }

  // MARK: - A7.2: gradient and stationary point

  static let stationaryPoint = Check(
    name: "quadratic.stationary-point", kind: .property,
    summary:
      "The stationary point and value in both conventions (half: -A^-1 b, c - b^T A^-1 b / 2; "
      + "plain: -A^-1 b / 2, c - b^T A^-1 b / 4) against GSL's LU solve; normwise errors.",
    parameters: [dimension, signs, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    property(claim, replay) { tolerance, n, g in
      let a = RandomMatrices.symmetric(
        RandomMatrices.orthogonal(n, &g), spectrum(n, signs: try claim[signs], &g))
      let b = RandomMatrices.vector(n, &g)
      let c = RandomMatrices.uniform(-5, 5, &g)
      var outcome = CaseOutcome()
      for convention in QuadraticForm<Double>.Convention.allCases {
        let kernel = try form(a, b, c, convention)
        let h = convention == .half ? a : a.map { $0.map { 2 * $0 } }
        let oracle = try GSL.luSolve(h, b.map { -$0 })
        let oracleValue = c + zip(b, oracle).reduce(0) { $0 + $1.0 * $1.1 } / 2
        outcome.compareNormwise(
          "x* (\(convention)) vs GSL", kernel.stationaryPoint ?? [], against: oracle,
          within: tolerance)
        outcome.compareNormwise(
          "f* (\(convention)) vs GSL", [kernel.stationaryValue ?? .nan], against: [oracleValue],
          within: tolerance)
      }
      return outcome
    }
  }

  static let gradient = Check(
    name: "quadratic.gradient", kind: .property,
    summary: "The gradient H x + b and the Hessian H (H = A or 2A) against GSL's central "
      + "differences (gsl_deriv_central); dual-number derivatives shown beside them.",
    parameters: [dimension, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    property(claim, replay) { tolerance, n, g in
      let a = RandomMatrices.symmetric(
        RandomMatrices.orthogonal(n, &g), spectrum(n, signs: .random, &g))
      let b = RandomMatrices.vector(n, &g)
      let x = RandomMatrices.vector(n, &g, scale: 2)
      var outcome = CaseOutcome()
      for convention in QuadraticForm<Double>.Convention.allCases {
        let kernel = try form(a, b, 0, convention)
        let ours = try kernel.gradient(at: x)
        var numeric: [Double] = []
        var hessian: [Double] = []
        for i in 0..<n {
          func moved(_ t: Double) -> [Double] { x.enumerated().map { $0 == i ? $1 + t : $1 } }
          numeric.append(
            try GSL.derivative(of: { t in (try? kernel.value(at: moved(t))) ?? .nan }, at: 0).value)
          for j in 0..<n {
            hessian.append(
              try GSL.derivative(
                of: { t in (try? kernel.gradient(at: moved(t)))?[j] ?? .nan }, at: 0
              ).value)
          }
        }
        outcome.compareNormwise(
          "gradient (\(convention)) vs GSL", ours, against: numeric, within: tolerance)
        outcome.compareNormwise(
          "Hessian (\(convention)) vs GSL", kernel.hessian.elements, against: hessian,
          within: tolerance)
        let dual = Differentiation.gradient(of: kernel.evaluate, at: x)
        outcome.informNormwise(
          "dual-number gradient vs kernel", dual, against: ours, unit: tolerance.bound)
      }
      return outcome
    }
  }

  static let identity = Check(
    name: "quadratic.identity", kind: .property,
    summary: "f(x) equals its completed square f* + (x - x*)^T H (x - x*) / 2, or its decoupled "
      + "form f* + sum mu_i y_i^2 / 2 in the eigenbasis, at random points.",
    parameters: [dimension, identityForm, signs, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    property(claim, replay) { tolerance, n, g in
      let which = try claim[identityForm]
      let a = RandomMatrices.symmetric(
        RandomMatrices.orthogonal(n, &g), spectrum(n, signs: try claim[signs], &g))
      let b = RandomMatrices.vector(n, &g)
      let c = RandomMatrices.uniform(-5, 5, &g)
      let x = RandomMatrices.vector(n, &g, scale: 2)
      var outcome = CaseOutcome()
      for convention in QuadraticForm<Double>.Convention.allCases {
        let kernel = try form(a, b, c, convention)
        let direct = try kernel.value(at: x)
        let rewritten =
          which == .eigenbasis ? try kernel.decoupled(at: x) : try kernel.completedSquare(at: x)
        outcome.compare(
          "\(which.rawValue) vs f(x) (\(convention))", rewritten, against: direct, within: tolerance
        )
        if which == .eigenbasis {
          let gsl = try GSL.symmetricEigen(a).eigenvalues
          outcome.informNormwise(
            "eigenvalues vs GSL gsl_eigen_symm", kernel.eigenvalues, against: gsl,
            unit: .relative(0))
        }
      }
      return outcome
    }
  }

  // MARK: - A7.3: classification

  static let classification = Check(
    name: "quadratic.classification", kind: .property,
    summary: "The eigenvalues against GSL's gsl_eigen_symm and the class they give (minimum, "
      + "maximum, saddle); or Sylvester's leading minors against GSL's gsl_linalg_LU_det, and "
      + "agreement of the two criteria.",
    parameters: [dimension, criterion, signs, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    property(claim, replay) { tolerance, n, g in
      let criterion = try claim[criterion]
      let lambda = spectrum(n, signs: try claim[signs], &g)
      let a = RandomMatrices.symmetric(RandomMatrices.orthogonal(n, &g), lambda)
      let kernel = try form(a, RandomMatrices.vector(n, &g), 0, .half)
      var outcome = CaseOutcome()
      let expected: QuadraticForm<Double>.Classification =
        lambda.allSatisfy { $0 > 0 } ? .minimum : lambda.allSatisfy { $0 < 0 } ? .maximum : .saddle
      if criterion == .eigenvalues {
        let gsl = try GSL.symmetricEigen(a).eigenvalues
        outcome.compareNormwise(
          "eigenvalues vs GSL", kernel.eigenvalues, against: gsl, within: tolerance)
        outcome.require(
          kernel.classification == expected, "class",
          note:
            "the kernel says \(kernel.classification.rawValue), the spectrum \(expected.rawValue)")
        // The map's "Cholesky succeeds if and only if A is positive definite", for the
        // kernel's factorization and GSL's (gsl_linalg_cholesky_decomp1) alike.
        let definite = expected == .minimum
        let kernelFactors = (try? CholeskyDecomposition(try Matrix(a))) != nil
        let gslFactors = (try? GSL.cholesky(a)) != nil
        outcome.require(
          kernelFactors == definite && gslFactors == definite, "Cholesky iff positive definite",
          note: "A is \(definite ? "" : "not ")positive definite, but Cholesky "
            + "\(kernelFactors ? "succeeds" : "fails") (kernel), "
            + "\(gslFactors ? "succeeds" : "fails") (GSL)")
      } else {
        let gsl = try GSL.leadingMinors(a)
        outcome.compareNormwise(
          "leading minors vs GSL", kernel.leadingPrincipalMinors, against: gsl, within: tolerance)
        outcome.require(
          kernel.definitenessBySylvester == kernel.definitenessByEigenvalues, "criteria agree",
          note: "Sylvester says \(kernel.definitenessBySylvester.rawValue), the eigenvalues "
            + "\(kernel.definitenessByEigenvalues.rawValue)")
      }
      outcome.context.append("class \(kernel.classification.rawValue)")
      return outcome
    }
  }

  static let bfgs = Check(
    name: "quadratic.bfgs", kind: .property,
    summary: "GSL's BFGS minimiser (gsl_multimin_fdfminimizer_vector_bfgs2) converges to the "
      + "kernel's x* for a positive definite A.",
    parameters: [dimension, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    property(claim, replay) { tolerance, n, g in
      let a = RandomMatrices.symmetric(
        RandomMatrices.orthogonal(n, &g), spectrum(n, signs: .positive, &g))
      let kernel = try form(
        a, RandomMatrices.vector(n, &g), RandomMatrices.uniform(-5, 5, &g), .half)
      let start = RandomMatrices.vector(n, &g, scale: 5)
      let minimum = try GSL.minimize(from: start, gradientTolerance: 1e-12) { x in
        ((try? kernel.value(at: x)) ?? .nan, (try? kernel.gradient(at: x)) ?? [])
      }
      var outcome = CaseOutcome()
      outcome.compareNormwise(
        "x* vs GSL BFGS", kernel.stationaryPoint ?? [], against: minimum.point, within: tolerance)
      outcome.context.append(
        "\(minimum.iterations) BFGS iterations, gradient norm \(minimum.gradientNorm)")
      return outcome
    }
  }

  // MARK: - A7.4: singular A

  static let degenerate = Check(
    name: "quadratic.degenerate", kind: .property,
    summary: "A singular A = Q diag(lambda) Q^T whose nonzero eigenvalues are all positive, all "
      + "negative or of both signs. With b in its range: the class (degenerate minimum, maximum "
      + "or saddle), the minimum-norm stationary point -H^+ b in both conventions against a "
      + "pseudo-inverse built from GSL's Jacobi SVD (or, for positive, GSL's BFGS from the "
      + "origin), and a flat valley along the null space. With b outside: no stationary point, "
      + "GSL's SVD finds the unit off-range part, and f(-t r) = c - t exactly.",
    parameters: [dimension, placement, nonzeroSigns, singularOracle, PropertySupport.cases],
    oracles: Oracles(primary: "exact", names: ["exact", "gsl"])
  ) { claim, replay in
    let placement: Placement
    let signs: NonzeroSigns
    let oracle: SingularOracle
    do {
      placement = try claim[Self.placement]
      signs = try claim[nonzeroSigns]
      oracle = try claim[singularOracle]
      if oracle == .bfgs && (signs != .positive || placement != .inRange) {
        throw VerificationError.invalidInput(
          name: "oracle", value: oracle.rawValue,
          reason: "BFGS finds only a minimum: use it with signs: positive and linear: in-range",
          at: claim.parameter("oracle")?.location ?? claim.location)
      }
      // b in the range is held against GSL (its SVD or BFGS); b outside, against exact values.
      let measured = placement == .inRange ? "gsl" : "exact"
      if let tolerance = claim.tolerance, let named = tolerance.reference?.lowercased(),
        named != measured
      {
        throw VerificationError.invalidInput(
          name: "tolerance", value: "against \(named)",
          reason: "with linear: \(placement.rawValue) the check compares against \(measured)",
          at: tolerance.location)
      }
    } catch {
      return .error(claim, error)
    }
    return property(claim, replay) { tolerance, n, g in
      let smallest = signs == .mixed ? 3 : 2
      guard n >= smallest else {
        throw VerificationError.invalidInput(
          name: "dimension", value: "\(n)",
          reason: "a singular nonzero A with \(signs.rawValue) eigenvalues needs n >= \(smallest)",
          at: claim.parameter("dimension")?.location ?? claim.location)
      }
      let q = RandomMatrices.orthogonal(n, &g)
      // spectrum puts a negative eigenvalue first and a positive one second for mixed signs,
      // so zeroing the last 1 ... n - smallest + 1 keeps at least one of each.
      var lambda = spectrum(n, signs: Signs(rawValue: signs.rawValue) ?? .positive, &g)
      let nullity = 1 + Int(g.next() % UInt64(n - smallest + 1))
      for k in (n - nullity)..<n { lambda[k] = 0 }
      let a = RandomMatrices.symmetric(q, lambda)
      // b = sum of beta_k q_k over the nonzero eigenvalues, plus (outside the range) the unit
      // null-space vector r. (b = A z would lose the range to cancellation when A z is much
      // shorter than A times z: its rounding error alone could then leave the range.)
      let beta = RandomMatrices.vector(n - nullity, &g)
      var b = (0..<n).map { i in beta.indices.reduce(0) { $0 + beta[$1] * q[i][$1] } }
      let r = (0..<n).map { i in q[i][n - 1] }
      let inRange = b
      if placement == .outsideRange { b = zip(b, r).map { $0 + $1 } }
      var outcome = CaseOutcome()
      outcome.context.append("nullity \(nullity)")
      if placement == .outsideRange {
        // Near the kernel's cut-off, 16 n u |b| (7e-15 to 2.1e-14 here): an off-range part of
        // 1e-11 or 1e-13 times max |b_i| is 2 to 1400 times above it and must be seen (the
        // projection on the null space is good to a few u |b|), while 1e-17 |b| is below the
        // rounding of b itself and must not be. Range tests that are too lenient or too strict
        // by a factor of 2 fail here, where a unit off-range part is far from both.
        let size = inRange.reduce(0) { max($0, abs($1)) }
        for (offset, seen) in [(1e-11, true), (1e-13, true), (1e-17, false)] {
          let near = zip(inRange, r).map { $0 + offset * size * $1 }
          let kernel = try form(a, near, 1, .half)
          let off = kernel.classification == .noStationaryPoint
          outcome.require(
            off == seen, "range test with an off-range part of \(offset) |b|",
            note: "an off-range part of \(offset) |b| gave \(kernel.classification.rawValue)")
        }
        let kernel = try form(a, b, 1, .half)
        outcome.require(
          kernel.classification == .noStationaryPoint, "class",
          note: "expected no-stationary-point, got \(kernel.classification.rawValue)")
        // GSL's SVD, independently: the part of b off the range of A is r, of norm 1.
        let offRange = try GSL.offRangeNorm(a, b)
        outcome.compare("|b off range| (GSL SVD) vs 1", offRange, against: 1, within: tolerance)
        // f(-t r) = c - t b^T r + t^2 r^T A r / 2 = 1 - t, since A r = 0 and b^T r = 1.
        let t = 1000.0
        outcome.compare(
          "f(-1000 r) vs 1 - 1000", try kernel.value(at: r.map { -t * $0 }), against: 1 - t,
          within: tolerance)
        return outcome
      }
      let expected: QuadraticForm<Double>.Classification =
        signs == .positive
        ? .degenerateMinimum : signs == .negative ? .degenerateMaximum : .degenerateSaddle
      for convention in QuadraticForm<Double>.Convention.allCases {
        let kernel = try form(a, b, 1, convention)
        outcome.require(
          kernel.classification == expected, "class (\(convention))",
          note: "expected \(expected.rawValue), got \(kernel.classification.rawValue)")
        guard let point = kernel.stationaryPoint, let value = kernel.stationaryValue else {
          continue
        }
        let h = convention == .half ? a : a.map { $0.map { 2 * $0 } }
        if oracle == .bfgs {
          let minimum = try GSL.minimize(
            from: [Double](repeating: 0, count: n), gradientTolerance: 1e-12
          ) { x in
            ((try? kernel.value(at: x)) ?? .nan, (try? kernel.gradient(at: x)) ?? [])
          }
          outcome.compareNormwise(
            "-H^+ b (\(convention)) vs GSL BFGS from 0", point, against: minimum.point,
            within: tolerance)
        } else {
          let solution = try GSL.minimumNormSolution(h, b.map { -$0 })
          outcome.compareNormwise(
            "-H^+ b (\(convention)) vs GSL SVD", point, against: solution, within: tolerance)
          let oracleValue = 1 + zip(b, solution).reduce(0) { $0 + $1.0 * $1.1 } / 2
          outcome.compare(
            "f* (\(convention)) vs GSL SVD", value, against: oracleValue, within: tolerance)
        }
        // Moving along the null space keeps the stationary value.
        let valley = zip(point, r).map { $0 + 3 * $1 }
        outcome.compare(
          "f(x* + 3 r) vs f* (\(convention))", try kernel.value(at: valley), against: value,
          within: tolerance)
      }
      return outcome
    }
  }

  // MARK: - A7.5: the worked example

  /// Reads a JSON array of numbers, or of arrays of numbers, from a claim or row.
  static let example = Check(
    name: "quadratic.example", kind: .table,
    summary: "One quantity of a given quadratic (x1, x2, ..., value, lambda1, lambda2, ...) "
      + "against GSL's LU solve and gsl_eigen_symm.",
    parameters: [
      matrix, linear, constant, convention, quantity,
      ParameterSchema.expected("the stated value"),
    ],
    oracles: .gsl
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let a = try row[matrix]
      let b = try row[linear]
      let c = try row[constant]
      let convention = try row[convention].kernel
      let kernel = try form(a, b, c, convention)
      let quantity = try row[quantity]
      let at = row.given("quantity")?.location ?? row.row.location
      let h = convention == .half ? a : a.map { $0.map { 2 * $0 } }
      func index(_ prefix: String) -> Int? {
        guard quantity.hasPrefix(prefix), let k = Int(quantity.dropFirst(prefix.count)),
          (1...b.count).contains(k)
        else { return nil }
        return k - 1
      }
      let values: (Double, () throws -> Double)
      if let k = index("x") {
        values = (
          kernel.stationaryPoint?[k] ?? .nan, { try GSL.luSolve(h, b.map { -$0 })[k] }
        )
      } else if let k = index("lambda") {
        values = (kernel.eigenvalues[k], { try GSL.symmetricEigen(a).eigenvalues[k] })
      } else if quantity == "value" {
        values = (
          kernel.stationaryValue ?? .nan,
          {
            let x = try GSL.luSolve(h, b.map { -$0 })
            return c + zip(b, x).reduce(0) { $0 + $1.0 * $1.1 } / 2
          }
        )
      } else {
        throw VerificationError.invalidInput(
          name: "quantity", value: quantity, reason: "write xK, value or lambdaK", at: at)
      }
      return try Oracles.gsl.rowValue(
        kernel: values.0, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in try values.1() }
    }
  }

  // MARK: - Figure

  static let contourFigure = Check(
    name: "quadratic.contour-figure", kind: .figure,
    summary: "Level curves of a positive definite 2 x 2 quadratic (half convention), drawn "
      + "parametrically in the eigenbasis, with gradient arrows; f on every curve point and "
      + "every arrow's gradient are checked against the level and GSL's central differences.",
    parameters: [
      matrix.help("A as JSON, positive definite 2 x 2"), linear.help("b as JSON"), constant,
      levels,
    ],
    oracles: .exact
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let kernel = try form(claim[matrix], claim[linear], claim[constant], .half)
      guard kernel.dimension == 2, kernel.classification == .minimum,
        let center = kernel.stationaryPoint, let bottom = kernel.stationaryValue
      else {
        throw VerificationError.invalidInput(
          name: "matrix", value: claim.parameter("matrix")?.text ?? "",
          reason: "the figure needs a positive definite 2 x 2 matrix", at: claim.location)
      }
      let levels = try claim[levels].split(separator: ",").map { part -> Double in
        guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v > bottom else {
          throw VerificationError.invalidInput(
            name: "levels", value: String(part), reason: "levels must be numbers above f*",
            at: claim.location)
        }
        return v
      }
      var curveX: [Double] = []
      var curveY: [Double] = []
      var arrowX: [Double] = []
      var arrowY: [Double] = []
      var outcome = CaseOutcome()
      let q = kernel.eigenvectors
      for level in levels {
        // 1/2 sum lambda_i y_i^2 = level - f*: y_i = sqrt(2 (level - f*) / lambda_i) (cos, sin).
        let radii = kernel.eigenvalues.map { (2 * (level - bottom) / $0).squareRoot() }
        for step in 0...72 {
          let t = Double(step) / 72 * 2 * Double.pi
          let y = [radii[0] * cos(t), radii[1] * sin(t)]
          let x = (0..<2).map { i in center[i] + q[i, 0] * y[0] + q[i, 1] * y[1] }
          curveX.append(x[0])
          curveY.append(x[1])
          outcome.compare(
            "f on the curve vs its level", try kernel.value(at: x), against: level,
            within: tolerance)
          if step % 12 == 0 && step < 72 && level == levels.last {
            let gradient = try kernel.gradient(at: x)
            let numeric = try (0..<2).map { i in
              try GSL.derivative(
                of: { s in
                  (try? kernel.value(at: x.enumerated().map { $0 == i ? $1 + s : $1 })) ?? .nan
                },
                at: 0
              ).value
            }
            outcome.inform(
              "arrow gradient vs GSL", gradient[0], against: numeric[0], unit: .absolute(0))
            outcome.inform(
              "arrow gradient vs GSL", gradient[1], against: numeric[1], unit: .absolute(0))
            let scale = 0.08
            let tip = [x[0] + scale * gradient[0], x[1] + scale * gradient[1]]
            let back = [-scale * gradient[0] * 0.3, -scale * gradient[1] * 0.3]
            let left = [tip[0] + back[0] - back[1] * 0.5, tip[1] + back[1] + back[0] * 0.5]
            let right = [tip[0] + back[0] + back[1] * 0.5, tip[1] + back[1] - back[0] * 0.5]
            arrowX += [x[0], tip[0], .nan, left[0], tip[0], right[0], .nan]
            arrowY += [x[1], tip[1], .nan, left[1], tip[1], right[1], .nan]
          }
        }
        curveX.append(.nan)
        curveY.append(.nan)
      }
      let measurements = outcome.measurements.worstPerLabel()
      let figure = Figure(
        title: "Level curves of f and its gradient", xLabel: "x1", yLabel: "x2",
        equalAspect: true,
        series: [
          .init(
            name: "level curves f = "
              + levels.map { NumberFormatting.short($0) }.joined(separator: ", "), style: .line,
            x: curveX, y: curveY),
          .init(name: "gradient (scaled by 0.08)", style: .line, x: arrowX, y: arrowY),
          .init(name: "x*", style: .points, x: [center[0]], y: [center[1]]),
        ])
      let summary =
        (["\(levels.count) curves"] + measurements.map { describe($0, prefix: "max ") })
        .joined(separator: "; ")
      return ClaimResult(
        id: claim.id, verdict: outcome.passed ? .passed : .failed, summary: summary,
        measurements: measurements, details: Array(outcome.notes.prefix(5)), figure: figure,
        location: claim.location)
    } catch {
      return .error(claim, error)
    }
  }
}
