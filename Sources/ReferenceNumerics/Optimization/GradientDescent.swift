// SPDX-License-Identifier: GPL-3.0-or-later

/// Steepest descent with a fixed step, with gradients by forward-mode automatic differentiation.
///
///     x[k + 1] = x[k] - step * grad f(x[k])
///
/// Each step moves along `-grad f`, the direction of fastest decrease (the directional
/// derivative along `-grad f / |grad f|` is `-|grad f|`, the smallest of all). For
/// `f = 1/2 x^T H x + b^T x + c` with H positive definite, eigenvalues in `[mu_min, mu_max]`,
/// and `step = 1 / mu_max`, the error contracts at least by `1 - mu_min / mu_max` per step
/// (Nocedal & Wright, *Numerical Optimization*, 2nd ed., 2006, section 3.3,
/// https://doi.org/10.1007/978-0-387-40065-5).
public enum GradientDescent {
  /// Describes why a descent could not start.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The step is not positive and finite.
    case invalidStep(Double)
    /// The iteration count is negative.
    case invalidIterations(Int)

    public var description: String {
      switch self {
      case .invalidStep(let step): "The step must be positive and finite; got \(step)."
      case .invalidIterations(let n): "The number of iterations must be non-negative; got \(n)."
      }
    }
  }

  /// Returns the iterates of steepest descent, the start first.
  ///
  /// - Parameters:
  ///   - f: The function, written over dual numbers.
  ///   - start: The starting point.
  ///   - step: The fixed step, positive and finite.
  ///   - iterations: How many steps to take, non-negative.
  /// - Returns: `iterations + 1` points.
  /// - Throws: `Error.invalidStep` or `Error.invalidIterations`.
  /// - Complexity: `iterations * n` evaluations of `f` on dual numbers.
  public static func iterates<Scalar: ReferenceScalar>(
    of f: ([Dual<Scalar>]) -> Dual<Scalar>, from start: [Scalar], step: Scalar, iterations: Int
  ) throws(Error) -> [[Scalar]] {
    guard step > 0, step.isFinite else { throw .invalidStep(Double(step)) }
    guard iterations >= 0 else { throw .invalidIterations(iterations) }
    var points = [start]
    var x = start
    for _ in 0..<iterations {
      let g = Differentiation.gradient(of: f, at: x)
      x = zip(x, g).map { $0 - step * $1 }
      points.append(x)
    }
    return points
  }
}
