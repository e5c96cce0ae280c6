// SPDX-License-Identifier: GPL-3.0-or-later

import CGSLDirect
import GSLOracle
import Referee
import ReferenceNumerics

/// The exponential survival and binomial pmf benchmarks.
enum OtherCases {
  /// Grid points per iteration.
  static let calls = 256

  /// Exponential survival `exp(-t)` over `t` in [0, 50], rate 1.
  static func exponentialSurvival() throws -> [Case] {
    let group = "Exponential survival, rate 1"
    let times = Grids.exponentialTimes(count: calls)
    let singleTimes = times.map { Float($0) }
    let single = try Exponential<Float>(rate: 1)
    let double = try Exponential<Double>(rate: 1)
    return [
      Case(group: group, implementation: "ReferenceNumerics, Float", calls: calls) {
        singleTimes.reduce(0) { sum, t in sum + Double(single.survivalProbability(after: t)) }
      },
      Case(group: group, implementation: "ReferenceNumerics, Double", calls: calls) {
        times.reduce(0) { sum, t in sum + double.survivalProbability(after: t) }
      },
      Case(group: group, implementation: "GSL via GSLOracle", calls: calls) {
        times.reduce(0) { sum, t in
          sum + ((try? GSL.exponentialSurvival(t, rate: 1)) ?? .nan)
        }
      },
      Case(group: group, implementation: "GSL C call, direct", calls: calls) {
        times.reduce(0) { sum, t in sum + gsl_cdf_exponential_Q(t, 1) }
      },
    ]
  }

  /// Binomial pmf with p = 0.3, n = 1e3 and n = 1e9, over the bulk and both tails.
  static func binomialProbability() throws -> [Case] {
    let p = 0.3
    var cases: [Case] = []
    for (label, n) in [("1e3", 1_000), ("1e9", 1_000_000_000)] {
      let group = "Binomial pmf, n \(label), p 0.3"
      let counts = Grids.binomialCounts(trials: n, probability: p, count: calls)
      let single = try Binomial<Float>(trials: n, successProbability: Float(p))
      let double = try Binomial<Double>(trials: n, successProbability: p)
      cases += [
        Case(group: group, implementation: "ReferenceNumerics, Float", calls: calls) {
          counts.reduce(0) { sum, k in sum + Double(single.probability(of: k)) }
        },
        Case(group: group, implementation: "ReferenceNumerics, Double", calls: calls) {
          counts.reduce(0) { sum, k in sum + double.probability(of: k) }
        },
        Case(group: group, implementation: "GSL via GSLOracle", calls: calls) {
          counts.reduce(0) { sum, k in
            sum + ((try? GSL.binomialProbability(k, trials: n, probability: p)) ?? .nan)
          }
        },
        Case(group: group, implementation: "GSL C call, direct", calls: calls) {
          counts.reduce(0) { sum, k in
            sum + gsl_ran_binomial_pdf(UInt32(k), p, UInt32(n))
          }
        },
      ]
    }
    return cases
  }
}
