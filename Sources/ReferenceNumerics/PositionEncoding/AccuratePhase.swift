// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// Phases `m * omega` and their cosines and sines computed to full double precision at any
/// position, for the rotary and sinusoidal encodings in `Double`.
///
/// The plain product `fl(m * fl(omega))` is off by up to `|m| omega u` twice over: once for the
/// rounded frequency and once for the rounded product. At `m = 2^31` and `omega` near 1 that
/// is 2e-7 rad, and cos and sin inherit it (a relative error of 1e-7 in a `Double` result).
/// Here the frequency is carried in double-double (about 104 bits), the product is formed
/// exactly, the phase is reduced modulo `2 pi` with a three-part `2 pi` (about 160 bits), and
/// cos and sin of the reduced phase `h + l` are `cos h - l sin h` and `sin h + l cos h`. The
/// error is then within about an ulp of the result for every `|m| omega` below 2^53.
enum AccuratePhase {
  /// `2 pi` as the unevaluated sum of three doubles (mpmath, 80 digits).
  static let twoPi = (6.283185307179586, 2.4492935982947064e-16, -5.989539619436679e-33)
  /// `pi` in double-double.
  static let pi = DoubleDouble(hi: 3.141592653589793, lo: 1.2246467991473532e-16)

  /// Returns `exp(x)` in double-double: the library `exp` refined by one Newton step on the
  /// double-double logarithm, `y (1 + (x - log y))`.
  static func exp(_ x: DoubleDouble) -> DoubleDouble {
    let y = Double.exp(x.hi)
    guard y.isFinite, y > 0, y >= Double.leastNormalMagnitude else { return DoubleDouble(y) }
    let residual = x - DoubleDouble.log(DoubleDouble(y))
    return DoubleDouble(y) + DoubleDouble(y) * residual
  }

  /// Returns `base ^ (-numerator / denominator)` in double-double.
  static func power(_ base: DoubleDouble, numerator: Int, denominator: Int) -> DoubleDouble {
    if numerator == 0 { return DoubleDouble(1) }
    let exponent = DoubleDouble(Double(numerator)) / DoubleDouble(Double(denominator))
    return exp(-(DoubleDouble.log(base) * exponent))
  }

  /// Whether a scalar type is wide enough for the double-double path to matter (`Double`).
  static func isWide<Scalar: BinaryFloatingPoint>(_: Scalar.Type) -> Bool {
    Scalar.significandBitCount >= Double.significandBitCount
  }

  /// Returns `(cos(m omega), sin(m omega))` for a double-double frequency `omega`.
  static func cosineAndSine(position m: Double, frequency omega: DoubleDouble) -> (Double, Double) {
    guard m.isFinite, omega.hi.isFinite else {
      let phase = m * omega.hi
      return (Double.cos(phase), Double.sin(phase))
    }
    if m == 0 || omega.hi == 0 { return (1, 0) }
    let product = DoubleDouble.twoProduct(m, omega.hi)
    var phase = DoubleDouble.fastTwoSum(product.hi, product.lo + m * omega.lo)
    let turns = (phase.hi / twoPi.0).rounded()
    if turns != 0, abs(turns) < 0x1p53 {
      phase = phase - DoubleDouble.twoProduct(turns, twoPi.0)
      phase = phase - DoubleDouble.twoProduct(turns, twoPi.1)
      phase = phase - DoubleDouble(turns * twoPi.2)
    }
    let (c, s) = (Double.cos(phase.hi), Double.sin(phase.hi))
    return (c - phase.lo * s, s + phase.lo * c)
  }
}
