// SPDX-License-Identifier: GPL-3.0-or-later

public import RealModule

/// An unevaluated sum `hi + lo` of two doubles with `|lo| <= ulp(hi) / 2` (about 106 bits).
///
/// Used inside the kernels where an exponent must be known to an absolute error far below
/// `Double.ulpOfOne` (the saddle-point exponents of the Poisson and binomial probabilities).
/// The algorithms are the classical error-free transformations of Dekker (1971) and Knuth
/// (TAOCP vol. 2, 4.2.2): `twoSum`, and `twoProduct` via a fused multiply-add.
@usableFromInline
struct DoubleDouble: Sendable, Hashable {
  @usableFromInline var hi: Double
  @usableFromInline var lo: Double

  @inlinable
  init(_ value: Double) {
    hi = value
    lo = 0
  }

  @inlinable
  init(hi: Double, lo: Double) {
    self.hi = hi
    self.lo = lo
  }

  /// ln 2 to about 107 bits (mpmath, 60 digits).
  static let ln2 = DoubleDouble(hi: 0.6931471805599453, lo: 2.3190468138462996e-17)
  /// log(2 * pi) / 2 to about 107 bits (mpmath, 60 digits).
  static let halfLogTwoPi = DoubleDouble(hi: 0.9189385332046728, lo: -3.8782941580672414e-17)

  /// The exact sum `a + b` as a double-double (Knuth's TwoSum).
  @inlinable @inline(__always)
  static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
    let s = a + b
    let bb = s - a
    let error = (a - (s - bb)) + (b - bb)
    return DoubleDouble(hi: s, lo: error)
  }

  /// The exact sum `a + b` when `|a| >= |b|` or `a == 0` (Dekker's FastTwoSum).
  @inlinable @inline(__always)
  static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
    let s = a + b
    return DoubleDouble(hi: s, lo: b - (s - a))
  }

  /// The exact product `a * b` as a double-double (via fused multiply-add).
  @inlinable
  static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
    let p = a * b
    return DoubleDouble(hi: p, lo: (-p).addingProduct(a, b))
  }

  @inlinable @inline(__always)
  static prefix func - (x: DoubleDouble) -> DoubleDouble {
    DoubleDouble(hi: -x.hi, lo: -x.lo)
  }

  @inlinable @inline(__always)
  static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    let s = twoSum(x.hi, y.hi)
    let t = twoSum(x.lo, y.lo)
    let u = fastTwoSum(s.hi, s.lo + t.hi)
    return fastTwoSum(u.hi, u.lo + t.lo)
  }

  @inlinable @inline(__always)
  static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    x + (-y)
  }

  @inlinable
  static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    let p = twoProduct(x.hi, y.hi)
    let cross = x.hi * y.lo + x.lo * y.hi
    return fastTwoSum(p.hi, p.lo + cross)
  }

  @inlinable
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
  @usableFromInline
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
  @inlinable
  static func exp(_ x: DoubleDouble) -> Double {
    let e = Double.exp(x.hi)
    guard e.isFinite, e != 0, x.lo.isFinite else { return e }
    return e.addingProduct(e, x.lo)
  }
}

// MARK: - Fast paths

extension DoubleDouble {
  /// The exact product `a * b` by Dekker's splitting, without a fused multiply-add.
  ///
  /// On x86-64 the baseline target has no FMA instruction, so `addingProduct` is a call into
  /// the C library (`fma@plt`, which also forces the caller's floating-point registers to be
  /// spilled); these 17 flops stay in registers. Exact (the same pair as ``twoProduct(_:_:)``)
  /// when `|a|` and `|b|` are below 2^995 (no overflow in the split) and the partial
  /// products do not underflow; below that, the low part is wrong by at most a few 2^-1074,
  /// which the fast paths (which need absolute accuracy only) can ignore.
  @inlinable @inline(__always)
  static func splitProduct(_ a: Double, _ b: Double) -> DoubleDouble {
    let p = a * b
    let ca = 134_217_729 * a  // 2^27 + 1
    let aHigh = ca - (ca - a)
    let aLow = a - aHigh
    let cb = 134_217_729 * b
    let bHigh = cb - (cb - b)
    let bLow = b - bHigh
    let error = ((aHigh * bHigh - p) + aHigh * bLow + aLow * bHigh) + aLow * bLow
    return DoubleDouble(hi: p, lo: error)
  }

  /// `x * y` as ``*(_:_:)-(DoubleDouble,DoubleDouble)``, with ``splitProduct(_:_:)`` for the
  /// exact head product (the same bound: magnitudes below 2^995).
  @inlinable @inline(__always)
  static func splitMultiply(_ x: DoubleDouble, _ y: DoubleDouble) -> DoubleDouble {
    let p = splitProduct(x.hi, y.hi)
    let cross = x.hi * y.lo + x.lo * y.hi
    return fastTwoSum(p.hi, p.lo + cross)
  }

  /// `x * y` as ``*(_:_:)-(DoubleDouble,Double)``, with ``splitProduct(_:_:)``.
  @inlinable @inline(__always)
  static func splitMultiply(_ x: DoubleDouble, _ y: Double) -> DoubleDouble {
    let p = splitProduct(x.hi, y)
    return fastTwoSum(p.hi, p.lo + x.lo * y)
  }

  /// `x / y` for a double-double `x` and a double `y`, as ``quotient(_:_:)-(DoubleDouble,Double)``
  /// with the remainder from ``splitProduct(_:_:)`` (magnitudes below 2^995).
  @inlinable @inline(__always)
  static func splitQuotient(_ x: DoubleDouble, _ y: Double) -> DoubleDouble {
    let q1 = x.hi / y
    let product = splitProduct(q1, y)
    let remainder = ((x.hi - product.hi) - product.lo) + x.lo
    return fastTwoSum(q1, remainder / y)
  }

  /// `x / y` for doubles, as ``quotient(_:_:)-(Double,DoubleDouble)`` with the remainder from
  /// ``splitProduct(_:_:)`` (magnitudes below 2^995).
  @inlinable @inline(__always)
  static func splitQuotient(_ x: Double, _ y: DoubleDouble) -> DoubleDouble {
    let q1 = x / y.hi
    let product = splitProduct(q1, y.hi)
    let remainder = ((x - product.hi) - product.lo) - q1 * y.lo
    return fastTwoSum(q1, remainder / y.hi)
  }

  /// log(2) in two parts: `ln2High` has 42 significant bits, so `e * ln2High` is exact for
  /// `|e| < 2^11`, and `ln2High + ln2Low` is log(2) to 2^-97 (mpmath).
  @usableFromInline static let ln2High = 0x1.62e42fefa3800p-1
  @usableFromInline static let ln2Low = 0x1.ef35793c76730p-45

  /// The reduction table of ``fastLog(_:)-(Double)``: for `i` in `0 ..< 512`, `inverse` is the
  /// multiple of 2^-10 nearest `1 / c`, `c = 1 + (i + 1/2) / 512` the midpoint of the `i`-th
  /// interval of `[1, 2)`, and `(hi, lo)` is `-log(inverse)` in double-double.
  ///
  /// The logarithms come from ``log(_:)`` (the series, about 104 bits), computed once on first
  /// use, so the table holds no literal that could be mistyped.
  static let logTable: [(inverse: Double, hi: Double, lo: Double)] = (0..<512).map { i in
    let inverse = (1024 / (1 + (Double(i) + 0.5) / 512)).rounded() / 1024
    let value = -DoubleDouble.log(DoubleDouble(inverse))
    return (inverse, value.hi, value.lo)
  }

  /// Returns `log(x)` for a positive normal finite double, with an absolute error below 2^-78.
  ///
  /// Table reduction: with `x = 2^e * m`, `m` in [1, 2), `i` the top 9 bits of `m`'s fraction
  /// and `inverse_i` from ``logTable``,
  ///
  ///     log(x) = e * log(2) - log(inverse_i) + log1p(r),   r = m * inverse_i - 1
  ///
  /// Error analysis:
  /// - `r` is exact. `inverse_i` is a multiple of 2^-10 within 2^-11 of `1 / c`, and `m` is
  ///   within 2^-10 of `c`, so `|r| <= c / 2048 + 1 / (1024 c) <= 3 / 2048 < 2^-9`, and `r` is
  ///   a multiple of 2^-62 (`m` of 2^-52): it fits in 53 bits. It is formed without rounding
  ///   as `(mHigh * inverse - 1) + mLow * inverse`, `mHigh` the top 27 bits of `m`: both
  ///   products are exact (37 and 36 bits), the subtraction is exact (Sterbenz) and the
  ///   exact sum is representable.
  /// - `log1p(r) = r - r^2/2 + r^3 * (1/3 - r/4 + ... + r^6/9)`: the square is exact
  ///   (``splitProduct(_:_:)``); the cubic tail is below 2^-29.8 and is evaluated in double
  ///   with a relative error below 4 * 2^-53, so an absolute error below 2^-80.8; the
  ///   truncation leaves `|r|^10 / 10 < 2^-97`.
  /// - `e * ln2High` is exact and `e * ln2Low` rounds by less than 2^-87 (`|e| <= 1022`), and
  ///   the two parts represent log(2) to 2^-97 relative; the table is good to 2^-104.
  /// - The pieces above 2^-20 are added by `twoSum` (exact), the rest in double, each below
  ///   2^-29 so each rounding is below 2^-82.
  ///
  /// So the absolute error is below 2^-78, whatever the size of `log(x)`.
  /// ``log(_:)``, the series, is the slow path (about 2^-104 relative, any positive input).
  ///
  /// - Precondition: `x.isNormal && x > 0` (callers check and take the slow path otherwise).
  @usableFromInline
  static func fastLog(_ x: Double) -> DoubleDouble {
    let bits = x.bitPattern
    let exponent = Double(Int((bits >> 52) & 0x7ff) - 1023)
    let mantissa = (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000
    let m = Double(bitPattern: mantissa)
    let mHigh = Double(bitPattern: mantissa & ~0x3ff_ffff)  // the top 27 bits
    let mLow = m - mHigh
    let entry = logTable[Int((bits >> 43) & 0x1ff)]
    let r = (mHigh * entry.inverse - 1) + mLow * entry.inverse  // exact
    let square = splitProduct(r, r)
    // Estrin's scheme for 1/3 - r/4 + r^2/5 - r^3/6 + r^4/7 - r^5/8 + r^6/9.
    let r2 = square.hi
    let r4 = r2 * r2
    let poly =
      ((1.0 / 3 - 0.25 * r) + r2 * (1.0 / 5 - r / 6))
      + r4 * ((1.0 / 7 - 0.125 * r) + r2 * (1.0 / 9))
    let tail = r * r2 * poly
    // The head: e * log(2) + table, exact by twoSum, then r - r^2 / 2 (exact by twoSum).
    let head = twoSum(exponent * ln2High, entry.hi)
    let middle = twoSum(r, -0.5 * r2)
    let top = twoSum(head.hi, middle.hi)
    let small =
      (tail - 0.5 * square.lo) + exponent * ln2Low + entry.lo + head.lo + middle.lo
    return fastTwoSum(top.hi, top.lo + small)
  }

  /// Returns `log(x)` for a positive double-double whose high part is normal, with an absolute
  /// error below 2^-78 (``fastLog(_:)-(Double)`` plus `log1p(lo / hi) = lo / hi` to 2^-106).
  static func fastLog(_ x: DoubleDouble) -> DoubleDouble {
    fastLog(x.hi) + DoubleDouble(x.lo / x.hi)
  }
}
