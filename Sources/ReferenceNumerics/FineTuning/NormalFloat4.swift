// SPDX-License-Identifier: GPL-3.0-or-later

/// QLoRA's 4-bit NormalFloat (NF4) block-wise quantisation, exactly as bitsandbytes computes it
/// in float32.
///
/// The 16 levels are the float32 table bitsandbytes ships (`get_4bit_type("nf4")`), index =
/// code: 7 negative levels, an exact zero at code 7, and 8 positive ones, from -1 to 1. They
/// come from standard-normal quantiles (`create_normal_map(offset = 0.9677083)`), but the
/// table, not the construction, is normative: recomputing the quantiles in double precision
/// moves some levels by about 1e-7 ([Dettmers et al. 2023], bitsandbytes#1772).
///
/// Quantisation of n float32 values with block size B (64 by default), block b holding elements
/// `b * B ..< min((b + 1) * B, n)` (the last block may be partial):
///
///     absmax[b] = max |x_i| over the block                       (float32, exact)
///     scale     = fl32(1 / absmax[b])                             (the float32 reciprocal)
///     y_i       = fl32(x_i * scale)
///     code_i    = #{ k : midpoint[k] < y_i }                      (15 float32 thresholds)
///
/// with the thresholds of the CUDA kernel `dQuantizeNF4` (``midpoints``), so a value exactly
/// on a threshold goes to the lower code, as its strict `>` tests decide. Multiplying by the rounded reciprocal differs from
/// dividing by `absmax` in the last bit for some inputs, which can change a code next to a
/// midpoint; bitsandbytes multiplies. An all-zero block has `absmax = 0`, `scale = +inf` and
/// `y = 0 * inf = NaN`, which exceeds no midpoint: every code is 0 (level -1), and it
/// dequantises to `-1 * 0 = -0.0`. Dequantisation is `fl32(level[code] * absmax[b])`.
///
/// Packing stores two codes per byte, element 2j in the high nibble and 2j + 1 in the low one;
/// an odd count is padded with a zero nibble.
///
/// Per element, `|x - dequantised| <= absmax * (largestHalfGap + 2^-22)`: the nearest level is
/// at most half the widest gap (between -1 and the next level, 0.1519036) from `y`, and the two
/// float32 products add at most about `2^-23` of absmax each.
///
/// [Dettmers et al. 2023]: https://arxiv.org/abs/2305.14314
public enum NormalFloat4 {
  /// The 16 NF4 levels as bitsandbytes ships them (float32), ascending; index = code.
  public static let levels: [Float] = [
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
    0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
  ]

  /// The code of the level 0.
  public static let zeroCode: UInt8 = 7

  /// The block size bitsandbytes uses by default (`quantize_4bit`, `Linear4bit`).
  public static let defaultBlockSize = 64

  /// The 15 decision thresholds of bitsandbytes' CUDA kernel `dQuantizeNF4`, ascending: its
  /// decimal constants (the means of adjacent levels printed to 16 or 17 digits), rounded to
  /// float32 as a C++ compiler rounds a `…f` literal, that is correctly.
  ///
  /// At 9 of the 15 (k = 0, 1, 3, 4, 5, 8, 10, 12, 14) the exact mean of two adjacent levels
  /// lies halfway between two float32 numbers, and the printed constant falls on one side of
  /// it. Where it falls above (k = 1, 3, 4, 8), a scaled value equal to the threshold goes to
  /// the lower code although it is nearer the upper level. Rounding the exact means to float32
  /// with ties to even instead (what a numpy float32 replica gets) differs from these at
  /// k = 0, 8, 12, 14.
  public static let midpoints: [Float] = [
    -0.8480964004993439, -0.6106329262256622, -0.4599952697753906, -0.33967943489551544,
    -0.23460740596055984, -0.13791173323988914, -0.04552501812577248, 0.03979014977812767,
    0.1202552504837513, 0.2035212516784668, 0.2920137718319893, 0.3893125355243683,
    0.5016634166240692, 0.6427869200706482, 0.8614784181118011,
  ]

  /// Half the widest gap between adjacent levels, `(level[1] - level[0]) / 2`.
  public static var largestHalfGap: Float {
    (1..<16).map { (levels[$0] - levels[$0 - 1]) / 2 }.max() ?? 0
  }

  /// Returns the code of a value already scaled to [-1, 1]: the number of midpoints below it.
  ///
  /// NaN is below no midpoint and gets code 0.
  public static func code(ofScaled y: Float) -> UInt8 {
    var count: UInt8 = 0
    for m in midpoints where m < y { count += 1 }
    return count
  }

  /// The result of quantising a tensor: codes (unpacked), block absmax values, and the layout.
  public struct Quantized: Sendable, Hashable {
    /// One code in `0 ..< 16` per element.
    public let codes: [UInt8]
    /// One absmax per block (float32).
    public let absmax: [Float]
    /// The block size.
    public let blockSize: Int

    /// The element count.
    public var count: Int { codes.count }

    /// The dequantised values `fl32(level[code] * absmax[block])`.
    public var dequantized: [Float] {
      codes.enumerated().map { index, code in
        NormalFloat4.levels[Int(code)] * absmax[index / blockSize]
      }
    }

    /// The codes packed two per byte, element 2j in the high nibble.
    public var packed: [UInt8] { NormalFloat4.pack(codes) }
  }

  /// Quantises float32 values block by block, as bitsandbytes' `quantize_4bit(quant_type="nf4")`.
  ///
  /// - Parameters:
  ///   - values: The values, all finite (the tensor flattened in row-major order).
  ///   - blockSize: Elements per block, at least 1 (bitsandbytes accepts 32 ... 4096).
  /// - Returns: The codes and absmax values.
  /// - Throws: `NormalFloat4.Error` for a block size below 1 or a non-finite value.
  public static func quantize(
    _ values: [Float], blockSize: Int = defaultBlockSize
  ) throws(Error) -> Quantized {
    guard blockSize >= 1 else { throw .invalidBlockSize(blockSize) }
    if let index = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(index: index, value: Double(values[index]))
    }
    var codes = [UInt8]()
    codes.reserveCapacity(values.count)
    var absmax = [Float]()
    var start = 0
    while start < values.count {
      let end = min(start + blockSize, values.count)
      let block = values[start..<end]
      let largest = block.reduce(Float(0)) { max($0, abs($1)) }
      absmax.append(largest)
      let scale = 1 / largest
      for x in block { codes.append(code(ofScaled: x * scale)) }
      start = end
    }
    return Quantized(codes: codes, absmax: absmax, blockSize: blockSize)
  }

  /// Packs codes two per byte: byte j is `codes[2j] << 4 | codes[2j + 1]`, padded with 0.
  public static func pack(_ codes: [UInt8]) -> [UInt8] {
    stride(from: 0, to: codes.count, by: 2).map { j in
      let high = codes[j] & 0x0F
      let low = j + 1 < codes.count ? codes[j + 1] & 0x0F : 0
      return high << 4 | low
    }
  }

  /// Unpacks `count` codes from bytes packed by ``pack(_:)``.
  ///
  /// - Throws: `NormalFloat4.Error.packedTooShort` if the bytes hold fewer than `count` codes.
  public static func unpack(_ bytes: [UInt8], count: Int) throws(Error) -> [UInt8] {
    guard count >= 0, bytes.count * 2 >= count else {
      throw .packedTooShort(bytes: bytes.count, count: count)
    }
    return (0..<count).map { i in i % 2 == 0 ? bytes[i / 2] >> 4 : bytes[i / 2] & 0x0F }
  }

  /// Describes why values could not be quantised.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The block size was below 1.
    case invalidBlockSize(Int)
    /// A value was infinite or NaN.
    case nonFinite(index: Int, value: Double)
    /// Packed bytes were too few for the count.
    case packedTooShort(bytes: Int, count: Int)

    public var description: String {
      switch self {
      case .invalidBlockSize(let size): "The block size must be a positive integer; got \(size)."
      case .nonFinite(let index, let value):
        "NF4 quantisation needs finite values; element \(index) is \(value)."
      case .packedTooShort(let bytes, let count):
        "\(bytes) packed bytes hold at most \(2 * bytes) codes; \(count) were asked for."
      }
    }
  }
}

/// Block-wise absmax quantisation to signed 8-bit integers, as QLoRA's background describes it
/// and bitsandbytes' `int8_vectorwise_quant` computes it in float32.
///
///     q_i = round(x_i * fl32(127 / absmax))      (round half to even), in -127 ... 127
///     x_i ~ q_i * absmax / 127
///
/// The round trip is off by at most `absmax / 254` per element, plus the float32 rounding of
/// the two products (a few `2^-24 * absmax`). An all-zero block gives NaN scaled values, which
/// are mapped to 0 here (torch would give an undefined integer).
public enum AbsmaxInt8 {
  /// Quantises a block; returns the integers and the block's absmax.
  ///
  /// - Throws: `NormalFloat4.Error.nonFinite` for a non-finite value.
  public static func quantize(_ block: [Float]) throws(NormalFloat4.Error) -> (
    codes: [Int8], absmax: Float
  ) {
    if let index = block.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(index: index, value: Double(block[index]))
    }
    let absmax = block.reduce(Float(0)) { max($0, abs($1)) }
    let scale = 127 / absmax
    let codes = block.map { x -> Int8 in
      let y = (x * scale).rounded(.toNearestOrEven)
      return y.isNaN ? 0 : Int8(max(-127, min(127, y)))
    }
    return (codes, absmax)
  }

  /// Dequantises: `fl32(fl32(q * absmax) / 127)`.
  public static func dequantize(_ codes: [Int8], absmax: Float) -> [Float] {
    codes.map { Float($0) * absmax / 127 }
  }
}
