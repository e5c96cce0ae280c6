import Foundation
import GSLOracle
import Testing

@Suite("GSL ODE solver")
struct ODETests {
  @Test("dp/dt = w [[0, 1], [-1, 0]] p from (0, 1) gives (sin wt, cos wt)")
  func rotation() throws {
    let w = 0.1
    let p = try GSL.solveLinearSystem([[0, w], [-w, 0]], initial: [0, 1], from: 0, to: 50)
    #expect(abs(p[0] - sin(w * 50)) < 1e-11)
    #expect(abs(p[1] - cos(w * 50)) < 1e-11)
  }

  @Test("Shapes that do not fit are refused")
  func shapes() {
    #expect(throws: GSLError.self) {
      try GSL.solveLinearSystem([[0, 1]], initial: [0, 1], from: 0, to: 1)
    }
  }
}
