// SPDX-License-Identifier: GPL-3.0-or-later

extension HiPPO {
  /// The ways of turning `x' = A x + B u` into a recurrence `x_(k+1) = A_d x_k + B_d u_k`.
  ///
  /// With step `dt` and the input held on each step (zero-order hold of the samples):
  ///
  ///     generalised bilinear (alpha in [0, 1]):
  ///       A_d = (I - alpha dt A)^-1 (I + (1 - alpha) dt A),  B_d = (I - alpha dt A)^-1 dt B
  ///     forward Euler = alpha 0, backward Euler = alpha 1, bilinear (Tustin) = alpha 1/2
  ///     zero-order hold: A_d = exp(dt A), B_d = A^-1 (exp(dt A) - I) B
  ///
  /// as in `scipy.signal.cont2discrete`. Forward and backward Euler are first-order accurate
  /// in `dt`, bilinear second-order, and the zero-order hold is exact for a held input.
  public enum Discretization: Sendable, Hashable {
    /// `x_(k+1) = (I + dt A) x_k + dt B u_k`.
    case forwardEuler
    /// `x_(k+1) = (I - dt A)^-1 (x_k + dt B u_k)`.
    case backwardEuler
    /// The trapezoidal rule, alpha 1/2.
    case bilinear
    /// The generalised bilinear transform with the given alpha in [0, 1].
    case generalizedBilinear(alpha: Double)
    /// The exact solution for a held input.
    case zeroOrderHold

    /// The alpha of the generalised bilinear family, or nil for the zero-order hold.
    public var alpha: Double? {
      switch self {
      case .forwardEuler: 0
      case .backwardEuler: 1
      case .bilinear: 0.5
      case .generalizedBilinear(let alpha): alpha
      case .zeroOrderHold: nil
      }
    }
  }

  /// Returns the discrete system `(A_d, B_d)` of a continuous one for a step `dt`.
  ///
  /// The zero-order hold takes both matrices from one exponential of the block matrix
  ///
  ///     exp(dt * [[A, B], [0, 0]]) = [[A_d, B_d], [0, I]]
  ///
  /// rather than forming `A^-1 (exp(dt A) - I) B`, which needs an invertible A (Fourier's is
  /// singular) and loses all digits to cancellation as `dt` goes to 0.
  ///
  /// - Parameters:
  ///   - system: A and B.
  ///   - step: The step `dt`, positive and finite.
  ///   - method: The discretisation.
  /// - Returns: `A_d` and `B_d`.
  /// - Throws: `HiPPO.Error.invalidPositive` for a bad step, `.invalidAlpha` for an alpha
  ///   outside [0, 1], `.linearAlgebra` when a solve is singular or the result overflows.
  /// - Complexity: O(N^3).
  public static func discretize<Scalar: ReferenceScalar>(
    _ system: System<Scalar>, step: Scalar, method: Discretization
  ) throws(Error) -> System<Scalar> {
    try validate(positive: Double(step), "step")
    let n = system.size
    let a = system.transition
    do {
      guard let alphaValue = method.alpha else {
        let m = n + 1
        var block = [Scalar](repeating: 0, count: m * m)
        for i in 0..<n {
          for k in 0..<n { block[i * m + k] = step * a[i, k] }
          block[i * m + n] = step * system.input[i]
        }
        let e = try Matrix(unchecked: m, m, block).exponential()
        var ad = [Scalar](repeating: 0, count: n * n)
        for i in 0..<n { for k in 0..<n { ad[i * n + k] = e[i, k] } }
        return System(unchecked: Matrix(unchecked: n, n, ad), (0..<n).map { e[$0, n] })
      }
      guard alphaValue.isFinite, (0...1).contains(alphaValue) else {
        throw Error.invalidAlpha(alphaValue)
      }
      let alpha = Scalar(alphaValue)
      let identity = Matrix<Scalar>.identity(n)
      let left = try identity - a.scaled(by: alpha * step)
      let right = try identity + a.scaled(by: (1 - alpha) * step)
      let lu = try LUDecomposition(left)
      let ad = try lu.solve(right)
      let bd = try lu.solve(system.input.map { step * $0 })
      return System(unchecked: ad, bd)
    } catch let error as Error {
      throw error
    } catch {
      throw .linearAlgebra("\(error)")
    }
  }

  /// Returns the states `x_1 ... x_L` of `x_(k+1) = A_d x_k + B_d u_k` from `x_0 = 0`.
  ///
  /// - Throws: `HiPPO.Error.nonFinite` for a NaN or infinite sample, `.linearAlgebra` on
  ///   overflow.
  public static func run<Scalar: ReferenceScalar>(
    _ discrete: System<Scalar>, signal: [Scalar]
  ) throws(Error) -> [[Scalar]] {
    if let bad = signal.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(name: "signal", index: bad)
    }
    var x = [Scalar](repeating: 0, count: discrete.size)
    var states: [[Scalar]] = []
    for u in signal {
      do {
        let ax = try discrete.transition.multiplied(by: x)
        x = zip(ax, discrete.input).map { $0 + $1 * u }
      } catch {
        throw .linearAlgebra("\(error)")
      }
      guard x.allSatisfy(\.isFinite) else { throw .linearAlgebra("the state overflowed") }
      states.append(x)
    }
    return states
  }
}
