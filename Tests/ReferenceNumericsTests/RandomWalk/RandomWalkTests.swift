// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("Random walk")
struct RandomWalkTests {
  @Test("The cdf and survival match mpmath, deep tails included, for n up to 1e9")
  func tailsMatchMpmath() throws {
    var worstLower = WorstError()
    var worstUpper = WorstError()
    for (n, p, k, lower, upper) in randomWalkTailValues {
      let walk = try RandomWalk(steps: n, upProbability: p)
      let label = "n \(n), p \(p), k \(k)"
      worstLower.record(ulpDistance(walk.cumulativeProbability(through: k), lower), label)
      worstUpper.record(ulpDistance(walk.survivalProbability(after: k), upper), label)
    }
    print("Random walk cdf:", worstLower, "sf:", worstUpper)
    // Measured: at most 1 ulp for both over this grid (n up to 1e9, 30 deviations out).
    #expect(worstLower.ulps <= 4, "\(worstLower)")
    #expect(worstUpper.ulps <= 4, "\(worstUpper)")
  }

  @Test("Subnormal p and q near 2^-53: pmf, log-pmf, cdf and sf match mpmath, never NaN")
  func subnormalProbabilities() throws {
    var worst = (pmf: WorstError(), log: WorstError(), cdf: WorstError(), sf: WorstError())
    for (n, p, k, pmf, logPmf, lower, upper) in randomWalkSubnormalValues {
      let walk = try RandomWalk(steps: n, upProbability: p)
      let label = "n \(n), p \(p), k \(k)"
      worst.pmf.record(ulpDistance(walk.probability(at: k), pmf), label)
      worst.log.record(ulpDistance(walk.logProbability(at: k), logPmf), label)
      worst.cdf.record(ulpDistance(walk.cumulativeProbability(through: k), lower), label)
      worst.sf.record(ulpDistance(walk.survivalProbability(after: k), upper), label)
    }
    print("Random walk subnormal p:", worst.pmf, worst.log, worst.cdf, worst.sf)
    #expect(worst.pmf.ulps <= 4, "\(worst.pmf)")
    #expect(worst.log.ulps <= 2, "\(worst.log)")
    #expect(worst.cdf.ulps <= 4, "\(worst.cdf)")
    #expect(worst.sf.ulps <= 4, "\(worst.sf)")
  }

  @Test("Return and first-return probabilities match mpmath for n up to 2e12")
  func returnsMatchMpmath() throws {
    var worstReturn = WorstError()
    var worstFirst = WorstError()
    for (n, u, f) in randomWalkReturnValues {
      let walk = try RandomWalk<Double>(steps: n)
      worstReturn.record(ulpDistance(walk.returnProbability, u), "n \(n)")
      worstFirst.record(ulpDistance(walk.firstReturnProbability, f), "n \(n)")
    }
    print("Random walk u(n):", worstReturn, "f(n):", worstFirst)
    #expect(worstReturn.ulps <= 4, "\(worstReturn)")
    #expect(worstFirst.ulps <= 4, "\(worstFirst)")
  }

  @Test("The generating function's power reproduces the pmf", arguments: [0.5, 0.3])
  func generatingFunction(p: Double) throws {
    for n in [0, 1, 4, 6, 10, 57, 200] {
      let walk = try RandomWalk(steps: n, upProbability: p)
      let coefficients = walk.generatingFunctionCoefficients()
      #expect(coefficients.count == n + 1)
      for (r, c) in coefficients.enumerated() {
        let pmf = walk.probability(at: 2 * r - n)
        #expect(c.isApproximatelyEqual(to: pmf, relativeTolerance: 1e-13), "n \(n), r \(r)")
      }
    }
  }

  @Test("The article's tables: n = 4, 6 and 10")
  func articleTables() throws {
    let four = try RandomWalk<Double>(steps: 4)
    // The values are exact dyadic fractions; the saddle-point pmf is within an ulp or two.
    let six = try RandomWalk<Double>(steps: 6)
    let ten = try RandomWalk<Double>(steps: 10)
    let cases: [(RandomWalk<Double>, Int, Double)] = [
      (four, 0, 0.375), (four, 2, 0.25), (four, -4, 0.0625), (six, 0, 0.3125),
      (six, -2, 0.234375), (six, 4, 0.09375), (six, 6, 0.015625), (ten, 0, 252.0 / 1024),
    ]
    for (walk, k, expected) in cases {
      #expect(ulpDistance(walk.probability(at: k), expected) <= 2, "n \(walk.steps), k \(k)")
    }
  }

  @Test("Wrong parity and positions beyond n have probability 0", arguments: [5, 10, 1_000_001])
  func parity(n: Int) throws {
    let walk = try RandomWalk<Double>(steps: n)
    #expect(walk.probability(at: 1 - n % 2) == 0)
    #expect(walk.probability(at: n + 2) == 0)
    #expect(walk.logProbability(at: -n - 2) == -.infinity)
    #expect(walk.cumulativeProbability(through: -n - 1) == 0)
    #expect(walk.survivalProbability(after: n) == 0)
    #expect(walk.cumulativeProbability(through: n) == 1)
  }

  @Test("Moments: mean n (p - q) and variance 4 n p q, summed from the pmf")
  func moments() throws {
    let walk = try RandomWalk(steps: 300, upProbability: 0.7)
    var first = 0.0
    var second = 0.0
    for k in -300...300 {
      let pmf = walk.probability(at: k)
      first += Double(k) * pmf
      second += Double(k) * Double(k) * pmf
    }
    #expect(first.isApproximatelyEqual(to: walk.mean, relativeTolerance: 1e-13))
    #expect(
      (second - first * first).isApproximatelyEqual(to: walk.variance, relativeTolerance: 1e-11))
  }

  @Test("The characteristic function tends to exp(-w^2/2) with error -w^4 exp(-w^2/2) / (12 n)")
  func characteristicLimit() throws {
    for n in [100, 10_000, 1_000_000] {
      let walk = try RandomWalk<Double>(steps: n)
      let w = 1.5
      let value = walk.characteristicFunction(at: w / Double(n).squareRoot()).real
      let limit = Double.exp(-w * w / 2)
      let scaled = (value - limit) * Double(n)
      let expected = -w * w * w * w / 12 * limit
      #expect(scaled.isApproximatelyEqual(to: expected, relativeTolerance: 0.02), "n \(n)")
    }
  }

  @Test("Samples have the walk's mean and variance")
  func sampling() throws {
    let walk = try RandomWalk(steps: 50, upProbability: 0.6)
    var generator = SeededGenerator(seed: 42)
    let draws = (0..<20_000).map { _ in Double(walk.sample(using: &generator)) }
    let mean = draws.reduce(0, +) / Double(draws.count)
    // Standard error sqrt(48 / 20000) ~ 0.05; 0.3 is six of them.
    #expect(abs(mean - walk.mean) < 0.3)
  }

  @Test("Rejects bad steps and probabilities")
  func rejectsBadInput() {
    #expect(throws: RandomWalk<Double>.Error.invalidSteps(-1)) {
      try RandomWalk<Double>(steps: -1)
    }
    for p in [-0.1, 1.5, .nan] {
      #expect(throws: RandomWalk<Double>.Error.self) { try RandomWalk(steps: 3, upProbability: p) }
    }
  }
}
