import Referee
import Testing

/// One pinned row: the arguments and the value from mpmath, rounded to the nearest Double.
struct Pin: Sendable, CustomStringConvertible {
  let k: Int
  let mean: Double
  let expected: Double

  var description: String { "k = \(k), mean = \(mean)" }
}

// The referee rounds a 256-bit result once, so it must equal mpmath's value rounded to
// Double (within 0.5 ulp): every check below is exact equality.

@Suite("Referee Poisson values equal mpmath, correctly rounded")
struct RefereePoissonTests {
  // mpmath at 90 digits: exp(k * log(mean) - mean - loggamma(k + 1)).
  static let probabilities: [Pin] = [
    Pin(k: 3, mean: 3, expected: 0.22404180765538775),
    Pin(k: 10_000_000, mean: 1e7, expected: 0.0001261566250497028),
    Pin(k: 9_990_000, mean: 1e7, expected: 8.490450264452756e-07),
    Pin(k: 9_900_000, mean: 1e7, expected: 1.6919456006841173e-222),
    Pin(k: 10_100_000, mean: 1e7, expected: 4.696074850893261e-221),
    Pin(k: 1_000_000_000_000, mean: 1e12, expected: 3.9894228040139945e-07),
    Pin(k: 1_000_010_000_000, mean: 1e12, expected: 7.695842681155188e-29),
    Pin(k: 999_990_000_000, mean: 1e12, expected: 7.693354760923652e-29),
    Pin(k: 0, mean: 1e-300, expected: 1.0),
    Pin(k: 1, mean: 1e-300, expected: 1e-300),
    Pin(k: 2, mean: 1e-300, expected: 0.0),
    Pin(k: 0, mean: 1e12, expected: 0.0),
  ]

  // mpmath at 90 digits: k * log(mean) - mean - loggamma(k + 1).
  static let logProbabilities: [Pin] = [
    Pin(k: 3, mean: 3, expected: -1.4959226032237258),
    Pin(k: 10_000_000, mean: 1e7, expected: -8.977986367017166),
    Pin(k: 9_900_000, mean: 1e7, expected: -510.64801153490686),
    Pin(k: 1_000_000_000_000, mean: 1e12, expected: -14.73444909116903),
    Pin(k: 1_000_010_000_000, mean: 1e12, expected: -64.7342874253107),
    Pin(k: 999_990_000_000, mean: 1e12, expected: -64.73461075864404),
    Pin(k: 0, mean: 1e-300, expected: -1e-300),
    Pin(k: 2, mean: 1e-300, expected: -1382.2442029769873),
    Pin(k: 0, mean: 1e12, expected: -1e12),
  ]

  // mpmath at 90 digits (300 for the complements): gammainc(k + 1, mean, inf, regularized).
  static let cumulative: [Pin] = [
    Pin(k: 3, mean: 3, expected: 0.6472318887822313),
    Pin(k: 10_000_000, mean: 1e7, expected: 0.500084104416326),
    Pin(k: 9_990_000, mean: 1e7, expected: 0.0007818510924077965),
    Pin(k: 9_900_000, mean: 1e7, expected: 1.6902755580821338e-220),
    Pin(k: 10_100_000, mean: 1e7, expected: 1.0),
    Pin(k: 0, mean: 1e-300, expected: 1.0),
    Pin(k: 1000, mean: 1e3, expected: 0.508409367168506),
    Pin(k: 0, mean: 30, expected: 9.357622968840175e-14),
    Pin(k: 100, mean: 30, expected: 1.0),
  ]

  // mpmath: 1 - the cumulative probability, at 300 digits.
  static let survival: [Pin] = [
    Pin(k: 3, mean: 3, expected: 0.35276811121776874),
    Pin(k: 10_000_000, mean: 1e7, expected: 0.499915895583674),
    Pin(k: 9_990_000, mean: 1e7, expected: 0.9992181489075922),
    Pin(k: 9_900_000, mean: 1e7, expected: 1.0),
    Pin(k: 10_100_000, mean: 1e7, expected: 4.6913460207092185e-219),
    Pin(k: 0, mean: 1e-300, expected: 1e-300),  // -expm1(-mean), 60 digits
    Pin(k: 1000, mean: 1e3, expected: 0.491590632831494),
    Pin(k: 0, mean: 30, expected: 0.9999999999999064),
    Pin(k: 100, mean: 30, expected: 2.170886831039916e-24),
  ]

  @Test("Probability", arguments: probabilities)
  func probability(pin: Pin) throws {
    #expect(try Referee.poissonProbability(pin.k, mean: pin.mean) == pin.expected)
  }

  @Test("Log probability", arguments: logProbabilities)
  func logProbability(pin: Pin) throws {
    #expect(try Referee.poissonLogProbability(pin.k, mean: pin.mean) == pin.expected)
  }

  @Test("Cumulative probability", arguments: cumulative)
  func cumulativeProbability(pin: Pin) throws {
    #expect(try Referee.poissonCumulative(pin.k, mean: pin.mean) == pin.expected)
  }

  @Test("Survival probability", arguments: survival)
  func survivalProbability(pin: Pin) throws {
    #expect(try Referee.poissonSurvival(pin.k, mean: pin.mean) == pin.expected)
  }

  @Test("A higher precision gives the same Doubles", arguments: [128, 512])
  func precisionIndependent(bits: Int) throws {
    for pin in Self.probabilities {
      let value = try Referee.poissonProbability(pin.k, mean: pin.mean, precision: bits)
      #expect(value == pin.expected, "\(pin)")
    }
  }

  @Test("A mean of zero puts all the mass at 0")
  func zeroMean() throws {
    #expect(try Referee.poissonProbability(0, mean: 0) == 1)
    #expect(try Referee.poissonProbability(4, mean: 0) == 0)
    #expect(try Referee.poissonCumulative(0, mean: 0) == 1)
    #expect(try Referee.poissonSurvival(0, mean: 0) == 0)
  }

  @Test("Bad arguments throw", arguments: [(-1, 3.0), (3, -1), (3, .nan), (3, .infinity)])
  func rejects(k: Int, mean: Double) {
    #expect(throws: Referee.Error.self) { try Referee.poissonProbability(k, mean: mean) }
    #expect(throws: Referee.Error.self) { try Referee.poissonCumulative(k, mean: mean) }
    #expect(throws: Referee.Error.self) { try Referee.poissonLogProbability(k, mean: mean) }
  }

  @Test("A precision below 128 bits throws")
  func rejectsPrecision() {
    #expect(throws: Referee.Error.invalidPrecision(64)) {
      try Referee.poissonProbability(3, mean: 3, precision: 64)
    }
  }

  @Test("A cdf needing too many terms throws out of range")
  func outOfRange() {
    #expect {
      try Referee.poissonCumulative(100_000_000_000_000, mean: 1e14)
    } throws: { error in
      guard case .outOfRange = error as? Referee.Error else { return false }
      return true
    }
  }
}

@Suite("Referee exponential, binomial, chi-square and log gamma equal mpmath")
struct RefereeDistributionTests {
  @Test("Exponential")
  func exponential() throws {
    // mpmath at 60 digits.
    #expect(try Referee.exponentialSurvival(0.5, rate: 2) == 0.36787944117144233)
    #expect(try Referee.exponentialDensity(0.5, rate: 2) == 0.7357588823428847)
    #expect(try Referee.exponentialCumulative(1e-20, rate: 1) == 1e-20)
    #expect(try Referee.exponentialSurvival(700, rate: 1) == 9.85967654375977e-305)
    // 4.2e-322, a subnormal.
    #expect(try Referee.exponentialSurvival(740, rate: 1) == 85 * .leastNonzeroMagnitude)
    #expect(try Referee.exponentialSurvival(-1, rate: 1) == 1)
    #expect(try Referee.exponentialCumulative(-1, rate: 1) == 0)
    #expect(throws: Referee.Error.self) { try Referee.exponentialSurvival(1, rate: 0) }
    #expect(throws: Referee.Error.self) { try Referee.exponentialSurvival(.nan, rate: 1) }
  }

  @Test("Binomial")
  func binomial() throws {
    // mpmath at 90 digits, via loggamma, log and log1p.
    #expect(try Referee.binomialProbability(3, trials: 10, probability: 0.3) == 0.266827932)
    #expect(
      try Referee.binomialProbability(500_000, trials: 1_000_000, probability: 0.5)
        == 0.0007978843613317501)
    #expect(
      try Referee.binomialProbability(10, trials: 1000, probability: 0.001)
        == 9.782838349942052e-08)
    #expect(try Referee.binomialProbability(11, trials: 10, probability: 0.5) == 0)
    #expect(throws: Referee.Error.self) {
      try Referee.binomialProbability(1, trials: 10, probability: 1.5)
    }
  }

  @Test("Chi-square survival")
  func chiSquare() throws {
    // mpmath at 90 digits: gammainc(df / 2, x / 2, inf, regularized).
    #expect(try Referee.chiSquareSurvival(3.5, degreesOfFreedom: 4) == 0.47787834448872407)
    #expect(try Referee.chiSquareSurvival(200, degreesOfFreedom: 10) == 1.6139305336977305e-37)
    #expect(try Referee.chiSquareSurvival(0.5, degreesOfFreedom: 3) == 0.9188914116546758)
    #expect(throws: Referee.Error.self) {
      try Referee.chiSquareSurvival(1, degreesOfFreedom: 0)
    }
  }

  @Test("Log gamma")
  func logGamma() throws {
    // mpmath at 90 digits: log |gamma(x)|.
    #expect(try Referee.logGamma(10.5) == 13.940625219403763)
    #expect(try Referee.logGamma(1e15) == 3.3538776394910668e+16)
    #expect(try Referee.logGamma(-2.5) == -0.056243716497674054)
    #expect(throws: Referee.Error.self) { try Referee.logGamma(-3) }
  }
}

@Suite("Referee speed and thread safety")
struct RefereeRuntimeTests {
  @Test("MPFR keeps its state per thread, and concurrent calls agree")
  func concurrent() async throws {
    #expect(Referee.isThreadSafe)
    #expect(Referee.version.hasPrefix("4."))
    let pins = RefereePoissonTests.probabilities
    let results = try await withThrowingTaskGroup(of: Bool.self) { group in
      for _ in 0..<8 {
        group.addTask {
          try pins.allSatisfy { try Referee.poissonProbability($0.k, mean: $0.mean) == $0.expected }
        }
      }
      return try await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(results.allSatisfy { $0 })
  }

  @Test("One pmf call takes well under a millisecond")
  func pmfSpeed() throws {
    let clock = ContinuousClock()
    for mean in [3.0, 1e7, 1e12] {
      let calls = 2000
      var sum = 0.0
      let elapsed = try clock.measure {
        for i in 0..<calls {
          sum += try Referee.poissonProbability(Int(mean) + i, mean: mean)
        }
      }
      let perCall = elapsed / calls
      print("Referee.poissonProbability at mean \(mean): \(perCall) per call")
      #expect(perCall < .milliseconds(1))
      #expect(sum > 0)
    }
  }

  @Test("Time of the cdf and chi-square (measured, loosely bounded)")
  func cdfSpeed() throws {
    let clock = ContinuousClock()
    let rows: [(Int, Double)] = [(3, 3), (1000, 1e3), (1_000_000, 1e6), (10_000_000, 1e7)]
    for (k, mean) in rows {
      let elapsed = try clock.measure { _ = try Referee.poissonCumulative(k, mean: mean) }
      print("Referee.poissonCumulative(\(k), mean: \(mean)): \(elapsed)")
      #expect(elapsed < .seconds(2))
    }
    for (x, df) in [(3.5, 4.0), (200, 10), (1e3, 1e3), (1e4, 1e4)] {
      let elapsed = try clock.measure { _ = try Referee.chiSquareSurvival(x, degreesOfFreedom: df) }
      print("Referee.chiSquareSurvival(\(x), degreesOfFreedom: \(df)): \(elapsed)")
      #expect(elapsed < .seconds(2))
    }
  }
}
