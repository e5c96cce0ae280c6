// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// The nonlinearities adapters use.
public enum AdapterActivation: String, Sendable, Hashable, CaseIterable {
  /// max(0, x).
  case relu
  /// x * Phi(x) = x / 2 * (1 + erf(x / sqrt 2)), the exact GELU (torch's default).
  case gelu
  /// x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3))), the tanh approximation that
  /// adapter-bert uses.
  case geluTanh = "gelu-tanh"

  /// Returns the activation of `x`, computed in `Scalar`.
  public func callAsFunction<Scalar: ReferenceScalar>(_ x: Scalar) -> Scalar {
    switch self {
    case .relu:
      return max(0, x)
    case .gelu:
      let root2 = Scalar(2).squareRoot()
      return x / 2 * (1 + Scalar.erf(x / root2))
    case .geluTanh:
      let c = (2 / Scalar.pi).squareRoot()
      let inner = c * (x + Scalar(0.044715) * x * x * x)
      return x / 2 * (1 + Scalar.tanh(inner))
    }
  }
}

/// A bottleneck adapter: a down-projection, a nonlinearity, an up-projection and a skip.
///
/// The module of Houlsby et al. 2019.
///
///     out = h + f(h * down + downBias) * up + upBias
///     down: d x m,  up: m x d,  m << d
///
/// It has `2 m d + d + m` parameters. With `up` and `upBias` zero the output is `h` exactly,
/// so an adapter initialised that way (adapter-hub's "mam_adapter") leaves the frozen model
/// unchanged; adapter-bert's truncated-normal init with std 1e-3 is only near the identity.
///
/// [Houlsby et al. 2019]: https://arxiv.org/abs/1902.00751
public struct BottleneckAdapter<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// Describes why an adapter could not be created.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A weight or bias has the wrong shape: its name, the shape needed and the one given.
    case shape(name: String, expected: String, got: String)
    /// An entry is infinite or NaN.
    case nonFinite(name: String)
    /// The hidden state's length is not the adapter's width.
    case hiddenWidth(expected: Int, got: Int)

    public var description: String {
      switch self {
      case .shape(let name, let expected, let got):
        "The \(name) must be \(expected); got \(got)."
      case .nonFinite(let name): "The \(name) must be finite."
      case .hiddenWidth(let expected, let got):
        "The hidden state has \(got) entries; the adapter's width is \(expected)."
      }
    }
  }

  /// The down-projection, d x m.
  public let down: [[Scalar]]
  /// Its bias, m.
  public let downBias: [Scalar]
  /// The up-projection, m x d.
  public let up: [[Scalar]]
  /// Its bias, d.
  public let upBias: [Scalar]
  /// The nonlinearity f.
  public let activation: AdapterActivation

  /// Creates an adapter.
  ///
  /// - Throws: `Error.shape` for weights that are not d x m and m x d with biases m and d (and
  ///   d, m at least 1); `Error.nonFinite` for an infinite or NaN entry.
  public init(
    down: [[Scalar]], downBias: [Scalar], up: [[Scalar]], upBias: [Scalar],
    activation: AdapterActivation
  ) throws(Error) {
    let d = down.count
    guard d > 0, let m = down.first?.count, m > 0, down.allSatisfy({ $0.count == m }) else {
      throw .shape(
        name: "down-projection", expected: "d x m with d, m >= 1",
        got: "\(down.count) rows of lengths \(Set(down.map(\.count)).sorted())")
    }
    guard downBias.count == m else {
      throw .shape(name: "down bias", expected: "\(m) entries", got: "\(downBias.count)")
    }
    guard up.count == m, up.allSatisfy({ $0.count == d }) else {
      throw .shape(
        name: "up-projection", expected: "\(m) x \(d)",
        got: "\(up.count) rows of lengths \(Set(up.map(\.count)).sorted())")
    }
    guard upBias.count == d else {
      throw .shape(name: "up bias", expected: "\(d) entries", got: "\(upBias.count)")
    }
    for (name, rows) in [("down-projection", down), ("up-projection", up)]
    where !rows.allSatisfy({ $0.allSatisfy(\.isFinite) }) {
      throw .nonFinite(name: name)
    }
    for (name, bias) in [("down bias", downBias), ("up bias", upBias)]
    where !bias.allSatisfy(\.isFinite) {
      throw .nonFinite(name: name)
    }
    self.down = down
    self.downBias = downBias
    self.up = up
    self.upBias = upBias
    self.activation = activation
  }

  /// The model width d.
  public var width: Int { down.count }
  /// The bottleneck size m.
  public var bottleneck: Int { downBias.count }

  /// Returns `h + f(h * down + downBias) * up + upBias`, computed in `Scalar`.
  ///
  /// - Throws: `Error.hiddenWidth` when `hidden` does not have `d` entries, and
  ///   `Error.nonFinite` when one is not finite.
  public func callAsFunction(_ hidden: [Scalar]) throws(Error) -> [Scalar] {
    guard hidden.count == width else {
      throw .hiddenWidth(expected: width, got: hidden.count)
    }
    guard hidden.allSatisfy(\.isFinite) else { throw .nonFinite(name: "hidden state") }
    let inner = PrefixEncoder<Scalar>.dense(hidden, down, downBias).map { activation($0) }
    let delta = PrefixEncoder<Scalar>.dense(inner, up, upBias)
    return zip(hidden, delta).map { $0 + $1 }
  }

  /// The number of parameters of one adapter: `2 m d + d + m`.
  public var parameterCount: Int { 2 * bottleneck * width + width + bottleneck }

  /// Returns `2 m d + d + m`, the parameters of one adapter of width `d` and bottleneck `m`.
  ///
  /// - Throws: `FineTuningMemory.Error` for a negative size or a count past `Int.max`.
  public static func parameterCount(width d: Int, bottleneck m: Int)
    throws(FineTuningMemory.Error) -> Int
  {
    try FineTuningMemory.check(["width": d, "bottleneck": m])
    let weights = try FineTuningMemory.product([2, m, d], "2 m d + d + m")
    return try FineTuningMemory.sum([weights, d, m], "2 m d + d + m")
  }
}

/// Where adapters sit in a transformer layer.
///
/// Houlsby et al. insert two per layer, after the attention output projection and after the
/// feed-forward output, each before the residual add and LayerNorm. Pfeiffer et al. keep only
/// the one after the feed-forward block.
public enum AdapterPlacement: String, Sendable, Hashable, CaseIterable {
  /// Two adapters per layer.
  case houlsby
  /// One adapter per layer, after the feed-forward block.
  case pfeiffer

  /// The number of adapters in each layer: 2 or 1.
  public var adaptersPerLayer: Int { self == .houlsby ? 2 : 1 }

  /// Returns the adapter parameters of a model of `layers` layers.
  ///
  /// - Throws: `FineTuningMemory.Error` for a negative size or a count past `Int.max`.
  public func parameterCount(layers: Int, width: Int, bottleneck: Int)
    throws(FineTuningMemory.Error) -> Int
  {
    try FineTuningMemory.check(["number of layers": layers])
    let one = try BottleneckAdapter<Double>.parameterCount(width: width, bottleneck: bottleneck)
    return try FineTuningMemory.product([layers, adaptersPerLayer, one], "adapter parameters")
  }

  /// Returns the output of a post-LayerNorm transformer layer with adapters in place.
  ///
  ///     a = LN(x + A1(attention(x)))        (A1 only for Houlsby; identity otherwise)
  ///     y = LN(a + A2(feedForward(a)))
  ///
  /// - Parameters:
  ///   - x: The layer's input, length d.
  ///   - attention: The frozen attention sublayer (output projection included).
  ///   - feedForward: The frozen feed-forward sublayer.
  ///   - adapters: `adaptersPerLayer` adapters, in order.
  /// - Returns: The layer's output.
  /// - Throws: `BottleneckAdapter.Error` from an adapter whose width is not d, or
  ///   `.shape` when the number of adapters does not fit the placement.
  public func layer<Scalar: ReferenceScalar>(
    _ x: [Scalar], attention: ([Scalar]) -> [Scalar], feedForward: ([Scalar]) -> [Scalar],
    adapters: [BottleneckAdapter<Scalar>]
  ) throws(BottleneckAdapter<Scalar>.Error) -> [Scalar] {
    guard adapters.count == adaptersPerLayer else {
      throw .shape(
        name: "adapter list", expected: "\(adaptersPerLayer) adapters",
        got: "\(adapters.count)")
    }
    var sub = attention(x)
    if self == .houlsby { sub = try adapters[0](sub) }
    let a = Self.layerNorm(zip(x, sub).map { $0 + $1 })
    let ffn = try adapters[adaptersPerLayer - 1](feedForward(a))
    return Self.layerNorm(zip(a, ffn).map { $0 + $1 })
  }

  /// LayerNorm without affine parameters: `(x - mean) / sqrt(variance + 1e-5)`.
  public static func layerNorm<Scalar: ReferenceScalar>(_ x: [Scalar]) -> [Scalar] {
    let n = Scalar(x.count)
    let mean = x.reduce(0, +) / n
    let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    let scale = 1 / (variance + Scalar(1e-5)).squareRoot()
    return x.map { ($0 - mean) * scale }
  }
}

/// AdapterFusion: attention over the outputs of several adapters.
///
/// From Pfeiffer et al. 2021.
///
/// The query is the layer's hidden state `h`, the keys and values are the adapters' outputs
/// `z_n`:
///
///     s_n = softmax over n of ((h * query) . (z_n * key) / temperature)
///     o   = sum over n of s_n * (z_n * value)
///
/// The weights are a softmax over adapters, as adapter-hub's `BertFusion` computes them, so
/// they sum to 1; with one adapter `o = z * value`. (adapter-hub anneals the temperature from
/// 50 to 1 during training; 1 is the default here.)
///
/// [Pfeiffer et al. 2021]: https://arxiv.org/abs/2005.00247
public struct AdapterFusion<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// Describes why fusion could not be computed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A matrix or vector does not fit: its name and what was expected.
    case shape(name: String, expected: String)
    /// An entry is infinite or NaN, or the temperature is not positive.
    case invalid(name: String)

    public var description: String {
      switch self {
      case .shape(let name, let expected): "The \(name) must be \(expected)."
      case .invalid(let name): "The \(name) must be finite (and a temperature positive)."
      }
    }
  }

  /// The query projection, d x d.
  public let query: [[Scalar]]
  /// The key projection, d x d.
  public let key: [[Scalar]]
  /// The value projection, d x d.
  public let value: [[Scalar]]
  /// The softmax temperature.
  public let temperature: Scalar

  /// Creates a fusion layer.
  ///
  /// - Throws: `Error.shape` unless all three projections are d x d with d >= 1;
  ///   `Error.invalid` for a non-finite entry or a temperature that is not positive.
  public init(
    query: [[Scalar]], key: [[Scalar]], value: [[Scalar]], temperature: Scalar = 1
  ) throws(Error) {
    let d = query.count
    for (name, m) in [("query projection", query), ("key projection", key), ("value", value)] {
      guard d > 0, m.count == d, m.allSatisfy({ $0.count == d }) else {
        throw .shape(name: name, expected: "\(max(d, 1)) x \(max(d, 1))")
      }
      guard m.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { throw .invalid(name: name) }
    }
    guard temperature.isFinite, temperature > 0 else { throw .invalid(name: "temperature") }
    self.query = query
    self.key = key
    self.value = value
    self.temperature = temperature
  }

  /// Returns the fusion weights (one per adapter, summing to 1) and the fused output.
  ///
  /// - Throws: `Error.shape` for no adapter outputs or vectors not of length d.
  public func callAsFunction(hidden: [Scalar], adapterOutputs: [[Scalar]]) throws(Error)
    -> (weights: [Scalar], output: [Scalar])
  {
    let d = query.count
    guard hidden.count == d, hidden.allSatisfy(\.isFinite) else {
      throw .shape(name: "hidden state", expected: "\(d) finite entries")
    }
    guard !adapterOutputs.isEmpty,
      adapterOutputs.allSatisfy({ $0.count == d && $0.allSatisfy(\.isFinite) })
    else { throw .shape(name: "adapter outputs", expected: "one or more of \(d) finite entries") }
    let zero = [Scalar](repeating: 0, count: d)
    let q = PrefixEncoder<Scalar>.dense(hidden, query, zero)
    let scores = adapterOutputs.map { z in
      PrefixAttention.dot(q, PrefixEncoder<Scalar>.dense(z, key, zero)) / temperature
    }
    let top = scores.max() ?? 0
    let exps = scores.map { Scalar.exp($0 - top) }
    let total = exps.reduce(0, +)
    let weights = exps.map { $0 / total }
    var output = zero
    for (w, z) in zip(weights, adapterOutputs) {
      let v = PrefixEncoder<Scalar>.dense(z, value, zero)
      for i in 0..<d { output[i] += w * v[i] }
    }
    return (weights, output)
  }
}

/// AdapterDrop: adapters removed from the lowest layers.
///
/// From Rücklé et al. 2021.
///
/// An adapter of width d and bottleneck m costs `2 m d` multiply-adds per token (its two
/// projections); dropping the adapters of the first `k` layers saves
/// `k * adaptersPerLayer * 2 m d` per token, linear in `k`.
///
/// [Rücklé et al. 2021]: https://arxiv.org/abs/2010.11918
public enum AdapterDrop {
  /// Returns the multiply-adds per token that the adapters of a `layers`-layer model still
  /// perform when those of the first `dropped` layers are removed:
  /// `(layers - dropped) * adaptersPerLayer * 2 m d`, with `dropped` clamped to `0 ... layers`.
  ///
  /// - Throws: `FineTuningMemory.Error` for a negative layer count, width or bottleneck, or a
  ///   count past `Int.max`.
  /// - Complexity: O(1), whatever the number of layers.
  public static func adapterOperations(
    layers: Int, dropped: Int, placement: AdapterPlacement, width: Int, bottleneck: Int
  ) throws(FineTuningMemory.Error) -> Int {
    try FineTuningMemory.check([
      "number of layers": layers, "width": width, "bottleneck": bottleneck,
    ])
    let kept = layers - min(max(dropped, 0), layers)
    return try FineTuningMemory.product(
      [kept, placement.adaptersPerLayer, 2, width, bottleneck], "adapter multiply-adds")
  }

  /// Returns the multiply-adds per token saved by dropping the first `dropped` layers' adapters.
  ///
  /// - Throws: `FineTuningMemory.Error` as ``adapterOperations(layers:dropped:placement:width:bottleneck:)``.
  public static func savedOperations(
    layers: Int, dropped: Int, placement: AdapterPlacement, width: Int, bottleneck: Int
  ) throws(FineTuningMemory.Error) -> Int {
    try adapterOperations(
      layers: layers, dropped: 0, placement: placement, width: width, bottleneck: bottleneck)
      - adapterOperations(
        layers: layers, dropped: dropped, placement: placement, width: width,
        bottleneck: bottleneck)
  }
}
