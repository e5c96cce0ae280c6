// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// The sinusoidal absolute position encoding of Vaswani and others (2017), in two layouts.
///
/// - `paper` (interleaved, also bert4keras): `omega[i] = base ^ (-2i / d)` and
///
///       p[k][2i] = sin(k * omega[i]),   p[k][2i + 1] = cos(k * omega[i]),   i in 0 ..< d/2
///
/// - `tensor2tensor` (`get_timing_signal_1d`, concatenated): `n = d / 2`,
///   `omega[i] = exp(-i * ln(base) / max(n - 1, 1))`, so the last frequency is exactly
///   `1 / base`, and `p[k] = cat(sin(k * omega), cos(k * omega))`, padded with one 0 when `d` is
///   odd. It differs from the paper's encoding by more than a permutation: its frequencies are
///   `base ^ (-i / (n - 1))`, not `base ^ (-2i / d)`.
///
/// Properties (paper layout): `p[0] = (0, 1, 0, 1, ...)`, `|p[k]|^2 = d / 2`, and each pair
/// moves by a rotation: `(sin (k + m) w, cos (k + m) w) = M(m w) (sin k w, cos k w)` with
/// `M(a) = [[cos a, sin a], [-sin a, cos a]]`, so `p[k] . p[k + m] = sum of cos(m omega[i])`.
///
/// [Vaswani et al. 2017]: https://arxiv.org/abs/1706.03762
public enum SinusoidalEncoding {
  /// The channel layout.
  public enum Layout: String, Sendable, Hashable, CaseIterable {
    /// Interleaved sin and cos, `omega = base ^ (-2i / d)`.
    case paper
    /// tensor2tensor's concatenated sin then cos, `omega = base ^ (-i / (n - 1))`.
    case tensor2tensor
  }

  /// Describes why an encoding could not be computed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The dimension was not positive, or odd in the paper layout.
    case invalidDimension(Int, layout: Layout)
    /// The base was not greater than 1 and finite.
    case invalidBase(Double)

    public var description: String {
      switch self {
      case .invalidDimension(let d, let layout):
        layout == .paper
          ? "A sinusoidal encoding in the paper layout needs a positive even dimension; got \(d)."
          : "A sinusoidal encoding needs a positive dimension; got \(d)."
      case .invalidBase(let b): "A sinusoidal base must be greater than 1 and finite; got \(b)."
      }
    }
  }

  /// Returns the frequencies `omega[0 ..< d/2]` of a layout.
  public static func frequencies<Scalar: ReferenceScalar>(
    dimension d: Int, base: Scalar = 10000, layout: Layout = .paper
  ) throws(Error) -> [Scalar] {
    guard d > 0, layout == .tensor2tensor || d % 2 == 0 else {
      throw .invalidDimension(d, layout: layout)
    }
    guard base > 1, base.isFinite else { throw .invalidBase(Double(base)) }
    let n = d / 2
    switch layout {
    case .paper:
      return (0..<n).map {
        let e = exponent(ofFrequency: $0, dimension: d, layout: layout)
        return Scalar.pow(base, -Scalar(e.numerator) / Scalar(e.denominator))
      }
    case .tensor2tensor:
      // As tensor2tensor computes it: a log increment, then exp(-i * increment).
      let spacing = exponent(ofFrequency: 1, dimension: d, layout: layout).denominator
      let increment = Scalar.log(base) / Scalar(spacing)
      return (0..<n).map { Scalar.exp(-Scalar($0) * increment) }
    }
  }

  /// The exponent of frequency `i` as a fraction: `omega_i = base ^ (-numerator / denominator)`.
  ///
  /// It is `2i / d` in the paper layout and `i / (n - 1)` (with `n = d / 2`, and 1 for `n = 1`)
  /// in tensor2tensor's: the one definition both the rounded frequencies and the exact phases
  /// use.
  static func exponent(
    ofFrequency i: Int, dimension d: Int, layout: Layout
  ) -> (numerator: Int, denominator: Int) {
    switch layout {
    case .paper: (2 * i, d)
    case .tensor2tensor: (i, max(d / 2 - 1, 1))
    }
  }

  /// Returns the encoding `p[k]` of one position.
  ///
  /// In `Float` each entry is `sin` or `cos` of the rounded product `fl(k * omega[i])`, as a
  /// float32 framework computes it. In `Double` the phase is `k` times the frequency's exact
  /// formula (`base ^ (-2i / d)` or `base ^ (-i / (n - 1))`), carried in double-double and
  /// reduced modulo `2 pi` to about 160 bits, so every entry is within about an ulp of the exact
  /// value at any position up to 2^53; the plain product is off by 1.6e-7 at `k = 2^31`.
  ///
  /// - Parameters:
  ///   - k: The position.
  ///   - d: The dimension (positive; even in the paper layout).
  ///   - base: The base, 10000 by default.
  ///   - layout: The channel layout.
  /// - Returns: `d` values.
  /// - Throws: `SinusoidalEncoding.Error` for a bad dimension or base.
  public static func encoding<Scalar: ReferenceScalar>(
    position k: Scalar, dimension d: Int, base: Scalar = 10000, layout: Layout = .paper
  ) throws(Error) -> [Scalar] {
    let omega: [Scalar] = try frequencies(dimension: d, base: base, layout: layout)
    let turns: [(sine: Scalar, cosine: Scalar)]
    if AccuratePhase.isWide(Scalar.self) {
      let b = DoubleDouble(Double(base))
      turns = (0..<d / 2).map { i in
        let e = exponent(ofFrequency: i, dimension: d, layout: layout)
        let w = AccuratePhase.power(b, numerator: e.numerator, denominator: e.denominator)
        let (c, s) = AccuratePhase.cosineAndSine(position: Double(k), frequency: w)
        return (Scalar(s), Scalar(c))
      }
    } else {
      turns = omega.map { w in (Scalar.sin(k * w), Scalar.cos(k * w)) }
    }
    switch layout {
    case .paper:
      return turns.flatMap { [$0.sine, $0.cosine] }
    case .tensor2tensor:
      let padding: [Scalar] = d % 2 == 1 ? [0] : []
      return turns.map(\.sine) + turns.map(\.cosine) + padding
    }
  }
}
