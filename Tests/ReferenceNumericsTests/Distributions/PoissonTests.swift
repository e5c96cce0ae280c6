// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("Poisson distribution")
struct PoissonTests {
  @Test("Pinned values from mpmath: report")
  func pinnedReport() throws {
    var worst: [String: WorstError] = [:]
    for (mean, k, pmf, logPmf, cdf, sf) in poissonReferenceValues {
      let d = try Poisson(mean: mean)
      let label = "mean \(mean), k \(k)"
      let group = mean < 1 ? "small" : (mean < 1e4 ? "mid" : "large")
      worst["pmf " + group, default: WorstError()].record(
        ulpDistance(d.probability(of: k), pmf), label)
      worst["log " + group, default: WorstError()].record(
        ulpDistance(d.logProbability(of: k), logPmf), label)
      worst["cdf " + group, default: WorstError()].record(
        ulpDistance(d.cumulativeProbability(through: k), cdf), label)
      worst["sf " + group, default: WorstError()].record(
        ulpDistance(d.survivalProbability(after: k), sf), label)
    }
    for (key, value) in worst.sorted(by: { $0.key < $1.key }) { print(key, value) }
  }
}
