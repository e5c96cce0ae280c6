import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Checks of LoRA itself (A6.1): merge, output, round trip and initialisation.
enum LoRAChecks {
  static let all: [Check] = [merge, roundTrip, initialization]

  /// Which scaling rules a case runs.
  enum Rule: String, ParameterChoice {
    case standard
    case rsLoRA = "rslora"
    case both
    var rules: [LowRankAdapter<Double>.ScalingRule] {
      switch self {
      case .standard: [.standard]
      case .rsLoRA: [.rankStabilized]
      case .both: [.standard, .rankStabilized]
      }
    }
  }
  static let rule = CheckParameter<Rule>.choice(
    "scaling", default: .both, help: "standard (alpha / r), rslora (alpha / sqrt r) or both")

  /// The exact scale for `alpha` and `r`, in `Double`.
  static func exactScale(_ alpha: Double, _ r: Int, _ rule: LowRankAdapter<Double>.ScalingRule)
    -> Double
  {
    rule == .standard ? alpha / Double(r) : alpha / Double(r).squareRoot()
  }

  /// Returns a random trained adapter in `T`.
  ///
  /// W, A and B are uniform (A scaled by 1 / sqrt k), alpha is a whole number in 1 ... 64 and
  /// the rank is in 1 ... min(d, k).
  static func randomAdapter<T: ReferenceScalar>(
    _: T.Type, _ d: Int, _ k: Int, _ rule: LowRankAdapter<T>.ScalingRule,
    _ g: inout SeededGenerator
  ) throws -> LowRankAdapter<T> {
    let r = 1 + Int(g.next() % UInt64(min(d, k)))
    let weight: Matrix<T> = try LoRASupport.matrix(d, k, &g)
    let down: Matrix<T> = try LoRASupport.matrix(r, k, &g, scale: 1 / Double(k).squareRoot())
    let up: Matrix<T> = try LoRASupport.matrix(d, r, &g)
    let alpha = T(RandomMatrices.uniform(1, 64, &g).rounded())
    return try LowRankAdapter(weight: weight, down: down, up: up, alpha: alpha, rule: rule)
  }

  // MARK: - A6.1.4, A6.1.5: merge and output

  static let merge = Check(
    name: "lora.merge", kind: .property,
    summary: "The merged weight W + s B A and the unmerged output W x + s B (A x), s = alpha / r "
      + "or alpha / sqrt(r), against GSL's gsl_blas_dgemm with the exact scale; each entry's "
      + "error as a fraction of the first-order bound u |W| + (r + 4) u |s| |B| |A| (output: "
      + "(k + 1) u |W| |x| + (k + r + 4) u |s| |B| |A| |x|), in the kernel's precision plus GSL's.",
    parameters: [LoRASupport.dimension, rule, PropertySupport.cases, LoRASupport.precision],
    oracles: .gsl
  ) { claim, replay in
    let precision: Precision
    let rules: [LowRankAdapter<Double>.ScalingRule]
    do {
      precision = try claim[LoRASupport.precision]
      rules = try claim[rule].rules
    } catch { return .error(claim, error) }
    return LoRASupport.property(claim, replay) { tolerance, d, k, g in
      precision == .double
        ? try mergeCase(Double.self, d, k, rules, tolerance, precision, &g)
        : try mergeCase(Float.self, d, k, rules, tolerance, precision, &g)
    }
  }

  static func mergeCase<T: ReferenceScalar>(
    _: T.Type, _ d: Int, _ k: Int, _ rules: [LowRankAdapter<Double>.ScalingRule],
    _ tolerance: Tolerance, _ precision: Precision, _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let u = LoRASupport.unitRoundoff(T.self)
    let uD = LoRASupport.unitRoundoff(Double.self)
    for rule in rules {
      let kernelRule: LowRankAdapter<T>.ScalingRule =
        rule == .standard ? .standard : .rankStabilized
      let adapter = try randomAdapter(T.self, d, k, kernelRule, &g)
      let r = adapter.rank
      let s = exactScale(Double(adapter.alpha), r, rule)
      let w = LoRASupport.rows(adapter.weight)
      let a = LoRASupport.rows(adapter.down)
      let b = LoRASupport.rows(adapter.up)
      let oracle = try GSL.matrixProduct(b, a, alpha: s, adding: w)
      let product = try GSL.matrixProduct(
        LoRASupport.magnitudes(adapter.up), LoRASupport.magnitudes(adapter.down))
      let c = Double(r + 4)
      var bound: [Double] = []
      for i in 0..<d {
        for j in 0..<k {
          let size = abs(w[i][j]) + c * abs(s) * product[i][j]
          bound.append((u + uD) * size)
        }
      }
      let merged = try adapter.merged().elements.map { Double($0) }
      outcome.compare(
        precision.label("merged (\(rule.rawValue)) vs GSL, fraction of the bound"),
        LoRASupport.fractionOfBound(merged, oracle.flatMap { $0 }, bound), against: 0,
        within: tolerance)
      // The output, unmerged.
      let x = (0..<k).map { _ in T(RandomMatrices.uniform(-1, 1, &g)) }
      let xd = x.map { Double($0) }
      let frozen = try GSL.matrixProduct(w, LoRASupport.column(xd))
      let adapted = try GSL.matrixProduct(
        GSL.matrixProduct(b, a), LoRASupport.column(xd), alpha: s, adding: frozen)
      let absX = LoRASupport.column(xd.map(abs))
      let wx = try GSL.matrixProduct(LoRASupport.magnitudes(adapter.weight), absX)
      let bax = try GSL.matrixProduct(product, absX)
      let outputBound = (0..<d).map { i in
        (u + uD) * (Double(k + 1) * wx[i][0] + Double(k + r + 4) * abs(s) * bax[i][0])
      }
      let output = try adapter.output(for: x).map { Double($0) }
      outcome.compare(
        precision.label("output (\(rule.rawValue)) vs GSL, fraction of the bound"),
        LoRASupport.fractionOfBound(output, adapted.map { $0[0] }, outputBound), against: 0,
        within: tolerance)
      // Merged and unmerged serve the same model: W' x against the unmerged output.
      let servedMerged = try adapter.merged().multiplied(by: x).map { Double($0) }
      outcome.inform(
        precision.label("merged W x vs unmerged output, fraction of the bound"),
        LoRASupport.fractionOfBound(servedMerged, output, outputBound.map { 2 * $0 }),
        against: 0, unit: tolerance.bound)
      outcome.context.append("r = \(r), alpha = \(adapter.alpha)")
    }
    return outcome
  }

  // MARK: - A6.1.5: unmerge and task switch

  static let roundTrip = Check(
    name: "lora.round-trip", kind: .property,
    summary: "Unmerging, fl(fl(W + delta) - delta), restores W within the exact bound "
      + "u (|W'| + |fl(W + delta)|), as a fraction of it; switching tasks (subtract one "
      + "adapter's update, add another's) lands within the same kind of bound of W + delta2.",
    parameters: [LoRASupport.dimension, PropertySupport.cases, LoRASupport.precision],
    oracles: .exact
  ) { claim, replay in
    let precision: Precision
    do { precision = try claim[LoRASupport.precision] } catch { return .error(claim, error) }
    return LoRASupport.property(claim, replay) { tolerance, d, k, g in
      precision == .double
        ? try roundTripCase(Double.self, d, k, tolerance, precision, &g)
        : try roundTripCase(Float.self, d, k, tolerance, precision, &g)
    }
  }

  static func roundTripCase<T: ReferenceScalar>(
    _: T.Type, _ d: Int, _ k: Int, _ tolerance: Tolerance, _ precision: Precision,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let u = LoRASupport.unitRoundoff(T.self)
    let first = try randomAdapter(T.self, d, k, .standard, &g)
    let merged = try first.merged()
    let back = try first.unmerged(from: merged)
    let w = first.weight.elements.map { Double($0) }
    let bound = zip(back.elements, merged.elements).map { u * (abs(Double($0)) + abs(Double($1))) }
    outcome.compare(
      precision.label("unmerged vs W, fraction of u (|W'| + |W + delta|)"),
      LoRASupport.fractionOfBound(back.elements.map { Double($0) }, w, bound), against: 0,
      within: tolerance)
    let exact = zip(back.elements, first.weight.elements).filter { $0 == $1 }.count
    outcome.context.append("\(exact) of \(d * k) entries restored exactly")
    // Task switch: W' = fl(fl(M - delta1) + delta2) against W + delta2, where the first step
    // is the round trip above and the second one more rounding: |error| <= |W' - W| + u |W''|.
    let second = try LowRankAdapter(
      weight: back, down: LoRASupport.matrix(first.rank, k, &g),
      up: LoRASupport.matrix(
        d, first.rank, &g), alpha: first.alpha)
    let switched = try second.merged()
    let target = try first.weight + second.delta()
    let switchBound = (0..<(d * k)).map { i in
      bound[i] + u * abs(Double(switched.elements[i])) + u * abs(Double(target.elements[i]))
    }
    outcome.compare(
      precision.label("switched vs W + delta2, fraction of the bound"),
      LoRASupport.fractionOfBound(
        switched.elements.map { Double($0) }, target.elements.map { Double($0) }, switchBound),
      against: 0, within: tolerance)
    return outcome
  }

  // MARK: - A6.1.3: initialisation

  static let initialization = Check(
    name: "lora.initialization", kind: .property,
    summary: "An adapter initialised as PEFT and loralib do (A Kaiming-uniform on "
      + "[-1/sqrt(k), 1/sqrt(k)] or PEFT's Gaussian with std 1/r, B = 0) leaves the merged "
      + "weight and the output bit for bit equal to the frozen model's.",
    parameters: [LoRASupport.dimension, PropertySupport.cases, LoRASupport.precision],
    oracles: .exact
  ) { claim, replay in
    let precision: Precision
    do { precision = try claim[LoRASupport.precision] } catch { return .error(claim, error) }
    return LoRASupport.property(claim, replay) { tolerance, d, k, g in
      precision == .double
        ? try initializationCase(Double.self, d, k, tolerance, precision, &g)
        : try initializationCase(Float.self, d, k, tolerance, precision, &g)
    }
  }

  static func initializationCase<T: ReferenceScalar>(
    _: T.Type, _ d: Int, _ k: Int, _ tolerance: Tolerance, _ precision: Precision,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    var outcome = CaseOutcome()
    let weight: Matrix<T> = try LoRASupport.matrix(d, k, &g)
    let x = (0..<k).map { _ in T(RandomMatrices.uniform(-1, 1, &g)) }
    let frozen = try weight.multiplied(by: x)
    for kind in LowRankAdapter<T>.Initialization.allCases {
      let r = 1 + Int(g.next() % 16)
      let adapter = try LowRankAdapter.initialized(
        weight: weight, rank: r, alpha: T(2 * r), initialization: kind, generator: &g)
      let merged = try adapter.merged()
      let output = try adapter.output(for: x)
      var worst = 0.0
      for (a, b) in zip(merged.elements, weight.elements) {
        worst = max(worst, abs(Double(a) - Double(b)))
      }
      for (a, b) in zip(output, frozen) { worst = max(worst, abs(Double(a) - Double(b))) }
      outcome.compare(
        precision.label("merged and output vs frozen (\(kind.rawValue))"), worst, against: 0,
        within: tolerance)
      outcome.require(
        merged.elements.elementsEqual(
          weight.elements, by: { $0 == $1 && $0.sign == $1.sign }),
        precision.label("merged bit for bit (\(kind.rawValue))"),
        note: "the merged weight differs in its bits from W")
      outcome.require(
        adapter.up.elements.allSatisfy { $0 == 0 }, "B = 0", note: "B is not zero")
      if kind == .kaimingUniform {
        let bound = LowRankAdapter<T>.kaimingBound(inputFeatures: k)
        let largest = adapter.down.elements.map { abs(Double($0)) }.max() ?? 0
        outcome.require(
          largest <= Double(T(bound)), "A within 1 / sqrt(k)",
          note: "|A| reaches \(largest) above 1 / sqrt(\(k)) = \(bound)")
      }
    }
    return outcome
  }
}
