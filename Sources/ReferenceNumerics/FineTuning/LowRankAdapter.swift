// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// A low-rank adapter (LoRA) on a frozen weight: `W + s * up * down`, in the layouts of HF PEFT.
///
/// The roles and the paper's symbols ([Hu et al. 2021], section 4.1):
///
///     weight  W0, d x k   the frozen weight (out_features x in_features)
///     down    A,  r x k   PEFT's lora_A.weight, loralib's lora_A
///     up      B,  d x r   PEFT's lora_B.weight, loralib's lora_B
///     h = W0 x + s * B (A x),   s = alpha / r   (or alpha / sqrt(r) with rsLoRA)
///
/// `scaling` is computed in `Scalar` from `alpha` and `r`: `alpha / Scalar(r)`, or
/// `alpha / Scalar(r).squareRoot()` for rsLoRA ([Kalajdzievski 2023]).
///
/// Evaluation order and rounding (u the unit roundoff of `Scalar`, `|.|` entrywise):
///
///     delta  = fl(s * fl(up * down))        |delta - s B A| <= (r + 1) u |s| |B| |A|  (first order)
///     merged = fl(W + delta)                |merged - (W + s B A)| <= u |W| + (r + 2) u |s| |B| |A|
///     output = fl(fl(W x) + fl(s * fl(B fl(A x))))
///              |output - exact| <= (k + 1) u |W| |x| + (k + r + 2) u |s| |B| |A| |x|
///
/// and, if the scaling itself was rounded (one rounding for alpha / r, two for rsLoRA), one or
/// two more `u |s| |B| |A|` against the exact `alpha / r`. The unmerge round trip
/// `W' = fl(fl(W + delta) - delta)` satisfies the exact (not first-order) bound
/// `|W' - W| <= u (|W'| + |fl(W + delta)|)`, since each of the two roundings is at most `u`
/// times its rounded result; it restores `W` exactly whenever `W + delta` is representable.
///
/// [Hu et al. 2021]: https://arxiv.org/abs/2106.09685
/// [Kalajdzievski 2023]: https://arxiv.org/abs/2312.03732
public struct LowRankAdapter<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// How the scale `s` follows from `alpha` and the rank `r`.
  public enum ScalingRule: String, Sendable, Hashable, CaseIterable {
    /// `s = alpha / r`, as in loralib and PEFT by default.
    case standard
    /// `s = alpha / sqrt(r)`, PEFT's `use_rslora = True`.
    case rankStabilized
  }

  /// The frozen weight `W0`, d x k.
  public let weight: Matrix<Scalar>
  /// The down projection `A` (PEFT's `lora_A`), r x k.
  public let down: Matrix<Scalar>
  /// The up projection `B` (PEFT's `lora_B`), d x r.
  public let up: Matrix<Scalar>
  /// The numerator of the scale, `lora_alpha`.
  public let alpha: Scalar
  /// How the scale is formed from `alpha` and `r`.
  public let rule: ScalingRule

  /// Creates an adapter after checking the shapes and `alpha`.
  ///
  /// - Parameters:
  ///   - weight: The frozen weight, d x k with d, k >= 1.
  ///   - down: `A`, r x k with r >= 1.
  ///   - up: `B`, d x r.
  ///   - alpha: A finite `lora_alpha`.
  ///   - rule: `.standard` (alpha / r) or `.rankStabilized` (alpha / sqrt(r)).
  /// - Throws: `LowRankAdapter.Error` naming the shape or value that does not fit.
  public init(
    weight: Matrix<Scalar>, down: Matrix<Scalar>, up: Matrix<Scalar>, alpha: Scalar,
    rule: ScalingRule = .standard
  ) throws(Error) {
    guard weight.rows >= 1, weight.columns >= 1 else {
      throw .emptyWeight(rows: weight.rows, columns: weight.columns)
    }
    guard down.rows >= 1 else { throw .zeroRank }
    guard down.columns == weight.columns else {
      throw .shapeMismatch(
        role: "down (A)", expected: [down.rows, weight.columns], got: down.shape)
    }
    guard up.rows == weight.rows, up.columns == down.rows else {
      throw .shapeMismatch(role: "up (B)", expected: [weight.rows, down.rows], got: up.shape)
    }
    guard alpha.isFinite else { throw .invalidAlpha(Double(alpha)) }
    self.weight = weight
    self.down = down
    self.up = up
    self.alpha = alpha
    self.rule = rule
  }

  /// The rank `r` of the adapter (rows of `down`).
  public var rank: Int { down.rows }

  /// The scale `s`: `alpha / r`, or `alpha / sqrt(r)` for rsLoRA, rounded in `Scalar`.
  public var scaling: Scalar { Self.scaling(alpha: alpha, rank: rank, rule: rule) }

  /// Returns the scale for `alpha` and rank `r` under `rule`, rounded in `Scalar`.
  ///
  /// - Parameters:
  ///   - alpha: `lora_alpha`.
  ///   - rank: The rank, at least 1.
  ///   - rule: The scaling rule.
  /// - Returns: `alpha / r` or `alpha / sqrt(r)`.
  public static func scaling(alpha: Scalar, rank: Int, rule: ScalingRule) -> Scalar {
    switch rule {
    case .standard: alpha / Scalar(rank)
    case .rankStabilized: alpha / Scalar(rank).squareRoot()
    }
  }

  /// The update `s * up * down`, d x k.
  ///
  /// - Throws: `Matrix.Error.nonFinite` if it overflows.
  public func delta() throws(Matrix<Scalar>.Error) -> Matrix<Scalar> {
    try up.multiplied(by: down).scaled(by: scaling)
  }

  /// The merged weight `W0 + s * up * down`, which serves the adapted model with no extra cost.
  ///
  /// - Throws: `Matrix.Error.nonFinite` if it overflows.
  public func merged() throws(Matrix<Scalar>.Error) -> Matrix<Scalar> {
    try weight + delta()
  }

  /// Returns `merged - s * up * down`: the frozen weight recovered from a merged one.
  ///
  /// - Parameter merged: A d x k weight with this adapter merged in.
  /// - Returns: The weight with the adapter's update subtracted.
  /// - Throws: `Matrix.Error.shapeMismatch` for a weight of another shape; `nonFinite` on
  ///   overflow.
  public func unmerged(from merged: Matrix<Scalar>) throws(Matrix<Scalar>.Error) -> Matrix<Scalar> {
    try merged - delta()
  }

  /// Returns the adapted output `W0 x + s * up * (down * x)` without merging.
  ///
  /// - Parameter input: A vector of length k.
  /// - Returns: The d entries of the output.
  /// - Throws: `Matrix.Error.shapeMismatch` for a vector of another length; `nonFinite` for
  ///   a non-finite input or an overflow.
  public func output(for input: [Scalar]) throws(Matrix<Scalar>.Error) -> [Scalar] {
    let frozen = try weight.multiplied(by: input)
    let adapted = try up.multiplied(by: down.multiplied(by: input))
    let s = scaling
    return zip(frozen, adapted).map { $0 + s * $1 }
  }

  /// The number of trainable parameters, `r * (d + k)`.
  public var parameterCount: Int { down.elements.count + up.elements.count }

  /// Returns `r * (d + k)`, the trainable parameters of one adapted d x k matrix.
  ///
  /// - Parameters:
  ///   - rows: d.
  ///   - columns: k.
  ///   - rank: r.
  /// - Returns: The count.
  /// - Throws: `FineTuningMemory.Error` for a negative size or a count past `Int.max`.
  public static func parameterCount(rows: Int, columns: Int, rank: Int)
    throws(FineTuningMemory.Error) -> Int
  {
    try FineTuningMemory.check(["rows": rows, "columns": columns, "rank": rank])
    let width = try FineTuningMemory.sum([rows, columns], "r (d + k)")
    return try FineTuningMemory.product([rank, width], "r (d + k)")
  }
}

// MARK: - Initialisation

extension LowRankAdapter {
  /// How `down` is drawn at initialisation; `up` is always zero.
  public enum Initialization: String, Sendable, Hashable, CaseIterable {
    /// PEFT's default and loralib's: `kaiming_uniform_(a = sqrt(5))`, which for a matrix with
    /// k input features is uniform on `[-1 / sqrt(k), 1 / sqrt(k)]`.
    case kaimingUniform
    /// PEFT's `init_lora_weights = "gaussian"`: normal with standard deviation `1 / r`.
    case gaussian
  }

  /// Creates an adapter as PEFT and loralib initialise one: random `down`, zero `up`.
  ///
  /// Since `up` is zero, `delta()` is exactly zero, and both `merged()` and `output(for:)`
  /// equal the frozen model's bit for bit (adding `s * 0 = +0` changes no value, and `-0`
  /// becomes `+0` only where `W` has a negative zero).
  ///
  /// - Parameters:
  ///   - weight: The frozen weight, d x k.
  ///   - rank: r, at least 1.
  ///   - alpha: `lora_alpha`.
  ///   - rule: The scaling rule.
  ///   - initialization: How `down` is drawn.
  ///   - generator: The seeded source of randomness.
  /// - Returns: The adapter, with `up` zero.
  /// - Throws: `LowRankAdapter.Error` for an empty weight, a zero rank, a bad alpha, or a rank
  ///   whose down factor has more entries than an `Int` counts.
  public static func initialized(
    weight: Matrix<Scalar>, rank: Int, alpha: Scalar, rule: ScalingRule = .standard,
    initialization: Initialization = .kaimingUniform, generator: inout SeededGenerator
  ) throws(Error) -> LowRankAdapter {
    guard rank >= 1 else { throw .zeroRank }
    guard weight.rows >= 1, weight.columns >= 1 else {
      throw .emptyWeight(rows: weight.rows, columns: weight.columns)
    }
    let k = weight.columns
    let (count, overflow) = rank.multipliedReportingOverflow(by: k)
    guard !overflow else { throw .tooLarge(rank: rank, columns: k) }
    var values = [Scalar]()
    values.reserveCapacity(count)
    switch initialization {
    case .kaimingUniform:
      let bound = 1 / Double(k).squareRoot()
      for _ in 0..<count {
        values.append(Scalar(bound * (2 * generator.nextOpenUnitInterval() - 1)))
      }
    case .gaussian:
      let deviation = 1 / Double(rank)
      while values.count < count {
        // Box-Muller: two independent normals from two uniforms in (0, 1).
        let radius = (-2 * Double.log(generator.nextOpenUnitInterval())).squareRoot()
        let angle = 2 * Double.pi * generator.nextOpenUnitInterval()
        values.append(Scalar(deviation * radius * Double.cos(angle)))
        if values.count < count { values.append(Scalar(deviation * radius * Double.sin(angle))) }
      }
    }
    let down = Matrix(unchecked: rank, k, values)
    let up = Matrix<Scalar>.zeros(rows: weight.rows, columns: rank)
    return try LowRankAdapter(weight: weight, down: down, up: up, alpha: alpha, rule: rule)
  }

  /// The bound `1 / sqrt(k)` of the Kaiming-uniform draw for k input features.
  public static func kaimingBound(inputFeatures k: Int) -> Double {
    1 / Double(k).squareRoot()
  }
}

// MARK: - Errors

extension LowRankAdapter {
  /// Describes why an adapter could not be created.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The frozen weight had no rows or no columns.
    case emptyWeight(rows: Int, columns: Int)
    /// The rank was zero (or negative).
    case zeroRank
    /// A factor's shape did not fit the weight and the rank.
    case shapeMismatch(role: String, expected: [Int], got: [Int])
    /// `alpha` was infinite or NaN.
    case invalidAlpha(Double)
    /// The down factor, rank x columns, has more entries than an `Int` counts.
    case tooLarge(rank: Int, columns: Int)

    public var description: String {
      switch self {
      case .emptyWeight(let rows, let columns):
        "The frozen weight must have at least one row and one column; got \(rows) x \(columns)."
      case .zeroRank:
        "A LoRA adapter needs rank r >= 1."
      case .shapeMismatch(let role, let expected, let got):
        "The \(role) matrix must be \(expected[0]) x \(expected[1]); got \(got[0]) x \(got[1])."
      case .invalidAlpha(let value):
        "lora_alpha must be finite; got \(value)."
      case .tooLarge(let rank, let columns):
        "A rank-\(rank) down factor of \(columns) columns has more entries than an Int counts."
      }
    }
  }
}
