import ReferenceNumerics

/// The golden vectors of article 7: the classification and stationary point of a quadratic.
public enum QuadraticFormVectors {
  /// The conventions of f, as the CLI names them.
  public enum Convention: String, Sendable, Hashable, CaseIterable {
    /// f = x^T A x / 2 + b^T x + c, Hessian A.
    case half
    /// f = x^T A x + b^T x + c, Hessian 2A.
    case plain
  }

  /// The checks whose claims verify the classification, stationary point, eigenvalues,
  /// Hessian, value, gradient and directional derivative.
  public static let checks = [
    "quadratic.matrix-form", "quadratic.stationary-point", "quadratic.gradient",
    "quadratic.identity", "quadratic.classification", "quadratic.degenerate",
    "quadratic.example", "gradient.directional-derivative", "gradient.accuracy",
  ]

  /// Returns the classification, stationary point and value, eigenvalues and Hessian of
  /// `f(x) = x^T A x / 2 + b^T x + c` (or without the 1/2), and at a point its value, gradient
  /// and the directional derivative along the normalised direction.
  ///
  /// The stationary point and value are absent (JSON `null`) when f has none.
  ///
  /// - Throws: `QuadraticForm.Error` for a matrix that is not square, not exactly symmetric or
  ///   zero, for lengths that do not match, and for results that overflow; `Differentiation`
  ///   errors for a zero direction; `VectorSet.Error` for an output that is not finite.
  public static func quadratic(
    matrix: [[Double]], linear: [Double], constant: Double, convention: Convention,
    point: [Double]?, direction: [Double]?
  ) throws -> VectorSet {
    let form = try QuadraticForm(
      matrix: Matrix(matrix), linear: linear, constant: constant,
      convention: convention == .half ? .half : .plain)
    var parameters: [VectorSet.Entry] = [
      .init("matrix", .matrix(matrix)), .init("linear", .numbers(linear)),
      .init("constant", .number(constant)), .init("convention", .text(convention.rawValue)),
    ]
    var outputs: [VectorSet.Entry] = [
      .init("classification", .text(form.classification.rawValue)),
      .init("stationary_point", form.stationaryPoint.map(VectorValue.numbers) ?? .absent),
      .init("stationary_value", form.stationaryValue.map(VectorValue.number) ?? .absent),
      .init("eigenvalues", .numbers(form.eigenvalues)),
      .init("hessian", .matrix((0..<form.dimension).map { form.hessian.row($0) })),
    ]
    if let point {
      parameters.append(.init("point", .numbers(point)))
      outputs.append(.init("value", .number(try form.value(at: point))))
      outputs.append(.init("gradient", .numbers(try form.gradient(at: point))))
      if let direction {
        parameters.append(.init("direction", .numbers(direction)))
        let rate = try Differentiation.directionalDerivative(
          of: { form.evaluate($0) }, at: point, along: direction)
        outputs.append(.init("directional_derivative", .number(rate)))
      }
    }
    return try VectorSet(
      name: "quadratic", parameters: parameters, outputs: outputs, checks: checks)
  }
}
