// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("Exponential distribution")
struct ExponentialTests {
  @Test("Pinned values from mpmath, including the far tail")
  func pinnedValues() throws {
    var worst = WorstError()
    for (rate, t, density, cdf, sf) in exponentialReferenceValues {
      let d = try Exponential(rate: rate)
      let label = "rate \(rate), t \(t)"
      worst.record(ulpDistance(d.density(at: t), density), "density " + label)
      worst.record(ulpDistance(d.cumulativeProbability(through: t), cdf), "cdf " + label)
      worst.record(ulpDistance(d.survivalProbability(after: t), sf), "sf " + label)
    }
    print("Exponential:", worst)
    #expect(worst.ulps <= 2, "\(worst)")
  }

  /// Checks that a large rate with a survival that underflows still gives a normal density.
  ///
  /// Reference values: mpmath at 50 digits, rate * exp(-rate * t) with the double inputs.
  @Test(
    "The density stays accurate where exp(-rate t) underflows",
    arguments: [
      (1e300, 7.46e-298, 1.0382848095158278e-24),
      (1e300, 7.45e-298, 2.8223507304717746e-24),
      (1.7e308, 4.3882352941176473e-306, 1.7650841761768745e-16),
    ])
  func densityBeyondUnderflow(rate: Double, t: Double, expected: Double) throws {
    let density = try Exponential(rate: rate).density(at: t)
    #expect(ulpDistance(density, expected) <= 2, "\(density) vs \(expected)")
  }

  @Test("Interval probabilities have no cancellation")
  func intervals() throws {
    var worst = WorstError()
    for (rate, a, b, expected) in exponentialIntervalValues {
      let d = try Exponential(rate: rate)
      let ours = d.intervalProbability(from: a, to: b)
      worst.record(ulpDistance(ours, expected), "rate \(rate), (\(a), \(b)]")
    }
    print("Exponential interval:", worst)
    #expect(worst.ulps <= 4, "\(worst)")
    let d = try Exponential(rate: 2.0)
    #expect(d.intervalProbability(from: 1, to: .infinity) == d.survivalProbability(after: 1))
    #expect(d.intervalProbability(from: 3, to: 1) == 0)
    #expect(d.intervalProbability(from: .nan, to: 1).isNaN)
  }

  @Test("Float results are within one Float ulp")
  func floatPrecision() throws {
    var worst = WorstError()
    for (rate, t, density, cdf, sf) in exponentialReferenceValues
    where Double(Float(rate)) == rate && Double(Float(t)) == t {
      let d = try Exponential(rate: Float(rate))
      worst.record(ulpDistance(d.density(at: Float(t)), Float(density)), "\(rate) \(t)")
      worst.record(ulpDistance(d.cumulativeProbability(through: Float(t)), Float(cdf)), "cdf")
      worst.record(ulpDistance(d.survivalProbability(after: Float(t)), Float(sf)), "sf")
    }
    #expect(worst.ulps <= 1, "\(worst)")
  }

  @Test("Negative times and NaN")
  func edges() throws {
    let d = try Exponential(rate: 1.5)
    #expect(d.density(at: -1) == 0)
    #expect(d.cumulativeProbability(through: -1) == 0)
    #expect(d.survivalProbability(after: -1) == 1)
    #expect(d.density(at: .nan).isNaN)
    #expect(d.cumulativeProbability(through: .nan).isNaN)
    #expect(d.survivalProbability(after: .nan).isNaN)
    #expect(d.survivalProbability(after: .infinity) == 0)
    #expect(d.mean.isApproximatelyEqual(to: 1 / 1.5))
    #expect(d.variance.isApproximatelyEqual(to: 1 / 2.25))
  }

  @Test("Quantile inverts the cdf", arguments: [0, 1e-300, 1e-10, 0.25, 0.5, 0.999])
  func quantile(p: Double) throws {
    let d = try Exponential(rate: 3.0)
    let t = try d.quantile(p)
    #expect(
      d.cumulativeProbability(through: t).isApproximatelyEqual(
        to: p, relativeTolerance: 4 * .ulpOfOne))
    #expect(try d.quantile(1) == .infinity)
  }

  @Test("Rejects invalid rates and probabilities")
  func rejects() throws {
    for rate in [0, -1, Double.infinity, .nan] {
      #expect(throws: Exponential<Double>.Error.self) { try Exponential(rate: rate) }
    }
    let d = try Exponential(rate: 1.0)
    for p in [-0.5, 2, Double.nan] {
      #expect(throws: Exponential<Double>.Error.self) { try d.quantile(p) }
    }
  }

  @Test("Samples have the right mean")
  func sampling() throws {
    let d = try Exponential(rate: 4.0)
    var generator = SeededGenerator(seed: 99)
    let n = 20_000
    var sum = 0.0
    for _ in 0..<n { sum += d.sample(using: &generator) }
    // Standard error of the mean is (1/rate)/sqrt(n); five of them.
    #expect(abs(sum / Double(n) - 0.25) <= 5 * 0.25 / Double(n).squareRoot())
  }
}
