import GSLOracle
import RealModule
import Referee
import ReferenceNumerics
import SpecEngine

/// Property checks of article 1: the relative identity, orthogonality, the equivalent forms,
/// the layout permutation, and the rotation against the MPFR referee.
enum RotaryPropertyChecks {
  static let all: [Check] = [
    relative, orthogonal, forms, complexScore, permutation, accuracy, exactPhase,
  ]

  typealias S = RotarySupport

  /// Draws an integer position named `name` from the claim's position range.
  static func positionDraw(_ claim: Claim, _ name: String) throws -> InputDraw {
    var draw = try claim[S.position]
    draw.name = name
    return draw.roundedToWholeNumbers()
  }

  /// A range of positions under another name (`distance`).
  static func positionDraw(named name: String) -> CheckParameter<InputDraw> {
    CheckParameter.range(name, within: -1e7...1e7, help: "the range the \(name) is drawn from")
  }

  /// Returns a matrix's entries row by row, in `Double`.
  static func flat<T: ReferenceScalar>(_ m: [[T]]) -> [Double] {
    m.flatMap { $0.map(Double.init) }
  }

  /// Runs `body` in the claim's precision.
  static func inPrecision(
    _ claim: Claim, _ body: (any ReferenceScalar.Type) throws -> CaseOutcome
  ) throws -> CaseOutcome {
    try claim[S.precision] == .double ? body(Double.self) : body(Float.self)
  }

  static let parameters: [any ParameterDeclaration] =
    S.shape + [S.layout, S.position, PropertySupport.cases, S.precision]

  // MARK: - Relative identity

  static func relativeCase<T: ReferenceScalar>(
    _: T.Type, _ claim: Claim, _ tolerance: Tolerance, _ values: CaseValues,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let (m, n, s) = (T(values["m"]), T(values["n"]), T(values["shift"]))
    let precision = try claim[S.precision]
    for layout in try claim[S.layout].selected {
      let rope = try S.embedding(T.self, claim, layout: layout)
      let d = rope.dimension
      let (q, k) = (S.vector(T.self, d, &g), S.vector(T.self, d, &g))
      let a = rope.attentionFactor
      let scale = S.norm(q) * S.norm(k) * Double(a * a)
      let lhs = Attention.dot(try rope.rotate(q, at: m), try rope.rotate(k, at: n))
      let rhs = a * Attention.dot(q, try rope.rotate(k, at: n - m))
      let shifted = Attention.dot(try rope.rotate(q, at: m + s), try rope.rotate(k, at: n + s))
      let name = layout.rawValue
      outcome.bound(
        precision.label("(R_m q).(R_n k) vs a q.(R_(n-m) k), \(name), per |q||k|a^2"),
        error: abs(Double(lhs) - Double(rhs)) / scale, tolerance: tolerance)
      outcome.bound(
        precision.label("shift (m + s, n + s), \(name), per |q||k|a^2"),
        error: abs(Double(lhs) - Double(shifted)) / scale, tolerance: tolerance)
      guard try claim[matrixForm] == .checked else { continue }
      // The matrix form: R_m^T R_n = a R_(n-m), entry by entry (d^3 work per case).
      // The kernel's entries, multiplied in Double (flat arrays keep the d^3 loop cheap).
      let rm = flat(rope.matrix(at: m))
      let rn = flat(rope.matrix(at: n))
      let rd = flat(rope.matrix(at: n - m))
      let ad = Double(a)
      var worst = 0.0
      for i in 0..<d {
        for j in 0..<d {
          var sum = 0.0
          for t in 0..<d { sum += rm[t * d + i] * rn[t * d + j] }
          worst = max(worst, abs(sum - ad * rd[i * d + j]) / (ad * ad))
        }
      }
      outcome.bound(
        precision.label("R_m^T R_n vs a R_(n-m), \(name), largest entry per a^2"),
        error: worst, tolerance: tolerance)
    }
    outcome.context = ["m = \(m), n = \(n), s = \(s)"]
    return outcome
  }

  /// Whether the relative check also multiplies the d x d matrices.
  enum MatrixForm: String, ParameterChoice {
    case checked
    case skipped
  }

  static let matrixForm = CheckParameter<MatrixForm>.choice(
    "matrix-form", default: .skipped,
    help: "checked: also R_m^T R_n = a R_(n-m) entry by entry (d^3 work per case)")

  static let relative = Check(
    name: "rotary.relative", kind: .property,
    summary: "(R_m q).(R_n k) = a q.(R_(n-m) k), unchanged by a common shift of m and n, and "
      + "(with matrix-form: checked) R_m^T R_n = a R_(n-m), for random q, k and integer "
      + "positions; errors per |q||k|a^2.",
    parameters: parameters + [matrixForm], oracles: .exact
  ) { claim, replay in
    S.property(
      claim, replay,
      draws: {
        [
          try positionDraw(claim, "m"), try positionDraw(claim, "n"),
          try positionDraw(claim, "shift"),
        ]
      }
    ) { tolerance, values, g in
      try inPrecision(claim) { type in
        func run<T: ReferenceScalar>(_ t: T.Type) throws -> CaseOutcome {
          try relativeCase(t, claim, tolerance, values, &g)
        }
        return try run(type)
      }
    }
  }

  // MARK: - Orthogonality, norms, R_0 = I

  static func orthogonalCase<T: ReferenceScalar>(
    _: T.Type, _ claim: Claim, _ tolerance: Tolerance, _ values: CaseValues,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let m = T(values["m"])
    let precision = try claim[S.precision]
    for layout in try claim[S.layout].selected {
      let rope = try S.embedding(T.self, claim, layout: layout)
      let d = rope.dimension
      let r = rope.matrix(at: m)
      let entries = flat(r)
      let a = rope.attentionFactor
      let aa = Double(a) * Double(a)
      var worst = 0.0
      for i in 0..<d {
        for j in 0..<d {
          var sum = 0.0
          for t in 0..<d { sum += entries[t * d + i] * entries[t * d + j] }
          let target: Double = i == j ? (i < rope.rotaryDimension ? aa : 1) : 0
          worst = max(worst, abs(sum - target))
        }
      }
      let name = layout.rawValue
      outcome.bound(
        precision.label("R_m^T R_m vs a^2 I, \(name), largest entry"), error: worst,
        tolerance: tolerance)
      let x = S.vector(T.self, d, &g)
      let y = try rope.rotate(x, at: m)
      let rotary = rope.rotaryDimension
      let expected = S.norm(Array(x[..<rotary])) * Double(a)
      outcome.bound(
        precision.label("|R_m x| vs a |x| on the rotary part, \(name), relative"),
        error: abs(S.norm(Array(y[..<rotary])) - expected) / expected, tolerance: tolerance)
      let atZero = try rope.rotate(x, at: 0)
      let scaled = x.enumerated().map { $0 < rotary ? $1 * a : $1 }
      outcome.require(
        atZero == scaled, precision.label("R_0 x = a x exactly, \(name)"),
        note: "R_0 x differs from a x: \(atZero) vs \(scaled)")
      if let det = try? GSL.luDeterminant(r.map { $0.map(Double.init) }) {
        let target = Double.pow(Double(a), Double(rotary))
        outcome.inform(
          "GSL LU det(R_m) vs a^r, \(name)", det, against: target, unit: .absolute(0))
      }
    }
    outcome.context = ["m = \(m)"]
    return outcome
  }

  static let orthogonal = Check(
    name: "rotary.orthogonal", kind: .property,
    summary: "R_m is orthogonal up to the attention factor (R^T R = a^2 I), keeps norms "
      + "(|R_m x| = a |x|), and R_0 x = a x exactly; GSL's LU determinant shown beside it.",
    parameters: parameters, oracles: .exact
  ) { claim, replay in
    S.property(claim, replay, draws: { [try positionDraw(claim, "m")] }) {
      tolerance, values, g in
      try inPrecision(claim) { type in
        func run<T: ReferenceScalar>(_ t: T.Type) throws -> CaseOutcome {
          try orthogonalCase(t, claim, tolerance, values, &g)
        }
        return try run(type)
      }
    }
  }

  // MARK: - Elementwise, complex, matrix and complex-sum forms

  static func formsCase<T: ReferenceScalar>(
    _: T.Type, _ claim: Claim, _ tolerance: Tolerance, _ values: CaseValues,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let m = T(values["m"])
    let precision = try claim[S.precision]
    for layout in try claim[S.layout].selected {
      let rope = try S.embedding(T.self, claim, layout: layout)
      let d = rope.dimension
      let q = S.vector(T.self, d, &g)
      let elementwise = try rope.rotateElementwise(q, at: m)
      let fused = try rope.rotate(q, at: m)
      let complex = try rope.rotateComplex(q, at: m)
      let matrix = RotaryEmbedding.apply(rope.matrix(at: m), to: q)
      let size = S.norm(q)
      let name = layout.rawValue
      outcome.bound(
        precision.label("rotate (pair by pair) vs elementwise, \(name), per |q|"),
        error: S.norm(zip(fused, elementwise).map { $0 - $1 }) / size, tolerance: tolerance)
      outcome.bound(
        precision.label("complex form vs elementwise, \(name), per |q|"),
        error: S.norm(zip(complex, elementwise).map { $0 - $1 }) / size, tolerance: tolerance)
      outcome.bound(
        precision.label("block matrix form vs elementwise, \(name), per |q|"),
        error: S.norm(zip(matrix, elementwise).map { $0 - $1 }) / size, tolerance: tolerance)
    }
    outcome.context = ["m = \(m)"]
    return outcome
  }

  static func complexScoreCase<T: ReferenceScalar>(
    _: T.Type, _ claim: Claim, _ tolerance: Tolerance, _ values: CaseValues,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let (m, n) = (T(values["m"]), T(values["n"]))
    let precision = try claim[S.precision]
    for layout in try claim[S.layout].selected {
      let rope = try S.embedding(T.self, claim, layout: layout)
      let d = rope.dimension
      let (q, k) = (S.vector(T.self, d, &g), S.vector(T.self, d, &g))
      let score = Attention.dot(try rope.rotate(q, at: m), try rope.rotate(k, at: n))
      let sum = try rope.complexScore(q, k, distance: m - n)
      let a = Double(rope.attentionFactor)
      outcome.bound(
        precision.label(
          "Re sum h_p e^(i(m-n)theta_p) vs (R_m q).(R_n k), \(layout.rawValue), per |q||k|a^2"),
        error: abs(Double(sum) - Double(score)) / (S.norm(q) * S.norm(k) * a * a),
        tolerance: tolerance)
    }
    outcome.context = ["m = \(m), n = \(n)"]
    return outcome
  }

  static let complexScore = Check(
    name: "rotary.complex-score", kind: .property,
    summary: "The score (R_m q).(R_n k) equals the real part of the complex sum "
      + "sum_p q_p conj(k_p) e^(i(m-n)theta_p) over pairs read as complex numbers.",
    parameters: parameters, oracles: .exact
  ) { claim, replay in
    S.property(
      claim, replay, draws: { [try positionDraw(claim, "m"), try positionDraw(claim, "n")] }
    ) { tolerance, values, g in
      try inPrecision(claim) { type in
        func run<T: ReferenceScalar>(_ t: T.Type) throws -> CaseOutcome {
          try complexScoreCase(t, claim, tolerance, values, &g)
        }
        return try run(type)
      }
    }
  }

  static let forms = Check(
    name: "rotary.forms", kind: .property,
    summary: "The elementwise form x cos + rotate(x) sin (with its tables), the pair-by-pair "
      + "rotate, the complex form (swift-numerics Complex) and the block-diagonal matrix give "
      + "the same R_m x.",
    parameters: parameters, oracles: .exact
  ) { claim, replay in
    S.property(claim, replay, draws: { [try positionDraw(claim, "m")] }) { tolerance, values, g in
      try inPrecision(claim) { type in
        func run<T: ReferenceScalar>(_ t: T.Type) throws -> CaseOutcome {
          try formsCase(t, claim, tolerance, values, &g)
        }
        return try run(type)
      }
    }
  }

  // MARK: - The Meta-to-HF permutation

  static let heads = CheckParameter.integer(
    "heads", in: 1...64, default: 2, help: "the number of heads of W_q and W_k")
  static let width = CheckParameter.integer(
    "model-dimension", in: 1...1024, default: 16, help: "the input width of W_q and W_k")

  static func permutationCase<T: ReferenceScalar>(
    _: T.Type, _ claim: Claim, _ tolerance: Tolerance, _ values: CaseValues,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let (m, n) = (T(values["m"]), T(values["n"]))
    let meta = try S.embedding(T.self, claim, layout: .interleaved)
    let hf = try S.embedding(T.self, claim, layout: .halfSplit)
    let (d, h, e) = (meta.dimension, try claim[heads], try claim[width])
    let wq = (0..<h * d).map { _ in S.vector(T.self, e, &g) }
    let wk = (0..<h * d).map { _ in S.vector(T.self, e, &g) }
    let (xq, xk) = (S.vector(T.self, e, &g), S.vector(T.self, e, &g))
    let project = { (w: [[T]], x: [T]) in w.map { Attention.dot($0, x) } }
    let permute = { (w: [[T]]) in
      RotaryEmbedding<T>.permuteRows(
        w, heads: h, dimension: d, rotaryDimension: meta.rotaryDimension)
    }
    let (qMeta, kMeta) = (project(wq, xq), project(wk, xk))
    let (qHF, kHF) = (project(permute(wq), xq), project(permute(wk), xk))
    let perm = RotaryEmbedding<T>.interleavedToHalfSplit(
      dimension: d, rotaryDimension: meta.rotaryDimension)
    var worstVector = 0.0
    var worstScore = 0.0
    for head in 0..<h {
      let slice = { (v: [T]) in Array(v[head * d..<(head + 1) * d]) }
      let rqMeta = try meta.rotate(slice(qMeta), at: m)
      let rkMeta = try meta.rotate(slice(kMeta), at: n)
      let rqHF = try hf.rotate(slice(qHF), at: m)
      let rkHF = try hf.rotate(slice(kHF), at: n)
      worstVector = max(worstVector, S.maxDifference(perm.map { rqMeta[$0] }, rqHF))
      let scale = S.norm(rqMeta) * S.norm(rkMeta)
      let difference = abs(
        Double(Attention.dot(rqMeta, rkMeta)) - Double(Attention.dot(rqHF, rkHF)))
      worstScore = max(worstScore, scale > 0 ? difference / scale : difference)
    }
    let precision = try claim[S.precision]
    outcome.bound(
      precision.label("perm(interleaved R_m (W_q x)) vs half-split R_m (perm(W_q) x)"),
      error: worstVector, tolerance: tolerance)
    outcome.bound(
      precision.label("scores q.k Meta vs HF, per |q||k|"), error: worstScore, tolerance: tolerance)
    outcome.context = ["m = \(m), n = \(n)"]
    return outcome
  }

  static let permutation = Check(
    name: "rotary.layout-permutation", kind: .property,
    summary: "Permuting the rows of each head of W_q and W_k by [0, 2, ..., 1, 3, ...] (HF's "
      + "convert_llama_weights_to_hf permute) turns interleaved RoPE into half-split RoPE: the "
      + "rotated vectors agree up to that permutation and the scores agree.",
    parameters: S.shape + [heads, width, S.position, PropertySupport.cases, S.precision],
    oracles: .exact
  ) { claim, replay in
    S.property(
      claim, replay, draws: { [try positionDraw(claim, "m"), try positionDraw(claim, "n")] }
    ) { tolerance, values, g in
      try inPrecision(claim) { type in
        func run<T: ReferenceScalar>(_ t: T.Type) throws -> CaseOutcome {
          try permutationCase(t, claim, tolerance, values, &g)
        }
        return try run(type)
      }
    }
  }

  // MARK: - Against the referee

  static func accuracyCase<T: ReferenceScalar>(
    _: T.Type, _ claim: Claim, _ tolerance: Tolerance, _ values: CaseValues,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let m = T(values["m"])
    let precision = try claim[S.precision]
    for layout in try claim[S.layout].selected {
      let rope = try S.embedding(T.self, claim, layout: layout)
      let (d, r) = (rope.dimension, rope.rotaryDimension)
      let oracle = try S.refereeFrequencies(claim, rotaryDimension: r)
      let x = S.vector(T.self, d, &g)
      let y = try rope.rotate(x, at: m)
      var exact = x.map(Double.init)
      for p in 0..<r / 2 {
        // The layout's pairs, as the conventions define them (not the kernel's own mapping).
        let (i, j) = layout == .interleaved ? (2 * p, 2 * p + 1) : (p, p + r / 2)
        (exact[i], exact[j]) = try Referee.rotate(
          Double(x[i]), Double(x[j]), position: Double(m),
          frequency: .given(Double(rope.frequencies[p])), scale: oracle.attentionFactor)
      }
      let largest = Double(rope.frequencies.max() ?? 1)
      let unit = Double(T.ulpOfOne) * (1 + abs(Double(m)) * largest) * S.norm(x)
      let error = S.norm(zip(y, exact).map { Double($0) - $1 })
      let name = layout.rawValue
      outcome.bound(
        precision.label("kernel R_m x vs referee, \(name), in eps (1 + |m| theta_max) |x|"),
        error: error / unit, tolerance: tolerance)
      for (p, theta) in rope.frequencies.enumerated() {
        outcome.inform(
          precision.label("kernel theta_p vs referee (ulp of Double)"), Double(theta),
          against: oracle.frequencies[p], unit: .ulps(0))
      }
    }
    outcome.context = ["m = \(m)"]
    return outcome
  }

  static let accuracy = Check(
    name: "rotary.accuracy", kind: .property,
    summary: "The kernel's R_m x against the MPFR referee's exact rotation of the kernel's "
      + "rounded frequencies, times the referee's attention factor; the error is measured in "
      + "eps (1 + |m| theta_max) |x|, the size of the rounding of the angle m theta.",
    parameters: parameters, oracles: .referee
  ) { claim, replay in
    S.property(claim, replay, draws: { [try positionDraw(claim, "m")] }) {
      tolerance, values, g in
      try inPrecision(claim) { type in
        func run<T: ReferenceScalar>(_ t: T.Type) throws -> CaseOutcome {
          try accuracyCase(t, claim, tolerance, values, &g)
        }
        return try run(type)
      }
    }
  }

  // MARK: - The exact phase at long positions

  /// Positions up to 2^53, for the exact-phase claim.
  static let longPosition = CheckParameter.range(
    "position", within: -0x1p53...0x1p53, help: "the range positions are drawn from")

  static func exactPhaseCase(
    _ claim: Claim, _ tolerance: Tolerance, _ values: CaseValues, _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let m = values["m"]
    for layout in try claim[S.layout].selected {
      let rope = try S.embedding(Double.self, claim, layout: layout)
      let (d, r) = (rope.dimension, rope.rotaryDimension)
      let x = S.vector(Double.self, d, &g)
      let y = try rope.rotate(x, at: m)
      var exact = x
      for p in 0..<r / 2 {
        let (i, j) = layout == .interleaved ? (2 * p, 2 * p + 1) : (p, p + r / 2)
        (exact[i], exact[j]) = try Referee.rotate(
          x[i], x[j], position: m,
          frequency: .power(base: rope.base, numerator: 2 * p, denominator: r))
      }
      let error = S.norm(zip(y, exact).map { $0 - $1 })
      outcome.bound(
        "kernel R_m x vs referee (exact base^(-2p/r), exact phase), \(layout.rawValue), in eps |x|",
        error: error / (Double.ulpOfOne * S.norm(x)), tolerance: tolerance)
    }
    outcome.context = ["m = \(m)"]
    return outcome
  }

  static let exactPhase = Check(
    name: "rotary.exact-phase", kind: .property,
    summary: "In Double and without scaling, the kernel's R_m x against the MPFR referee's "
      + "rotation by the exact frequencies base^(-2p/r) and the exact phase, at positions up to "
      + "2^53; the error is measured in eps |x|, not scaled by the position.",
    parameters: [S.dimension, S.base, S.layout, longPosition, PropertySupport.cases],
    oracles: .referee
  ) { claim, replay in
    S.property(
      claim, replay,
      draws: {
        var draw = try claim[longPosition]
        draw.name = "m"
        return [draw.roundedToWholeNumbers()]
      }
    ) { tolerance, values, g in
      try exactPhaseCase(claim, tolerance, values, &g)
    }
  }
}
