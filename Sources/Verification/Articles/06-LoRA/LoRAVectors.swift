import ReferenceNumerics

/// The golden vectors of article 6: a LoRA merge and output, a truncated SVD, and NF4.
///
/// Every set fills `tolerances` from the error analysis the claims use: the bound within which
/// a sound implementation in the requested precision agrees with each output.
public enum LoRAVectors {
  /// The floating-point type the LoRA kernel runs in.
  public enum Precision: String, Sendable, Hashable, CaseIterable {
    /// IEEE binary64.
    case double
    /// IEEE binary32: inputs are rounded to Float first.
    case float
  }

  /// Describes why a set could not be computed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A matrix or vector had the wrong shape.
    case shape(String)
    /// A value does not fit in float32.
    case outsideFloat(index: Int, value: Double)

    public var description: String {
      switch self {
      case .shape(let message): message
      case .outsideFloat(let index, let value):
        "NF4 works on float32 values; element \(index), \(value), is outside its range."
      }
    }
  }

  /// The checks whose claims verify the LoRA merge and output.
  public static let loraChecks = ["lora.merge", "lora.round-trip", "lora.initialization"]
  /// The checks whose claims verify the truncated SVD.
  public static let factorizeChecks = [
    "lora.rank", "lora.factorization", "lora.eckart-young", "lora.spectrum-figure",
  ]
  /// The checks whose claims verify NF4.
  public static let nf4Checks = ["nf4.levels", "nf4.quantize", "nf4.example"]

  static func matrix<T: ReferenceScalar>(_ rows: [[Double]], _ name: String) throws -> Matrix<T> {
    guard let width = rows.first?.count, width > 0, rows.allSatisfy({ $0.count == width }) else {
      throw Error.shape("The \(name) must be a non-empty JSON matrix with rows of equal length.")
    }
    return try Matrix(rows.map { $0.map { T($0) } })
  }

  static func rows<T: ReferenceScalar>(_ m: Matrix<T>) -> [[Double]] {
    (0..<m.rows).map { i in m.row(i).map { Double($0) } }
  }

  /// Returns the scale, the merged weight and optionally the output of a LoRA adapter.
  ///
  /// Tolerances, entry by entry (u the unit roundoff of the precision): twice the first-order
  /// bound of the evaluation, since both the reference and a sound implementation may each be
  /// off by it; `scaling` 2 u |s| (rsLoRA rounds twice); `merged`
  /// 2 (u |W| + (r + 4) u |s| |B| |A|); `output` 2 ((k + 1) u |W| |x| + (k + r + 4) u |s| |B| |A| |x|).
  ///
  /// - Throws: `LoRAVectors.Error` or `LowRankAdapter.Error` for shapes that do not fit (down
  ///   r x k, up d x r, input of length k), a non-finite alpha or entry; `Matrix.Error` on
  ///   overflow.
  public static func lora(
    weight: [[Double]], down: [[Double]], up: [[Double]], alpha: Double, rankStabilized: Bool,
    input: [Double]?, precision: Precision
  ) throws -> VectorSet {
    var parameters: [VectorSet.Entry] = [
      .init("weight", .matrix(weight)), .init("down", .matrix(down)), .init("up", .matrix(up)),
      .init("alpha", .number(alpha)), .init("rslora", .text(rankStabilized ? "true" : "false")),
      .init("precision", .text(precision.rawValue)),
    ]
    if let input { parameters.append(.init("input", .numbers(input))) }
    let (outputs, tolerances) =
      precision == .double
      ? try loraOutputs(Double.self, weight, down, up, alpha, rankStabilized, input)
      : try loraOutputs(Float.self, weight, down, up, alpha, rankStabilized, input)
    return try VectorSet(
      name: "lora", parameters: parameters, outputs: outputs, tolerances: tolerances,
      checks: loraChecks)
  }

  static func loraOutputs<T: ReferenceScalar>(
    _: T.Type, _ weight: [[Double]], _ down: [[Double]], _ up: [[Double]], _ alpha: Double,
    _ rankStabilized: Bool, _ input: [Double]?
  ) throws -> ([VectorSet.Entry], [VectorSet.Entry]) {
    let adapter = try LowRankAdapter<T>(
      weight: matrix(weight, "weight"), down: matrix(down, "down matrix (lora_A)"),
      up: matrix(up, "up matrix (lora_B)"), alpha: T(alpha),
      rule: rankStabilized ? .rankStabilized : .standard)
    let u = Double(T.ulpOfOne) / 2
    let s = Double(adapter.scaling)
    let r = adapter.rank
    let d = adapter.weight.rows
    let k = adapter.weight.columns
    // |B| |A|, entry by entry, in Double.
    var magnitude = [[Double]](repeating: [Double](repeating: 0, count: k), count: d)
    for i in 0..<d {
      for l in 0..<r {
        let b = abs(Double(adapter.up[i, l]))
        for j in 0..<k { magnitude[i][j] += b * abs(Double(adapter.down[l, j])) }
      }
    }
    let merged = try adapter.merged()
    var outputs: [VectorSet.Entry] = [
      .init("scaling", .number(s)), .init("merged", .matrix(rows(merged))),
    ]
    var tolerances: [VectorSet.Entry] = [
      .init("scaling", .number(2 * u * abs(s))),
      .init(
        "merged",
        .matrix(
          (0..<d).map { i in
            (0..<k).map { j in
              2 * u * (abs(Double(adapter.weight[i, j])) + Double(r + 4) * abs(s) * magnitude[i][j])
            }
          })),
    ]
    if let input {
      guard input.count == k else {
        throw Error.shape("The input must have k = \(k) entries; got \(input.count).")
      }
      let x = input.map { T($0) }
      let output = try adapter.output(for: x).map { Double($0) }
      let bound = (0..<d).map { i in
        var wx = 0.0
        var bax = 0.0
        for j in 0..<k {
          let xj = abs(Double(x[j]))
          wx += abs(Double(adapter.weight[i, j])) * xj
          bax += magnitude[i][j] * xj
        }
        return 2 * u * (Double(k + 1) * wx + Double(k + r + 4) * abs(s) * bax)
      }
      outputs.append(.init("output", .numbers(output)))
      tolerances.append(.init("output", .numbers(bound)))
    }
    return (outputs, tolerances)
  }

  /// Returns all singular values, the best rank-R approximation and its Frobenius error.
  ///
  /// Tolerances, from two backward-stable SVDs with backward error at most
  /// `eps = 2 p u ||delta||_F` each (p = max(d, k)): `singular_values` 2 eps per value
  /// (Weyl); `error` 2 eps (Mirsky); `reconstruction` 2 eps (1 + 2 sigma_1 / gap) per entry
  /// (Wedin), with `gap = sigma_{R-1} - sigma_R` (0-based), floored at 2 eps: where the gap
  /// vanishes the rank-R approximation is not unique and the bound says so by being about
  /// 2 sigma_1.
  ///
  /// - Throws: `LowRankApproximation.Error` for a rank outside 1 ... min(d, k);
  ///   `LoRAVectors.Error` for a ragged or empty matrix.
  public static func factorize(delta: [[Double]], rank: Int) throws -> VectorSet {
    let m: Matrix<Double> = try matrix(delta, "delta")
    let approximation = try LowRankApproximation(m, rank: rank)
    let sigma = approximation.singularValues
    let p = max(m.rows, m.columns)
    let eps = 2 * Double(p) * (Double.ulpOfOne / 2) * m.frobeniusNorm
    let gap = max(sigma[rank - 1] - (rank < sigma.count ? sigma[rank] : 0), 2 * eps)
    let entry = 2 * eps * (1 + 2 * (sigma.first ?? 0) / gap)
    let reconstruction = rows(approximation.reconstruction)
    return try VectorSet(
      name: "lora-factorize",
      parameters: [.init("delta", .matrix(delta)), .init("rank", .number(Double(rank)))],
      outputs: [
        .init("singular_values", .numbers(sigma)),
        .init("reconstruction", .matrix(reconstruction)),
        .init("error", .number(approximation.error)),
      ],
      tolerances: [
        .init("singular_values", .numbers(sigma.map { _ in 2 * eps })),
        .init("reconstruction", .matrix(reconstruction.map { $0.map { _ in entry } })),
        .init("error", .number(2 * eps)),
      ],
      checks: factorizeChecks)
  }

  /// Returns the 16 NF4 levels and, for values, their codes (unpacked), block absmax values
  /// and dequantised values, as bitsandbytes computes them in float32.
  ///
  /// Values are rounded to float32 first. Every tolerance is 0: these are exact functions of
  /// float32 inputs, and a faithful implementation reproduces them bit for bit.
  ///
  /// - Throws: `NormalFloat4.Error` for a block size below 1.
  public static func nf4(values: [Double]?, blockSize: Int) throws -> VectorSet {
    var parameters: [VectorSet.Entry] = [.init("block_size", .number(Double(blockSize)))]
    let levels = NormalFloat4.levels.map { Double($0) }
    var outputs: [VectorSet.Entry] = [.init("levels", .numbers(levels))]
    var tolerances: [VectorSet.Entry] = [.init("levels", .numbers(levels.map { _ in 0 }))]
    guard blockSize >= 1 else { throw NormalFloat4.Error.invalidBlockSize(blockSize) }
    if let values {
      parameters.append(.init("values", .numbers(values)))
      if let index = values.firstIndex(where: { abs($0) > Double(Float.greatestFiniteMagnitude) }) {
        throw Error.outsideFloat(index: index, value: values[index])
      }
      let q = try NormalFloat4.quantize(values.map { Float($0) }, blockSize: blockSize)
      let codes = q.codes.map { Double($0) }
      let absmax = q.absmax.map { Double($0) }
      let dequantized = q.dequantized.map { Double($0) }
      outputs += [
        .init("codes", .numbers(codes)), .init("absmax", .numbers(absmax)),
        .init("dequantized", .numbers(dequantized)),
      ]
      tolerances += [
        .init("codes", .numbers(codes.map { _ in 0 })),
        .init("absmax", .numbers(absmax.map { _ in 0 })),
        .init("dequantized", .numbers(dequantized.map { _ in 0 })),
      ]
    }
    return try VectorSet(
      name: "nf4", parameters: parameters, outputs: outputs, tolerances: tolerances,
      checks: nf4Checks)
  }
}
