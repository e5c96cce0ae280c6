import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Checks of rank, the truncated SVD and the subspace similarity (A6.0.2, A6.1.1, A6.1.2,
/// A6.1.8), against GSL's one-sided Jacobi SVD.
enum LoRAFactorizationChecks {
  static let all: [Check] = [rank, factorization, eckartYoung, similarity, spectrumFigure]

  /// A d x k matrix `U diag(sigma) V^T` with random orthonormal U, V (GSL's QR of uniform
  /// matrices) and the given singular values, rounded to `T`.
  static func withSpectrum<T: ReferenceScalar>(
    _: T.Type, _ d: Int, _ k: Int, _ sigma: [Double], _ g: inout SeededGenerator
  ) throws -> Matrix<T> {
    let p = min(d, k)
    let u = try GSL.orthonormalColumns(
      (0..<d).map { _ in (0..<p).map { _ in RandomMatrices.uniform(-1, 1, &g) } })
    let v = try GSL.orthonormalColumns(
      (0..<k).map { _ in (0..<p).map { _ in RandomMatrices.uniform(-1, 1, &g) } })
    var elements: [T] = []
    for i in 0..<d {
      for j in 0..<k {
        var sum = 0.0
        for l in 0..<p { sum += u[i][l] * sigma[l] * v[j][l] }
        elements.append(T(sum))
      }
    }
    return try Matrix(rows: d, columns: k, elements: elements)
  }

  /// GSL's singular values of a matrix.
  static func gslSingularValues<T: ReferenceScalar>(_ m: Matrix<T>) throws -> [Double] {
    try GSL.singularValueDecompositionJacobi(LoRASupport.rows(m)).singularValues
  }

  static func dispatch(
    _ claim: Claim, _ replay: ReplayToken?,
    _ body: @escaping (Precision, Tolerance, Int, Int, inout SeededGenerator) throws -> CaseOutcome
  ) -> ClaimResult {
    let precision: Precision
    do { precision = try claim[LoRASupport.precision] } catch { return .error(claim, error) }
    return LoRASupport.property(claim, replay) { tolerance, d, k, g in
      try body(precision, tolerance, d, k, &g)
    }
  }

  // MARK: - A6.1.2: rank(B A) <= r

  static let rank = Check(
    name: "lora.rank", kind: .property,
    summary: "For random B (d x r) and A (r x k) with r < min(d, k), the kernel's singular values "
      + "of the merged update s B A beyond the r-th vanish to rounding, and all of them agree "
      + "with GSL's (Mirsky); both measured relative to ||s B A||_F.",
    parameters: [LoRASupport.dimension, PropertySupport.cases, LoRASupport.precision],
    oracles: .gsl
  ) { claim, replay in
    dispatch(claim, replay) { precision, tolerance, d, k, g in
      precision == .double
        ? try rankCase(Double.self, d, k, tolerance, precision, &g)
        : try rankCase(Float.self, d, k, tolerance, precision, &g)
    }
  }

  static func rankCase<T: ReferenceScalar>(
    _: T.Type, _ d: Int, _ k: Int, _ tolerance: Tolerance, _ precision: Precision,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    guard min(d, k) >= 2 else {
      var refused = CaseOutcome()
      refused.errors.append("rank(B A) < min(d, k) needs d, k >= 2; give dimension from 2")
      return refused
    }
    let r = 1 + Int(g.next() % UInt64(min(d, k) - 1))
    let adapter = try LowRankAdapter<T>(
      weight: Matrix.zeros(rows: d, columns: k), down: LoRASupport.matrix(r, k, &g),
      up: LoRASupport.matrix(d, r, &g), alpha: T(r))
    let delta = try adapter.delta()
    let approximation = try LowRankApproximation(delta, rank: r)
    let norm = Double(delta.frobeniusNorm)
    let sigma = approximation.singularValues.map { Double($0) }
    let tail = Double(approximation.error) / norm
    var outcome = CaseOutcome()
    outcome.compare(
      precision.label("||sigma beyond r|| / ||s B A||_F"), tail, against: 0, within: tolerance)
    let gsl = try gslSingularValues(delta)
    let mirsky = GSL.euclideanNormOfDifference(sigma, gsl) / norm
    outcome.compare(
      precision.label("||sigma - sigma_GSL|| / ||s B A||_F"), mirsky, against: 0,
      within: tolerance)
    outcome.context.append("r = \(r)")
    return outcome
  }

  // MARK: - A6.1.2: a delta of rank r is reproduced exactly

  static let factorization = Check(
    name: "lora.factorization", kind: .property,
    summary: "A delta of rank r (a product of random d x r and r x k factors) is reproduced by "
      + "the rank-r adapter built from its SVD (B = U sqrt(Sigma / s), A = sqrt(Sigma / s) V^T): "
      + "||s B A - delta||_F / ||delta||_F, with GSL's rank-r truncation error beside it.",
    parameters: [LoRASupport.dimension, PropertySupport.cases, LoRASupport.precision],
    oracles: .gsl
  ) { claim, replay in
    dispatch(claim, replay) { precision, tolerance, d, k, g in
      precision == .double
        ? try factorizationCase(Double.self, d, k, tolerance, precision, &g)
        : try factorizationCase(Float.self, d, k, tolerance, precision, &g)
    }
  }

  static func factorizationCase<T: ReferenceScalar>(
    _: T.Type, _ d: Int, _ k: Int, _ tolerance: Tolerance, _ precision: Precision,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    let r = 1 + Int(g.next() % UInt64(min(d, k)))
    // Well-conditioned on its range: singular values 1 ... 10, then exact zeros.
    let sigma = (0..<min(d, k)).map { $0 < r ? RandomMatrices.uniform(1, 10, &g) : 0 }
      .sorted(by: >)
    let delta = try withSpectrum(T.self, d, k, sigma, &g)
    let approximation = try LowRankApproximation(delta, rank: r)
    let rule: LowRankAdapter<T>.ScalingRule = g.next() & 1 == 0 ? .standard : .rankStabilized
    let adapter = try approximation.adapter(
      on: Matrix.zeros(rows: d, columns: k), alpha: T(RandomMatrices.uniform(1, 64, &g).rounded()),
      rule: rule)
    let norm = Double(delta.frobeniusNorm)
    let rebuilt = try adapter.delta()
    let error = Double(try (rebuilt - delta).frobeniusNorm) / norm
    var outcome = CaseOutcome()
    outcome.compare(
      precision.label("||s B A - delta||_F / ||delta||_F"), error, against: 0, within: tolerance)
    let gsl = try gslSingularValues(delta)
    outcome.compare(
      precision.label("GSL's truncation error / ||delta||_F"),
      Double(LowRankApproximation<Double>.tailNorm(gsl, from: r)) / norm, against: 0,
      within: tolerance)
    outcome.context.append("r = \(r), \(rule.rawValue)")
    return outcome
  }

  // MARK: - A6.0.2 / A4.0.3: Eckart-Young

  static let eckartYoung = Check(
    name: "lora.eckart-young", kind: .property,
    summary: "For a delta with singular values 1 ... 10 up to rank r and 0 ... 0.1 after it, "
      + "the kernel's Eckart-Young error sqrt(sum_{i >= r} sigma_i^2) against GSL's singular "
      + "values and against ||delta - reconstruction||_F, and the kernel's rank-r "
      + "reconstruction against GSL's (Wedin); all relative to ||delta||_F. Fifty random "
      + "rank-r competitors (perturbed truncations and random products) must not come closer.",
    parameters: [LoRASupport.dimension, PropertySupport.cases, LoRASupport.precision],
    oracles: .gsl
  ) { claim, replay in
    dispatch(claim, replay) { precision, tolerance, d, k, g in
      precision == .double
        ? try eckartYoungCase(Double.self, d, k, tolerance, precision, &g)
        : try eckartYoungCase(Float.self, d, k, tolerance, precision, &g)
    }
  }

  static func eckartYoungCase<T: ReferenceScalar>(
    _: T.Type, _ d: Int, _ k: Int, _ tolerance: Tolerance, _ precision: Precision,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    let p = min(d, k)
    let r = 1 + Int(g.next() % UInt64(p))
    let sigma = (0..<p).map {
      $0 < r ? RandomMatrices.uniform(1, 10, &g) : RandomMatrices.uniform(0, 0.1, &g)
    }.sorted(by: >)
    let delta = try withSpectrum(T.self, d, k, sigma, &g)
    let approximation = try LowRankApproximation(delta, rank: r)
    let norm = Double(delta.frobeniusNorm)
    let kernelError = Double(approximation.error)
    let (u, gslSigma, v) = try GSL.singularValueDecompositionJacobi(LoRASupport.rows(delta))
    var outcome = CaseOutcome()
    let gslError = LowRankApproximation<Double>.tailNorm(gslSigma, from: r)
    outcome.compare(
      precision.label("EY error vs GSL's, / ||delta||_F"), abs(kernelError - gslError) / norm,
      against: 0, within: tolerance)
    let reconstruction = approximation.reconstruction
    let residual = Double(try (delta - reconstruction).frobeniusNorm)
    outcome.compare(
      precision.label("EY error vs ||delta - reconstruction||_F, / ||delta||_F"),
      abs(kernelError - residual) / norm, against: 0, within: tolerance)
    var gslReconstruction: [Double] = []
    for i in 0..<d {
      for j in 0..<k {
        var sum = 0.0
        for l in 0..<r { sum += u[i][l] * gslSigma[l] * v[j][l] }
        gslReconstruction.append(sum)
      }
    }
    let difference = GSL.euclideanNormOfDifference(
      reconstruction.elements.map { Double($0) }, gslReconstruction)
    outcome.compare(
      precision.label("reconstruction vs GSL's, / ||delta||_F"), difference / norm, against: 0,
      within: tolerance)
    // Competitors of rank <= r never beat the truncation (in Double, on the same delta).
    let exactDelta = LoRASupport.rows(delta)
    var closest = Double.infinity
    for trial in 0..<50 {
      let size = trial < 25 ? 1e-3 * Double(trial + 1) : 1.0
      var left: [[Double]] = []
      var right: [[Double]] = []
      for i in 0..<d {
        left.append(
          (0..<r).map { l in
            (trial < 25 ? u[i][l] * gslSigma[l] : 0) + size * RandomMatrices.uniform(-1, 1, &g)
          })
      }
      for l in 0..<r {
        right.append(
          (0..<k).map { j in (trial < 25 ? v[j][l] : 0) + size * RandomMatrices.uniform(-1, 1, &g) }
        )
      }
      let competitor = try GSL.matrixProduct(left, right)
      let distance = GSL.euclideanNormOfDifference(
        competitor.flatMap { $0 }, exactDelta.flatMap { $0 })
      closest = min(closest, distance)
    }
    outcome.require(
      closest >= residual * (1 - 1e-6), "no competitor closer",
      note: "a random rank-\(r) matrix is at \(closest), the truncation at \(residual)")
    outcome.context.append(
      "r = \(r), gap \(NumberFormatting.short(sigma[r - 1] - (r < p ? sigma[r] : 0)))")
    return outcome
  }

  // MARK: - A6.1.8: subspace similarity

  static let similarity = Check(
    name: "lora.subspace-similarity", kind: .property,
    summary: "phi(A1, A2, i, j) = ||U1_i^T U2_j||_F^2 / min(i, j) from the kernel's SVD against "
      + "the same formula on GSL's right singular vectors, for down projections with separated "
      + "singular values; phi is in [0, 1], 1 for a row space compared with itself (after an "
      + "invertible mixing) and 0 for orthogonal row spaces.",
    parameters: [LoRASupport.dimension, PropertySupport.cases, LoRASupport.precision],
    oracles: .gsl
  ) { claim, replay in
    dispatch(claim, replay) { precision, tolerance, d, k, g in
      precision == .double
        ? try similarityCase(Double.self, d, k, tolerance, precision, &g)
        : try similarityCase(Float.self, d, k, tolerance, precision, &g)
    }
  }

  static func similarityCase<T: ReferenceScalar>(
    _: T.Type, _ r1: Int, _ k: Int, _ tolerance: Tolerance, _ precision: Precision,
    _ g: inout SeededGenerator
  ) throws -> CaseOutcome {
    // Two down projections r1 x k and r2 x k (r <= k), singular values 2 apart.
    let width = max(k, 2 * r1)
    let r2 = 1 + Int(g.next() % UInt64(width))
    func spectrum(_ r: Int) -> [Double] { (0..<r).map { 2 * Double(r - $0) } }
    let a1 = try withSpectrum(T.self, r1, width, spectrum(r1), &g)
    let a2 = try withSpectrum(T.self, r2, width, spectrum(r2), &g)
    let i = 1 + Int(g.next() % UInt64(r1))
    let j = 1 + Int(g.next() % UInt64(r2))
    let kernel = Double(try SubspaceSimilarity.phi(a1, a2, i: i, j: j))
    let v1 = try GSL.singularValueDecompositionJacobi(LoRASupport.rows(a1)).v
    let v2 = try GSL.singularValueDecompositionJacobi(LoRASupport.rows(a2)).v
    var sum = 0.0
    for a in 0..<i {
      for b in 0..<j {
        let dot = (0..<width).reduce(0.0) { $0 + v1[$1][a] * v2[$1][b] }
        sum += dot * dot
      }
    }
    let oracle = sum / Double(min(i, j))
    var outcome = CaseOutcome()
    outcome.compare(
      precision.label("phi vs GSL"), abs(kernel - oracle), against: 0, within: tolerance)
    outcome.require(
      (0...1).contains(kernel), "phi in [0, 1]", note: "phi = \(kernel)")
    // The same row space after mixing by an invertible (triangular, unit diagonal) matrix.
    var mixing = [[Double]](repeating: [Double](repeating: 0, count: r1), count: r1)
    for a in 0..<r1 {
      mixing[a][a] = 1
      for b in 0..<a { mixing[a][b] = RandomMatrices.uniform(-1, 1, &g) }
    }
    let mixed = try Matrix<T>(
      GSL.matrixProduct(mixing, LoRASupport.rows(a1)).map { $0.map { T($0) } })
    let same = Double(try SubspaceSimilarity.phi(a1, mixed, i: r1, j: r1))
    outcome.compare(
      precision.label("phi(A, M A, r, r) vs 1"), abs(same - 1), against: 0, within: tolerance)
    // Orthogonal row spaces: rows supported on disjoint coordinates.
    if width >= 2 {
      let half = width / 2
      let left = try Matrix<T>(
        rows: 1, columns: width,
        elements: (0..<width).map { $0 < half ? T(RandomMatrices.uniform(0.5, 1, &g)) : 0 })
      let right = try Matrix<T>(
        rows: 1, columns: width,
        elements: (0..<width).map { $0 >= half ? T(RandomMatrices.uniform(0.5, 1, &g)) : 0 })
      let orthogonal = Double(try SubspaceSimilarity.phi(left, right, i: 1, j: 1))
      outcome.compare(
        precision.label("phi of orthogonal row spaces vs 0"), orthogonal, against: 0,
        within: tolerance)
    }
    outcome.context.append("r1 = \(r1), r2 = \(r2), i = \(i), j = \(j), phi = \(kernel)")
    return outcome
  }

  // MARK: - A6.1.1: the spectrum figure

  static let rows = CheckParameter.integer("out-features", in: 2...200, help: "d")
  static let columns = CheckParameter.integer("in-features", in: 2...200, help: "k")
  static let trueRank = CheckParameter.integer("rank", in: 1...200, help: "the rank of B A")
  static let noise = CheckParameter.number(
    "noise", within: 0...1, help: "the largest magnitude of the uniform noise entries")

  static let spectrumFigure = Check(
    name: "lora.spectrum-figure", kind: .figure,
    summary: "The singular values of a synthetic update B A + noise (B, A uniform, seeded by the "
      + "claim ID) and the Eckart-Young error against the truncation rank; every singular value "
      + "and every error is held against GSL's, relative to ||delta||_F.",
    parameters: [rows, columns, trueRank, noise], oracles: .gsl
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let d = try claim[rows]
      let k = try claim[columns]
      let r = try claim[trueRank]
      let level = try claim[noise]
      guard r <= min(d, k) else {
        throw VerificationError.invalidInput(
          name: "rank", value: "\(r)", reason: "the rank must be at most min(d, k)",
          at: claim.location)
      }
      var g = SeededGenerator(seed: SeededGenerator.seed(from: claim.id))
      let b = try LoRASupport.matrix(d, r, &g) as Matrix<Double>
      let a = try LoRASupport.matrix(r, k, &g) as Matrix<Double>
      let noiseMatrix = try LoRASupport.matrix(d, k, &g, scale: level) as Matrix<Double>
      let delta = try b.multiplied(by: a) + noiseMatrix
      let p = min(d, k)
      let norm = delta.frobeniusNorm
      let kernelSigma = try LowRankApproximation(delta, rank: 1).singularValues
      let gslSigma = try gslSingularValues(delta)
      let ranks = Array(1...p)
      let kernelErrors = ranks.map { LowRankApproximation<Double>.tailNorm(kernelSigma, from: $0) }
      let gslErrors = ranks.map { LowRankApproximation<Double>.tailNorm(gslSigma, from: $0) }
      let figure = Figure(
        title: "Singular values of B A + noise (d = \(d), k = \(k), rank \(r)) and the "
          + "Eckart-Young error", xLabel: "index i, or truncation rank", yLabel: "value",
        logY: true,
        series: [
          .init(
            name: "sigma_i (kernel)", style: .points, x: ranks.map(Double.init), y: kernelSigma),
          .init(name: "sigma_i (GSL)", style: .line, x: ranks.map(Double.init), y: gslSigma),
          .init(
            name: "EY error at rank i (kernel)", style: .line, x: ranks.map(Double.init),
            y: kernelErrors.map { max($0, 1e-17 * norm) }),
        ])
      return FigureSupport.result(
        claim, figure: figure,
        kernel: (kernelSigma + kernelErrors).map { $0 / norm },
        oracle: (gslSigma + gslErrors).map { $0 / norm }, oracleName: "gsl", tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }
}

extension GSL {
  /// The 2-norm of `a - b`, scaled (for measuring, not a GSL call).
  static func euclideanNormOfDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    let difference = zip(a, b).map { $0 - $1 }
    let scale = difference.reduce(0) { max($0, abs($1)) }
    guard scale > 0 else { return scale.isNaN ? .infinity : 0 }
    return scale * difference.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
  }
}
