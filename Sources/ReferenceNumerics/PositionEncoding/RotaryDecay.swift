// SPDX-License-Identifier: GPL-3.0-or-later

public import ComplexModule
import RealModule

/// The long-range decay of RoPE (A1.4): partial sums of unit phasors, the indicator F(r), and
/// the Abel-summation identity with its bound.
///
/// With `n = d/2` frequencies `theta[i]` and a relative distance `r = m - n`:
///
///     S[0] = 0,   S[j] = sum over i in 0 ..< j of exp(i r theta[i])     (j in 0 ... n)
///     F(r) = (1 / n) * sum over j in 1 ... n of |S[j]|
///
/// At `r = 0` every phasor is 1, so `S[j] = j` and `F(0) = (n + 1) / 2`: 32.5 for `d = 128`.
/// The article counts `S` from 1; the sums are the same.
public enum RotaryDecay {
  /// Returns the partial sums `S[0 ... n]` of `exp(i r theta[i])`.
  public static func partialSums<Scalar: ReferenceScalar>(
    distance r: Scalar, frequencies: [Scalar]
  ) -> [Complex<Scalar>] {
    var sums: [Complex<Scalar>] = [.zero]
    var s = Complex<Scalar>.zero
    for theta in frequencies {
      let phase = r * theta
      s += Complex(.cos(phase), .sin(phase))
      sums.append(s)
    }
    return sums
  }

  /// Returns the decay indicator `F(r)`: the mean of `|S[j]|` over `j = 1 ... n`.
  ///
  /// - Parameters:
  ///   - r: The relative distance.
  ///   - frequencies: The frequencies `theta[0 ..< n]`, not empty.
  /// - Returns: `F(r)`; NaN for no frequencies.
  public static func indicator<Scalar: ReferenceScalar>(
    distance r: Scalar, frequencies: [Scalar]
  ) -> Scalar {
    guard !frequencies.isEmpty else { return .nan }
    let sums = partialSums(distance: r, frequencies: frequencies)
    let total = sums.dropFirst().reduce(Scalar.zero) { $0 + $1.length }
    return total / Scalar(frequencies.count)
  }

  /// Returns the means of `values` over consecutive windows of `width` (a last, shorter
  /// window is dropped).
  public static func windowedMeans<Scalar: ReferenceScalar>(_ values: [Scalar], width: Int)
    -> [Scalar]
  {
    guard width > 0 else { return [] }
    return stride(from: 0, to: values.count - width + 1, by: width).map { start in
      values[start..<start + width].reduce(0, +) / Scalar(width)
    }
  }

  /// The two sides of the Abel summation and the bound of A1.4.4.
  public struct AbelSummation<Scalar: ReferenceScalar>: Sendable, Hashable {
    /// `sum over i of h[i] exp(i r theta[i])`, summed directly.
    public let direct: Complex<Scalar>
    /// `-sum over i of S[i + 1] (h[i + 1] - h[i])`, with `h[n] = 0`.
    public let summedByParts: Complex<Scalar>
    /// `max_i |h[i + 1] - h[i]| * sum over j in 1 ... n of |S[j]|`.
    public let bound: Scalar
  }

  /// Returns both sides of the Abel summation for coefficients `h[0 ..< n]` and the bound.
  ///
  /// `h` and `frequencies` must have the same count; the shorter one sets `n`.
  public static func abelSummation<Scalar: ReferenceScalar>(
    coefficients h: [Complex<Scalar>], distance r: Scalar, frequencies: [Scalar]
  ) -> AbelSummation<Scalar> {
    let n = min(h.count, frequencies.count)
    let sums = partialSums(distance: r, frequencies: Array(frequencies.prefix(n)))
    var direct = Complex<Scalar>.zero
    var parts = Complex<Scalar>.zero
    var largestStep = Scalar.zero
    for i in 0..<n {
      direct += h[i] * (sums[i + 1] - sums[i])
      let next = i + 1 < n ? h[i + 1] : .zero
      let step = next - h[i]
      parts -= sums[i + 1] * step
      largestStep = max(largestStep, step.length)
    }
    let total = sums.dropFirst().reduce(Scalar.zero) { $0 + $1.length }
    return AbelSummation(direct: direct, summedByParts: parts, bound: largestStep * total)
  }
}
