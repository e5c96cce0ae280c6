// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// The trainable prefix of prefix tuning, as PEFT's `PrefixEncoder` stores and lays it out.
///
/// The prefix is a table with one row per virtual token and `layers * 2 * width` columns: for
/// every layer a key and a value of the model's width. Stored directly (PEFT's default,
/// `prefix_projection=False`) the table is itself the parameter. With the MLP
/// reparameterisation of Li & Liang 2021 (`prefix_projection=True`), a smaller embedding `E`
/// (tokens x tokenWidth) is mapped through
///
///     P = tanh(E * W1 + b1) * W2 + b2,   W1: tokenWidth x hidden,  W2: hidden x (2 L width)
///
/// and once training ends only the materialised `P` is kept (``materialized``).
///
/// Row `t` of the table is split into key/value slabs as PEFT's `get_prompt` does
/// (`view(B, l, 2L, H, width / H).permute([2, 0, 3, 1, 4]).split(2)`): entry
///
///     P[t, ((2 layer + kv) * heads + head) * headWidth + e]
///
/// is element `e` of token `t`'s key (kv = 0) or value (kv = 1) for that head and layer.
///
/// [Li & Liang 2021]: https://arxiv.org/abs/2101.00190
public struct PrefixEncoder<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// One dense layer of the reparameterisation: `x * weights + bias`.
  public struct Projection: Sendable, Hashable {
    /// The first weights (tokenWidth x hidden), applied before tanh.
    public let first: [[Scalar]]
    /// The first bias (hidden).
    public let firstBias: [Scalar]
    /// The second weights (hidden x 2 L width).
    public let second: [[Scalar]]
    /// The second bias (2 L width).
    public let secondBias: [Scalar]
  }

  /// Describes why an encoder could not be created.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A size is not positive, or the width is not a multiple of the head count.
    case invalidSize(name: String, value: Int)
    /// A matrix or vector has the wrong shape: its name, the shape needed and the one given.
    case shape(name: String, expected: String, got: String)
    /// An entry is infinite or NaN.
    case nonFinite(name: String)

    public var description: String {
      switch self {
      case .invalidSize(let name, let value):
        "The \(name) must be positive (and the width a multiple of the heads); got \(value)."
      case .shape(let name, let expected, let got):
        "The \(name) must be \(expected); got \(got)."
      case .nonFinite(let name): "The \(name) must be finite."
      }
    }
  }

  /// The number of layers, L.
  public let layers: Int
  /// The model width (hidden size), d.
  public let width: Int
  /// The number of attention heads.
  public let heads: Int
  /// The embedding table: tokens x (2 L width) when stored directly, tokens x tokenWidth
  /// with a projection.
  public let embedding: [[Scalar]]
  /// The MLP reparameterisation, if any.
  public let projection: Projection?

  /// Creates an encoder whose table is stored directly (`prefix_projection=False`).
  ///
  /// - Throws: `Error` for a size that is not positive, a width not divisible by the heads, a
  ///   table whose rows are not `2 * layers * width` long, or a non-finite entry.
  public init(layers: Int, width: Int, heads: Int, table: [[Scalar]]) throws(Error) {
    try Self.checkSizes(layers: layers, width: width, heads: heads)
    try Self.check(table, "prefix table", columns: 2 * layers * width)
    guard !table.isEmpty else { throw .invalidSize(name: "number of virtual tokens", value: 0) }
    self.layers = layers
    self.width = width
    self.heads = heads
    self.embedding = table
    self.projection = nil
  }

  /// Creates an encoder with the tanh MLP reparameterisation (`prefix_projection=True`).
  ///
  /// - Throws: `Error` for inconsistent shapes or non-finite entries.
  public init(
    layers: Int, width: Int, heads: Int, embedding: [[Scalar]], first: [[Scalar]],
    firstBias: [Scalar], second: [[Scalar]], secondBias: [Scalar]
  ) throws(Error) {
    try Self.checkSizes(layers: layers, width: width, heads: heads)
    guard let tokenWidth = embedding.first?.count, tokenWidth > 0 else {
      throw .invalidSize(name: "embedding width", value: 0)
    }
    try Self.check(embedding, "embedding", columns: tokenWidth)
    guard let hidden = first.first?.count, hidden > 0 else {
      throw .invalidSize(name: "encoder hidden size", value: 0)
    }
    guard first.count == tokenWidth else {
      throw .shape(name: "first weights", expected: "\(tokenWidth) rows", got: "\(first.count)")
    }
    try Self.check(first, "first weights", columns: hidden)
    try Self.check([firstBias], "first bias", columns: hidden)
    guard second.count == hidden else {
      throw .shape(name: "second weights", expected: "\(hidden) rows", got: "\(second.count)")
    }
    try Self.check(second, "second weights", columns: 2 * layers * width)
    try Self.check([secondBias], "second bias", columns: 2 * layers * width)
    self.layers = layers
    self.width = width
    self.heads = heads
    self.embedding = embedding
    self.projection = Projection(
      first: first, firstBias: firstBias, second: second, secondBias: secondBias)
  }

  /// The number of virtual tokens, l.
  public var tokens: Int { embedding.count }

  /// The prefix table, tokens x (2 L width): the stored table, or the MLP applied to every
  /// embedding row (computed in `Scalar`, one dot product per entry).
  public var materialized: [[Scalar]] {
    guard let p = projection else { return embedding }
    return embedding.map { row in
      let hidden = Self.dense(row, p.first, p.firstBias).map { Scalar.tanh($0) }
      return Self.dense(hidden, p.second, p.secondBias)
    }
  }

  /// The number of trainable parameters while training: the table, or the embedding plus
  /// both projections.
  public var trainableParameterCount: Int {
    guard let p = projection else { return tokens * 2 * layers * width }
    let tokenWidth = embedding[0].count
    let hidden = p.firstBias.count
    return tokens * tokenWidth + tokenWidth * hidden + hidden + hidden * 2 * layers * width
      + 2 * layers * width
  }

  /// The number of parameters kept per task after training: the materialised table,
  /// `tokens * 2 * L * width` (the MLP is dropped).
  public var storedParameterCount: Int { tokens * 2 * layers * width }

  /// Returns the per-layer key or value prefix of a table, as PEFT's `past_key_values` hands
  /// it to attention: `[head][token][e]`, with `e` in `0 ..< width / heads`.
  ///
  /// - Parameters:
  ///   - table: A materialised table (tokens x 2 L width).
  ///   - layer: The layer, 0-based.
  ///   - value: `false` for the key slab, `true` for the value slab.
  /// - Returns: heads x tokens x headWidth.
  public func slab(of table: [[Scalar]], layer: Int, value: Bool) -> [[[Scalar]]] {
    let headWidth = width / heads
    let kv = value ? 1 : 0
    return (0..<heads).map { head in
      table.map { row in
        let start = ((2 * layer + kv) * heads + head) * headWidth
        return Array(row[start..<(start + headWidth)])
      }
    }
  }

  /// Returns the number of parameters a prefix of `tokens` virtual tokens stores for a model of
  /// `layers` layers and width `width`: `tokens * 2 * layers * width` (a key and a value per
  /// layer).
  ///
  /// - Throws: `FineTuningMemory.Error` for a negative size or a count past `Int.max`.
  public static func parameterCount(tokens: Int, layers: Int, width: Int)
    throws(FineTuningMemory.Error) -> Int
  {
    try FineTuningMemory.check([
      "number of tokens": tokens, "number of layers": layers, "width": width,
    ])
    return try FineTuningMemory.product([tokens, 2, layers, width], "tokens * 2 * layers * width")
  }

  static func dense(_ x: [Scalar], _ weights: [[Scalar]], _ bias: [Scalar]) -> [Scalar] {
    var out = bias
    for (xi, row) in zip(x, weights) {
      for j in out.indices { out[j] += xi * row[j] }
    }
    return out
  }

  static func checkSizes(layers: Int, width: Int, heads: Int) throws(Error) {
    guard layers > 0 else { throw .invalidSize(name: "number of layers", value: layers) }
    guard width > 0 else { throw .invalidSize(name: "width", value: width) }
    guard heads > 0, width % heads == 0 else {
      throw .invalidSize(name: "number of heads", value: heads)
    }
  }

  static func check(_ rows: [[Scalar]], _ name: String, columns: Int) throws(Error) {
    for row in rows {
      guard row.count == columns else {
        throw .shape(name: name, expected: "rows of \(columns)", got: "a row of \(row.count)")
      }
      guard row.allSatisfy(\.isFinite) else { throw .nonFinite(name: name) }
    }
  }
}
