// SPDX-License-Identifier: GPL-3.0-or-later

/// Exact derivatives of functions written generically over ``DifferentiableScalar``.
///
/// Every derivative here is forward-mode automatic differentiation with ``Dual`` numbers: the
/// function is evaluated on dual inputs seeded with a tangent, and the result's dual part is the
/// derivative along that tangent. The results carry no truncation error; their only error is the
/// rounding of the function's own arithmetic, so they are as accurate as the function's value.
///
/// Conventions, for `f` from R^n to R at a point `x`:
///
///     gradient          g[i]    = df/dx[i](x)                       n forward passes
///     derivative along  D_v f   = g . v          (v as given)       one forward pass
///     directional       D_u f   = g . v / |v|    (u = v / |v|)      one forward pass
///     Hessian           H[i][j] = d^2 f / dx[i] dx[j](x)            n (n + 1) / 2 nested passes
///
/// The Hessian seeds the outer dual with `e[i]` and the inner one with `e[j]`, so each entry is
/// one evaluation on `Dual<Dual<Scalar>>`; it is symmetric by construction (the upper triangle is
/// mirrored).
public enum Differentiation {
  /// Describes why a derivative could not be taken.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The direction has a length different from the point's.
    case dimensionMismatch(point: Int, direction: Int)
    /// The direction is the zero vector, which has no direction.
    case zeroDirection
    /// A component of the direction is infinite or NaN.
    case nonFiniteDirection([Double])

    public var description: String {
      switch self {
      case .dimensionMismatch(let point, let direction):
        "The direction has \(direction) components but the point has \(point)."
      case .zeroDirection:
        "The direction is the zero vector, which has no direction to differentiate along."
      case .nonFiniteDirection(let v):
        "A direction must be finite; got \(v)."
      }
    }
  }

  /// Returns the derivative of a function of one variable at `x`.
  ///
  /// - Complexity: one evaluation of `f` on dual numbers.
  public static func derivative<Scalar: DifferentiableScalar>(
    of f: (Dual<Scalar>) -> Dual<Scalar>, at x: Scalar
  ) -> Scalar {
    f(Dual(value: x, derivative: 1)).derivative
  }

  /// Returns the gradient of `f` at `x`: one forward pass per coordinate.
  ///
  /// - Complexity: `n` evaluations of `f` on dual numbers.
  public static func gradient<Scalar: DifferentiableScalar>(
    of f: ([Dual<Scalar>]) -> Dual<Scalar>, at x: [Scalar]
  ) -> [Scalar] {
    x.indices.map { i in
      f(x.indices.map { Dual(value: x[$0], derivative: $0 == i ? 1 : 0) }).derivative
    }
  }

  /// Returns the value of `f` at `x` and its derivative along `v` as given, `g . v`.
  ///
  /// This is the Jacobian-vector product; it is not a directional derivative unless `v` has
  /// length 1 (see ``directionalDerivative(of:at:along:)``).
  ///
  /// - Throws: `Error.dimensionMismatch` when `v` and `x` differ in length.
  /// - Complexity: one evaluation of `f` on dual numbers.
  public static func derivative<Scalar: DifferentiableScalar>(
    of f: ([Dual<Scalar>]) -> Dual<Scalar>, at x: [Scalar], along v: [Scalar]
  ) throws(Error) -> (value: Scalar, derivative: Scalar) {
    guard v.count == x.count else {
      throw .dimensionMismatch(point: x.count, direction: v.count)
    }
    let y = f(zip(x, v).map { Dual(value: $0, derivative: $1) })
    return (y.value, y.derivative)
  }

  /// Returns the directional derivative of `f` at `x` along the direction of `v`.
  ///
  ///     D_v f(x) = lim (t -> 0+) of (f(x + t u) - f(x)) / t = g . u,   u = v / |v|
  ///
  /// The direction is normalised first, so `D_(c v) f = D_v f` for every `c > 0`; the length of
  /// `v` is computed with scaling, so it neither overflows nor underflows.
  ///
  /// - Throws: `Error.dimensionMismatch`, `Error.zeroDirection`, or `Error.nonFiniteDirection`.
  /// - Complexity: one evaluation of `f` on dual numbers.
  public static func directionalDerivative<Scalar: ReferenceScalar>(
    of f: ([Dual<Scalar>]) -> Dual<Scalar>, at x: [Scalar], along v: [Scalar]
  ) throws(Error) -> Scalar {
    try derivative(of: f, at: x, along: try unitVector(v, dimension: x.count)).derivative
  }

  /// Returns `v / |v|`, checked to be a finite non-zero vector of length `dimension`.
  ///
  /// - Throws: `Error.dimensionMismatch`, `Error.zeroDirection`, or `Error.nonFiniteDirection`.
  public static func unitVector<Scalar: ReferenceScalar>(
    _ v: [Scalar], dimension: Int
  ) throws(Error) -> [Scalar] {
    guard v.count == dimension else {
      throw .dimensionMismatch(point: dimension, direction: v.count)
    }
    guard v.allSatisfy(\.isFinite) else { throw .nonFiniteDirection(v.map { Double($0) }) }
    let norm = euclideanNorm(v)
    guard norm > 0 else { throw .zeroDirection }
    return v.map { $0 / norm }
  }

  /// Returns the Hessian of `f` at `x` as row arrays, by nested dual numbers.
  ///
  /// - Complexity: `n (n + 1) / 2` evaluations of `f` on `Dual<Dual<Scalar>>`.
  public static func hessian<Scalar: DifferentiableScalar>(
    of f: ([Dual<Dual<Scalar>>]) -> Dual<Dual<Scalar>>, at x: [Scalar]
  ) -> [[Scalar]] {
    let n = x.count
    var h = [[Scalar]](repeating: [Scalar](repeating: 0, count: n), count: n)
    for i in 0..<n {
      for j in i..<n {
        let input = (0..<n).map { k in
          Dual(
            value: Dual(value: x[k], derivative: k == j ? 1 : 0),
            derivative: Dual(value: k == i ? 1 : 0, derivative: 0))
        }
        let entry = f(input).derivative.derivative
        h[i][j] = entry
        h[j][i] = entry
      }
    }
    return h
  }

  /// Returns the Euclidean norm of `v`, scaled by its largest magnitude so it cannot overflow.
  public static func euclideanNorm<Scalar: ReferenceScalar>(_ v: [Scalar]) -> Scalar {
    let scale = v.reduce(Scalar(0)) { Swift.max($0, $1.magnitude) }
    guard scale > 0, scale.isFinite else { return scale }
    let sum = v.reduce(Scalar(0)) { $0 + ($1 / scale) * ($1 / scale) }
    return scale * sum.squareRoot()
  }
}
