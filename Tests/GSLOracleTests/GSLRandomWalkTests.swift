import GSLOracle
import Testing

@Suite("GSL wrappers for the random walk")
struct GSLRandomWalkTests {
  @Test("Binomial tails, the Gaussian density and C(n, k) match mpmath")
  func values() throws {
    // mpmath at 45 digits.
    let lower = try GSL.binomialCumulative(10, trials: 37, probability: 0.5)
    #expect(abs(lower - 0.0038160393014550209045) <= 1e-12 * 0.0038160393014550209045)
    let upper = try GSL.binomialSurvival(10, trials: 37, probability: 0.5)
    #expect(abs(upper - 0.9961839606985449791) <= 1e-12 * 0.9961839606985449791)
    let density = try GSL.gaussianDensity(0, sigma: 10)
    #expect(abs(density - 0.039894228040143267794) <= 1e-14 * 0.039894228040143267794)
    #expect(try GSL.choose(10, 5).value == 252)
  }

  @Test("Refuses bad arguments before GSL sees them")
  func refuses() {
    #expect(throws: GSLError.self) { try GSL.binomialCumulative(-1, trials: 3, probability: 0.5) }
    #expect(throws: GSLError.self) { try GSL.binomialSurvival(1, trials: 3, probability: .nan) }
    #expect(throws: GSLError.self) { try GSL.gaussianDensity(0, sigma: 0) }
    #expect(throws: GSLError.self) { try GSL.choose(3, 5) }
  }
}
