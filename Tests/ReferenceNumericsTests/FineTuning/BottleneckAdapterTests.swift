// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import Referee
import ReferenceNumerics
import Testing

@Suite("Bottleneck adapters, fusion and AdapterDrop")
struct BottleneckAdapterTests {
  @Test("Activations match mpmath at 1 and -2")
  func activations() {
    // mpmath at 60 digits: x/2 (1 + erf(x / sqrt 2)) and the tanh form with 0.044715.
    let cases: [(AdapterActivation, Double, Double)] = [
      (.relu, 1, 1), (.relu, -2, 0),
      (.gelu, 1, 0.8413447460685429), (.gelu, -2, -0.04550026389635842),
      (.geluTanh, 1, 0.8411919906082767), (.geluTanh, -2, -0.04540230591222498),
    ]
    for (f, x, expected) in cases {
      #expect(f(x).isApproximatelyEqual(to: expected, relativeTolerance: 8 * .ulpOfOne))
      #expect(
        Double(f(Float(x))).isApproximatelyEqual(
          to: expected, relativeTolerance: 8 * Double(Float.ulpOfOne)))
    }
  }

  @Test("A zero up-projection is the identity exactly")
  func zeroUp() throws {
    var g = SeededGenerator(seed: 4)
    let d = 6
    let m = 2
    let down = (0..<d).map { _ in (0..<m).map { _ in g.nextOpenUnitInterval() - 0.5 } }
    let adapter = try BottleneckAdapter(
      down: down, downBias: [0.1, -0.2],
      up: [[Double]](repeating: .init(repeating: 0, count: d), count: m),
      upBias: .init(repeating: 0, count: d), activation: .gelu)
    let h = (0..<d).map { _ in g.nextOpenUnitInterval() * 10 - 5 }
    #expect(try adapter(h) == h)
  }

  @Test("The adapter agrees with the MPFR referee", arguments: AdapterActivation.allCases)
  func referee(activation: AdapterActivation) throws {
    var g = SeededGenerator(seed: 8)
    let (d, m) = (5, 3)
    let r = { (g: inout SeededGenerator) in g.nextOpenUnitInterval() * 2 - 1 }
    let down = (0..<d).map { _ in (0..<m).map { _ in r(&g) } }
    let up = (0..<m).map { _ in (0..<d).map { _ in r(&g) } }
    let b1 = (0..<m).map { _ in r(&g) }
    let b2 = (0..<d).map { _ in r(&g) }
    let h = (0..<d).map { _ in r(&g) * 3 }
    let adapter = try BottleneckAdapter(
      down: down, downBias: b1, up: up, upBias: b2, activation: activation)
    let mapped: Referee.Activation =
      switch activation {
      case .relu: .relu
      case .gelu: .gelu
      case .geluTanh: .geluTanh
      }
    let exact = try Referee.perceptron(
      h,
      layers: [
        .init(weights: down, bias: b1, activation: mapped),
        .init(weights: up, bias: b2, activation: .identity),
      ], residual: true)
    for (x, y) in zip(try adapter(h), exact) {
      #expect(abs(x - y) <= 64 * .ulpOfOne * 10)
    }
  }

  @Test("Parameter counts for BERT-base and BERT-large")
  func counts() throws {
    #expect(try BottleneckAdapter<Double>.parameterCount(width: 768, bottleneck: 64) == 99_136)
    #expect(
      try AdapterPlacement.houlsby.parameterCount(layers: 12, width: 768, bottleneck: 64)
        == 2_379_264)
    #expect(try BottleneckAdapter<Double>.parameterCount(width: 1024, bottleneck: 64) == 132_160)
    #expect(
      try AdapterPlacement.houlsby.parameterCount(layers: 24, width: 1024, bottleneck: 64)
        == 6_343_680)
    #expect(AdapterPlacement.pfeiffer.adaptersPerLayer == 1)
  }

  @Test("Fusion weights sum to one; one adapter gives z times the value projection")
  func fusion() throws {
    let identity: [[Double]] = [[1, 0], [0, 1]]
    let fusion = try AdapterFusion(query: identity, key: identity, value: [[2, 0], [0, 3]])
    let (w, o) = try fusion(hidden: [1, 2], adapterOutputs: [[1, 1], [0, -1], [2, 0]])
    #expect(abs(w.reduce(0, +) - 1) <= 4 * .ulpOfOne)
    let (w1, o1) = try fusion(hidden: [1, 2], adapterOutputs: [[1, 1]])
    #expect(w1 == [1] && o1 == [2, 3])
    let exact = try Referee.adapterFusion(
      hidden: [1, 2], adapterOutputs: [[1, 1], [0, -1], [2, 0]], query: identity, key: identity,
      value: [[2, 0], [0, 3]])
    for (x, y) in zip(o, exact.output) {
      #expect(x.isApproximatelyEqual(to: y, absoluteTolerance: 32 * .ulpOfOne))
    }
  }

  @Test("AdapterDrop's savings are linear in the dropped layers")
  func drop() throws {
    let one = try AdapterDrop.savedOperations(
      layers: 12, dropped: 1, placement: .houlsby, width: 768, bottleneck: 64)
    #expect(one == 2 * 2 * 64 * 768)
    for k in 0...12 {
      #expect(
        try AdapterDrop.savedOperations(
          layers: 12, dropped: k, placement: .houlsby, width: 768, bottleneck: 64) == k * one)
    }
  }

  @Test("Malformed adapters are refused")
  func refusals() {
    #expect(throws: BottleneckAdapter<Double>.Error.self) {
      try BottleneckAdapter<Double>(
        down: [[1]], downBias: [0, 0], up: [[1]], upBias: [0], activation: .relu)
    }
    #expect(throws: BottleneckAdapter<Double>.Error.hiddenWidth(expected: 1, got: 2)) {
      try BottleneckAdapter<Double>(
        down: [[1]], downBias: [0], up: [[1]], upBias: [0], activation: .relu)([1, 2])
    }
  }
}
