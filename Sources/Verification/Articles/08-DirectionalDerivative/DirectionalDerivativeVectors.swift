import ReferenceNumerics

/// The golden vectors of article 8: value, gradient and directional derivatives at a point.
public enum DirectionalDerivativeVectors {
  /// The functions of two variables that spec 08 differentiates.
  public enum Function: String, Sendable, Hashable, CaseIterable {
    /// x^2 + y^2, the article's example.
    case squares
    /// sin(x) exp(y).
    case wave
    /// log(1 + x^2 + 3 y^2).
    case logarithm
    /// x^3 y - 2 x y^2.
    case cubic

    /// The formula, as the spec writes it.
    public var formula: String { checked.rawValue }

    var checked: GradientChecks.Function {
      switch self {
      case .squares: .squares
      case .wave: .wave
      case .logarithm: .logarithm
      case .cubic: .cubic
      }
    }
  }

  /// The checks whose claims verify the dual-number gradient and directional derivatives.
  public static let checks = [
    "gradient.accuracy", "gradient.directional-derivative", "gradient.direction-scaling",
    "gradient.extreme-directions", "gradient.circle-figure",
  ]

  /// Describes inputs that do not fit a function of two variables.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The point does not have two coordinates.
    case pointDimension(Int)
    /// A direction does not have two components.
    case directionDimension(row: Int, count: Int)

    public var description: String {
      switch self {
      case .pointDimension(let count):
        "--point: the functions are of two variables, so the point needs 2 coordinates; got "
          + "\(count)."
      case .directionDimension(let row, let count):
        "--direction: direction \(row) has \(count) "
          + "\(count == 1 ? "component" : "components"); the functions are of two variables."
      }
    }
  }

  /// Returns f and its gradient at `point`, and for each direction v (one row each) the unit
  /// direction u = v / |v|, the directional derivative `D_u f = grad f . u` and the derivative
  /// along v as given, `grad f . v` (not a directional derivative unless |v| = 1).
  ///
  /// Every derivative is one forward pass of dual numbers, exact to the rounding of f.
  ///
  /// - Throws: `Error` for a point or direction of the wrong length, `Differentiation.Error`
  ///   for a zero direction, `VectorSet.Error` when a value overflows.
  public static func derivatives(
    of function: Function, at point: [Double], along directions: [[Double]]
  ) throws -> VectorSet {
    guard point.count == 2 else { throw Error.pointDimension(point.count) }
    for (i, v) in directions.enumerated() where v.count != 2 {
      throw Error.directionDimension(row: i + 1, count: v.count)
    }
    let f = function.checked
    let units = try directions.map { try Differentiation.unitVector($0, dimension: 2) }
    let rates = try units.map {
      try Differentiation.derivative(of: { f($0) }, at: point, along: $0).derivative
    }
    let given = try directions.map {
      try Differentiation.derivative(of: { f($0) }, at: point, along: $0).derivative
    }
    return try VectorSet(
      name: "directional-derivative",
      parameters: [
        .init("function", .text(function.formula)), .init("point", .numbers(point)),
        .init("direction", .matrix(directions)),
      ],
      outputs: [
        .init("value", .number(f(point))),
        .init("gradient", .numbers(Differentiation.gradient(of: { f($0) }, at: point))),
        .init("unit_direction", .matrix(units)),
        .init("directional_derivative", .numbers(rates)),
        .init("derivative_along_given", .numbers(given)),
      ],
      checks: checks)
  }
}
