import GSLOracle
import Testing

/// Returns the distance from `value` to `reference` in units of the reference's ulp.
func ulpDistance(_ value: Double, _ reference: Double) -> Double {
  abs(value - reference) / reference.ulp
}

/// One measurement row: a GSL call, its arguments, and the correctly rounded value.
struct AccuracyRow: Sendable, CustomStringConvertible {
  let function: String
  let k: Int
  let mean: Double
  let reference: Double

  var description: String { "\(function)(\(k), mean: \(mean))" }

  func gsl() throws -> Double {
    switch function {
    case "poissonProbability": try GSL.poissonProbability(k, mean: mean)
    case "poissonCumulative": try GSL.poissonCumulative(k, mean: mean)
    default: try GSL.poissonSurvival(k, mean: mean)
    }
  }
}

/// Measures GSL's Poisson functions against correctly rounded values.
///
/// The references come from mpmath at 90 digits, rounded to Double; `RefereeTests`
/// checks that `Referee` returns exactly these Doubles, so the errors printed here
/// are GSL's errors against the referee. (This target depends on GSLOracle only.)
@Suite("GSL accuracy against the referee values (measured, not asserted tightly)")
struct GSLAccuracyTests {
  static let rows: [AccuracyRow] = [
    AccuracyRow(function: "poissonProbability", k: 3, mean: 3, reference: 0.22404180765538775),
    AccuracyRow(
      function: "poissonProbability", k: 10_000_000, mean: 1e7,
      reference: 0.0001261566250497028),
    AccuracyRow(
      function: "poissonProbability", k: 9_990_000, mean: 1e7,
      reference: 8.490450264452756e-07),
    AccuracyRow(
      function: "poissonProbability", k: 9_900_000, mean: 1e7,
      reference: 1.6919456006841173e-222),
    AccuracyRow(
      function: "poissonProbability", k: 10_100_000, mean: 1e7,
      reference: 4.696074850893261e-221),
    AccuracyRow(function: "poissonCumulative", k: 3, mean: 3, reference: 0.6472318887822313),
    AccuracyRow(function: "poissonCumulative", k: 0, mean: 30, reference: 9.357622968840175e-14),
    AccuracyRow(function: "poissonCumulative", k: 5, mean: 100, reference: 3.26145636672047e-36),
    AccuracyRow(function: "poissonCumulative", k: 500, mean: 1e3, reference: 8.30383406699052e-69),
    AccuracyRow(
      function: "poissonCumulative", k: 1000, mean: 2e3, reference: 1.370835287228024e-135),
    AccuracyRow(
      function: "poissonCumulative", k: 10_000_000, mean: 1e7, reference: 0.500084104416326),
    AccuracyRow(
      function: "poissonCumulative", k: 9_950_000, mean: 1e7, reference: 1.056335393350321e-56),
    AccuracyRow(
      function: "poissonCumulative", k: 9_900_000, mean: 1e7,
      reference: 1.6902755580821338e-220),
    AccuracyRow(function: "poissonSurvival", k: 100, mean: 30, reference: 2.170886831039916e-24),
    AccuracyRow(
      function: "poissonSurvival", k: 10_100_000, mean: 1e7,
      reference: 4.6913460207092185e-219),
  ]

  @Test("GSL's ulp error in the Poisson body and tails")
  func measure() throws {
    print("GSL \(GSL.version) Poisson error against correctly rounded values:")
    for row in Self.rows {
      let value = try row.gsl()
      let ulps = ulpDistance(value, row.reference)
      let relative = relativeError(value, row.reference)
      print("  \(row): GSL \(value), reference \(row.reference), \(ulps) ulp, rel \(relative)")
      // Loose sanity bound only: GSL is known to lose many digits in these regimes.
      #expect(relative < 1e-2, "\(row)")
    }
  }
}
