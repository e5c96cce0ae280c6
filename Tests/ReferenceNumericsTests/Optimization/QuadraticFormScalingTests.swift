// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

/// fl(1e-320) = 2024 * 2^-1074 (a subnormal literal does not compile).
private let subnormal = Double(sign: .plus, exponent: -1074, significand: 2024)

/// Quadratic forms whose matrices are near the overflow threshold or tiny: the classification is
/// the same for A and 2^k A, and x* is right or the initializer throws `.overflow`.
@Suite("Quadratic forms at the extremes of the exponent range")
struct QuadraticFormScalingTests {
  @Test("The saddle a * [[1, 1], [1, -1]] with b = (1, 1) near overflow")
  func hugeSaddle() throws {
    // x* = -A^-1 b = (-1/a, 0) and f* = -1/(2a), exactly; the eigenvalues are +-sqrt(2) a
    // (from mpmath at 40 digits, rounded to Double).
    let cases: [(Double, Double)] = [
      (1e308, 1.4142135623730951e308),
      (9e307, 1.2727922061357856e308),
      (1e307, 1.4142135623730951e307),
    ]
    for (a, root) in cases {
      let x0 = -1 / a  // correctly rounded, though subnormal for the first two
      let form = try QuadraticForm(
        matrix: Matrix([[a, a], [a, -a]]), linear: [1, 1], constant: 0)
      #expect(form.classification == .saddle)
      #expect(form.eigenvalues[0].isApproximatelyEqual(to: -root, relativeTolerance: 4e-16))
      #expect(form.eigenvalues[1].isApproximatelyEqual(to: root, relativeTolerance: 4e-16))
      let x = try #require(form.stationaryPoint)
      #expect(x[0].isApproximatelyEqual(to: x0, relativeTolerance: 1e-15))
      #expect(abs(x[1]) <= 1e-15 * abs(x0))
      let value = try #require(form.stationaryValue)
      #expect(value.isApproximatelyEqual(to: x0 / 2, relativeTolerance: 2e-15))
    }
  }

  @Test("a * [[1, 1], [1, 1]] is a degenerate minimum at every scale, even with 2a = inf")
  func hugeDegenerate() throws {
    for a in [1e308, 1e300, 1.0, 1e-300, subnormal] {
      // b = (a, a) keeps x* = (-1/2, -1/2) finite; b = (1, 1) only for normal a.
      let form = try QuadraticForm(
        matrix: Matrix([[a, a], [a, a]]), linear: a >= 1e-300 ? [1, 1] : [a, a], constant: 0)
      #expect(form.classification == .degenerateMinimum, "a = \(a)")
      #expect(form.rank == 1)
      if a >= 1e-300 {
        // x* = -A^+ b = -(1 / (2a), 1 / (2a)), the minimum-norm minimizer; f* = -1 / (2a).
        let x = try #require(form.stationaryPoint)
        #expect(x[0].isApproximatelyEqual(to: -0.5 / a, relativeTolerance: 1e-15))
        #expect(x[1].isApproximatelyEqual(to: -0.5 / a, relativeTolerance: 1e-15))
      }
    }
    let form = try QuadraticForm(
      matrix: Matrix([[1e308, 1e308], [1e308, 1e308]]), linear: [1, 1], constant: 0)
    // The eigenvalue 2e308 exceeds Double's range.
    #expect(form.eigenvalues[1] == .infinity)
    // b = (1, -1) is orthogonal to the range: no stationary point, at every scale.
    for a in [1e308, 1.0, subnormal] {
      let form = try QuadraticForm(
        matrix: Matrix([[a, a], [a, a]]), linear: [1, -1], constant: 0)
      #expect(form.classification == .noStationaryPoint, "a = \(a)")
    }
  }

  @Test("A stationary point beyond Double's range throws .overflow")
  func overflowingPoint() throws {
    // x* = -(1e320, 1e320) for A = 1e-320 I and b = (1, 1).
    #expect(throws: QuadraticForm<Double>.Error.overflow("stationary point x*")) {
      try QuadraticForm(
        matrix: Matrix([[subnormal, 0], [0, subnormal]]), linear: [1, 1], constant: 0)
    }
    // A = 1e-300 I: x* = -1 / fl(1e-300) = -9.999999999999999749e299 (mpmath at 40 digits).
    let form = try QuadraticForm(
      matrix: Matrix([[1e-300, 0], [0, 1e-300]]), linear: [1, 1], constant: 0)
    #expect(form.classification == .minimum)
    let x = try #require(form.stationaryPoint)
    #expect(x[0].isApproximatelyEqual(to: -9.999999999999999749e299, relativeTolerance: 4e-16))
    // A = 1e-300 I with b = (1e-300, 0): x* = (-1, 0) exactly (b / a with b = a).
    let unit = try QuadraticForm(
      matrix: Matrix([[1e-300, 0], [0, 1e-300]]), linear: [1e-300, 0], constant: 0)
    #expect(try #require(unit.stationaryPoint) == [-1, 0])
    // The value f* = c + b^T x* / 2 = -1e200 * 1e200 / 2 overflows even though x* does not.
    #expect(throws: QuadraticForm<Double>.Error.overflow("stationary value f(x*)")) {
      try QuadraticForm(matrix: Matrix([[1, 0], [0, 1]]), linear: [1e200, 0], constant: 0)
    }
  }

  @Test("The classification is the same for A and 2^k A", arguments: [-1070, -600, 0, 600, 1020])
  func scaleInvariantClassification(k: Int) throws {
    let factor = Double(sign: .plus, exponent: k, significand: 1)
    let matrices: [[[Double]]] = [
      [[2, 1], [1, 3]],  // minimum
      [[-2, 1], [1, -3]],  // maximum
      [[1, 2], [2, 1]],  // saddle
      [[1, 1], [1, 1]],  // degenerate minimum (b in range)
      [[-1, -1], [-1, -1]],  // degenerate maximum
      [[1, 0, 0], [0, -1, 0], [0, 0, 0]],  // degenerate saddle
    ]
    for rows in matrices {
      let n = rows.count
      let b = (0..<n).map { i in i == 2 ? 0 : 1.0 }
      let reference = try QuadraticForm(matrix: Matrix(rows), linear: b, constant: 0)
      // b scales with A, so that x* is the same (and finite).
      let scaled = try QuadraticForm(
        matrix: Matrix(rows.map { $0.map { $0 * factor } }), linear: b.map { $0 * factor },
        constant: 0)
      #expect(scaled.stationaryPoint == reference.stationaryPoint)
      #expect(scaled.classification == reference.classification, "k = \(k), A = \(rows)")
      #expect(scaled.rank == reference.rank)
    }
  }

  @Test("Float: a saddle near Float's overflow threshold")
  func floatSaddle() throws {
    let a: Float = 2e38
    let form = try QuadraticForm(
      matrix: Matrix<Float>([[a, a], [a, -a]]), linear: [1, 1], constant: 0)
    #expect(form.classification == .saddle)
    // sqrt(2) * Float(2e38) = 2.8284270461785455e38 (mpmath at 40 digits).
    #expect(
      form.eigenvalues[1].isApproximatelyEqual(to: 2.8284270461785455e38, relativeTolerance: 3e-7))
    let x = try #require(form.stationaryPoint)
    #expect(x[0].isApproximatelyEqual(to: -1 / a, relativeTolerance: 3e-7))
    #expect(abs(x[1]) <= 1e-6 * abs(x[0]))
  }
}

/// Widely graded matrices keep every eigenvalue to full relative accuracy.
///
/// Scaling the largest entry down to 1 would push the small ones into the subnormals (issue 8:
/// the eigenvalue 1e-160 came out as 9.998941312136778e-161, and 1e-170 as 0).
@Suite("Quadratic forms with widely graded matrices")
struct QuadraticFormGradedTests {
  @Test(
    "Diagonal matrices keep their small eigenvalue exactly",
    arguments: [(1e160, 1e-160), (1e170, 1e-170), (1e200, 1e-100), (1e300, 1e-10), (1, 1e-300)])
  func gradedDiagonal(large: Double, small: Double) throws {
    let form = try QuadraticForm(
      matrix: Matrix([[large, 0], [0, small]]), linear: [0, 0], constant: 0)
    #expect(form.eigenvalues == [small, large])
    // The rank counts eigenvalues above 16 n u times the largest, so the small one is zero.
    #expect(form.rank == 1)
    #expect(form.classification == .degenerateMinimum)
  }

  @Test("A graded 3 x 3 matrix keeps its eigenvalues to a few ulps")
  func gradedTridiagonal() throws {
    // Each eigenvalue is the Schur complement of the entries above it: 1e160 (1 + 1e-160),
    // 2 - (1e80)^2 / 1e160 = 1, and 3e-160 - (1e-80)^2 / 1 = 2e-160 (mpmath at 400 digits).
    let form = try QuadraticForm(
      matrix: Matrix([[1e160, 1e80, 0], [1e80, 2, 1e-80], [0, 1e-80, 3e-160]]),
      linear: [0, 0, 0], constant: 0)
    let expected = [2e-160, 1.0, 1e160]
    for (value, reference) in zip(form.eigenvalues, expected) {
      #expect(value.isApproximatelyEqual(to: reference, relativeTolerance: 1e-14))
    }
  }
}
