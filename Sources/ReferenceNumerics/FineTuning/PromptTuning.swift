// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// Prompt tuning and P-tuning: trainable vectors among a frozen model's input embeddings.
///
/// Both act at the input layer only (Lester et al. 2021; Liu et al. 2021).
///
/// Prompt tuning prepends `p` trainable rows to the `n` input embeddings, `[P_e; X_e]`
/// ((p + n) x e), and extends the attention mask with `p` ones, as PEFT does. P-tuning places
/// virtual tokens anywhere in a template (``template(prompt:input:positions:)``) and produces
/// them with a small prompt encoder (``PromptEncoder``) that is used only in training.
///
/// [Lester et al. 2021]: https://arxiv.org/abs/2104.08691
/// [Liu et al. 2021]: https://arxiv.org/abs/2103.10385
public enum PromptTuning {
  /// Describes why prompts could not be placed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// Rows of different widths: which input, the width needed and the one given.
    case width(input: String, expected: Int, got: Int)
    /// A template position is out of range or repeated.
    case position(Int, inputLength: Int)
    /// The number of positions differs from the number of prompt rows.
    case positionCount(positions: Int, prompts: Int)
    /// There is nothing to vote on.
    case noPredictions

    public var description: String {
      switch self {
      case .width(let input, let expected, let got):
        "A row of the \(input) has \(got) entries; \(expected) are needed."
      case .position(let p, let length):
        "Template position \(p) is repeated or outside 0 ... \(length)."
      case .positionCount(let positions, let prompts):
        "There are \(positions) template positions for \(prompts) prompt rows; they must match."
      case .noPredictions: "A majority vote needs at least one prediction."
      }
    }
  }

  /// Returns `[prompt; input]` and the extended attention mask (`p` ones, then `mask`).
  ///
  /// - Parameters:
  ///   - prompt: The soft prompt, p x e.
  ///   - input: The input embeddings, n x e.
  ///   - mask: The input's attention mask (n entries, 1 for a real token), or `nil` for all
  ///     ones.
  /// - Returns: The embeddings `[prompt; input]` and the mask.
  /// - Throws: `Error.width` when a row's width differs from the first row's.
  public static func prepend<Scalar: ReferenceScalar>(
    prompt: [[Scalar]], to input: [[Scalar]], mask: [Int]? = nil
  ) throws(Error) -> (embeddings: [[Scalar]], mask: [Int]) {
    let rows = prompt + input
    if let width = rows.first?.count {
      for (name, part) in [("prompt", prompt), ("input", input)] {
        for row in part where row.count != width {
          throw .width(input: name, expected: width, got: row.count)
        }
      }
    }
    let inputMask = mask ?? [Int](repeating: 1, count: input.count)
    return (rows, [Int](repeating: 1, count: prompt.count) + inputMask)
  }

  /// Returns a P-tuning template: the input rows with prompt row `i` inserted so that it sits
  /// before input row `positions[i]` (a position equal to the input length appends it).
  ///
  /// Prompts that share a position keep their order. `positions` all zero is prompt tuning's
  /// prefix; `{[P_0:i], x, [P_i+1:m], y}` is one block at 0 and one after `x`.
  ///
  /// - Throws: `Error.positionCount` or `Error.position` for positions that do not fit.
  public static func template<Scalar: ReferenceScalar>(
    prompt: [[Scalar]], input: [[Scalar]], positions: [Int]
  ) throws(Error) -> [[Scalar]] {
    guard positions.count == prompt.count else {
      throw .positionCount(positions: positions.count, prompts: prompt.count)
    }
    for p in positions where p < 0 || p > input.count {
      throw .position(p, inputLength: input.count)
    }
    var out: [[Scalar]] = []
    for slot in 0...input.count {
      for (i, p) in positions.enumerated() where p == slot { out.append(prompt[i]) }
      if slot < input.count { out.append(input[slot]) }
    }
    return out
  }

  /// Returns the number of parameters a soft prompt of `length` tokens stores at embedding
  /// width `width`: `length * width`.
  ///
  /// - Throws: `FineTuningMemory.Error` for a negative size or a count past `Int.max`.
  public static func parameterCount(length: Int, width: Int) throws(FineTuningMemory.Error) -> Int {
    try FineTuningMemory.check(["prompt length": length, "width": width])
    return try FineTuningMemory.product([length, width], "length * width")
  }

  /// Returns the majority vote of several prompts' predicted labels; a tie goes to the smallest
  /// label, so the vote does not depend on the order of the prompts.
  ///
  /// - Throws: `Error.noPredictions` for an empty list.
  public static func majorityVote(_ predictions: [Int]) throws(Error) -> Int {
    guard !predictions.isEmpty else { throw .noPredictions }
    var counts: [Int: Int] = [:]
    for label in predictions { counts[label, default: 0] += 1 }
    var best = predictions[0]
    for (label, count) in counts {
      let current = counts[best] ?? 0
      if count > current || (count == current && label < best) { best = label }
    }
    return best
  }
}

/// P-tuning's prompt encoder in PEFT's default MLP form: it turns `p` trainable embeddings into
/// the `p` virtual-token vectors, and is dropped after training.
///
///     h = relu(relu(E * W1 + b1) * W2 + b2) * W3 + b3
///     W1: d x H,  W2: H x H,  W3: H x d
///
/// (PEFT `tuners/p_tuning/model.py`, `encoder_reparameterization_type="MLP"`; the paper's
/// variant puts a bidirectional LSTM before a two-layer ReLU MLP.)
public struct PromptEncoder<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The trainable embeddings, p x d.
  public let embedding: [[Scalar]]
  /// The three layers, each (weights, bias).
  public let layers: [(weights: [[Scalar]], bias: [Scalar])]

  /// Describes why an encoder could not be created.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A layer's shape does not fit: the layer (0-based) and what was wrong.
    case shape(layer: Int, reason: String)

    public var description: String {
      switch self {
      case .shape(let layer, let reason): "Layer \(layer) of the prompt encoder: \(reason)."
      }
    }
  }

  /// Creates an encoder from the embeddings and three (weights, bias) layers.
  ///
  /// - Throws: `Error.shape` when a layer's input width is not the previous output width,
  ///   its bias differs from its output width, the last output is not `d`, or an entry is
  ///   not finite.
  public init(embedding: [[Scalar]], layers: [(weights: [[Scalar]], bias: [Scalar])])
    throws(Error)
  {
    guard let d = embedding.first?.count, d > 0, layers.count == 3 else {
      throw .shape(layer: 0, reason: "needs a nonempty embedding and three layers")
    }
    var width = d
    for (index, layer) in layers.enumerated() {
      guard layer.weights.count == width, let out = layer.weights.first?.count, out > 0,
        layer.weights.allSatisfy({ $0.count == out }), layer.bias.count == out
      else { throw .shape(layer: index, reason: "expected \(width) input rows and a bias") }
      guard layer.weights.allSatisfy({ $0.allSatisfy(\.isFinite) }),
        layer.bias.allSatisfy(\.isFinite)
      else { throw .shape(layer: index, reason: "an entry is not finite") }
      width = out
    }
    guard width == d, embedding.allSatisfy({ $0.count == d && $0.allSatisfy(\.isFinite) }) else {
      throw .shape(layer: 2, reason: "the output width must equal the embedding width \(d)")
    }
    self.embedding = embedding
    self.layers = layers
  }

  /// The virtual-token vectors, p x d, computed in `Scalar`.
  public var prompts: [[Scalar]] {
    embedding.map { row in
      var x = row
      for (index, layer) in layers.enumerated() {
        x = PrefixEncoder<Scalar>.dense(x, layer.weights, layer.bias)
        if index < layers.count - 1 { x = x.map { max(0, $0) } }
      }
      return x
    }
  }

  /// The parameters stored per task after training: the prompts, `p * d`.
  public var storedParameterCount: Int { embedding.count * embedding[0].count }

  public static func == (a: Self, b: Self) -> Bool {
    a.embedding == b.embedding
      && a.layers.map(\.weights) == b.layers.map(\.weights)
      && a.layers.map(\.bias) == b.layers.map(\.bias)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(embedding)
    for layer in layers {
      hasher.combine(layer.weights)
      hasher.combine(layer.bias)
    }
  }
}
