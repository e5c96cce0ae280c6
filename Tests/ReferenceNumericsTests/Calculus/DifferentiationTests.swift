import RealModule
import ReferenceNumerics
import Testing

@Suite("Forward-mode derivatives with dual numbers")
struct DifferentiationTests {
  static func squares<T: DifferentiableScalar>(_ p: [T]) -> T { p[0] * p[0] + p[1] * p[1] }

  @Test("The article's example: grad f(1, 2) = (2, 4), D along (3, 4) = 22/5")
  func workedExample() throws {
    #expect(Differentiation.gradient(of: Self.squares, at: [1.0, 2]) == [2, 4])
    let d = try Differentiation.directionalDerivative(
      of: Self.squares, at: [1.0, 2], along: [3, 4])
    // 22/5 rounded: 6/5 + 16/5 computed from the rounded unit vector (0.6, 0.8).
    #expect(d.isApproximatelyEqual(to: 4.4, relativeTolerance: 4 * Double.ulpOfOne))
    let raw = try Differentiation.derivative(of: Self.squares, at: [1.0, 2], along: [3, 4])
    #expect(raw.derivative == 22)
    #expect(raw.value == 5)
  }

  @Test("Elementary functions have their textbook derivatives", arguments: [0.3, 1.7, 2.5])
  func elementary(x: Double) {
    let exp = Differentiation.derivative(of: { Dual.exp($0) }, at: x)
    let log = Differentiation.derivative(of: { Dual.log($0) }, at: x)
    let sin = Differentiation.derivative(of: { Dual.sin($0) }, at: x)
    let root = Differentiation.derivative(of: { Dual.sqrt($0) }, at: x)
    let cube = Differentiation.derivative(of: { Dual.pow($0, 3) }, at: x)
    #expect(exp == Double.exp(x))
    #expect(log == 1 / x)
    #expect(sin == Double.cos(x))
    #expect(root.isApproximatelyEqual(to: 0.5 / x.squareRoot(), relativeTolerance: 1e-15))
    #expect(cube.isApproximatelyEqual(to: 3 * x * x, relativeTolerance: 1e-15))
  }

  @Test("Nested duals give the Hessian of sin(x) exp(y)")
  func hessian() {
    let h = Differentiation.hessian(of: { p in Dual.sin(p[0]) * Dual.exp(p[1]) }, at: [0.5, 0.25])
    let s = Double.sin(0.5) * Double.exp(0.25)
    let c = Double.cos(0.5) * Double.exp(0.25)
    #expect(h[0][0].isApproximatelyEqual(to: -s, relativeTolerance: 1e-15))
    #expect(h[0][1].isApproximatelyEqual(to: c, relativeTolerance: 1e-15))
    #expect(h[1][0] == h[0][1])
    #expect(h[1][1].isApproximatelyEqual(to: s, relativeTolerance: 1e-15))
  }

  @Test("Float and Double agree to Float precision")
  func floatPrecision() throws {
    let f = try Differentiation.directionalDerivative(
      of: Self.squares, at: [Float(1), 2], along: [3, 4])
    #expect(Double(f).isApproximatelyEqual(to: 4.4, relativeTolerance: 4 * Double(Float.ulpOfOne)))
  }

  @Test("A zero, non-finite or mismatched direction is refused")
  func badDirections() {
    #expect(throws: Differentiation.Error.zeroDirection) {
      try Differentiation.directionalDerivative(of: Self.squares, at: [1.0, 2], along: [0, 0])
    }
    #expect(throws: Differentiation.Error.dimensionMismatch(point: 2, direction: 3)) {
      try Differentiation.directionalDerivative(of: Self.squares, at: [1.0, 2], along: [1, 0, 0])
    }
    #expect(throws: Differentiation.Error.self) {
      try Differentiation.directionalDerivative(of: Self.squares, at: [1.0, 2], along: [.nan, 1])
    }
  }
}
