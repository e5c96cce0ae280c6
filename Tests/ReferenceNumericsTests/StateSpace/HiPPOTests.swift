// SPDX-License-Identifier: GPL-3.0-or-later

import GSLOracle
import RealModule
import ReferenceNumerics
import Testing

/// Pinned values printed to 8 digits by the reference code (state-spaces/s4 `transition`, and
/// a numpy replica of the hippo-code loops); see ML-CONVENTIONS section 6.
private let printed = 5e-8

private func rows<T>(_ m: Matrix<T>) -> [[Double]] {
  (0..<m.rows).map { i in m.row(i).map { Double($0) } }
}

private func expectClose(_ a: [Double], _ b: [Double], _ bound: Double) {
  #expect(a.count == b.count)
  for (x, y) in zip(a, b) { #expect(abs(x - y) <= bound, "\(a) vs \(b)") }
}

@Suite("HiPPO transition matrices")
struct HiPPOTransitionTests {
  @Test("LegS at N = 4 matches s4's transition('legs', 4)")
  func legS() throws {
    let s = try HiPPO.system(.legS, size: 4, as: Double.self)
    let expected: [[Double]] = [
      [-1, 0, 0, 0], [-1.732051, -2, 0, 0], [-2.236068, -3.872983, -3, 0],
      [-2.645751, -4.582576, -5.916080, -4],
    ]
    for (row, e) in zip(rows(s.transition), expected) { expectClose(row, e, 5e-7) }
    expectClose(s.input, [1, 1.732051, 2.236068, 2.645751], 5e-7)
  }

  @Test("LegT with window 2 is s4's legt; window 1 (hippo-code) is exactly twice it")
  func legT() throws {
    let s4 = try HiPPO.system(.legT, size: 4, window: 2.0)
    expectClose(s4.transition.row(0), [-0.5, 0.866025, -1.118034, 1.322876], 5e-7)
    expectClose(s4.transition.row(3), [-1.322876, -2.291288, -2.958040, -3.5], 5e-7)
    expectClose(s4.input, [0.5, 0.866025, 1.118034, 1.322876], 5e-7)
    let hippoCode = try HiPPO.system(.legT, size: 4, window: 1.0)
    #expect(hippoCode.transition.elements == s4.transition.elements.map { 2 * $0 })
    #expect(hippoCode.input == s4.input.map { 2 * $0 })
  }

  @Test("LMU at N = 4 matches s4, and is S legt S^-1 with S = diag((-1)^n sqrt(2n+1))")
  func lmu() throws {
    let s = try HiPPO.system(.lmu, size: 4, window: 1.0)
    let expected: [[Double]] = [
      [-1, -1, -1, -1], [3, -3, -3, -3], [-5, 5, -5, -5], [7, -7, 7, -7],
    ]
    #expect(rows(s.transition) == expected)
    #expect(s.input == [1, -3, 5, -7])
    let legT = try HiPPO.system(.legT, size: 4, window: 1.0)
    let d: [Double] = (0..<4).map { n -> Double in
      let sign: Double = n % 2 == 0 ? 1 : -1
      return sign * Double(2 * n + 1).squareRoot()
    }
    for i in 0..<4 {
      for k in 0..<4 {
        let similar: Double = d[i] * legT.transition[i, k] / d[k]
        #expect(abs(similar - s.transition[i, k]) < 1e-13)
      }
      #expect(abs(d[i] * legT.input[i] - s.input[i]) < 1e-13)
    }
  }

  @Test("Fourier at N = 4 matches s4")
  func fourier() throws {
    let s = try HiPPO.system(.fourier, size: 4, as: Double.self)
    let r = 2.0.squareRoot()
    let expected: [[Double]] = [
      [-1, 0, -r, 0], [0, 0, 0, 0], [-r, 0, -2, -.pi], [0, 0, .pi, 0],
    ]
    for (row, e) in zip(rows(s.transition), expected) { expectClose(row, e, 1e-15) }
    expectClose(s.input, [1, 0, r, 0], 1e-15)
  }

  @Test("LagT is I/2 - tril(1) with B = 1")
  func lagT() throws {
    let s = try HiPPO.system(.lagT, size: 3, as: Double.self)
    #expect(rows(s.transition) == [[-0.5, 0, 0], [-1, -0.5, 0], [-1, -1, -0.5]])
    #expect(s.input == [1, 1, 1])
  }

  @Test("Bad sizes and windows are refused", arguments: [0, -1, HiPPO.maximumSize + 1])
  func badSize(size: Int) {
    #expect(throws: HiPPO.Error.invalidSize(size)) {
      try HiPPO.system(.legS, size: size, as: Double.self)
    }
  }

  @Test("A NaN or negative window is refused", arguments: [Double.nan, -1, 0, .infinity])
  func badWindow(window: Double) {
    #expect(throws: HiPPO.Error.self) { try HiPPO.system(.legT, size: 3, window: window) }
  }
}

@Suite("HiPPO discretisation and LegS recurrence")
struct HiPPODiscretizationTests {
  @Test("s4 LegT, N = 4, dt = 0.1, bilinear matches ML-CONVENTIONS")
  func bilinearLegT() throws {
    let s = try HiPPO.system(.legT, size: 4, window: 2.0)
    let d = try HiPPO.discretize(s, step: 0.1, method: .bilinear)
    expectClose(d.transition.row(0), [0.94771393, 0.07811485, -0.10178832, 0.08921301], printed)
    expectClose(d.input, [0.05228607, 0.07811485, 0.10178832, 0.08921301], printed)
  }

  @Test("The zero-order hold from the block exponential matches A^-1 (e^(dt A) - I) B at dt = 1")
  func zeroOrderHold() throws {
    let s = try HiPPO.system(.legS, size: 6, as: Double.self)
    let d = try HiPPO.discretize(s, step: 1, method: .zeroOrderHold)
    let e = try GSL.matrixExponential(rows(s.transition))
    for i in 0..<6 { expectClose(d.transition.row(i), e[i], 1e-13) }
    let minusI = (0..<6).map { i in (0..<6).map { k in e[i][k] - (i == k ? 1 : 0) } }
    let y = try GSL.multiply(minusI, s.input)
    expectClose(d.input, try GSL.luSolve(rows(s.transition), y), 1e-13)
  }

  @Test("Bad steps and alphas are refused")
  func badArguments() throws {
    let s = try HiPPO.system(.legT, size: 3, window: 1.0)
    #expect(throws: HiPPO.Error.self) { try HiPPO.discretize(s, step: .nan, method: .bilinear) }
    #expect(throws: HiPPO.Error.self) { try HiPPO.discretize(s, step: -1, method: .bilinear) }
    #expect(throws: HiPPO.Error.invalidAlpha(2)) {
      try HiPPO.discretize(s, step: 0.1, method: .generalizedBilinear(alpha: 2))
    }
    #expect(throws: HiPPO.Error.self) {
      try HiPPO.legSStates(signal: [1, Double.nan], size: 3)
    }
  }

  /// ML-CONVENTIONS section 6.5, N = 4, f = [1, -0.5, 0.25, 2, 0, -1]: the last state.
  static let table: [(HiPPO.LegSScheme, HiPPO.FirstStep, [Double])] = [
    (.forwardEuler, .zeroState, [0.29166667, -0.38971143, -0.63355259, -1.80793006]),
    (.forwardEuler, .firstSample, [0.15, -0.21650635, -1.62114928, 0]),
    (.backwardEuler, .zeroState, [0.25, -0.15464739, -0.2795085, -0.1574852]),
    (.backwardEuler, .firstSample, [0.29166667, -0.27836531, -0.22626878, -0.21522977]),
    (.bilinear, .zeroState, [0.26923077, -0.23950519, -0.43593273, -0.43016586]),
    (.bilinear, .firstSample, [0.22727273, -0.27817786, -0.50715481, -0.62293655]),
    (.zeroOrderHold, .zeroState, [0.25, -0.17673988, -0.41070636, -0.32507149]),
    (.zeroOrderHold, .firstSample, [0.29166667, -0.32475953, -0.35197366, -0.48842284]),
  ]

  @Test("The LegS recurrence reproduces the reference loops, dense and fast", arguments: 0..<8)
  func legSTable(row: Int) throws {
    let (scheme, first, expected) = Self.table[row]
    let f: [Double] = [1, -0.5, 0.25, 2, 0, -1]
    for fast in [true, false] {
      let states = try HiPPO.legSStates(
        signal: f, size: 4, scheme: scheme, firstStep: first, fast: fast)
      expectClose(states.last ?? [], expected, printed)
      let single = try HiPPO.legSStates(
        signal: f.map { Float($0) }, size: 4, scheme: scheme, firstStep: first, fast: fast)
      expectClose((single.last ?? []).map { Double($0) }, expected, 1e-5)
    }
  }

  @Test("The O(N) multiply and solve equal the dense forms", arguments: [1, 2, 7, 64])
  func fastEqualsDense(size: Int) throws {
    let s = try HiPPO.system(.legS, size: size, as: Double.self)
    let x = (0..<size).map { Double.sin(Double($0) * 1.7 + 0.3) }
    expectClose(HiPPO.legSMultiply(x), try s.transition.multiplied(by: x), 1e-12 * Double(size))
    let lambda = 0.37
    let left = try Matrix<Double>.identity(size) - s.transition.scaled(by: lambda)
    let z = try LUDecomposition(left).solve(x)
    expectClose(HiPPO.legSSolve(lambda: lambda, x), z, 1e-12 * Double(size))
  }
}

@Suite("Legendre polynomials, Gauss-Legendre quadrature and the matrix exponential")
struct LegendreTests {
  @Test("(t + 1) P_5'(0.3) = -0.21913125 = -6 P_5(0.3) + sum of (2k+1) P_k(0.3) (A10.3.1)")
  func identity() {
    let t = 0.3
    let p = Legendre.values(6, at: t)
    let d = Legendre.derivatives(6, at: t)
    let right = -6 * p[5] + (0...5).reduce(0) { $0 + Double(2 * $1 + 1) * p[$1] }
    #expect(abs((t + 1) * d[5] - -0.21913125) < 1e-15)
    #expect(abs(right - -0.21913125) < 1e-15)
  }

  @Test(
    "An n-point rule integrates x^(2n - 2) exactly and its weights add up to 2",
    arguments: [1, 2, 5, 20, 100])
  func exactness(points: Int) throws {
    let rule = try GaussLegendre(points: points)
    #expect(abs(rule.weights.reduce(0, +) - 2) < 1e-14)
    let degree = 2 * points - 2
    let exact = 2 / Double(degree + 1)
    let value = rule.integrate(from: -1, to: 1) { Double.pow($0, degree) }
    #expect(abs(value - exact) < 1e-14)
  }

  @Test("exp of a diagonal and of a rotation generator are exact to rounding")
  func exponential() throws {
    let d = try Matrix<Double>.diagonal([1, -1, 20]).exponential()
    // |A| = 20 needs s = 6 squarings, and each can double the relative error of the small
    // entries (a known weakness of scaling and squaring): 64 ulp.
    #expect(abs(d[0, 0] - Double.exp(1)) <= 64 * Double.ulpOfOne * Double.exp(1))
    #expect(abs(d[2, 2] - Double.exp(20)) <= 64 * Double.ulpOfOne * Double.exp(20))
    let r = try Matrix<Double>([[0, 1], [-1, 0]]).scaled(by: 3).exponential()
    #expect(abs(r[0, 0] - Double.cos(3)) < 1e-14)
    #expect(abs(r[0, 1] - Double.sin(3)) < 1e-14)
  }
}
