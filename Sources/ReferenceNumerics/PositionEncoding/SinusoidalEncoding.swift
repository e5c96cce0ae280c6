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
      return (0..<n).map { Scalar.pow(base, -Scalar(2 * $0) / Scalar(d)) }
    case .tensor2tensor:
      let increment = Scalar.log(base) / Scalar(max(n - 1, 1))
      return (0..<n).map { Scalar.exp(-Scalar($0) * increment) }
    }
  }

  /// Returns the encoding `p[k]` of one position.
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
    let angles = omega.map { k * $0 }
    switch layout {
    case .paper:
      return angles.flatMap { [Scalar.sin($0), Scalar.cos($0)] }
    case .tensor2tensor:
      let padding: [Scalar] = d % 2 == 1 ? [0] : []
      return angles.map { Scalar.sin($0) } + angles.map { Scalar.cos($0) } + padding
    }
  }
}
