import Referee
import ReferenceNumerics
import Testing
import Verification

@Suite("Vectors of prefix attention and adapters")
struct FineTuningVectorsTests {
  static func numbers(_ set: VectorSet, _ name: String, tolerances: Bool = false) -> [Double] {
    ((tolerances ? set.tolerances : set.outputs).first { $0.name == name }?.value.numbers) ?? []
  }

  @Test(
    "Prefix attention: the referee lies within every tolerance",
    arguments: [Precision.double, .float])
  func prefixAttention(precision: Precision) throws {
    let (q, k, v) = ([0.5, -1.25, 2], [[1.0, 0, 3], [0, 1, -1]], [[1.0, 2], [3, 4]])
    let (pk, pv) = ([[2.0, 2, 2]], [[0.0, -1]])
    let set = try PromptTuningVectors.prefixAttention(
      query: q, keys: k, values: v, prefixKeys: pk, prefixValues: pv, precision: precision)
    let exact = try Referee.prefixAttention(
      query: q, keys: k, values: v, prefixKeys: pk, prefixValues: pv)
    let pairs: [(String, [Double])] = [
      ("output", exact.output), ("lambda", [exact.lambda]),
      ("plain_output", exact.plainOutput ?? []), ("prefix_output", exact.prefixOutput ?? []),
    ]
    for (name, reference) in pairs {
      let ours = Self.numbers(set, name)
      let bound = Self.numbers(set, name, tolerances: true)
      #expect(ours.count == reference.count && bound.count == reference.count, "\(name)")
      for (x, (r, b)) in zip(ours, zip(reference, bound)) {
        #expect(b >= 0 && abs(x - r) <= b, "\(name): \(x) vs \(r) within \(b)")
      }
    }
    // A Float implementation gets a looser bound than a Double one.
    if precision == .float {
      let double = try PromptTuningVectors.prefixAttention(
        query: q, keys: k, values: v, prefixKeys: pk, prefixValues: pv, precision: .double)
      #expect(
        Self.numbers(set, "output", tolerances: true)[0]
          > 1e6 * Self.numbers(double, "output", tolerances: true)[0])
    }
  }

  @Test("Prefix attention refuses no keys at all and mismatched rows")
  func refusals() {
    #expect(throws: PrefixAttention.Error.noKeys) {
      try PromptTuningVectors.prefixAttention(
        query: [1], keys: [], values: [], prefixKeys: [], prefixValues: [], precision: .double)
    }
    #expect(throws: PrefixAttention.Error.self) {
      try PromptTuningVectors.prefixAttention(
        query: [1], keys: [[1]], values: [], prefixKeys: [], prefixValues: [], precision: .double)
    }
  }

  @Test("The adapter's output lies within its tolerance of the referee")
  func adapter() throws {
    let (h, down, b1) = ([1.0, -2], [[0.5], [0.25]], [0.1])
    let (up, b2) = ([[1.0, -1]], [0.0, 0.5])
    let set = try AdaptersVectors.adapter(
      hidden: h, down: down, downBias: b1, up: up, upBias: b2, activation: .geluTanh)
    let exact = try Referee.perceptron(
      h,
      layers: [
        .init(weights: down, bias: b1, activation: .geluTanh),
        .init(weights: up, bias: b2, activation: .identity),
      ], residual: true)
    for (x, (r, b)) in zip(
      Self.numbers(set, "output"), zip(exact, Self.numbers(set, "output", tolerances: true)))
    {
      #expect(b > 0 && abs(x - r) <= b)
    }
  }
}
