import RealModule
import ReferenceNumerics
import Testing

@Suite("Quadratic forms")
struct QuadraticFormTests {
  static func example(_ convention: QuadraticForm<Double>.Convention) throws -> QuadraticForm<
    Double
  > {
    try QuadraticForm(
      matrix: Matrix([[2, 1], [1, 3]]), linear: [-1, -2], constant: 5, convention: convention)
  }

  @Test("The worked example in the half convention")
  func halfExample() throws {
    let form = try Self.example(.half)
    #expect(form.classification == .minimum)
    let x = try #require(form.stationaryPoint)
    #expect(x[0].isApproximatelyEqual(to: 0.2, relativeTolerance: 1e-15))
    #expect(x[1].isApproximatelyEqual(to: 0.6, relativeTolerance: 1e-15))
    #expect(
      try #require(form.stationaryValue).isApproximatelyEqual(to: 4.3, relativeTolerance: 1e-15))
    // (5 -+ sqrt 5) / 2, exact in closed form.
    let root5 = 5.0.squareRoot()
    #expect(form.eigenvalues[0].isApproximatelyEqual(to: (5 - root5) / 2, relativeTolerance: 1e-15))
    #expect(form.eigenvalues[1].isApproximatelyEqual(to: (5 + root5) / 2, relativeTolerance: 1e-15))
    #expect(form.definitenessBySylvester == .positive)
  }

  @Test("The worked example in the plain convention")
  func plainExample() throws {
    let form = try Self.example(.plain)
    let x = try #require(form.stationaryPoint)
    #expect(x[0].isApproximatelyEqual(to: 0.1, relativeTolerance: 1e-15))
    #expect(x[1].isApproximatelyEqual(to: 0.3, relativeTolerance: 1e-15))
    #expect(
      try #require(form.stationaryValue).isApproximatelyEqual(to: 4.65, relativeTolerance: 1e-15))
  }

  @Test("Singular matrices: b in the range or not")
  func singular() throws {
    let a = try Matrix<Double>([[1, 1], [1, 1]])
    let inside = try QuadraticForm(matrix: a, linear: [2, 2], constant: 0)
    #expect(inside.classification == .degenerateMinimum)
    let x = try #require(inside.stationaryPoint)
    #expect(x[0].isApproximatelyEqual(to: -1, relativeTolerance: 1e-14))
    #expect(x[1].isApproximatelyEqual(to: -1, relativeTolerance: 1e-14))
    let outside = try QuadraticForm(matrix: a, linear: [1, -1], constant: 0)
    #expect(outside.classification == .noStationaryPoint)
    #expect(outside.stationaryPoint == nil)
    let saddle = try QuadraticForm(
      matrix: Matrix([[1, 0], [0, -1]]), linear: [0, 0], constant: 0)
    #expect(saddle.classification == .saddle)
  }

  @Test("A non-symmetric matrix is refused, or symmetrised on request")
  func symmetry() throws {
    let m = try Matrix<Double>([[1, 2], [0, 1]])
    #expect(throws: QuadraticForm<Double>.Error.self) {
      try QuadraticForm(matrix: m, linear: [0, 0], constant: 0)
    }
    let form = try QuadraticForm(coefficients: m, linear: [0, 0], constant: 0, convention: .plain)
    #expect(form.matrix[0, 1] == 1)
    #expect(try form.value(at: [1, 1]) == 4)
    #expect(throws: QuadraticForm<Double>.Error.zeroMatrix) {
      try QuadraticForm(matrix: Matrix([[0, 0], [0, 0]]), linear: [1, 1], constant: 0)
    }
    #expect(throws: QuadraticForm<Double>.Error.dimensionMismatch(expected: 2, got: 1)) {
      try QuadraticForm(matrix: Matrix([[1, 0], [0, 1]]), linear: [1], constant: 0)
    }
  }

  @Test("The gradient agrees with dual numbers, and descent reaches x*")
  func gradientAndDescent() throws {
    let form = try Self.example(.half)
    let x = [0.7, -1.3]
    let dual = Differentiation.gradient(of: { form.evaluate($0) }, at: x)
    let ours = try form.gradient(at: x)
    #expect(
      zip(dual, ours).allSatisfy { $0.isApproximatelyEqual(to: $1, relativeTolerance: 1e-14) })
    let path = try GradientDescent.iterates(
      of: { form.evaluate($0) }, from: [3.0, -2], step: 1 / form.eigenvalues[1], iterations: 200)
    let last = try #require(path.last)
    #expect(abs(last[0] - 0.2) < 1e-12 && abs(last[1] - 0.6) < 1e-12)
  }
}

@Suite("Quadratic form: stationary point accuracy")
struct QuadraticFormAccuracyTests {
  struct Example: Sendable {
    var matrix: [[Double]]
    var linear: [Double]
    var expected: [Double]
  }

  /// Exact fractions rounded to the nearest double (sympy's exact solve agrees).
  static let examples: [Example] = [
    Example(matrix: [[2, 1], [1, 3]], linear: [-1, -2], expected: [0.2, 0.6]),
    Example(matrix: [[2, 1], [1, 3]], linear: [1, 2], expected: [-0.2, -0.6]),
    Example(
      matrix: [[4, 1, 0], [1, 3, 1], [0, 1, 2]], linear: [1, 1, 1],
      expected: [-2.0 / 9, -1.0 / 9, -4.0 / 9]),
  ]

  /// Checks that x* = -A^-1 b is correctly rounded for a well-conditioned A.
  @Test("The stationary point is the nearest double to the exact solution", arguments: examples)
  func stationaryPointIsCorrectlyRounded(_ example: Example) throws {
    let form = try QuadraticForm(
      matrix: Matrix(example.matrix), linear: example.linear, constant: 0)
    #expect(form.stationaryPoint == example.expected)
  }
}
