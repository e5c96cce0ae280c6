import Foundation
import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Shared inputs and oracles of article 10's checks.
enum HiPPOSupport {
  static let size = CheckParameter.range(
    "size", within: 1...1024, wholeNumbers: true, help: "the state size N, as integer a ... b")

  /// The measures, as the checks name them.
  enum MeasureChoice: String, ParameterChoice {
    case legs, legt, lmu, lagt, fourier
    var kernel: HiPPO.Measure {
      switch self {
      case .legs: .legS
      case .legt: .legT
      case .lmu: .lmu
      case .lagt: .lagT
      case .fourier: .fourier
      }
    }
  }

  /// Runs a property whose cases draw a size and a seed.
  static func property(
    _ claim: Claim, _ replay: ReplayToken?, extra: @escaping () throws -> [InputDraw] = { [] },
    body: @escaping (Tolerance, Int, CaseValues, inout SeededGenerator) throws -> CaseOutcome
  ) -> ClaimResult {
    let inputs = { () throws -> [InputDraw] in
      [try claim[size], InputDraw(name: "seed", distribution: .uniform, lower: 0, upper: 1)]
        + (try extra())
    }
    return PropertySupport.run(claim, replay, inputs: inputs) { tolerance, values in
      let n = Int(values[size].rounded())
      var generator = SeededGenerator(seed: values["seed"].bitPattern)
      var outcome = try body(tolerance, n, values, &generator)
      outcome.context.insert("N = \(n)", at: 0)
      return outcome
    }
  }

  /// A random smooth input: a sum of three sines with frequencies in [0.5, 3].
  static func smoothInput(_ g: inout SeededGenerator) -> @Sendable (Double) -> Double {
    let terms = (0..<3).map { _ in
      (
        RandomMatrices.uniform(-1, 1, &g), RandomMatrices.uniform(0.5, 3, &g),
        RandomMatrices.uniform(0, 6.3, &g)
      )
    }
    return { (t: Double) -> Double in
      var sum = 0.0
      for (amplitude, frequency, phase) in terms { sum += amplitude * sin(frequency * t + phase) }
      return sum
    }
  }

  /// A random polynomial of the given degree with coefficients in [-1, 1], in powers of
  /// `(t - center) / scale` so that values stay moderate on the window.
  static func polynomialInput(
    degree: Int, center: Double, scale: Double, _ g: inout SeededGenerator
  ) -> @Sendable (Double) -> Double {
    let coefficients = (0...max(0, degree)).map { _ in RandomMatrices.uniform(-1, 1, &g) }
    return { t in
      let x = (t - center) / scale
      return coefficients.reversed().reduce(0) { $0 * x + $1 }
    }
  }

  /// The coefficients of `f` on a window by GSL's adaptive quadrature (`gsl_integration_qags`)
  /// with GSL's Legendre polynomials (`gsl_sf_legendre_Pl_array`).
  static func gslProjection(
    of f: (Double) -> Double, at time: Double, window: HiPPO.Window, size: Int
  ) throws -> [Double] {
    try (0..<size).map { n in
      let r = Double(2 * n + 1).squareRoot()
      var failure: (any Error)?
      let integral = try GSL.integrate(
        from: -1, to: 1, relativeTolerance: 1e-11, absoluteTolerance: 1e-13
      ) { (x: Double) -> Double in
        do {
          let p = try GSL.legendre(upTo: n, at: x)[n]
          return f(windowTime(x, at: time, window)) * r * p / 2
        } catch {
          failure = error
          return .nan
        }
      }
      if let failure { throw failure }
      return integral.value
    }
  }

  static func windowTime(_ x: Double, at t: Double, _ window: HiPPO.Window) -> Double {
    switch window {
    case .scaled: t * (x + 1) / 2
    case .translated(let theta): t - theta * (1 - x) / 2
    }
  }

  /// Returns `sum over n of c_n sqrt(2n + 1) p_n` for Legendre values `p`.
  static func series(_ c: [Double], _ p: [Double]) -> Double {
    var sum = 0.0
    for n in c.indices { sum += c[n] * Double(2 * n + 1).squareRoot() * p[n] }
    return sum
  }

  static func rows(_ m: Matrix<Double>) -> [[Double]] { (0..<m.rows).map { m.row($0) } }
}
