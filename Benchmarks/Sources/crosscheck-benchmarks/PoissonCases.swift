// SPDX-License-Identifier: GPL-3.0-or-later

import CGSLDirect
import GSLOracle
import Referee
import ReferenceNumerics

/// The Poisson benchmarks: pmf, cdf and survival at every mean of ``Grids/poissonMeans``.
enum PoissonCases {
  /// Grid points per iteration for the fast kernels.
  static let fastCalls = 256
  /// Grid points per iteration for the MPFR referee (tens of microseconds a call).
  static let refereeCalls = 16

  /// Every Poisson case, in report order.
  static func all() throws -> [Case] {
    var cases: [Case] = []
    for (label, mean) in Grids.poissonMeans {
      let counts = Grids.poissonCounts(mean: mean, count: fastCalls)
      let refereeCounts = Grids.poissonCounts(mean: mean, count: refereeCalls)
      // GSL takes `unsigned int` counts, so it cannot reach the bulk of a mean of 1e12.
      let gslReaches = mean < Double(UInt32.max) / 2

      let pmf = "Poisson pmf, mean \(label)"
      cases += try kernels(
        pmf, mean: mean, counts: counts,
        { $0.probability(of: $1) }, { $0.probability(of: $1) })
      if gslReaches {
        cases.append(gslOracle(pmf, counts) { try GSL.poissonProbability($0, mean: mean) })
        cases.append(gslDirect(pmf, counts) { gsl_ran_poisson_pdf(UInt32($0), mean) })
      }
      cases.append(
        Case(group: pmf, implementation: "Referee (MPFR, 256 bits)", calls: refereeCalls) {
          refereeCounts.reduce(0) { sum, k in
            sum + ((try? Referee.poissonProbability(k, mean: mean)) ?? .nan)
          }
        })

      let cdf = "Poisson cdf, mean \(label)"
      cases += try kernels(
        cdf, mean: mean, counts: counts,
        { $0.cumulativeProbability(through: $1) }, { $0.cumulativeProbability(through: $1) })
      cases.append(
        Case(group: cdf, implementation: "SpecialFunctions.regularizedGammaQ", calls: fastCalls) {
          counts.reduce(0) { sum, k in
            sum + SpecialFunctions.regularizedGammaQ(Double(k) + 1, mean)
          }
        })
      if gslReaches {
        cases.append(gslOracle(cdf, counts) { try GSL.poissonCumulative($0, mean: mean) })
        cases.append(gslDirect(cdf, counts) { gsl_cdf_poisson_P(UInt32($0), mean) })
      }

      let survival = "Poisson survival, mean \(label)"
      cases += try kernels(
        survival, mean: mean, counts: counts,
        { $0.survivalProbability(after: $1) }, { $0.survivalProbability(after: $1) })
    }
    return cases
  }

  /// The `Float` and `Double` cases of one `ReferenceNumerics` Poisson kernel.
  static func kernels(
    _ group: String, mean: Double, counts: [Int],
    _ kernel: @escaping (Poisson<Float>, Int) -> Float,
    _ doubleKernel: @escaping (Poisson<Double>, Int) -> Double
  ) throws -> [Case] {
    let single = try Poisson<Float>(mean: Float(mean))
    let double = try Poisson<Double>(mean: mean)
    return [
      Case(group: group, implementation: "ReferenceNumerics, Float", calls: counts.count) {
        counts.reduce(0) { sum, k in sum + Double(kernel(single, k)) }
      },
      Case(group: group, implementation: "ReferenceNumerics, Double", calls: counts.count) {
        counts.reduce(0) { sum, k in sum + doubleKernel(double, k) }
      },
    ]
  }

  /// A case calling GSL through the `GSLOracle` wrapper (argument checks included).
  static func gslOracle(
    _ group: String, _ counts: [Int], _ kernel: @escaping (Int) throws -> Double
  ) -> Case {
    Case(group: group, implementation: "GSL via GSLOracle", calls: counts.count) {
      counts.reduce(0) { sum, k in sum + ((try? kernel(k)) ?? .nan) }
    }
  }

  /// A case calling GSL's C function directly, without the wrapper.
  static func gslDirect(
    _ group: String, _ counts: [Int], _ kernel: @escaping (Int) -> Double
  ) -> Case {
    Case(group: group, implementation: "GSL C call, direct", calls: counts.count) {
      counts.reduce(0) { sum, k in sum + kernel(k) }
    }
  }
}
