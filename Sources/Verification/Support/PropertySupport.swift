import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Shared plumbing of property checks.
enum PropertySupport {
  /// The number of generated cases, which every property takes.
  static let cases = CheckParameter.integer(
    "cases", in: 1...100_000, help: "how many generated cases to run")

  /// Runs a property claim: reads `cases`, builds the runner, and turns thrown errors into
  /// failing cases.
  static func run(
    _ claim: Claim, _ replay: ReplayToken?, inputs: () throws -> [InputDraw],
    body: @escaping (Tolerance, CaseValues) throws -> CaseOutcome
  ) -> ClaimResult {
    do {
      let tolerance = try claim.requiredTolerance()
      let count = try claim[cases]
      let runner = PropertyRunner(claim: claim, inputs: try inputs(), cases: count, replay: replay)
      return runner.run { values in
        do {
          return try body(tolerance, values)
        } catch {
          var outcome = CaseOutcome()
          outcome.errors.append("\(error)")
          return outcome
        }
      }
    } catch {
      return .error(claim, error)
    }
  }

  /// Returns the count a Poisson property tests for a mean and a position in [0, 1].
  ///
  /// A quarter of positions fall in the deep lower tail (0 up to `spread` deviations below the
  /// mean); the rest spread over the mean plus or minus `spread` deviations (and `spread` counts).
  static func count(mean: Double, position: Double, spread: Double) -> Int {
    let deviation = mean.squareRoot()
    let cap = 9.0e15
    if position < 0.25 {
      let edge = max(0, mean - spread * deviation)
      return Int(min(cap, (position / 0.25 * edge).rounded(.down)))
    }
    let u = (position - 0.25) / 0.75 * 2 - 1
    return Int(min(cap, max(0, (mean + u * (spread * deviation + spread)).rounded())))
  }

  /// The counts that carry all but a negligible part (far below 1e-300) of a Poisson mass.
  static func support(mean: Double) -> ClosedRange<Int> {
    let width = 40 * mean.squareRoot() + 40
    return Int(max(0, (mean - width).rounded(.down)))...Int((mean + width).rounded(.up))
  }
}

extension CaseOutcome {
  /// Adds an informational comparison with an oracle that may refuse the input (GSL's unsigned
  /// counts); a refusal is skipped, since it decides nothing.
  mutating func inform(
    _ label: String, _ oracle: () throws -> Double, against reference: Double,
    unit bound: Tolerance.Bound
  ) {
    guard let value = try? oracle() else { return }
    inform(label, value, against: reference, unit: bound)
  }
}
