// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("Binomial distribution")
struct BinomialTests {
  @Test("Pinned values from mpmath for n up to 1e9")
  func pinnedValues() throws {
    var worstProbability = WorstError()
    var worstLog = WorstError()
    for (n, p, k, pmf, logPmf) in binomialReferenceValues {
      let d = try Binomial(trials: n, successProbability: p)
      let label = "n \(n), p \(p), k \(k)"
      worstProbability.record(ulpDistance(d.probability(of: k), pmf), label)
      worstLog.record(ulpDistance(d.logProbability(of: k), logPmf), label)
    }
    print("Binomial pmf:", worstProbability, "log-pmf:", worstLog)
    #expect(worstProbability.ulps <= 4, "\(worstProbability)")
    #expect(worstLog.ulps <= 2, "\(worstLog)")
  }

  @Test("Subnormal and near-one p: pmf, log-pmf, cdf and sf match mpmath, never NaN")
  func subnormalProbabilities() throws {
    var worst = (pmf: WorstError(), log: WorstError(), cdf: WorstError(), sf: WorstError())
    for (n, p, k, pmf, logPmf, lower, upper) in binomialSubnormalValues {
      let d = try Binomial(trials: n, successProbability: p)
      let label = "n \(n), p \(p), k \(k)"
      worst.pmf.record(ulpDistance(d.probability(of: k), pmf), label)
      worst.log.record(ulpDistance(d.logProbability(of: k), logPmf), label)
      worst.cdf.record(ulpDistance(d.cumulativeProbability(through: k), lower), label)
      worst.sf.record(ulpDistance(d.survivalProbability(after: k), upper), label)
    }
    print("Binomial subnormal p:", worst.pmf, worst.log, worst.cdf, worst.sf)
    // A subnormal reference counts ulps in 2^-1074, its absolute spacing.
    #expect(worst.pmf.ulps <= 4, "\(worst.pmf)")
    #expect(worst.log.ulps <= 2, "\(worst.log)")
    #expect(worst.cdf.ulps <= 4, "\(worst.cdf)")
    #expect(worst.sf.ulps <= 4, "\(worst.sf)")
  }

  @Test("Probabilities sum to one", arguments: [(10, 0.3), (1000, 0.001), (5000, 0.5)])
  func sumToOne(n: Int, p: Double) throws {
    let d = try Binomial(trials: n, successProbability: p)
    var sum = 0.0
    for k in 0...n { sum += d.probability(of: k) }
    #expect(sum.isApproximatelyEqual(to: 1, absoluteTolerance: 1e-13))
  }

  @Test("Large n with small p tends to the Poisson law")
  func poissonLimit() throws {
    // n p = 3 exactly in binary is not needed: the limit error is about p * k^2 / 2 ~ 1e-8.
    let n = 1_000_000_000
    let binomial = try Binomial(trials: n, successProbability: 3e-9)
    let poisson = try Poisson(mean: Double(n) * 3e-9)
    for k in 0...20 {
      let b = binomial.probability(of: k)
      #expect(b.isApproximatelyEqual(to: poisson.probability(of: k), relativeTolerance: 1e-6))
    }
  }

  @Test("Degenerate probabilities and out-of-range counts")
  func edges() throws {
    let zero = try Binomial(trials: 5, successProbability: 0.0)
    #expect(zero.probability(of: 0) == 1)
    #expect(zero.probability(of: 1) == 0)
    let one = try Binomial(trials: 5, successProbability: 1.0)
    #expect(one.probability(of: 5) == 1)
    #expect(one.logProbability(of: 4) == -.infinity)
    let none = try Binomial(trials: 0, successProbability: 0.4)
    #expect(none.probability(of: 0) == 1)
    let d = try Binomial(trials: 10, successProbability: 0.25)
    #expect(d.probability(of: -1) == 0)
    #expect(d.probability(of: 11) == 0)
    #expect(d.mean == 2.5)
    #expect(d.variance == 1.875)
  }

  @Test("Float results are within one Float ulp of Double")
  func floatPrecision() throws {
    let single = try Binomial(trials: 1000, successProbability: Float(0.25))
    let double = try Binomial(trials: 1000, successProbability: 0.25)
    for k in stride(from: 0, through: 1000, by: 25) {
      let reference = Float(double.probability(of: k))
      #expect(ulpDistance(single.probability(of: k), reference) <= 1, "k \(k)")
    }
  }

  @Test("Rejects invalid parameters")
  func rejects() {
    #expect(throws: Binomial<Double>.Error.invalidTrials(-1)) {
      try Binomial(trials: -1, successProbability: 0.5)
    }
    for p in [-0.1, 1.1, Double.nan] {
      #expect(throws: Binomial<Double>.Error.self) {
        try Binomial(trials: 3, successProbability: p)
      }
    }
  }
}
