import ReferenceNumerics
import SpecEngine

/// Checks of A1.5: linear attention with RoPE in the numerator only.
enum LinearAttentionChecks {
  static let all: [Check] = [evaluations, negativeScore, cosine]

  typealias S = RotarySupport

  /// Where the rotation goes.
  enum Rotation: String, ParameterChoice {
    /// Plain linear attention.
    case none
    /// RoPE in the numerator, the denominator unrotated.
    case numerator
  }

  static let rotation = CheckParameter<Rotation>.choice(
    "rotation", default: Rotation.none, help: "none, or numerator: RoPE in the numerator only")
  static let length = CheckParameter.integer(
    "length", in: 1...512, default: 16, help: "the number of positions n")

  /// Returns `n` feature-mapped (positive) rows of `d` entries.
  static func features(_ n: Int, _ d: Int, _ g: inout SeededGenerator) -> [[Double]] {
    (0..<n).map { _ in LinearAttention.featureMap(S.vector(Double.self, d, &g)) }
  }

  static let evaluations = Check(
    name: "linear-attention.evaluations", kind: .property,
    summary: "The O(n) and O(n^2) evaluations of linear attention agree (with RoPE in the "
      + "numerator or without); without RoPE the weights are non-negative and sum to 1, with "
      + "it the unrotated denominators stay positive.",
    parameters: [S.dimension, length, rotation, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    S.property(claim, replay, draws: { [] }) { tolerance, _, g in
      let (d, n) = (try claim[S.dimension], try claim[length])
      let (q, k) = (features(n, d, &g), features(n, d, &g))
      let v = (0..<n).map { _ in S.vector(Double.self, 4, &g) }
      let rotary: RotaryEmbedding<Double>? =
        try claim[rotation] == .numerator ? try RotaryEmbedding<Double>(dimension: d) : nil
      let slow = try LinearAttention.quadratic(queries: q, keys: k, values: v, rotary: rotary)
      let fast = try LinearAttention.linear(queries: q, keys: k, values: v, rotary: rotary)
      var outcome = CaseOutcome()
      let size = S.norm(slow.flatMap { $0 })
      outcome.bound(
        "O(n) vs O(n^2) outputs, normwise relative",
        error: S.norm(zip(slow.flatMap { $0 }, fast.flatMap { $0 }).map { $0 - $1 }) / size,
        tolerance: tolerance)
      let weights = try LinearAttention.weights(queries: q, keys: k, rotary: rotary)
      if rotary == nil {
        let worst = weights.map { abs($0.reduce(0, +) - 1) }.max() ?? 0
        outcome.bound("weights sum to 1, largest |sum - 1|", error: worst, tolerance: tolerance)
        outcome.require(
          weights.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "weights non-negative",
          note: "a negative weight")
      } else {
        outcome.require(
          weights.allSatisfy { $0.allSatisfy(\.isFinite) }, "denominators positive and finite",
          note: "a weight is not finite")
      }
      return outcome
    }
  }

  static let search = CheckParameter.integer(
    "max-distance", in: 1...1_000_000, default: 10_000,
    help: "the distances m - n searched for a negative score")

  static let negativeScore = Check(
    name: "linear-attention.negative-score", kind: .property,
    summary: "For random positive features phi(q), varphi(k), some distance m - n up to "
      + "max-distance makes the rotated score (R_m phi(q)).(R_n varphi(k)) negative, so RoPE "
      + "cannot go into the denominator.",
    parameters: [S.dimension, search, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    S.property(claim, replay, draws: { [] }) { _, _, g in
      let d = try claim[S.dimension]
      let rope = try RotaryEmbedding<Double>(dimension: d)
      let q = LinearAttention.featureMap(S.vector(Double.self, d, &g))
      let k = LinearAttention.featureMap(S.vector(Double.self, d, &g))
      var found: Int?
      let limit = try claim[search]
      for r in 0...limit {
        if Attention.dot(try rope.rotate(q, at: Double(r)), k) < 0 {
          found = r
          break
        }
      }
      var outcome = CaseOutcome()
      outcome.require(
        found != nil, "a negative rotated score of positive features",
        note: "no distance up to \(limit) gives a negative score")
      if let found { outcome.context = ["first negative at m - n = \(found)"] }
      return outcome
    }
  }

  static let cosine = Check(
    name: "linear-attention.cosine", kind: .property,
    summary: "The similarity 1 + q_hat . k_hat of rotated vectors stays in [0, 2] (the "
      + "measured excess outside it is bounded) and equals 1 + q_hat . (R_(n-m) k)_hat.",
    parameters: [S.dimension, S.position, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    S.property(
      claim, replay,
      draws: {
        [
          try RotaryPropertyChecks.positionDraw(claim, "m"),
          try RotaryPropertyChecks.positionDraw(claim, "n"),
        ]
      }
    ) { tolerance, values, g in
      let d = try claim[S.dimension]
      let rope = try RotaryEmbedding<Double>(dimension: d)
      let (m, n) = (values["m"], values["n"])
      let (q, k) = (S.vector(Double.self, d, &g), S.vector(Double.self, d, &g))
      let s = LinearAttention.cosineSimilarity(
        try rope.rotate(q, at: m), try rope.rotate(k, at: n))
      let relative = LinearAttention.cosineSimilarity(q, try rope.rotate(k, at: n - m))
      var outcome = CaseOutcome()
      outcome.bound("distance outside [0, 2]", error: max(0, -s, s - 2), tolerance: tolerance)
      outcome.bound(
        "sim(R_m q, R_n k) vs sim(q, R_(n-m) k)", error: abs(s - relative), tolerance: tolerance)
      return outcome
    }
  }
}
