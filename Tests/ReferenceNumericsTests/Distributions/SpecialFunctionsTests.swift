// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import Testing

@testable import ReferenceNumerics

@Suite("Special functions")
struct SpecialFunctionsTests {
  @Test("Stirling error matches mpmath within 2 ulps")
  func stirlingError() {
    var worst = WorstError()
    for (n, expected) in SpecialFunctionsReference.stirling {
      worst.record(ulpDistance(SpecialFunctions.stirlingError(n), expected), "n \(n)")
    }
    print("stirlingError:", worst)
    #expect(worst.ulps <= 2, "\(worst)")
  }

  @Test("Stirling error at half-integers equals the definition via logGamma")
  func stirlingErrorTable() {
    for twice in 1...30 {
      let n = Double(twice) / 2
      let direct =
        Double.logGamma(n + 1) - (n + 0.5) * Double.log(n) + n
        - 0.918_938_533_204_672_8
      // The direct formula cancels down from about 40; its own error is ~ 40 * 2^-53.
      #expect(abs(SpecialFunctions.stirlingError(n) - direct) < 1e-14)
    }
  }

  @Test("Deviance matches mpmath within 1 ulp")
  func deviance() {
    for (x, mean, expected) in SpecialFunctionsReference.deviance {
      let ours = SpecialFunctions.deviance(x, mean)
      #expect(ulpDistance(ours, expected) <= 1, "x \(x), mean \(mean): \(ours) vs \(expected)")
    }
  }

  @Test("Incomplete gamma ratios match mpmath in both tails")
  func incompleteGamma() {
    var worstP = WorstError()
    var worstQ = WorstError()
    for (a, x, p, q) in SpecialFunctionsReference.gamma {
      worstP.record(ulpDistance(SpecialFunctions.regularizedGammaP(a, x), p), "a \(a), x \(x)")
      worstQ.record(ulpDistance(SpecialFunctions.regularizedGammaQ(a, x), q), "a \(a), x \(x)")
    }
    print("P:", worstP, "Q:", worstQ)
    // Documented bound on `incompleteGammaRatios`: 16 ulps (measured 10, at a = 0.5, x = 2).
    #expect(worstP.ulps <= 16, "\(worstP)")
    #expect(worstQ.ulps <= 16, "\(worstQ)")
  }

  @Test("Chi-square survival is Q(k/2, x/2) and 1 for negative x")
  func chiSquare() {
    // mpmath: chi-square sf at x = 3.84 with 1 degree of freedom = erfc(sqrt(1.92)).
    let value = SpecialFunctions.chiSquareSurvival(3.84, degreesOfFreedom: 1)
    #expect(value.isApproximatelyEqual(to: 0.050043521248705106, relativeTolerance: 1e-14))
    #expect(SpecialFunctions.chiSquareSurvival(-1, degreesOfFreedom: 3) == 1)
    #expect(SpecialFunctions.chiSquareSurvival(1, degreesOfFreedom: 0).isNaN)
  }

  @Test("Out-of-domain arguments give NaN", arguments: [(-1.0, 1.0), (0, 1), (1, -1), (.nan, 1)])
  func domain(a: Double, x: Double) {
    #expect(SpecialFunctions.regularizedGammaP(a, x).isNaN)
    #expect(SpecialFunctions.regularizedGammaQ(a, x).isNaN)
  }

  @Test("Double-double logarithm is accurate to 1e-30 relative")
  func doubleDoubleLog() {
    // log(3) and log(1e300) from mpmath at 60 digits, as (hi, lo).
    let log3 = DoubleDouble.log(DoubleDouble(3))
    #expect(log3.hi == 1.0986122886681098)
    #expect(abs(log3.lo - -9.07129723500153e-17) < 1e-30)
    let big = DoubleDouble.log(DoubleDouble(1e300))
    #expect(big.hi == 690.7755278982137)
  }
}
