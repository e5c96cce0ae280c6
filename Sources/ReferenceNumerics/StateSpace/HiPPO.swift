// SPDX-License-Identifier: GPL-3.0-or-later

/// HiPPO, the high-order polynomial projection operators of Gu, Dao, Ermon, Rudra and Re.
///
/// A HiPPO operator keeps, at every time `t`, the `N` coefficients `c(t)` of the best
/// polynomial approximation of the input's history under a measure, and those coefficients
/// obey a linear ODE. This namespace gives the ODE's matrices in the sign convention of the
/// reference code (state-spaces/s4, `src/models/hippo/hippo.py`), where the minus sign is
/// already inside the transition matrix:
///
///     time-invariant measures (LegT, LMU, LagT, Fourier):  c'(t) = A c(t) + B f(t)
///     LegS (scaled Legendre):                              c'(t) = (A c(t) + B f(t)) / t
///
/// The paper writes `c' = -A c + B f` with a positive `A`: its matrix is the negation of
/// ``System/transition`` here (`B` is the same). Su Jianlin's posts keep the code's sign but scale
/// the coefficients by `sqrt(2)` (`B_n = sqrt(2 (2n + 1))` for LegS), which leaves `A`
/// unchanged. Indices are 0-based; `n` is the row (output coefficient) and `k` the column.
///
/// [Gu et al. 2020]: https://arxiv.org/abs/2008.07669
public enum HiPPO {
  /// The measures whose projections have a closed-form transition.
  public enum Measure: String, Sendable, Hashable, CaseIterable {
    /// Scaled Legendre: the uniform measure `1/t` on `[0, t]`, which weighs all history alike.
    case legS = "legs"
    /// Translated Legendre: the uniform measure on the sliding window `[t - theta, t]`.
    case legT = "legt"
    /// The Legendre memory unit: LegT up to the diagonal similarity `diag((-1)^n sqrt(2n+1))`.
    case lmu
    /// Translated Laguerre: the exponential measure `exp(-(t - s))` on `(-infinity, t]`.
    case lagT = "lagt"
    /// Fourier on a unit window, as s4's `fourier` (a rotating pair per frequency).
    case fourier
  }

  /// The state-space matrices of a HiPPO operator: `transition` is A, `input` is B.
  public struct System<Scalar: ReferenceScalar>: Sendable, Hashable {
    /// The transition matrix A, `N` x `N`, in the code's sign (`c' = A c + B f`).
    public let transition: Matrix<Scalar>
    /// The input vector B, `N` entries.
    public let input: [Scalar]

    /// The state size `N`.
    public var size: Int { input.count }

    /// Creates a system from its matrices.
    ///
    /// - Throws: `HiPPO.Error.shapeMismatch` unless A is square with one row per entry of B.
    public init(transition: Matrix<Scalar>, input: [Scalar]) throws(HiPPO.Error) {
      guard transition.rows == input.count, transition.columns == input.count else {
        throw .shapeMismatch(rows: transition.rows, columns: transition.columns, input: input.count)
      }
      self.transition = transition
      self.input = input
    }

    init(unchecked transition: Matrix<Scalar>, _ input: [Scalar]) {
      self.transition = transition
      self.input = input
    }
  }

  /// Describes why a HiPPO computation could not be done.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The state size is below 1 or too large to store.
    case invalidSize(Int)
    /// A window, step or time is zero, negative, infinite or NaN.
    case invalidPositive(name: String, value: Double)
    /// The generalised bilinear parameter is outside [0, 1] or NaN.
    case invalidAlpha(Double)
    /// An input sample or state entry is infinite or NaN.
    case nonFinite(name: String, index: Int)
    /// The matrices do not fit together.
    case shapeMismatch(rows: Int, columns: Int, input: Int)
    /// A matrix operation failed (a singular solve, an overflow).
    case linearAlgebra(String)
    /// The measure has no method for this operation.
    case unsupported(String)

    public var description: String {
      switch self {
      case .invalidSize(let n):
        "A HiPPO state size must be a whole number from 1 to \(HiPPO.maximumSize); got \(n)."
      case .invalidPositive(let name, let value):
        "The \(name) must be positive and finite; got \(value)."
      case .invalidAlpha(let alpha):
        "The generalised bilinear alpha must be in [0, 1]; got \(alpha)."
      case .nonFinite(let name, let index):
        "The \(name) has an infinite or NaN entry at index \(index)."
      case .shapeMismatch(let rows, let columns, let input):
        "A is \(rows) x \(columns) but B has \(input) entries; A must be square with one row "
          + "per entry of B."
      case .linearAlgebra(let message): "A matrix operation failed: \(message)"
      case .unsupported(let message): message
      }
    }
  }

  /// The largest state size accepted (a dense N x N matrix of doubles is 128 MiB here).
  public static let maximumSize = 4096

  static func validate(size: Int) throws(Error) {
    guard (1...maximumSize).contains(size) else { throw .invalidSize(size) }
  }

  static func validate(positive value: Double, _ name: String) throws(Error) {
    guard value.isFinite, value > 0 else { throw .invalidPositive(name: name, value: value) }
  }

  /// Returns the transition matrix A and input vector B of a measure, in the code's sign.
  ///
  /// With `r_n = sqrt(2n + 1)` and 0-based `n` (row) and `k` (column):
  ///
  ///     legs     A_nk = -r_n r_k (n > k), -(n + 1) (n = k), 0 (n < k);  B_n = r_n
  ///     legt     A_nk = -(r_n r_k / theta) * (1 if n >= k else (-1)^(n - k));  B_n = r_n / theta
  ///     lmu      A_nk = ((2n + 1) / theta) * (-1 if n < k else (-1)^(n - k + 1));
  ///              B_n = (-1)^n (2n + 1) / theta
  ///     lagt     A_nk = -1 (n > k), -1/2 (n = k), 0 (n < k);  B_n = 1
  ///     fourier  A = pi (-diag(d, 1) + diag(d, -1)) - B B^T, d = [0, 0, 1, 0, 2, 0, 3, ...],
  ///              B_0 = 1, B_2k = sqrt(2), odd entries 0
  ///
  /// `theta` is the window; state-spaces/s4's `transition('legt', N)` is this with
  /// `theta = 2` (its "halve again" step), and HazyResearch/hippo-code's `transition('legt')`
  /// is `theta = 1`, exactly twice s4's in both A and B. The LegT state at time `t` is
  ///
  ///     c_n(t) = (1/theta) * integral over [t - theta, t] of f(s) r_n P_n(1 + 2 (s - t)/theta) ds
  ///
  /// and the LegS state is `c_n(t) = (1/t) * integral over [0, t] of f(s) r_n P_n(2s/t - 1) ds`.
  /// The LagT matrices are s4's (`beta = 1`): `c_n(t) = integral over y >= 0 of
  /// f(t - y) L_n(y) exp(-y/2) dy`, so the paper's `A = tril(1)` is this plus `I / 2` after
  /// the exponential weight is split between measure and basis.
  ///
  /// - Parameters:
  ///   - measure: The measure.
  ///   - size: The state size N, from 1 to ``maximumSize``.
  ///   - window: The window `theta` of LegT and LMU (ignored by the others), positive.
  ///   - type: The scalar type, when the call does not fix it.
  /// - Returns: A and B.
  /// - Throws: `HiPPO.Error.invalidSize` or `.invalidPositive` for a bad size or window.
  /// - Complexity: O(N^2).
  public static func system<Scalar: ReferenceScalar>(
    _ measure: Measure, size: Int, window: Scalar = 2, as type: Scalar.Type = Scalar.self
  ) throws(Error) -> System<Scalar> {
    try validate(size: size)
    try validate(positive: Double(window), "window")
    let n = size
    var a = [Scalar](repeating: 0, count: n * n)
    var b = [Scalar](repeating: 0, count: n)
    let r = (0..<n).map { Scalar(2 * $0 + 1).squareRoot() }
    switch measure {
    case .legS:
      for i in 0..<n {
        for k in 0..<i { a[i * n + k] = -r[i] * r[k] }
        a[i * n + i] = -Scalar(i + 1)
        b[i] = r[i]
      }
    case .legT:
      for i in 0..<n {
        for k in 0..<n {
          let sign: Scalar = i >= k || (k - i) % 2 == 0 ? 1 : -1
          a[i * n + k] = -sign * r[i] * r[k] / window
        }
        b[i] = r[i] / window
      }
    case .lmu:
      for i in 0..<n {
        let scale = Scalar(2 * i + 1) / window
        for k in 0..<n {
          let sign: Scalar = i < k ? -1 : ((i - k + 1) % 2 == 0 ? 1 : -1)
          a[i * n + k] = sign * scale
        }
        b[i] = (i % 2 == 0 ? 1 : -1) * scale
      }
    case .lagT:
      for i in 0..<n {
        for k in 0..<i { a[i * n + k] = -1 }
        a[i * n + i] = -0.5
        b[i] = 1
      }
    case .fourier:
      for i in stride(from: 0, to: n, by: 2) { b[i] = i == 0 ? 1 : Scalar(2).squareRoot() }
      // d has length N - 1: d[j] for the superdiagonal (j, j + 1) and subdiagonal (j + 1, j);
      // d[j] = j / 2 for even j, 0 for odd j, so the pair (2k, 2k + 1) turns at pi k.
      for j in 0..<(n - 1) where j % 2 == 0 {
        let frequency = Scalar(j / 2)
        a[j * n + j + 1] -= Scalar.pi * frequency
        a[(j + 1) * n + j] += Scalar.pi * frequency
      }
      for i in 0..<n { for k in 0..<n { a[i * n + k] -= b[i] * b[k] } }
    }
    return System(unchecked: Matrix(unchecked: n, n, a), b)
  }

  /// Returns the paper's form of a system: its positive matrix `-A` and the same B.
  ///
  /// The paper writes `c' = -A_paper c + B f`, so `A_paper = -A` entry by entry.
  public static func paperForm<Scalar>(_ system: System<Scalar>) -> System<Scalar> {
    let t = system.transition
    return System(
      unchecked: Matrix(unchecked: t.rows, t.columns, t.elements.map { -$0 }), system.input)
  }

  /// Returns the rank-one (LegS) correction `P` with `A + P P^T = -I/2 + S`, `S` skew-symmetric.
  ///
  /// `P_n = sqrt(n + 1/2)`, state-spaces/s4's `rank_correction('legs', N)`. The sum is normal,
  /// which is what the NPLR (normal plus low-rank) form of S4 diagonalises by a unitary matrix.
  ///
  /// - Throws: `HiPPO.Error.invalidSize` for a bad size.
  public static func legSRankCorrection<Scalar: ReferenceScalar>(
    size: Int, as type: Scalar.Type = Scalar.self
  ) throws(Error) -> [Scalar] {
    try validate(size: size)
    return (0..<size).map { (Scalar($0) + Scalar(1) / 2).squareRoot() }
  }
}
