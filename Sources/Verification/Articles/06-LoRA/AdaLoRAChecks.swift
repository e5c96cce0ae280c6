import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Checks of AdaLoRA (A6.2, A6.4.1).
enum AdaLoRAChecks {
  static let all: [Check] = [merge, orthogonality, importance, budget, schedule]

  // MARK: - A6.2.2, A6.2.5, A6.4.1: P Lambda Q, masking, merged inference

  static let merge = Check(
    name: "adalora.merge", kind: .property,
    summary: "W0 + s P diag(lambda * mask) Q, with the mask that keeps the b highest triplet "
      + "scores (PEFT's kthvalue rule), against GSL's dgemm as a fraction of the first-order "
      + "bound u |W| + (r + 3) u |s| |P| |Lambda| |Q|; the unmerged output agrees with the merged "
      + "weight; masked triplets' P columns and Q rows can change without changing the merge.",
    parameters: [LoRASupport.dimension, PropertySupport.cases, LoRASupport.precision],
    oracles: .gsl
  ) { claim, replay in
    let precision: Precision
    do { precision = try claim[LoRASupport.precision] } catch { return .error(claim, error) }
    return LoRASupport.property(claim, replay) { tolerance, d, k, g in
      precision == .double
        ? try mergeCase(Double.self, d, k, tolerance, precision, &g)
        : try mergeCase(Float.self, d, k, tolerance, precision, &g)
    }
  }

  static func mergeCase<T: ReferenceScalar>(
    _: T.Type, _ d: Int, _ k: Int, _ tolerance: Tolerance, _ precision: Precision,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    let r = 1 + Int(g.next() % UInt64(min(d, k) + 2))
    let weight: Matrix<T> = try LoRASupport.matrix(d, k, &g)
    let p: Matrix<T> = try LoRASupport.matrix(d, r, &g)
    let q: Matrix<T> = try LoRASupport.matrix(r, k, &g)
    let lambda = (0..<r).map { _ in T(RandomMatrices.uniform(-2, 2, &g)) }
    let scores = (0..<r).map { _ in RandomMatrices.uniform(0, 1, &g) }
    let budget = Int(g.next() % UInt64(r + 1))
    let mask = BudgetSchedule.keep(scores, budget: budget)
    let scaling = T(RandomMatrices.uniform(0.5, 4, &g))
    let triplets = try AdaLoRATriplets(
      weight: weight, left: p, lambda: lambda, right: q, mask: mask, scaling: scaling)
    var outcome = CaseOutcome()
    // The mask keeps exactly the `budget` largest (distinct) scores.
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    let expected = scores.indices.map { order.prefix(budget).contains($0) }
    outcome.require(
      mask == expected, "mask keeps the b largest scores",
      note: "mask \(mask), expected \(expected)")
    // GSL: W + s P diag(lambda * mask) Q.
    let scaled = (0..<d).map { i in
      (0..<r).map { l in mask[l] ? Double(p[i, l]) * Double(lambda[l]) : 0 }
    }
    let oracle = try GSL.matrixProduct(
      scaled, LoRASupport.rows(q), alpha: Double(scaling), adding: LoRASupport.rows(weight))
    let magnitude = try GSL.matrixProduct(
      scaled.map { $0.map(abs) }, LoRASupport.magnitudes(q))
    let u = LoRASupport.unitRoundoff(T.self) + LoRASupport.unitRoundoff(Double.self)
    var bound: [Double] = []
    for i in 0..<d {
      for j in 0..<k {
        bound.append(
          u * (abs(Double(weight[i, j])) + Double(r + 3) * abs(Double(scaling)) * magnitude[i][j]))
      }
    }
    let merged = try triplets.merged()
    outcome.compare(
      precision.label("merged vs GSL, fraction of the bound"),
      LoRASupport.fractionOfBound(merged.elements.map { Double($0) }, oracle.flatMap { $0 }, bound),
      against: 0, within: tolerance)
    // Masked triplets do not matter: replace their P columns and Q rows.
    var p2 = p.elements
    var q2 = q.elements
    for l in 0..<r where !mask[l] {
      for i in 0..<d { p2[i * r + l] = T(RandomMatrices.uniform(-9, 9, &g)) }
      for j in 0..<k { q2[l * k + j] = T(RandomMatrices.uniform(-9, 9, &g)) }
    }
    let other = try AdaLoRATriplets(
      weight: weight, left: Matrix(rows: d, columns: r, elements: p2), lambda: lambda,
      right: Matrix(rows: r, columns: k, elements: q2), mask: mask, scaling: scaling)
    outcome.require(
      try other.merged() == merged, "masked triplets ignored",
      note: "changing masked P columns or Q rows changed the merged weight")
    // Merged and unmerged inference agree.
    let x = (0..<k).map { _ in T(RandomMatrices.uniform(-1, 1, &g)) }
    let served = try merged.multiplied(by: x).map { Double($0) }
    let output = try triplets.output(for: x).map { Double($0) }
    let xd = LoRASupport.column(x.map { abs(Double($0)) })
    let wx = try GSL.matrixProduct(LoRASupport.magnitudes(weight), xd)
    let px = try GSL.matrixProduct(magnitude, xd)
    let outputBound = (0..<d).map { i in
      2 * u * (Double(k + 1) * wx[i][0] + Double(k + r + 4) * abs(Double(scaling)) * px[i][0])
    }
    outcome.compare(
      precision.label("merged W x vs unmerged output, fraction of the bound"),
      LoRASupport.fractionOfBound(served, output, outputBound), against: 0, within: tolerance)
    outcome.context.append("r = \(r), budget \(budget)")
    return outcome
  }

  // MARK: - A6.2.3: the orthogonality regulariser

  /// The norm of the regulariser.
  enum Norm: String, ParameterChoice {
    case squared = "squared-frobenius"
    case plain = "frobenius"
    var kernel: AdaLoRATriplets<Double>.PenaltyNorm {
      self == .squared ? .squaredFrobenius : .frobenius
    }
  }
  static let norm = CheckParameter<Norm>.choice(
    "norm", help: "squared-frobenius (the paper) or frobenius (PEFT's code)")

  static let orthogonality = Check(
    name: "adalora.orthogonality", kind: .property,
    summary: "R(P, Q) = ||P^T P - I|| + ||Q Q^T - I|| in the chosen norm: at most its rounding "
      + "level for P and Q orthonormal (GSL's QR), and for perturbed P and Q equal to the same "
      + "norms computed from GSL's dgemm, relative.",
    parameters: [LoRASupport.dimension, norm, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    let which: Norm
    do { which = try claim[norm] } catch { return .error(claim, error) }
    return LoRASupport.property(claim, replay) { tolerance, d, k, g in
      let r = 1 + Int(g.next() % UInt64(min(d, k)))
      let p = try GSL.orthonormalColumns(
        (0..<d).map { _ in (0..<r).map { _ in RandomMatrices.uniform(-1, 1, &g) } })
      let qT = try GSL.orthonormalColumns(
        (0..<k).map { _ in (0..<r).map { _ in RandomMatrices.uniform(-1, 1, &g) } })
      let q = (0..<r).map { l in (0..<k).map { j in qT[j][l] } }
      func triplets(_ p: [[Double]], _ q: [[Double]]) throws -> AdaLoRATriplets<Double> {
        try AdaLoRATriplets(
          weight: Matrix.zeros(rows: d, columns: k), left: Matrix(p),
          lambda: [Double](repeating: 1, count: r), right: Matrix(q))
      }
      var outcome = CaseOutcome()
      let orthonormal = try triplets(p, q).orthogonalityPenalty(which.kernel)
      // The Gram matrices of GSL's Householder Q deviate from I by about n u entrywise.
      let level = 16 * Double(max(d, k)) * Double.ulpOfOne * Double(r)
      let rounding = which == .squared ? level * level : level
      outcome.require(
        orthonormal <= rounding, "R vanishes for orthonormal P, Q",
        note: "R = \(orthonormal) above the rounding level \(rounding)")
      let bentP = p.map { $0.map { $0 + RandomMatrices.uniform(-0.3, 0.3, &g) } }
      let bentQ = q.map { $0.map { $0 + RandomMatrices.uniform(-0.3, 0.3, &g) } }
      let kernel = try triplets(bentP, bentQ).orthogonalityPenalty(which.kernel)
      let pp = try GSL.matrixProduct(
        (0..<r).map { l in (0..<d).map { bentP[$0][l] } }, bentP)
      let qq = try GSL.matrixProduct(bentQ, (0..<k).map { j in (0..<r).map { bentQ[$0][j] } })
      func deviation(_ m: [[Double]]) -> Double {
        let entries = m.enumerated().flatMap { i, row in
          row.enumerated().map { j, v in v - (i == j ? 1 : 0) }
        }
        return GSL.euclideanNormOfDifference(entries, [Double](repeating: 0, count: entries.count))
      }
      let a = deviation(pp)
      let b = deviation(qq)
      let oracle = which == .squared ? a * a + b * b : a + b
      outcome.compare("R(perturbed) vs GSL", kernel, against: oracle, within: tolerance)
      outcome.require(kernel > 0, "R > 0 after a perturbation", note: "R = \(kernel)")
      outcome.context.append("r = \(r)")
      return outcome
    }
  }

  // MARK: - A6.2.4: importance scores

  static let steps = CheckParameter.range(
    "steps", within: 1...10_000, wholeNumbers: true, help: "the number of updates t")
  static let beta = CheckParameter.range(
    "beta", within: 0...0.999, help: "the range beta1 and beta2 are drawn from")

  static let importance = Check(
    name: "adalora.importance", kind: .property,
    summary: "The recursive EMAs Ibar and Ubar of sensitivities I(t) in [0, 1] against their "
      + "closed forms beta^t x(0) + (1 - beta) sum beta^(t - s) x(s), summed in Double with "
      + "compensation (Ubar from the kernel's own deviations |I - Ibar|); the score is "
      + "Ibar * Ubar; a constant sensitivity c from 0 gives c (1 - beta1^t) exactly as formed.",
    parameters: [steps, beta, PropertySupport.cases, LoRASupport.precision], oracles: .exact
  ) { claim, replay in
    let precision: Precision
    do { precision = try claim[LoRASupport.precision] } catch { return .error(claim, error) }
    let inputs = { () throws -> [InputDraw] in
      [
        try claim[steps], try claim[beta], try claim[beta].renamed("beta2"),
        InputDraw(name: "seed", distribution: .uniform, lower: 0, upper: 1),
      ]
    }
    return PropertySupport.run(claim, replay, inputs: inputs) { tolerance, values in
      var g = SeededGenerator(seed: values["seed"].bitPattern)
      let t = Int(values[steps].rounded())
      return precision == .double
        ? try importanceCase(
          Double.self, t, values[beta], values["beta2"], tolerance, precision, &g)
        : try importanceCase(Float.self, t, values[beta], values["beta2"], tolerance, precision, &g)
    }
  }

  static func importanceCase<T: ReferenceScalar>(
    _: T.Type, _ t: Int, _ beta1: Double, _ beta2: Double, _ tolerance: Tolerance,
    _ precision: Precision, _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var score = try ImportanceScore<T>(beta1: T(beta1), beta2: T(beta2))
    let b1 = Double(score.beta1)
    let b2 = Double(score.beta2)
    var sensitivities: [Double] = []
    var deviations: [Double] = []
    for _ in 0..<t {
      let current = T(RandomMatrices.uniform(0, 1, &g))
      score.update(current)
      sensitivities.append(Double(current))
      deviations.append(abs(Double(current) - Double(score.sensitivity)))
    }
    func closedForm(_ x: [Double], _ beta: Double) -> Double {
      // (1 - beta) sum over s of beta^(t - s) x(s), from zero; the weights in Double.
      var weights = [Double](repeating: 0, count: x.count)
      var w = 1.0 - beta
      for s in stride(from: x.count - 1, through: 0, by: -1) {
        weights[s] = w
        w *= beta
      }
      return Summation.compensated(zip(weights, x).map { $0 * $1 })
    }
    var outcome = CaseOutcome()
    outcome.compare(
      precision.label("Ibar vs closed form"), Double(score.sensitivity),
      against: closedForm(sensitivities, b1), within: tolerance)
    outcome.compare(
      precision.label("Ubar vs closed form"), Double(score.uncertainty),
      against: closedForm(deviations, b2), within: tolerance)
    outcome.require(
      score.score == score.sensitivity * score.uncertainty, "s = Ibar Ubar",
      note: "the score is not the product")
    var constant = try ImportanceScore<T>(beta1: T(beta1), beta2: T(beta2))
    let c = T(RandomMatrices.uniform(0.1, 1, &g))
    for _ in 0..<t { constant.update(c) }
    let power = (0..<t).reduce(1.0) { r, _ in r * b1 }
    outcome.compare(
      precision.label("constant: Ibar vs c (1 - beta1^t)"), Double(constant.sensitivity),
      against: Double(c) * (1 - power), within: tolerance)
    outcome.context.append("t = \(t), beta1 = \(b1), beta2 = \(b2)")
    return outcome
  }

  // MARK: - A6.2.6: the budget schedule

  static let initialBudget = CheckParameter.integer("initial", in: 0...1_000_000, help: "b(0)")
  static let targetBudget = CheckParameter.integer("target", in: 0...1_000_000, help: "b(T)")
  static let warmup = CheckParameter.integer("warmup", in: 0...10_000_000, help: "t_i")
  static let finalSteps = CheckParameter.integer("final", in: 0...10_000_000, help: "t_f")
  static let total = CheckParameter.integer("total", in: 1...10_000_000, help: "T")
  static let interval = CheckParameter.integer(
    "interval", in: 1...10_000_000, default: 1, help: "deltaT")
  static let step = CheckParameter.integer("step", in: 0...10_000_000, help: "the step")

  /// What a row of `adalora.budget` states.
  enum Quantity: String, ParameterChoice {
    case budget
    case masks
  }
  static let quantity = CheckParameter<Quantity>.choice(
    "quantity", default: .budget, help: "budget, or masks (1 if PEFT masks at the step, else 0)")

  static func scheduleFrom(_ row: RowInputs) throws -> BudgetSchedule {
    try BudgetSchedule(
      initial: row[initialBudget], target: row[targetBudget], warmup: row[warmup],
      final: row[finalSteps], total: row[total], interval: row[interval])
  }

  static let budget = Check(
    name: "adalora.budget", kind: .table,
    summary: "PEFT's integer budget int(bT + (b0 - bT)(1 - (t - ti)/(T - tf - ti))^3) at a "
      + "step, against the floor of the same cubic in exact integer arithmetic; or its mask "
      + "flag (1 or 0) against the rule as PEFT documents it: never up to ti, always after "
      + "T - tf, every deltaT steps in between.",
    parameters: [
      initialBudget, targetBudget, warmup, finalSteps, total, interval, step, quantity,
      ParameterSchema.expected("the budget, or the mask flag"),
    ],
    oracles: .exact
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let schedule = try scheduleFrom(row)
      let t = try row[step]
      let (kernel, masking) = schedule.peftBudget(step: t)
      let early = t <= schedule.warmup
      let late = t > schedule.total - schedule.final
      if try row[quantity] == .masks {
        let exact = early ? false : late ? true : t % schedule.interval == 0
        return RowValue(kernel: masking ? 1 : 0, reference: ("exact", exact ? 1 : 0))
      }
      // Exact: bT + floor((b0 - bT) * (D - n)^3 / D^3) in the middle phase.
      let exact: Int
      if early {
        exact = schedule.initial
      } else if late {
        exact = schedule.target
      } else {
        let denominator = schedule.total - schedule.final - schedule.warmup
        let remaining = denominator - (t - schedule.warmup)
        let numerator = (schedule.initial - schedule.target) * remaining * remaining * remaining
        exact = schedule.target + numerator / (denominator * denominator * denominator)
      }
      return RowValue(kernel: Double(kernel), reference: ("exact", Double(exact)))
    }
  }

  static let schedule = Check(
    name: "adalora.schedule", kind: .property,
    summary: "The paper's cubic b(t) on random schedules: b(0) at and before ti, b(T) from "
      + "T - tf on, continuous at both joins (|b(ti + e) - b0| and |b(T - tf - e) - bT| within "
      + "3 (b0 - bT) e / (T - ti - tf) for small e), and non-increasing over 200 sorted times.",
    parameters: [PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(
      claim, replay,
      inputs: { [InputDraw(name: "seed", distribution: .uniform, lower: 0, upper: 1)] }
    ) { tolerance, values in
      var g = SeededGenerator(seed: values["seed"].bitPattern)
      let initial = 1 + Int(g.next() % 500)
      let target = Int(g.next() % UInt64(initial + 1))
      let total = 10 + Int(g.next() % 10_000)
      let warmup = Int(g.next() % UInt64(total / 3))
      let final = Int(g.next() % UInt64(total / 3))
      let s = try BudgetSchedule(
        initial: initial, target: target, warmup: warmup, final: final, total: total)
      var outcome = CaseOutcome()
      let b0 = Double(initial)
      let bT = Double(target)
      let span = Double(total - warmup - final)
      outcome.compare("b(ti) vs b0", s.budget(at: Double(warmup)), against: b0, within: tolerance)
      outcome.compare(
        "b(T - tf) vs bT", s.budget(at: Double(total - final)), against: bT, within: tolerance)
      outcome.compare("b(0) vs b0", s.budget(at: 0), against: b0, within: tolerance)
      outcome.compare("b(T) vs bT", s.budget(at: Double(total)), against: bT, within: tolerance)
      let e = 1e-6 * span
      let slope = 3 * (b0 - bT) * e / span
      outcome.require(
        abs(s.budget(at: Double(warmup) + e) - b0) <= slope + 1e-9 * b0,
        "continuous at ti", note: "b jumps after ti")
      outcome.require(
        abs(s.budget(at: Double(total - final) - e) - bT) <= slope + 1e-9 * b0,
        "continuous at T - tf", note: "b jumps before T - tf")
      let times = (0..<200).map { _ in RandomMatrices.uniform(0, Double(total), &g) }.sorted()
      let budgets = times.map { s.budget(at: $0) }
      outcome.require(
        zip(budgets, budgets.dropFirst()).allSatisfy { $0 >= $1 }, "non-increasing",
        note: "b increases somewhere")
      outcome.context.append("b0 \(initial), bT \(target), ti \(warmup), tf \(final), T \(total)")
      return outcome
    }
  }
}
