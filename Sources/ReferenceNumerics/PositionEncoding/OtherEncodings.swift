// SPDX-License-Identifier: GPL-3.0-or-later

public import ComplexModule
import RealModule

/// Two encodings of the survey's "other" family (A2.3): Complex Order's phasor embedding and a
/// one-dimensional convolution whose padding decides what it can learn about position.
public enum OtherEncodings {
  /// Returns Complex Order's embedding of a word at position `k` (Wang and others, 2020).
  ///
  /// Component `t` is
  ///     component t = r[t] * exp(i (omega[t] k + theta[t]))
  ///
  /// The amplitude `r`, frequency `omega` and initial phase `theta` belong to the word and do
  /// not depend on the position. The shorter of the three arrays sets the length.
  public static func complexOrder<Scalar: ReferenceScalar>(
    amplitude r: [Scalar], frequency omega: [Scalar], phase theta: [Scalar], position k: Scalar
  ) -> [Complex<Scalar>] {
    let n = min(r.count, omega.count, theta.count)
    return (0..<n).map { t in
      let angle = omega[t] * k + theta[t]
      return Complex(r[t] * .cos(angle), r[t] * .sin(angle))
    }
  }

  /// How a convolution fills the samples past the ends of its signal.
  public enum Padding: String, Sendable, Hashable, CaseIterable {
    /// Zeros, as CNNs usually pad.
    case zero
    /// The signal wrapped around, so no sample is an edge.
    case circular
  }

  /// Returns the same-size convolution of `signal` with a kernel centred on each sample.
  ///
  /// It is a cross-correlation, as deep-learning frameworks compute it:
  ///     y[i] = sum over t in 0 ..< w of kernel[t] * signal[i + t - w/2]
  ///
  /// with samples outside `0 ..< n` read as 0 (`zero`) or wrapped modulo `n` (`circular`).
  /// An empty signal or kernel gives an empty result; an even kernel is centred one to the
  /// left.
  public static func convolution<Scalar: ReferenceScalar>(
    _ signal: [Scalar], kernel: [Scalar], padding: Padding
  ) -> [Scalar] {
    let (n, w) = (signal.count, kernel.count)
    guard n > 0, w > 0 else { return [] }
    return (0..<n).map { i in
      var sum = Scalar.zero
      for t in 0..<w {
        let j = i + t - w / 2
        switch padding {
        case .zero:
          if j >= 0 && j < n { sum += kernel[t] * signal[j] }
        case .circular:
          sum += kernel[t] * signal[((j % n) + n) % n]
        }
      }
      return sum
    }
  }
}
