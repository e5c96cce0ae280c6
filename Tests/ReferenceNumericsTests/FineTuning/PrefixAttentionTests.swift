// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import Referee
import ReferenceNumerics
import Testing

@Suite("Attention with a prefix")
struct PrefixAttentionTests {
  // mpmath at 60 digits: q = [1, 2], K = I, V = [[1, 2], [3, 4]], P_k = [[1, 1]],
  // P_v = [[0, -1]], scores (q . k) / sqrt 2 over [P_k; K].
  static let pinnedOutput = [0.9920154742671581, 0.8400647838364341]
  static let pinnedLambda = 0.575975345215362

  @Test(
    "A small example matches mpmath",
    arguments: [Float.self, Double.self] as [any ReferenceScalar.Type])
  func pinned(type: any ReferenceScalar.Type) throws {
    func run<T: ReferenceScalar>(_: T.Type) throws {
      let r = try PrefixAttention.attend(
        query: [T(1), 2], keys: [[1, 0], [0, 1]], values: [[1, 2], [3, 4]],
        prefixKeys: [[1, 1]], prefixValues: [[0, -1]])
      let tolerance = T(16) * T.ulpOfOne
      for (x, y) in zip(r.output, Self.pinnedOutput) {
        #expect(x.isApproximatelyEqual(to: T(y), relativeTolerance: tolerance))
      }
      #expect(
        r.lambda.isApproximatelyEqual(to: T(Self.pinnedLambda), relativeTolerance: 2 * T.ulpOfOne))
      #expect(
        r.complement.isApproximatelyEqual(
          to: T(1 - Self.pinnedLambda), relativeTolerance: 2 * T.ulpOfOne))
    }
    try run(type)
  }

  @Test("Lambda keeps full relative accuracy at scores of plus and minus 350")
  func tinyLambda() throws {
    // mpmath: 1 / (1 + exp(700)) = 9.85967654375977e-305; 1 minus the plain share gives 0.
    let r = try PrefixAttention.attend(
      query: [350.0], keys: [[1]], values: [[1]], prefixKeys: [[-1]], prefixValues: [[2]])
    #expect(r.lambda.isApproximatelyEqual(to: 9.85967654375977e-305, relativeTolerance: 4e-16))
    #expect(r.complement == 1)
    let flipped = PrefixAttention.share(query: [350.0], keys: [[-1]], prefixKeys: [[1]])
    #expect(
      flipped.complement.isApproximatelyEqual(to: 9.85967654375977e-305, relativeTolerance: 4e-16))
    #expect(flipped.lambda == 1)
  }

  @Test("A zero-length prefix reproduces the frozen output exactly")
  func zeroPrefix() throws {
    var g = SeededGenerator(seed: 12)
    let q = (0..<4).map { _ in g.nextOpenUnitInterval() * 2 - 1 }
    let k = (0..<5).map { _ in (0..<4).map { _ in g.nextOpenUnitInterval() * 8 - 4 } }
    let v = (0..<5).map { _ in (0..<3).map { _ in g.nextOpenUnitInterval() } }
    let r = try PrefixAttention.attend(
      query: q, keys: k, values: v, prefixKeys: [], prefixValues: [])
    #expect(r.output == (try PrefixAttention.attention(query: q, keys: k, values: v)))
    #expect(r.lambda == 0 && r.complement == 1 && r.prefixOutput == nil)
  }

  @Test("The gate identity holds on seeded inputs within the first-order bound")
  func gateIdentity() throws {
    var g = SeededGenerator(seed: 34)
    for _ in 0..<20 {
      let d = 1 + Int(g.next() % 8)
      let n = 1 + Int(g.next() % 6)
      let l = 1 + Int(g.next() % 6)
      let scale = Double.pow(10, g.nextOpenUnitInterval() * 3)
      let row = { (m: Int, s: Double, g: inout SeededGenerator) in
        (0..<m).map { _ in (g.nextOpenUnitInterval() * 2 - 1) * s }
      }
      let q = row(d, scale.squareRoot(), &g)
      let k = (0..<n).map { _ in row(d, scale.squareRoot(), &g) }
      let pk = (0..<l).map { _ in row(d, scale.squareRoot(), &g) }
      let v = (0..<n).map { _ in row(2, 1, &g) }
      let pv = (0..<l).map { _ in row(2, 1, &g) }
      let r = try PrefixAttention.attend(
        query: q, keys: k, values: v, prefixKeys: pk, prefixValues: pv)
      let exact = try Referee.prefixAttention(
        query: q, keys: k, values: v, prefixKeys: pk, prefixValues: pv)
      let bound = PrefixAttention.outputErrorBound(query: q, keys: pk + k, values: pv + v)
      for i in 0..<2 {
        #expect(abs(r.output[i] - exact.output[i]) <= bound[i])
      }
      #expect(r.lambda.isApproximatelyEqual(to: exact.lambda, relativeTolerance: 8 * .ulpOfOne))
      #expect(
        r.complement.isApproximatelyEqual(to: exact.complement, relativeTolerance: 8 * .ulpOfOne))
      #expect(exact.identityResidual <= 1e-60)
    }
  }

  @Test("Every causal position sees the whole prefix")
  func causalLayer() throws {
    let k: [[Double]] = [[1, 0], [0, 1], [1, 1]]
    let v: [[Double]] = [[1], [2], [3]]
    let out = try PrefixAttention.causalLayer(
      queries: k, keys: k, values: v, prefixKeys: [[2, 2]], prefixValues: [[10]])
    for t in 0..<3 {
      let direct = try PrefixAttention.attention(
        query: k[t], keys: [[2, 2]] + Array(k[0...t]), values: [[10]] + Array(v[0...t]))
      #expect(out[t] == direct)
    }
  }

  @Test("Malformed inputs are refused with the bad value named")
  func refusals() {
    #expect(throws: PrefixAttention.Error.noKeys) {
      try PrefixAttention.attend(
        query: [1.0], keys: [], values: [], prefixKeys: [], prefixValues: [])
    }
    #expect(throws: PrefixAttention.Error.rowLength(input: "keys", row: 0, expected: 2, got: 1)) {
      try PrefixAttention.attention(query: [1.0, 2], keys: [[1]], values: [[1]])
    }
    #expect(throws: PrefixAttention.Error.nonFinite(input: "values", value: .infinity)) {
      try PrefixAttention.attention(query: [1.0], keys: [[1]], values: [[.infinity]])
    }
    #expect(throws: PrefixAttention.Error.self) {
      try PrefixAttention.attention(query: [Double.nan], keys: [[1]], values: [[1]])
    }
  }
}

@Suite("Prefix encoder, prompt tuning and P-tuning")
struct PrefixEncoderTests {
  @Test("Parameter counts of the article map")
  func counts() throws {
    // GPT-2 Medium, 24 layers of width 1024, 10 prefix tokens; T5-XXL prompt, 20 x 4096.
    #expect(
      try PrefixEncoder<Double>.parameterCount(tokens: 10, layers: 24, width: 1024) == 491_520)
    #expect(try PromptTuning.parameterCount(length: 20, width: 4096) == 81_920)
  }

  @Test("The slab layout follows PEFT's view and permute")
  func slabs() throws {
    // 2 layers, width 4, 2 heads, 3 tokens: entry value = t * 100 + column.
    let table = (0..<3).map { t in (0..<16).map { Double(t * 100 + $0) } }
    let encoder = try PrefixEncoder(layers: 2, width: 4, heads: 2, table: table)
    // Layer 1, value (kv = 1), head 1: columns ((2 + 1) * 2 + 1) * 2 = 14, 15.
    let slab = encoder.slab(of: table, layer: 1, value: true)
    #expect(slab[1] == [[14, 15], [114, 115], [214, 215]])
    #expect(encoder.slab(of: table, layer: 0, value: false)[0][2] == [200, 201])
  }

  @Test("The MLP reparameterisation materialises tanh(E W1 + b1) W2 + b2")
  func materialised() throws {
    let encoder = try PrefixEncoder<Double>(
      layers: 1, width: 1, heads: 1, embedding: [[0.5]], first: [[2]], firstBias: [0],
      second: [[1, -1]], secondBias: [0.25, 0])
    // tanh(1) = 0.7615941559557649 (mpmath).
    let row = encoder.materialized[0]
    #expect(row[0].isApproximatelyEqual(to: 1.0115941559557649, relativeTolerance: 4e-16))
    #expect(row[1].isApproximatelyEqual(to: -0.7615941559557649, relativeTolerance: 4e-16))
    #expect(encoder.storedParameterCount == 2)
    #expect(encoder.trainableParameterCount == 1 + 1 + 1 + 2 + 2)
  }

  @Test("Prompts go before the input, with ones in the mask")
  func prepend() throws {
    let (rows, mask) = try PromptTuning.prepend(
      prompt: [[9.0, 9]], to: [[1, 2], [3, 4]], mask: [1, 0])
    #expect(rows == [[9, 9], [1, 2], [3, 4]])
    #expect(mask == [1, 1, 0])
    let t = try PromptTuning.template(
      prompt: [[7.0], [8]], input: [[1], [2], [3]], positions: [0, 2])
    #expect(t == [[7], [1], [2], [8], [3]])
    #expect(throws: PromptTuning.Error.self) {
      try PromptTuning.template(prompt: [[7.0]], input: [[1]], positions: [3])
    }
  }

  @Test("The majority vote breaks ties towards the smallest label")
  func vote() throws {
    #expect(try PromptTuning.majorityVote([2, 1, 2, 1, 3]) == 1)
    #expect(try PromptTuning.majorityVote([4, 4, 1]) == 4)
    #expect(throws: PromptTuning.Error.noPredictions) { try PromptTuning.majorityVote([]) }
  }
}
