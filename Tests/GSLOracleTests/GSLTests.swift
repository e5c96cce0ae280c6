import GSLOracle
import Glibc
import Testing

/// Returns |value - expected| / |expected|, or |value| when `expected` is 0.
///
/// This test target depends only on `GSLOracle` (no RealModule), hence this helper
/// in place of `isApproximatelyEqual`.
func relativeError(_ value: Double, _ expected: Double) -> Double {
  expected == 0 ? abs(value) : abs(value - expected) / abs(expected)
}

/// GSL's documented accuracy for these distributions is a few ulps near the body.
let distributionTolerance = 64 * Double.ulpOfOne

@Suite("GSL distributions match mpmath")
struct GSLDistributionTests {
  // Expected values from mpmath at 60 digits, rounded to Double.
  @Test(
    "Poisson probability",
    arguments: zip(
      [(3, 3.0), (0, 0.5), (10, 4.25)],
      [0.22404180765538775, 0.6065306597126334, 0.007557440202261482]))
  func poissonProbability(input: (Int, Double), expected: Double) throws {
    let value = try GSL.poissonProbability(input.0, mean: input.1)
    #expect(relativeError(value, expected) <= distributionTolerance)
  }

  @Test("Poisson cumulative and survival")
  func poissonCumulative() throws {
    // mpmath, 60 digits: P(N <= 3; 3), P(N > 3; 3), P(N <= 10; 4.25).
    #expect(
      relativeError(try GSL.poissonCumulative(3, mean: 3), 0.6472318887822313)
        <= distributionTolerance)
    #expect(
      relativeError(try GSL.poissonSurvival(3, mean: 3), 0.35276811121776874)
        <= distributionTolerance)
    #expect(
      relativeError(try GSL.poissonCumulative(10, mean: 4.25), 0.9955659058598357)
        <= distributionTolerance)
  }

  @Test("Exponential takes a rate, not GSL's mean")
  func exponential() throws {
    // mpmath, 60 digits: t = 0.5, rate = 2, so rate * t = 1.
    #expect(
      relativeError(try GSL.exponentialDensity(0.5, rate: 2), 0.7357588823428847)
        <= distributionTolerance)
    #expect(
      relativeError(try GSL.exponentialCumulative(0.5, rate: 2), 0.6321205588285577)
        <= distributionTolerance)
    #expect(
      relativeError(try GSL.exponentialSurvival(0.5, rate: 2), 0.36787944117144233)
        <= distributionTolerance)
    #expect(try GSL.exponentialSurvival(-1, rate: 2) == 1)
  }

  @Test("Binomial and chi-square")
  func binomialAndChiSquare() throws {
    // mpmath, 60 digits: C(10, 3) 0.3^3 0.7^7; Q(4 / 2, 3.5 / 2).
    #expect(
      relativeError(try GSL.binomialProbability(3, trials: 10, probability: 0.3), 0.266827932)
        <= distributionTolerance)
    #expect(try GSL.binomialProbability(11, trials: 10, probability: 0.3) == 0)
    #expect(
      relativeError(try GSL.chiSquareSurvival(3.5, degreesOfFreedom: 4), 0.47787834448872407)
        <= distributionTolerance)
  }

  @Test("Incomplete and log gamma, within GSL's own error estimate")
  func specialFunctions() throws {
    // mpmath, 60 digits.
    let upper = try GSL.gammaIncQ(2.5, 1.5)
    #expect(abs(upper.value - 0.6999858358786275) <= max(upper.error, 2e-16))
    let lower = try GSL.gammaIncP(2.5, 1.5)
    #expect(abs(lower.value - 0.3000141641213725) <= max(lower.error, 2e-16))
    let logGamma = try GSL.logGamma(10.5)
    #expect(abs(logGamma.value - 13.940625219403763) <= max(logGamma.error, 4e-15))
    let logGammaHalf = try GSL.logGamma(0.5)
    #expect(abs(logGammaHalf.value - 0.5723649429247001) <= max(logGammaHalf.error, 2e-16))
  }

  @Test("The version is GSL's")
  func version() {
    #expect(GSL.version.hasPrefix("2."))
  }
}

@Suite("GSL rejects bad arguments with GSLError and never aborts")
struct GSLErrorTests {
  @Test(
    "Poisson with a bad mean or count",
    arguments: [
      (3, Double.nan), (3, -1), (3, .infinity), (-1, 3), (Int(UInt32.max) + 1, 3),
    ])
  func poisson(k: Int, mean: Double) {
    #expect(throws: GSLError.domain) { try GSL.poissonProbability(k, mean: mean) }
    #expect(throws: GSLError.domain) { try GSL.poissonCumulative(k, mean: mean) }
    #expect(throws: GSLError.domain) { try GSL.poissonSurvival(k, mean: mean) }
  }

  @Test(
    "Exponential with a bad rate or point",
    arguments: [
      (1.0, -2.0), (1, 0), (1, .nan), (1, .infinity), (.nan, 1), (1, .leastNonzeroMagnitude),
    ])
  func exponential(t: Double, rate: Double) {
    #expect(throws: GSLError.domain) { try GSL.exponentialDensity(t, rate: rate) }
    #expect(throws: GSLError.domain) { try GSL.exponentialCumulative(t, rate: rate) }
    #expect(throws: GSLError.domain) { try GSL.exponentialSurvival(t, rate: rate) }
  }

  @Test(
    "Binomial with a bad count or probability",
    arguments: [
      (-1, 10, 0.5), (1, -10, 0.5), (1, 10, -0.1), (1, 10, 1.5), (1, 10, .nan),
    ])
  func binomial(k: Int, trials: Int, probability: Double) {
    #expect(throws: GSLError.domain) {
      try GSL.binomialProbability(k, trials: trials, probability: probability)
    }
  }

  @Test(
    "Chi-square with degrees of freedom that are not positive",
    arguments: [
      (1.0, 0.0), (1, -1), (1, .nan), (.nan, 2), (1, .infinity),
    ])
  func chiSquare(x: Double, degreesOfFreedom: Double) {
    #expect(throws: GSLError.domain) {
      try GSL.chiSquareSurvival(x, degreesOfFreedom: degreesOfFreedom)
    }
  }

  @Test(
    "Special functions outside their domain",
    arguments: [
      (0.0, 1.0), (-1, 1), (1, -1), (.nan, 1), (1, .nan), (.infinity, 1),
    ])
  func incompleteGamma(a: Double, x: Double) {
    #expect(throws: GSLError.domain) { try GSL.gammaIncQ(a, x) }
    #expect(throws: GSLError.domain) { try GSL.gammaIncP(a, x) }
  }

  @Test("Log gamma at poles and non-finite input", arguments: [0.0, -3, .nan, .infinity])
  func logGamma(x: Double) {
    #expect(throws: GSLError.domain) { try GSL.logGamma(x) }
  }

  @Test("The error names the call and GSL's message")
  func description() {
    do {
      _ = try GSL.poissonProbability(3, mean: -1)
      Issue.record("expected a GSLError")
    } catch {
      #expect(error.rawValue == 1)
      #expect(error.description.contains("gsl_ran_poisson_pdf(k: 3, mean: -1.0)"))
      #expect(error.description.contains("input domain error"))
    }
  }
}

@Suite("GSL calculus")
struct GSLCalculusTests {
  @Test("The integral of exp(-x) over [0, infinity) is 1")
  func integrateToInfinity() throws {
    let result = try GSL.integrate(from: 0, to: .infinity) { exp(-$0) }
    #expect(abs(result.value - 1) <= max(result.error, 1e-12))
  }

  @Test("The integral of 27 x^2 over [0, 1] is 9, with captured state")
  func integrateFinite() throws {
    let scale = 3.0
    let result = try GSL.integrate(from: 0, to: 1) { x in scale * scale * scale * x * x }
    #expect(abs(result.value - 9) <= max(result.error, 1e-12))
  }

  @Test("The integral of exp(-x^2) over the real line is sqrt(pi)")
  func integrateBothInfinite() throws {
    let result = try GSL.integrate(from: -.infinity, to: .infinity) { exp(-$0 * $0) }
    #expect(abs(result.value - Double.pi.squareRoot()) <= max(result.error, 1e-12))
  }

  @Test(
    "Bad limits and tolerances throw",
    arguments: [
      (Double.nan, 1.0, 1e-10), (0, .nan, 1e-10), (.infinity, 1, 1e-10), (0, 1, 1e-17),
    ])
  func integrateRejects(lower: Double, upper: Double, tolerance: Double) {
    #expect(throws: GSLError.domain) {
      try GSL.integrate(from: lower, to: upper, relativeTolerance: tolerance) { $0 }
    }
  }

  @Test("The derivative of x^2 at 1 is 2")
  func derivative() throws {
    let result = try GSL.derivative(of: { $0 * $0 }, at: 1)
    #expect(abs(result.value - 2) <= max(result.error, 1e-9))
    #expect(throws: GSLError.domain) { try GSL.derivative(of: { $0 }, at: .nan) }
    #expect(throws: GSLError.domain) { try GSL.derivative(of: { $0 }, at: 1, step: 0) }
  }
}

@Suite("Seeded GSL random numbers")
struct GSLRandomTests {
  @Test("The same seed replays the same stream")
  func replay() throws {
    var first = try GSLRandom(seed: 42)
    var second = try GSLRandom(seed: 42)
    for _ in 0..<100 {
      #expect(first.uniform() == second.uniform())
      #expect(try first.poisson(mean: 3.5) == second.poisson(mean: 3.5))
      #expect(try first.exponential(rate: 2) == second.exponential(rate: 2))
    }
  }

  @Test("Exponential deviates have mean 1 / rate")
  func exponentialMean() throws {
    var random = try GSLRandom(seed: 7)
    let count = 20_000
    var sum = 0.0
    for _ in 0..<count { sum += try random.exponential(rate: 4) }
    // The sample mean has standard deviation 0.25 / sqrt(20000), about 0.0018.
    #expect(abs(sum / Double(count) - 0.25) < 0.01)
  }

  @Test("Bad parameters throw")
  func rejects() throws {
    var random = try GSLRandom(seed: 1)
    #expect(throws: GSLError.domain) { try random.poisson(mean: -1) }
    #expect(throws: GSLError.domain) { try random.poisson(mean: .nan) }
    #expect(throws: GSLError.domain) { try random.exponential(rate: 0) }
  }
}
