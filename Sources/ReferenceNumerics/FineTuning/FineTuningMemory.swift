// SPDX-License-Identifier: GPL-3.0-or-later

/// The memory arithmetic of parameter-efficient fine-tuning: bytes per parameter, adapter
/// sizes and the cost of quantisation constants.
///
/// Every result is a product or quotient of integers: the counts are computed in `Int` with
/// overflow checks, so a count too large for `Int` (a width of 2^40 with 2^30 matrices, say)
/// throws ``FineTuningMemory/Error/overflow(_:)`` rather than trapping, and a negative size
/// throws ``FineTuningMemory/Error/invalidCount(name:value:)``; the quotients are correctly
/// rounded.
public enum FineTuningMemory {
  /// Describes why a parameter count or a memory figure could not be computed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A size was negative (or zero where it divides): its name and value.
    case invalidCount(name: String, value: Int)
    /// The count does not fit in `Int`; the formula that overflowed.
    case overflow(String)

    public var description: String {
      switch self {
      case .invalidCount(let name, let value):
        "The \(name) must be non-negative (positive where it divides); got \(value)."
      case .overflow(let formula): "The count \(formula) does not fit in a 64-bit integer."
      }
    }
  }

  /// Throws unless every named size is non-negative (positive when `positive`).
  static func check(_ sizes: KeyValuePairs<String, Int>, positive: Bool = false) throws(Error) {
    for (name, value) in sizes where value < 0 || (positive && value == 0) {
      throw .invalidCount(name: name, value: value)
    }
  }

  /// Returns the product of non-negative factors, or throws `overflow(formula)`.
  static func product(_ factors: [Int], _ formula: String) throws(Error) -> Int {
    var result = 1
    for factor in factors {
      let (value, overflow) = result.multipliedReportingOverflow(by: factor)
      guard !overflow else { throw .overflow(formula) }
      result = value
    }
    return result
  }

  /// Returns the sum of non-negative terms, or throws `overflow(formula)`.
  static func sum(_ terms: [Int], _ formula: String) throws(Error) -> Int {
    var result = 0
    for term in terms {
      let (value, overflow) = result.addingReportingOverflow(term)
      guard !overflow else { throw .overflow(formula) }
      result = value
    }
    return result
  }

  /// Bytes per parameter of full fine-tuning with mixed-precision Adam: fp16 weights (2) and
  /// gradients (2), plus the fp32 master weights, first and second moments (4 each).
  public static let mixedPrecisionAdamBytes = 16

  /// Bytes per parameter of 16-bit fine-tuning as the QLoRA paper counts it for 65B: 16-bit
  /// weights (2) and gradients (2) and two fp32 Adam moments (8), with no master copy.
  public static let sixteenBitAdamBytes = 12

  /// Returns the bytes of `parameters` at `bytesPerParameter`, in units of 10^9 (GB).
  public static func gigabytes(parameters: Double, bytesPerParameter: Double) -> Double {
    parameters * bytesPerParameter / 1e9
  }

  /// Returns the trainable parameters of LoRA on `matrices` square d x d matrices at rank r,
  /// the paper's `|Theta| = 2 * L * d_model * r` with L the number of adapted matrices.
  ///
  /// - Throws: `FineTuningMemory.Error` for a negative size or a count past `Int.max`.
  public static func loraParameters(modelWidth d: Int, adaptedMatrices: Int, rank: Int)
    throws(Error) -> Int
  {
    try check(["model width": d, "number of adapted matrices": adaptedMatrices, "rank": rank])
    let one = try LowRankAdapter<Double>.parameterCount(rows: d, columns: d, rank: rank)
    return try product([adaptedMatrices, one], "2 L d r")
  }

  /// Returns the bits per parameter spent on quantisation constants.
  ///
  /// Without double quantisation, one `constantBits` constant per `blockSize` weights:
  /// `constantBits / blockSize`. With it, the constants are quantised to `secondBits` in
  /// blocks of `secondBlockSize`, each block keeping one `constantBits` constant:
  ///
  ///     secondBits / blockSize + constantBits / (blockSize * secondBlockSize)
  ///
  /// - Parameters:
  ///   - blockSize: Weights per first-level block (64 in QLoRA).
  ///   - constantBits: Bits of a full-precision constant (32).
  ///   - secondBits: Bits of a quantised constant (8), or `nil` without double quantisation.
  ///   - secondBlockSize: Constants per second-level block (256).
  /// - Returns: The bits per parameter, correctly rounded whenever the numerator and
  ///   denominator fit in `Int` (otherwise within an ulp or two).
  /// - Throws: `FineTuningMemory.Error.invalidCount` for a block size below 1 or a negative
  ///   bit count.
  public static func constantBitsPerParameter(
    blockSize: Int, constantBits: Int = 32, secondBits: Int? = nil, secondBlockSize: Int = 256
  ) throws(Error) -> Double {
    try check(["block size": blockSize], positive: true)
    try check(["constant bits": constantBits])
    guard let secondBits else { return Double(constantBits) / Double(blockSize) }
    try check(["second-level bits": secondBits])
    try check(["second-level block size": secondBlockSize], positive: true)
    if let numerator = try? sum(
      [product([secondBits, secondBlockSize], ""), constantBits], ""),
      let denominator = try? product([blockSize, secondBlockSize], "")
    {
      return Double(numerator) / Double(denominator)
    }
    return Double(secondBits) / Double(blockSize)
      + Double(constantBits) / Double(blockSize) / Double(secondBlockSize)
  }
}
