// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("Poisson distribution")
struct PoissonTests {
  /// Worst errors on the mpmath grid of `poissonReferenceValues`, per function.
  struct GridErrors {
    var probability = WorstError()
    var logProbability = WorstError()
    var cumulative = WorstError()
    var survival = WorstError()
  }

  static func measure() throws -> GridErrors {
    var errors = GridErrors()
    for (mean, k, pmf, logPmf, cdf, sf) in poissonReferenceValues {
      let d = try Poisson(mean: mean)
      let label = "mean \(mean), k \(k)"
      errors.probability.record(ulpDistance(d.probability(of: k), pmf), label)
      errors.logProbability.record(ulpDistance(d.logProbability(of: k), logPmf), label)
      errors.cumulative.record(ulpDistance(d.cumulativeProbability(through: k), cdf), label)
      errors.survival.record(ulpDistance(d.survivalProbability(after: k), sf), label)
    }
    return errors
  }

  @Test("Pinned values from mpmath over means 1e-300 ... 1e12 and deep tails")
  func pinnedValues() throws {
    let errors = try Self.measure()
    print("Poisson pmf:", errors.probability)
    print("Poisson log-pmf:", errors.logProbability)
    print("Poisson cdf:", errors.cumulative)
    print("Poisson sf:", errors.survival)
    // Bounds in ulps of the correctly rounded value, as documented on `Poisson`.
    #expect(errors.probability.ulps <= 2, "\(errors.probability)")
    #expect(errors.logProbability.ulps <= 1, "\(errors.logProbability)")
    #expect(errors.cumulative.ulps <= 8, "\(errors.cumulative)")
    #expect(errors.survival.ulps <= 8, "\(errors.survival)")
  }

  @Test("Float results are within one Float ulp of the reference")
  func floatPrecision() throws {
    var worst = WorstError()
    for (mean, k, pmf, _, cdf, sf) in poissonReferenceValues where Double(Float(mean)) == mean {
      let d = try Poisson(mean: Float(mean))
      let label = "mean \(mean), k \(k)"
      worst.record(ulpDistance(d.probability(of: k), Float(pmf)), label)
      worst.record(ulpDistance(d.cumulativeProbability(through: k), Float(cdf)), label)
      worst.record(ulpDistance(d.survivalProbability(after: k), Float(sf)), label)
    }
    print("Poisson<Float>:", worst)
    // The Double result is within a few Double ulps, so rounding it to Float is within
    // half a Float ulp of the Float-rounded reference, plus a rare double-rounding tie.
    #expect(worst.ulps <= 1, "\(worst)")
  }

  @Test("Probabilities sum to one", arguments: [1e-10, 0.5, 3, 30, 1000, 1e5])
  func probabilitiesSumToOne(mean: Double) throws {
    let d = try Poisson(mean: mean)
    let last = Int(mean + 40 * mean.squareRoot() + 40)
    var sum = 0.0
    for k in 0...last { sum += d.probability(of: k) }
    // Each term is within 2 ulps; the sum adds at most `last` roundings of terms below 1.
    let tolerance = 4 * Double(last + 1).squareRoot() * Double.ulpOfOne
    #expect(sum.isApproximatelyEqual(to: 1, absoluteTolerance: tolerance), "sum \(sum)")
  }

  @Test("The cdf is the running sum of the pmf", arguments: [0.5, 3, 30, 250])
  func cdfIsRunningSum(mean: Double) throws {
    let d = try Poisson(mean: mean)
    var running = 0.0
    for k in 0...Int(mean + 10 * mean.squareRoot() + 10) {
      running += d.probability(of: k)
      let cdf = d.cumulativeProbability(through: k)
      // The running sum accumulates rounding; 64 ulps is far below any real discrepancy.
      #expect(cdf.isApproximatelyEqual(to: running, relativeTolerance: 64 * .ulpOfOne), "k \(k)")
    }
  }

  @Test("Cdf and sf add up to one", arguments: [1e-10, 0.5, 3, 30, 1000, 1e7, 1e12])
  func complementary(mean: Double) throws {
    let d = try Poisson(mean: mean)
    let spread = 5 * mean.squareRoot() + 5
    for k in stride(from: max(0, mean - spread), through: mean + spread, by: spread / 20) {
      let count = Int(k)
      let total = d.cumulativeProbability(through: count) + d.survivalProbability(after: count)
      // Each is within 8 ulps of a value <= 1 and their sum rounds once.
      #expect(total.isApproximatelyEqual(to: 1, absoluteTolerance: 16 * .ulpOfOne), "k \(count)")
    }
  }

  @Test("Counts below zero are impossible")
  func negativeCounts() throws {
    let d = try Poisson(mean: 3.0)
    #expect(d.probability(of: -1) == 0)
    #expect(d.logProbability(of: -1) == -.infinity)
    #expect(d.cumulativeProbability(through: -1) == 0)
    #expect(d.survivalProbability(after: -5) == 1)
    #expect(d.variance == 3)
  }

  @Test(
    "Quantile is the smallest count whose cdf reaches p",
    arguments: [1e-300, 0.5, 3, 30, 1000, 1e7, 1e12],
    [0, 1e-200, 1e-10, 0.01, 0.5, 0.99, 1 - 1e-12, 1]
  )
  func quantile(mean: Double, p: Double) throws {
    let d = try Poisson(mean: mean)
    let k = try d.quantile(p)
    #expect(d.cumulativeProbability(through: k) >= p)
    if k > 0 { #expect(d.cumulativeProbability(through: k - 1) < p) }
  }

  @Test("Quantile rejects probabilities outside [0, 1]", arguments: [-0.1, 1.5, .nan])
  func quantileRejects(p: Double) throws {
    let d = try Poisson(mean: 2.0)
    #expect(throws: Poisson<Double>.Error.self) { try d.quantile(p) }
  }

  @Test(
    "Samples have the right mean and variance",
    arguments: [1e-300, 0.5, 3, 9.99, 10, 30, 1000, 1e7, 1e12]
  )
  func sampling(mean: Double) throws {
    let d = try Poisson(mean: mean)
    var generator = SeededGenerator(seed: SeededGenerator.seed(from: "poisson \(mean)"))
    let n = 20_000
    let draws = d.sample(count: n, using: &generator).map(Double.init)
    let sampleMean = draws.reduce(0, +) / Double(n)
    let sampleVariance =
      draws.map { ($0 - sampleMean) * ($0 - sampleMean) }
      .reduce(0, +) / Double(n - 1)
    // Five standard errors: a false alarm has probability below 1e-6 per check.
    #expect(abs(sampleMean - mean) <= 5 * (mean / Double(n)).squareRoot())
    if mean > 1e-3 {
      let relativeError = (2 + 1 / mean) / Double(n)
      #expect(abs(sampleVariance / mean - 1) <= 5 * relativeError.squareRoot())
    }
  }

  @Test("Small-mean samples follow the pmf (chi-square goodness of fit)")
  func goodnessOfFit() throws {
    for mean in [3.0, 25.0] {
      let d = try Poisson(mean: mean)
      var generator = SeededGenerator(seed: 2026)
      let n = 50_000
      var counts: [Int: Int] = [:]
      for draw in d.sample(count: n, using: &generator) { counts[draw, default: 0] += 1 }
      // Cells with expected count >= 20; the rest pooled in the two tails.
      let low = try d.quantile(0.001)
      let high = try d.quantile(0.999)
      var statistic = 0.0
      var cells = 0
      for k in low...high {
        let expected = Double(n) * d.probability(of: k)
        let observed = Double(counts[k, default: 0])
        statistic += (observed - expected) * (observed - expected) / expected
        cells += 1
      }
      let below = Double(n) * d.cumulativeProbability(through: low - 1)
      let above = Double(n) * d.survivalProbability(after: high)
      let observedBelow = Double(counts.filter { $0.key < low }.map(\.value).reduce(0, +))
      let observedAbove = Double(counts.filter { $0.key > high }.map(\.value).reduce(0, +))
      if below > 0 { statistic += (observedBelow - below) * (observedBelow - below) / below }
      statistic += (observedAbove - above) * (observedAbove - above) / above
      // alpha = 1e-6.
      let pValue = SpecialFunctions.chiSquareSurvival(
        statistic, degreesOfFreedom: Double(cells + 1))
      #expect(pValue > 1e-6, "mean \(mean): chi-square \(statistic), p \(pValue)")
    }
  }

  @Test("Rejects a mean that is not positive and finite", arguments: [0, -1, .infinity, .nan])
  func rejectsInvalidMean(mean: Double) {
    #expect(throws: Poisson<Double>.Error.self) { try Poisson(mean: mean) }
    #expect(throws: Poisson<Float>.Error.self) { try Poisson(mean: Float(mean)) }
  }

  @Test("The error names the bad value")
  func errorDescription() {
    #expect(throws: Poisson<Double>.Error.invalidMean(-1)) { try Poisson(mean: -1.0) }
    let error = Poisson<Double>.Error.invalidMean(-1)
    #expect(error.description == "A Poisson mean must be positive and finite; got -1.0.")
  }
}
