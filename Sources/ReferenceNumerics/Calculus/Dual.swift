// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// A number type that functions to be differentiated are written over.
///
/// Write a function once, generically over this protocol, and evaluate it on plain numbers
/// (`Double`, `Float`) for its value or on ``Dual`` numbers for exact derivatives:
///
///     func f<T: DifferentiableScalar>(_ x: [T]) -> T { x[0] * x[0] + x[1] * x[1] }
///
/// `Dual<Dual<Double>>` is a number type too, so nested duals give second derivatives.
/// Comparisons (`<`, `==`) look at values only, so branches (`abs`, `max`) work, and a
/// function with a kink gets the one-sided derivative of the branch it takes.
public protocol DifferentiableScalar: Comparable, Sendable, ExpressibleByIntegerLiteral {
  /// Creates a constant from a double.
  init(_ value: Double)
  /// The sum.
  static func + (lhs: Self, rhs: Self) -> Self
  /// The difference.
  static func - (lhs: Self, rhs: Self) -> Self
  /// The product.
  static func * (lhs: Self, rhs: Self) -> Self
  /// The quotient.
  static func / (lhs: Self, rhs: Self) -> Self
  /// The negation.
  static prefix func - (operand: Self) -> Self
  /// The exponential.
  static func exp(_ x: Self) -> Self
  /// The natural logarithm.
  static func log(_ x: Self) -> Self
  /// The sine.
  static func sin(_ x: Self) -> Self
  /// The cosine.
  static func cos(_ x: Self) -> Self
  /// The square root.
  static func sqrt(_ x: Self) -> Self
  /// The integer power.
  static func pow(_ x: Self, _ n: Int) -> Self
}

extension Double: DifferentiableScalar {}
extension Float: DifferentiableScalar {}

/// A dual number `value + derivative * epsilon` with `epsilon^2 = 0`, for forward-mode derivatives.
///
/// Arithmetic on dual numbers carries a derivative along with each value by the chain rule:
///
///     (a + a' e) * (b + b' e) = a * b + (a' * b + a * b') e
///     g(a + a' e)             = g(a) + g'(a) * a' e
///
/// Seeding an input with derivative 1 (or a tangent vector across several inputs) and
/// evaluating a function once gives its exact derivative in that direction, up to the rounding
/// of the arithmetic itself: no step size, no truncation error. This is forward-mode automatic
/// differentiation [Griewank & Walther 2008, ch. 3].
///
/// `Base` may itself be a dual number: `Dual<Dual<Double>>` carries mixed second derivatives.
///
/// [Griewank & Walther 2008]: https://doi.org/10.1137/1.9780898717761
public struct Dual<Base: DifferentiableScalar>: DifferentiableScalar, CustomStringConvertible {
  /// The value.
  public var value: Base
  /// The derivative carried with the value (the coefficient of epsilon).
  public var derivative: Base

  /// Creates a dual number from a value and a derivative.
  public init(value: Base, derivative: Base) {
    self.value = value
    self.derivative = derivative
  }

  /// Creates a constant: a value whose derivative is zero.
  public init(_ value: Double) {
    self.init(value: Base(value), derivative: 0)
  }

  /// Creates a constant from an integer literal.
  public init(integerLiteral value: Int) {
    self.init(Double(value))
  }

  public var description: String { "\(value) + \(derivative)ε" }

  public static func < (lhs: Dual, rhs: Dual) -> Bool { lhs.value < rhs.value }

  public static func == (lhs: Dual, rhs: Dual) -> Bool {
    lhs.value == rhs.value && lhs.derivative == rhs.derivative
  }

  public static func + (lhs: Dual, rhs: Dual) -> Dual {
    Dual(value: lhs.value + rhs.value, derivative: lhs.derivative + rhs.derivative)
  }

  public static func - (lhs: Dual, rhs: Dual) -> Dual {
    Dual(value: lhs.value - rhs.value, derivative: lhs.derivative - rhs.derivative)
  }

  public static func * (lhs: Dual, rhs: Dual) -> Dual {
    Dual(
      value: lhs.value * rhs.value,
      derivative: lhs.derivative * rhs.value + lhs.value * rhs.derivative)
  }

  public static func / (lhs: Dual, rhs: Dual) -> Dual {
    let quotient = lhs.value / rhs.value
    return Dual(
      value: quotient, derivative: (lhs.derivative - quotient * rhs.derivative) / rhs.value)
  }

  public static prefix func - (operand: Dual) -> Dual {
    Dual(value: -operand.value, derivative: -operand.derivative)
  }

  public static func exp(_ x: Dual) -> Dual {
    let e = Base.exp(x.value)
    return Dual(value: e, derivative: e * x.derivative)
  }

  public static func log(_ x: Dual) -> Dual {
    Dual(value: Base.log(x.value), derivative: x.derivative / x.value)
  }

  public static func sin(_ x: Dual) -> Dual {
    Dual(value: Base.sin(x.value), derivative: Base.cos(x.value) * x.derivative)
  }

  public static func cos(_ x: Dual) -> Dual {
    Dual(value: Base.cos(x.value), derivative: -(Base.sin(x.value) * x.derivative))
  }

  public static func sqrt(_ x: Dual) -> Dual {
    let root = Base.sqrt(x.value)
    return Dual(value: root, derivative: x.derivative / (root + root))
  }

  public static func pow(_ x: Dual, _ n: Int) -> Dual {
    if n == 0 { return Dual(1) }
    let lower = Base.pow(x.value, n - 1)
    return Dual(value: lower * x.value, derivative: Base(Double(n)) * lower * x.derivative)
  }
}

extension Dual: Sendable {}

extension DifferentiableScalar {
  /// Adds in place.
  public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
  /// Subtracts in place.
  public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
  /// Multiplies in place.
  public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
}
