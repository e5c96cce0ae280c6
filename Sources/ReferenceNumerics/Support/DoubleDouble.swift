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
  @inlinable
  static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
    let s = a + b
    let bb = s - a
    let error = (a - (s - bb)) + (b - bb)
    return DoubleDouble(hi: s, lo: error)
  }

  /// The exact sum `a + b` when `|a| >= |b|` or `a == 0` (Dekker's FastTwoSum).
  @inlinable
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

  @inlinable
  static prefix func - (x: DoubleDouble) -> DoubleDouble {
    DoubleDouble(hi: -x.hi, lo: -x.lo)
  }

  @inlinable
  static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    let s = twoSum(x.hi, y.hi)
    let t = twoSum(x.lo, y.lo)
    let u = fastTwoSum(s.hi, s.lo + t.hi)
    return fastTwoSum(u.hi, u.lo + t.lo)
  }

  @inlinable
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
  /// `x / y` for a double-double `x` and a double `y`, to about 104 bits.
  ///
  /// One division and one fused multiply-add for the remainder: `q1 = x.hi / y`, the exact
  /// remainder `x.hi - q1 * y` (an `fma`), plus `x.lo`, over `y` gives the low part.
  /// Cheaper than `x / DoubleDouble(y)`, which refines three quotients.
  @inlinable
  static func quotient(_ x: DoubleDouble, _ y: Double) -> DoubleDouble {
    let q1 = x.hi / y
    let remainder = x.hi.addingProduct(-q1, y) + x.lo
    return fastTwoSum(q1, remainder / y)
  }

  /// `x / y` for doubles, to about 104 bits (the exact remainder by `fma`, as ``quotient(_:_:)``).
  @inlinable
  static func quotient(_ x: Double, _ y: DoubleDouble) -> DoubleDouble {
    let q1 = x / y.hi
    // x - q1 * (y.hi + y.lo): the first product is exact by fma, the second is tiny.
    let remainder = x.addingProduct(-q1, y.hi) - q1 * y.lo
    return fastTwoSum(q1, remainder / y.hi)
  }

  /// The reduction table of ``fastLog(_:)``: for `i` in `0 ..< 256`, the double `1 / c` nearest
  /// the reciprocal of the midpoint `c = 1 + (i + 1/2) / 256` of the `i`-th interval of
  /// `[1, 2)`, and `-log(1 / c)` in double-double.
  ///
  /// The logarithms come from ``log(_:)`` (the series, about 104 bits), computed once on first
  /// use, so the table holds no literal that could be mistyped.
  static let logTable: [(inverse: Double, hi: Double, lo: Double)] = (0..<256).map { i in
    let inverse = 1 / (1 + (Double(i) + 0.5) / 256)
    let value = -DoubleDouble.log(DoubleDouble(inverse))
    return (inverse, value.hi, value.lo)
  }

  /// Returns `log(x)` for a positive normal finite double, with an absolute error below 2^-79.
  ///
  /// Table reduction: with `x = 2^e * m`, `m` in [1, 2), and `i` the top 8 bits of `m`'s
  /// fraction,
  ///
  ///     log(x) = e * log(2) - log(inverse_i) + log1p(r),
  ///     r = m * inverse_i - 1,   |r| <= 2^-9 * (1 + 2^-8)
  ///
  /// `m * inverse_i` is formed exactly by `twoProduct`, and its high part minus 1 is exact
  /// (Sterbenz), so `r = r0 + r1` is known to 2^-106. Error analysis of
  /// `log1p(r) = r0 - r0^2/2 + r0^3 * (1/3 - r0/4 + ... + r0^6/9) + r1 / (1 + r0)`:
  /// the square is exact (`twoProduct`); the cubic tail is below 2^-28.6 and is evaluated in
  /// double with a relative error of a few 2^-53, so at most 2^-79.6 absolute; the truncation
  /// after `r0^9/9` leaves `r0^10/10 < 2^-93`; `e * log(2)` is `twoProduct(e, ln2.hi)` plus
  /// `e * ln2.lo` (error below 2^-96 for |e| <= 1022); the table is good to 2^-104.
  /// The sum is carried in double-double, so the total absolute error is below 2^-79.
  /// ``log(_:)``, the series, is the slow path (about 2^-104, and any positive input).
  ///
  /// - Precondition: `x.isNormal && x > 0` (callers check and take the slow path otherwise).
  static func fastLog(_ x: Double) -> DoubleDouble {
    let bits = x.bitPattern
    let exponent = Double(Int((bits >> 52) & 0x7ff) - 1023)
    let m = Double(bitPattern: (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)
    let entry = logTable[Int((bits >> 44) & 0xff)]
    let product = twoProduct(m, entry.inverse)
    let r0 = product.hi - 1  // exact: product.hi is in [1 - 2^-8, 1 + 2^-8]
    let r1 = product.lo / product.hi
    let square = twoProduct(r0, r0)
    let c3 = 1.0 / 3
    let c5 = 1.0 / 5
    let c7 = 1.0 / 7
    let c9 = 1.0 / 9
    let poly = c3 - r0 * (0.25 - r0 * (c5 - r0 * (1.0 / 6 - r0 * (c7 - r0 * (0.125 - r0 * c9)))))
    let tail = r0 * square.hi * poly
    // log1p(r) = r0 + (-square / 2 + tail + r1), the head r0 exact.
    let small = twoSum(-0.5 * square.hi, tail + r1 - 0.5 * square.lo)
    let log1p = twoSum(r0, small.hi) + DoubleDouble(small.lo)
    let scaled = twoProduct(exponent, ln2.hi)
    let power = DoubleDouble(hi: scaled.hi, lo: scaled.lo + exponent * ln2.lo)
    return (power + DoubleDouble(hi: entry.hi, lo: entry.lo)) + log1p
  }

  /// Returns `log(x)` for a positive double-double whose high part is normal, with an absolute
  /// error below 2^-79 (``fastLog(_:)-(Double)`` plus `log1p(lo / hi) = lo / hi` to 2^-106).
  static func fastLog(_ x: DoubleDouble) -> DoubleDouble {
    fastLog(x.hi) + DoubleDouble(x.lo / x.hi)
  }
}
