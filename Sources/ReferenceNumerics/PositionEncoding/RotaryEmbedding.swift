// SPDX-License-Identifier: GPL-3.0-or-later

import ComplexModule
import RealModule

/// A rotary position embedding (RoPE) that turns feature pairs by position-dependent angles.
///
/// For a vector `x` of even dimension `d`, a rotary dimension `r` (even, `0 < r <= d`) and a
/// position `m`, pair `p` (for `p` in `0 ..< r/2`) is turned by the angle `m * theta[p]`:
///
///     theta[p] = base ^ (-2p / r)                       (before long-context scaling)
///     y[i]     = a * (x[i] * cos(m * theta[p]) - x[j] * sin(m * theta[p]))
///     y[j]     = a * (x[j] * cos(m * theta[p]) + x[i] * sin(m * theta[p]))
///
/// where `a` is the attention factor of the scaling (1 without one) and `(i, j)` is the pair:
///
/// - `interleaved`: `(2p, 2p + 1)`, as in RoFormer [Su et al. 2021], GPT-J and Meta's llama;
/// - `half-split`: `(p, p + r/2)`, as in GPT-NeoX and HF transformers' Llama (`rotate_half`).
///
/// Components `r ..< d` pass through unchanged (partial rotary, GPT-NeoX `rotary_pct`, HF
/// `partial_rotary_factor`). Both layouts turn by `+m * theta[p]`, the multiplication of
/// `x[i] + i x[j]` by `exp(i m theta[p])`.
///
/// The frequencies (``frequencies``) are computed as HF computes its `inv_freq`,
/// `1 / base ^ (2p / r)` in `Scalar`. How the phase is formed depends on the precision:
///
/// - in `Float` the angle is the product `m * theta[p]` rounded to `Float`, so the kernel
///   follows HF's fp32 pipeline operation for operation, with its error of order `m theta u`
///   (see ``RotaryPrecision``);
/// - in `Double` the kernel is a reference: the phase is `m` times the frequency's exact
///   formula, carried in double-double, reduced modulo `2 pi` to about 160 bits, so cos and sin
///   are within an ulp or so of the exact `cos(m theta[p])` and `sin(m theta[p])` at any
///   position up to 2^53 (a plain `fl(m * fl(theta))` is off by 1.6e-7 at `m = 2^31`).
///
/// Properties: `R_0 = a I` on the rotary components; `R_m / a` is orthogonal; and
/// `(R_m q) . (R_n k) = a * q . (R_(n-m) k)` depends on the positions only through `n - m`.
///
/// [Su et al. 2021]: https://arxiv.org/abs/2104.09864
public struct RotaryEmbedding<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// How the features are paired.
  public enum Layout: String, Sendable, Hashable, CaseIterable {
    /// Pairs `(2p, 2p + 1)`: RoFormer, GPT-J, Meta llama.
    case interleaved
    /// Pairs `(p, p + r/2)`: GPT-NeoX, HF Llama.
    case halfSplit = "half-split"
  }

  /// The full dimension `d` of the vectors rotated (the head dimension).
  public let dimension: Int
  /// The rotary dimension `r`: the leading components that are rotated.
  public let rotaryDimension: Int
  /// The base of the frequencies, 10000 by default.
  public let base: Scalar
  /// The pairing of features.
  public let layout: Layout
  /// The frequencies `theta[p]`, `p` in `0 ..< r/2`, after scaling.
  public let frequencies: [Scalar]
  /// The attention factor that multiplies cos and sin (1 unless the scaling has one).
  public let attentionFactor: Scalar
  /// The frequencies to about 104 bits, for the phase in `Double`; empty in narrower types.
  let accurateFrequencies: [DoubleDouble]

  /// The largest head dimension accepted, 2^24 (far above any model's; a larger one would
  /// only exhaust memory, and past 2^53 could not be scaled by the rotary fraction).
  public static var maximumDimension: Int { 1 << 24 }

  /// Creates a rotary embedding.
  ///
  /// The rotary dimension is `Int(Double(dimension) * rotaryFraction)`, truncated as HF's
  /// `int(head_dim * partial_rotary_factor)` truncates.
  ///
  /// - Parameters:
  ///   - dimension: The head dimension `d`, positive, even and at most ``maximumDimension``.
  ///   - base: The base of the frequencies, greater than 1 and finite.
  ///   - rotaryFraction: The share of components rotated, in (0, 1].
  ///   - layout: The pairing of features.
  ///   - scaling: The long-context scaling of the frequencies.
  /// - Throws: `RotaryEmbedding.Error` naming the bad value.
  public init(
    dimension: Int, base: Scalar = 10000, rotaryFraction: Double = 1,
    layout: Layout = .halfSplit, scaling: RotaryScaling = .none
  ) throws(Error) {
    guard dimension > 0, dimension % 2 == 0, dimension <= Self.maximumDimension else {
      throw .invalidDimension(dimension)
    }
    guard rotaryFraction > 0, rotaryFraction <= 1 else {
      throw .invalidRotaryFraction(rotaryFraction)
    }
    let rotary = Int(Double(dimension) * rotaryFraction)
    guard rotary > 0, rotary % 2 == 0 else {
      throw .oddRotaryDimension(rotary, dimension: dimension, fraction: rotaryFraction)
    }
    let scaled = try RotaryScaling.frequencies(
      rotaryDimension: rotary, base: base, scaling: scaling)
    self.dimension = dimension
    self.rotaryDimension = rotary
    self.base = base
    self.layout = layout
    self.frequencies = scaled.frequencies
    self.attentionFactor = scaled.attentionFactor
    self.accurateFrequencies =
      AccuratePhase.isWide(Scalar.self)
      ? RotaryScaling.accurateFrequencies(
        rotaryDimension: rotary, base: Double(base), scaling: scaling) : []
  }

  /// Returns the two components that pair `p` rotates.
  ///
  /// - Parameter pair: A pair index in `0 ..< rotaryDimension / 2`.
  /// - Returns: `(2p, 2p + 1)` interleaved, `(p, p + r/2)` half-split.
  @inlinable
  public func components(ofPair pair: Int) -> (Int, Int) {
    switch layout {
    case .interleaved: (2 * pair, 2 * pair + 1)
    case .halfSplit: (pair, pair + rotaryDimension / 2)
    }
  }

  /// Returns the angle `m * theta[p]`, rounded to `Scalar` as an implementation computes it.
  ///
  /// The rotation itself uses ``cosineAndSine(position:pair:)``, which in `Double` does not
  /// round the angle.
  public func angle(position: Scalar, pair: Int) -> Scalar {
    position * frequencies[pair]
  }

  /// Returns `(cos(m theta[p]), sin(m theta[p]))` as the rotation uses them (without the
  /// attention factor).
  ///
  /// In `Float`, the cosine and sine of the rounded angle ``angle(position:pair:)`` (HF's fp32
  /// pipeline); in `Double`, of the exact phase, each within about an ulp (see the type's
  /// discussion).
  public func cosineAndSine(position: Scalar, pair: Int) -> (cosine: Scalar, sine: Scalar) {
    guard !accurateFrequencies.isEmpty else {
      let phase = position * frequencies[pair]
      return (Scalar.cos(phase), Scalar.sin(phase))
    }
    let (c, s) = AccuratePhase.cosineAndSine(
      position: Double(position), frequency: accurateFrequencies[pair])
    return (Scalar(c), Scalar(s))
  }

  /// Returns `x` rotated to `position`: each pair turned by `m * theta[p]`, times the factor.
  ///
  /// The arithmetic is that of the elementwise form (``rotateElementwise(_:at:)``), done pair
  /// by pair without building the cos and sin tables: `y[i] = x[i] c + (-x[j]) s` and
  /// `y[j] = x[j] c + x[i] s`, so the two agree bit for bit.
  ///
  /// - Parameters:
  ///   - x: A vector of length `dimension`.
  ///   - position: The position `m` (any real; negative positions rotate backwards).
  /// - Returns: `R_m x`, scaled by the attention factor; components past the rotary
  ///   dimension unchanged.
  /// - Throws: `RotaryEmbedding.Error.wrongLength` if `x` does not have `dimension` entries.
  public func rotate(_ x: [Scalar], at position: Scalar) throws(Error) -> [Scalar] {
    guard x.count == dimension else { throw .wrongLength(x.count, expected: dimension) }
    var y = x
    for p in 0..<rotaryDimension / 2 {
      let (i, j) = components(ofPair: p)
      let turn = cosineAndSine(position: position, pair: p)
      let c = turn.cosine * attentionFactor
      let s = turn.sine * attentionFactor
      y[i] = x[i] * c + -x[j] * s
      y[j] = x[j] * c + x[i] * s
    }
    return y
  }

  /// Returns `x` rotated to `position` in the elementwise form `x * c_m + rotate(x) * s_m`.
  ///
  /// This is A1.3.5's form and HF's `q * cos + rotate_half(q) * sin`, with the tables
  /// ``cosineTable(at:)`` and ``sineTable(at:)`` and the quarter turn ``rotateHalf(_:)``.
  ///
  /// - Throws: `RotaryEmbedding.Error.wrongLength` if `x` does not have `dimension` entries.
  public func rotateElementwise(_ x: [Scalar], at position: Scalar) throws(Error) -> [Scalar] {
    guard x.count == dimension else { throw .wrongLength(x.count, expected: dimension) }
    let cosines = cosineTable(at: position)
    let sines = sineTable(at: position)
    let turned = rotateHalf(x)
    var y = x
    for c in 0..<rotaryDimension {
      y[c] = x[c] * cosines[c] + turned[c] * sines[c]
    }
    return y
  }

  /// The cosine table `c_m` over the rotary components, times the attention factor.
  ///
  /// Interleaved: `(cos m theta_0, cos m theta_0, cos m theta_1, ...)`; half-split:
  /// `cat(cos m theta, cos m theta)`, as HF's `emb = cat(freqs, freqs)`.
  public func cosineTable(at position: Scalar) -> [Scalar] {
    table(at: position) { $0.cosine }
  }

  /// The sine table `s_m` over the rotary components, times the attention factor.
  public func sineTable(at position: Scalar) -> [Scalar] {
    table(at: position) { $0.sine }
  }

  private func table(
    at position: Scalar, _ f: ((cosine: Scalar, sine: Scalar)) -> Scalar
  ) -> [Scalar] {
    var t = [Scalar](repeating: 0, count: rotaryDimension)
    for p in 0..<rotaryDimension / 2 {
      let value = f(cosineAndSine(position: position, pair: p)) * attentionFactor
      let (i, j) = components(ofPair: p)
      t[i] = value
      t[j] = value
    }
    return t
  }

  /// Returns the rotary components of `x` turned by a quarter: `x_hat` of A1.3.5.
  ///
  /// Interleaved: `(-x1, x0, -x3, x2, ...)` (GPT-J's `rotate_every_two`); half-split:
  /// `cat(-x[r/2 ..< r], x[0 ..< r/2])` (HF's `rotate_half`). Entries past `r` are 0.
  public func rotateHalf(_ x: [Scalar]) -> [Scalar] {
    var turned = [Scalar](repeating: 0, count: x.count)
    for p in 0..<rotaryDimension / 2 {
      let (i, j) = components(ofPair: p)
      guard j < x.count else { break }
      turned[i] = -x[j]
      turned[j] = x[i]
    }
    return turned
  }

  /// Returns `x` rotated to `position` in the complex form: each pair as a complex number
  /// `x[i] + i x[j]` times `a * exp(i m theta[p])` (Meta llama's `view_as_complex * freqs_cis`).
  ///
  /// - Throws: `RotaryEmbedding.Error.wrongLength` for a vector of the wrong length.
  public func rotateComplex(_ x: [Scalar], at position: Scalar) throws(Error) -> [Scalar] {
    guard x.count == dimension else { throw .wrongLength(x.count, expected: dimension) }
    var y = x
    for p in 0..<rotaryDimension / 2 {
      let (i, j) = components(ofPair: p)
      let (c, s) = cosineAndSine(position: position, pair: p)
      let turn = Complex(c * attentionFactor, s * attentionFactor)
      let z = Complex(x[i], x[j]) * turn
      y[i] = z.real
      y[j] = z.imaginary
    }
    return y
  }

  /// Returns the `d x d` matrix `R_m`: a 2 x 2 rotation block per pair (in the layout's
  /// rows and columns), times the attention factor, and the identity past the rotary dimension.
  public func matrix(at position: Scalar) -> [[Scalar]] {
    var r = (0..<dimension).map { i in
      (0..<dimension).map { j -> Scalar in i == j && i >= rotaryDimension ? 1 : 0 }
    }
    for p in 0..<rotaryDimension / 2 {
      let (i, j) = components(ofPair: p)
      let turn = cosineAndSine(position: position, pair: p)
      let c = turn.cosine * attentionFactor
      let s = turn.sine * attentionFactor
      r[i][i] = c
      r[i][j] = -s
      r[j][i] = s
      r[j][j] = c
    }
    return r
  }

  /// Returns the score `(R_m q) . (R_n k)` in the complex form of A1.4.2.
  ///
  /// The score is
  ///     a^2 * Re( sum over p of (q[i] + i q[j]) * conj(k[i] + i k[j]) * exp(i (m - n) theta[p]) )
  ///
  /// plus the plain dot product of the components past the rotary dimension. It depends on
  /// the positions only through `distance = m - n`.
  ///
  /// - Throws: `RotaryEmbedding.Error.wrongLength` for vectors of the wrong length.
  public func complexScore(_ q: [Scalar], _ k: [Scalar], distance: Scalar) throws(Error) -> Scalar {
    guard q.count == dimension else { throw .wrongLength(q.count, expected: dimension) }
    guard k.count == dimension else { throw .wrongLength(k.count, expected: dimension) }
    var sum = Complex<Scalar>.zero
    for p in 0..<rotaryDimension / 2 {
      let (i, j) = components(ofPair: p)
      let h = Complex(q[i], q[j]) * Complex(k[i], k[j]).conjugate
      let (c, s) = cosineAndSine(position: distance, pair: p)
      sum += h * Complex(c, s)
    }
    var rest = Scalar.zero
    for c in rotaryDimension..<dimension { rest += q[c] * k[c] }
    return attentionFactor * attentionFactor * sum.real + rest
  }

  /// Returns `R x` for a matrix from ``matrix(at:)``, summed in index order.
  public static func apply(_ r: [[Scalar]], to x: [Scalar]) -> [Scalar] {
    r.map { row in zip(row, x).reduce(0) { $0 + $1.0 * $1.1 } }
  }
}

// MARK: - Layout permutation

extension RotaryEmbedding {
  /// Returns the permutation that turns interleaved pairs into half-split pairs, per head.
  ///
  /// `perm = [0, 2, 4, ..., r-2, 1, 3, ..., r-1]` followed by `r ..< d` unchanged: component `t`
  /// of the half-split vector is component `perm[t]` of the interleaved one. HF's
  /// `convert_llama_weights_to_hf.py` applies it to the rows of each head of `wq` and `wk`
  /// (`permute(w, n_heads, ...)`), so Meta's interleaved RoPE becomes HF's half-split RoPE.
  ///
  /// - Parameters:
  ///   - dimension: The head dimension.
  ///   - rotaryDimension: The rotary dimension, even and at most `dimension`.
  /// - Returns: The gather indices.
  public static func interleavedToHalfSplit(dimension: Int, rotaryDimension: Int) -> [Int] {
    let half = rotaryDimension / 2
    return (0..<half).map { 2 * $0 } + (0..<half).map { 2 * $0 + 1 }
      + Array(min(rotaryDimension, dimension)..<dimension)
  }

  /// Returns the rows of a projection matrix gathered head by head by the permutation above.
  ///
  /// - Parameters:
  ///   - weights: The rows of `W_q` or `W_k` (`heads * dimension` rows).
  ///   - heads: The number of heads.
  ///   - dimension: The head dimension.
  ///   - rotaryDimension: The rotary dimension.
  /// - Returns: The permuted rows; `weights` unchanged if the row count is not
  ///   `heads * dimension`.
  public static func permuteRows<Row>(
    _ weights: [Row], heads: Int, dimension: Int, rotaryDimension: Int
  ) -> [Row] {
    guard heads > 0, weights.count == heads * dimension else { return weights }
    let perm = interleavedToHalfSplit(dimension: dimension, rotaryDimension: rotaryDimension)
    return (0..<heads).flatMap { h in perm.map { weights[h * dimension + $0] } }
  }
}

// MARK: - Errors

extension RotaryEmbedding {
  /// Describes why a rotary embedding could not be created or applied.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The head dimension was not positive and even, or above ``maximumDimension``.
    case invalidDimension(Int)
    /// The rotary fraction was outside (0, 1] or NaN.
    case invalidRotaryFraction(Double)
    /// The rotary dimension `Int(d * fraction)` was zero or odd.
    case oddRotaryDimension(Int, dimension: Int, fraction: Double)
    /// A vector had the wrong number of entries.
    case wrongLength(Int, expected: Int)
    /// The scaling's parameters were invalid.
    case invalidScaling(String)

    public var description: String {
      switch self {
      case .invalidDimension(let d):
        "A rotary head dimension must be positive, even and at most 2^24; got \(d)."
      case .invalidRotaryFraction(let f):
        "A rotary fraction must be in (0, 1]; got \(f)."
      case .oddRotaryDimension(let r, let d, let f):
        "The rotary dimension int(\(d) * \(f)) = \(r) must be positive and even."
      case .wrongLength(let n, let expected):
        "A vector to rotate must have \(expected) entries; got \(n)."
      case .invalidScaling(let message): message
      }
    }
  }
}
