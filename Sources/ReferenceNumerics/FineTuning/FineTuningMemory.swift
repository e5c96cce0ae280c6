// SPDX-License-Identifier: GPL-3.0-or-later

/// The memory arithmetic of parameter-efficient fine-tuning: bytes per parameter, adapter
/// sizes and the cost of quantisation constants.
///
/// Every result is a product or quotient of small integers computed in `Double`; the counts are
/// exact (below 2^53) and the quotients are correctly rounded.
public enum FineTuningMemory {
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
  public static func loraParameters(modelWidth d: Int, adaptedMatrices: Int, rank: Int) -> Int {
    adaptedMatrices * LowRankAdapter<Double>.parameterCount(rows: d, columns: d, rank: rank)
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
  /// - Returns: The bits per parameter.
  public static func constantBitsPerParameter(
    blockSize: Int, constantBits: Int = 32, secondBits: Int? = nil, secondBlockSize: Int = 256
  ) -> Double {
    guard let secondBits else { return Double(constantBits) / Double(blockSize) }
    let numerator = secondBits * secondBlockSize + constantBits
    return Double(numerator) / Double(blockSize * secondBlockSize)
  }
}
