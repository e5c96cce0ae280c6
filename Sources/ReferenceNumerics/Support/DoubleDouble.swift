// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// An unevaluated sum `hi + lo` of two doubles with `|lo| <= ulp(hi) / 2` (about 106 bits).
///
/// Used inside the kernels where an exponent must be known to an absolute error far below
/// `Double.ulpOfOne` (the saddle-point exponents of the Poisson and binomial probabilities).
/// The algorithms are the classical error-free transformations of Dekker (1971) and Knuth
/// (TAOCP vol. 2, 4.2.2): `twoSum`, and `twoProduct` via a fused multiply-add.
struct DoubleDouble: Sendable, Hashable {
  var hi: Double
  var lo: Double

  init(_ value: Double) {
    hi = value
    lo = 0
  }

  init(hi: Double, lo: Double) {
    self.hi = hi
    self.lo = lo
  }

  /// ln 2 to about 107 bits (mpmath, 60 digits).
  static let ln2 = DoubleDouble(hi: 0.6931471805599453, lo: 2.3190468138462996e-17)
  /// log(2 * pi) / 2 to about 107 bits (mpmath, 60 digits).
  static let halfLogTwoPi = DoubleDouble(hi: 0.9189385332046728, lo: -3.8782941580672414e-17)

  /// The exact sum `a + b` as a double-double (Knuth's TwoSum).
  static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
    let s = a + b
    let bb = s - a
    let error = (a - (s - bb)) + (b - bb)
    return DoubleDouble(hi: s, lo: error)
  }

  /// The exact sum `a + b` when `|a| >= |b|` or `a == 0` (Dekker's FastTwoSum).
  static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
    let s = a + b
    return DoubleDouble(hi: s, lo: b - (s - a))
  }

  /// The exact product `a * b` as a double-double (via fused multiply-add).
  static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
    let p = a * b
    return DoubleDouble(hi: p, lo: (-p).addingProduct(a, b))
  }

  static prefix func - (x: DoubleDouble) -> DoubleDouble {
    DoubleDouble(hi: -x.hi, lo: -x.lo)
  }

  static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    let s = twoSum(x.hi, y.hi)
    let t = twoSum(x.lo, y.lo)
    let u = fastTwoSum(s.hi, s.lo + t.hi)
    return fastTwoSum(u.hi, u.lo + t.lo)
  }

  static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    x + (-y)
  }

  static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    let p = twoProduct(x.hi, y.hi)
    let cross = x.hi * y.lo + x.lo * y.hi
    return fastTwoSum(p.hi, p.lo + cross)
  }

  static func * (x: DoubleDouble, y: Double) -> DoubleDouble {
    let p = twoProduct(x.hi, y)
    return fastTwoSum(p.hi, p.lo + x.lo * y)
  }

  static func / (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    let q1 = x.hi / y.hi
    var r = x - y * q1
    let q2 = r.hi / y.hi
    r = r - y * q2
    let q3 = r.hi / y.hi
    return fastTwoSum(q1, q2) + DoubleDouble(q3)
  }

  static func / (x: DoubleDouble, y: Double) -> DoubleDouble {
    x / DoubleDouble(y)
  }

  /// Returns the natural logarithm of a positive finite double-double to about 104 bits.
  ///
  /// With `x = 2^e * m`, `m` in [sqrt(1/2), sqrt(2)), and `w = (m - 1) / (m + 1)` (so
  /// `|w| <= 0.1716`):
  ///
  ///     log(x) = e * log(2) + 2 * (w + w^3/3 + w^5/5 + ...)
  ///
  /// The series is summed until its terms fall below 2^-110 of the sum.
  ///
  /// A subnormal `x` is first scaled up by 2^600 (exactly), since `2^-exponent` would overflow.
  static func log(_ x: DoubleDouble) -> DoubleDouble {
    guard x.hi > 0, x.hi.isFinite else {
      return DoubleDouble(Double.log(x.hi))
    }
    if x.hi.isSubnormal {
      let scaled = DoubleDouble(hi: x.hi * 0x1p600, lo: x.lo * 0x1p600)
      return log(scaled) - ln2 * 600
    }
    var exponent = Int(x.hi.exponent)
    let scale = Double(sign: .plus, exponent: -exponent, significand: 1)
    var m = DoubleDouble(hi: x.hi * scale, lo: x.lo * scale)
    if m.hi > 1.4142135623730951 {
      m = DoubleDouble(hi: m.hi * 0.5, lo: m.lo * 0.5)
      exponent += 1
    }
    let w = (m - DoubleDouble(1)) / (m + DoubleDouble(1))
    let w2 = w * w
    var sum = w
    var power = w
    var j = 1.0
    while true {
      power = power * w2
      let term = power / (2 * j + 1)
      sum = sum + term
      if Swift.abs(term.hi) <= Swift.abs(sum.hi) * 0x1p-110 || j > 60 { break }
      j += 1
    }
    return DoubleDouble.ln2 * Double(exponent) + sum * 2
  }

  /// Returns `exp(x)` as a double with about one ulp of error (half from the library `exp`).
  ///
  ///     exp(hi + lo) = exp(hi) * (1 + lo)   to within lo^2
  static func exp(_ x: DoubleDouble) -> Double {
    let e = Double.exp(x.hi)
    guard e.isFinite, e != 0, x.lo.isFinite else { return e }
    return e.addingProduct(e, x.lo)
  }
}
