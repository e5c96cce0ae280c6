import ReferenceNumerics
import SpecEngine

/// Checks of plain attention facts the survey builds on (A2.0.1, A2.2.1, A2.2.2).
enum AttentionChecks {
  static let all: [Check] = [permutation, softmax, fourTerm]

  typealias S = RotarySupport

  static let length = CheckParameter.integer(
    "length", in: 1...256, default: 8, help: "the number of tokens")
  static let width = CheckParameter.integer(
    "dimension", in: 1...256, default: 8, help: "the width of x and of the projections")
  static let scale = CheckParameter.range(
    "scale", within: 1e-6...1e3, help: "the range of the logits' spread")

  static func matrix(_ n: Int, _ m: Int, _ g: inout SeededGenerator) -> [[Double]] {
    (0..<n).map { _ in S.vector(Double.self, m, &g) }
  }

  static let permutation = Check(
    name: "attention.permutation-equivariance", kind: .property,
    summary: "Self-attention with no position encoding is permutation equivariant: permuting the "
      + "tokens permutes the outputs the same way.",
    parameters: [length, width, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    S.property(claim, replay, draws: { [] }) { tolerance, _, g in
      let (n, d) = (try claim[length], try claim[width])
      let x = matrix(n, d, &g)
      let (wq, wk, wv) = (matrix(d, d, &g), matrix(d, d, &g), matrix(d, d, &g))
      let order = Array(0..<n).shuffled(using: &g)
      let out = Attention.selfAttention(x, query: wq, key: wk, value: wv)
      let permuted = Attention.selfAttention(order.map { x[$0] }, query: wq, key: wk, value: wv)
      let expected = order.map { out[$0] }.flatMap { $0 }
      var outcome = CaseOutcome()
      outcome.bound(
        "attention(P x) vs P attention(x), normwise relative",
        error: S.norm(zip(permuted.flatMap { $0 }, expected).map { $0 - $1 }) / S.norm(expected),
        tolerance: tolerance)
      return outcome
    }
  }

  static let softmax = Check(
    name: "attention.softmax", kind: .property,
    summary: "Every softmax row is non-negative and sums to 1.",
    parameters: [length, scale, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    S.property(claim, replay, draws: { [try claim[scale]] }) { tolerance, values, g in
      let row = S.vector(Double.self, try claim[length], &g).map { $0 * values[scale] }
      let a = Attention.softmax(row)
      var outcome = CaseOutcome()
      outcome.bound("|sum - 1|", error: abs(a.reduce(0, +) - 1), tolerance: tolerance)
      outcome.require(a.allSatisfy { $0 >= 0 }, "non-negative", note: "a negative weight")
      return outcome
    }
  }

  static let fourTerm = Check(
    name: "attention.four-term", kind: .property,
    summary: "((x_i + p_i) W_Q) . ((x_j + p_j) W_K) equals the sum of its four terms "
      + "(content-content, content-position, position-content, position-position).",
    parameters: [width, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    S.property(claim, replay, draws: { [] }) { tolerance, _, g in
      let d = try claim[width]
      let (xi, pi, xj, pj) = (
        S.vector(Double.self, d, &g), S.vector(Double.self, d, &g),
        S.vector(Double.self, d, &g), S.vector(Double.self, d, &g)
      )
      let (wq, wk) = (matrix(d, d, &g), matrix(d, d, &g))
      let direct = Attention.absoluteLogit(xi, pi, xj, pj, query: wq, key: wk)
      let terms = Attention.absoluteLogitTerms(xi, pi, xj, pj, query: wq, key: wk)
      let size = terms.map(abs).reduce(0, +)
      var outcome = CaseOutcome()
      outcome.bound(
        "direct logit vs the four terms, per sum of |terms|",
        error: abs(direct - terms.reduce(0, +)) / size, tolerance: tolerance)
      return outcome
    }
  }
}
