// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// The rotation of RoPE computed in a reduced floating-point format, to measure how its error
/// grows with the position (the failure long-context models hit).
///
/// Every operation of an fp32-style pipeline is rounded to the format: the exponent `2p / r`,
/// the power `base ^ (2p / r)` and its reciprocal `theta[p]`, the position `m` itself, the
/// angle `m * theta[p]`, its cosine and sine, the two products and their sum
/// (`x * cos + rotate_half(x) * sin`). Each step is computed in `Double` and rounded once, so
/// the result is what a sound implementation with correctly rounded operations gives.
///
/// Formats: `Double` (no rounding), `Float`, `Float16` (IEEE binary16, Swift's `Float16`) and
/// `bfloat16` (8 significant bits, round to nearest even, `Float`'s exponent range). Positions
/// are exact in `Float` up to 2^24, in `Float16` up to 2048 (and overflow past 65504), in
/// `bfloat16` up to 256.
///
/// The angle's error is at most about `3 m theta[p] u` (with `u` the unit roundoff), and it
/// turns the pair by that much, so the normwise error of `y` grows linearly in `m`.
public enum RotaryPrecision {
  /// A floating-point format.
  public enum Format: String, Sendable, Hashable, CaseIterable {
    /// IEEE binary64.
    case double
    /// IEEE binary32.
    case float
    /// IEEE binary16.
    case float16
    /// Google's brain float: binary32's exponent with 8 significant bits.
    case bfloat16

    /// The unit roundoff `2^-p` for `p` significant bits.
    public var unitRoundoff: Double {
      switch self {
      case .double: 0x1p-53
      case .float: 0x1p-24
      case .float16: 0x1p-11
      case .bfloat16: 0x1p-8
      }
    }

    /// The largest finite value.
    public var greatestFiniteMagnitude: Double {
      switch self {
      case .double: .greatestFiniteMagnitude
      case .float: Double(Float.greatestFiniteMagnitude)
      case .float16: 65504
      case .bfloat16: 0x1.FEp127
      }
    }

    /// Returns `x` rounded to the nearest value of the format (ties to even).
    public func round(_ x: Double) -> Double {
      switch self {
      case .double: return x
      case .float: return Double(Float(x))
      case .float16: return RotaryPrecision.roundToHalf(x)
      case .bfloat16: return RotaryPrecision.roundToSignificantBits(x, 8)
      }
    }
  }

  /// Rounds to binary16 with Swift's native `Float16` (ties to even; past 65504, infinity).
  static func roundToHalf(_ x: Double) -> Double {
    Double(Float16(x))
  }

  /// Rounds a `Double` to `bits` significant bits, ties to even.
  static func roundToSignificantBits(_ x: Double, _ bits: Int) -> Double {
    guard x.isFinite, x != 0 else { return x }
    let dropped = UInt64(Double.significandBitCount - (bits - 1))
    let pattern = x.bitPattern
    let lowest = (pattern >> dropped) & 1
    let half = (UInt64(1) << (dropped - 1)) - 1 + lowest
    let rounded = (pattern + half) & ~((UInt64(1) << dropped) - 1)
    return Double(bitPattern: rounded)
  }

  /// Returns `x` rotated to `position` by half-split RoPE, every operation rounded to `format`.
  ///
  /// - Parameters:
  ///   - x: The vector, of even length `d` (the rotary dimension); entries are rounded to
  ///     the format first.
  ///   - position: The position `m`, rounded to the format.
  ///   - base: The base of the frequencies.
  ///   - format: The format every step is rounded to.
  /// - Returns: The rotated vector; empty if `x` has odd length.
  public static func rotate(
    _ x: [Double], position: Double, base: Double = 10000, format: Format
  ) -> [Double] {
    let d = x.count
    guard d % 2 == 0, d > 0 else { return [] }
    let r = format.round
    let x = x.map(r)
    let m = r(position)
    let half = d / 2
    var y = x
    for p in 0..<half {
      let exponent = r(Double(2 * p) / Double(d))
      let theta = r(1 / r(Double.pow(r(base), exponent)))
      let angle = r(m * theta)
      let (c, s) = (r(Double.cos(angle)), r(Double.sin(angle)))
      let (a, b) = (x[p], x[p + half])
      y[p] = r(r(a * c) + r(-b * s))
      y[p + half] = r(r(b * c) + r(a * s))
    }
    return y
  }
}
