import ReferenceNumerics
import SpecEngine

/// Plumbing shared by the checks of article 6: random factors in a chosen precision, GSL's
/// row layout, and errors measured as a fraction of a per-entry rounding bound.
enum LoRASupport {
  static let dimension = CheckParameter.range(
    "dimension", within: 1...48, wholeNumbers: true,
    help: "the range d and k are drawn from, as integer a ... b")
  static let precision = CheckParameter.precision()

  /// Runs a property whose cases draw `dimension` and a seed for the random matrices.
  static func property(
    _ claim: Claim, _ replay: ReplayToken?,
    body: @escaping (Tolerance, Int, Int, inout SeededGenerator) throws -> CaseOutcome
  ) -> ClaimResult {
    let inputs = { () throws -> [InputDraw] in
      [
        try claim[dimension], try claim[dimension].renamed("columns"),
        InputDraw(name: "seed", distribution: .uniform, lower: 0, upper: 1),
      ]
    }
    return PropertySupport.run(claim, replay, inputs: inputs) { tolerance, values in
      let d = Int(values[dimension].rounded())
      let k = Int(values["columns"].rounded())
      var generator = SeededGenerator(seed: values["seed"].bitPattern)
      var outcome = try body(tolerance, d, k, &generator)
      outcome.context.insert("d = \(d), k = \(k)", at: 0)
      return outcome
    }
  }

  /// Returns a rows x columns matrix of uniform entries in `-scale ... scale`, rounded to `T`.
  static func matrix<T: ReferenceScalar>(
    _ rows: Int, _ columns: Int, _ g: inout SeededGenerator, scale: Double = 1
  ) throws -> Matrix<T> {
    let values = (0..<(rows * columns)).map { _ in T(RandomMatrices.uniform(-scale, scale, &g)) }
    return try Matrix(rows: rows, columns: columns, elements: values)
  }

  /// The matrix as rows of `Double` (exact widening), GSL's layout.
  static func rows<T: ReferenceScalar>(_ m: Matrix<T>) -> [[Double]] {
    (0..<m.rows).map { i in m.row(i).map { Double($0) } }
  }

  /// The entrywise absolute values, as rows of `Double`.
  static func magnitudes<T: ReferenceScalar>(_ m: Matrix<T>) -> [[Double]] {
    rows(m).map { $0.map(abs) }
  }

  /// A vector as a one-column matrix.
  static func column(_ v: [Double]) -> [[Double]] { v.map { [$0] } }

  /// Returns the largest `|actual - reference| / bound` over the entries (0 where both agree
  /// exactly, infinity where the bound is 0 but they differ or a value is not finite).
  static func fractionOfBound(_ actual: [Double], _ reference: [Double], _ bound: [Double])
    -> Double
  {
    guard actual.count == reference.count, actual.count == bound.count else { return .infinity }
    var worst = 0.0
    for i in actual.indices {
      let difference = abs(actual[i] - reference[i])
      if difference == 0 { continue }
      if !difference.isFinite || bound[i] == 0 { return .infinity }
      worst = max(worst, difference / bound[i])
    }
    return worst
  }

  /// The unit roundoff of `T`, `ulpOfOne / 2`.
  static func unitRoundoff<T: ReferenceScalar>(_: T.Type) -> Double { Double(T.ulpOfOne) / 2 }
}

extension InputDraw {
  /// The same draw under another name (a second input drawn from the same range).
  func renamed(_ name: String) -> InputDraw {
    var copy = self
    copy.name = name
    return copy
  }
}
