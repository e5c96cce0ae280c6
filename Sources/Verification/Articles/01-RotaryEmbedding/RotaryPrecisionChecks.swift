import RealModule
import Referee
import ReferenceNumerics
import SpecEngine

/// The precision of RoPE at long context: the rotation in Double, Float, Float16 and bfloat16
/// against the exact rotation, as a function of the position.
enum RotaryPrecisionChecks {
  static let all: [Check] = [figure]

  typealias S = RotarySupport
  typealias Format = RotaryPrecision.Format

  static let largest = CheckParameter.integer(
    "max-position-exponent", in: 1...30, default: 20,
    help: "positions run over 2^(k/2) for k = 0 ... 2 * this")
  static let slope = CheckParameter.number(
    "slope-band", within: 0...1, default: 0.35,
    help: "how far the log-log slope of the error may be from 1 (linear growth)")

  /// The normwise relative error of one format at one position, or nil past its range.
  static func error(
    _ format: Format, _ x: [Double], _ m: Double, _ exact: [Double], base: Double
  ) throws -> Double? {
    guard m <= format.greatestFiniteMagnitude else { return nil }
    let y: [Double]
    switch format {
    case .double:
      // An fp64 framework's pipeline, every step rounded to Double: the kernel's own Double
      // rotation carries the phase exactly and is held to a flat bound by rotary.exact-phase.
      y = RotaryPrecision.rotate(x, position: m, base: base, format: .double)
    case .float:
      y = try RotaryEmbedding<Float>(dimension: x.count, base: Float(base))
        .rotate(x.map(Float.init), at: Float(m)).map(Double.init)
    case .float16, .bfloat16:
      y = RotaryPrecision.rotate(x, position: m, base: base, format: format)
    }
    let e = S.norm(zip(y, exact).map { $0 - $1 }) / S.norm(x)
    return e.isFinite ? e : nil
  }

  /// Returns the least-squares slope of log(error) against log(position).
  static func logSlope(_ points: [(Double, Double)]) -> Double {
    let xs = points.map { Double.log($0.0) }
    let ys = points.map { Double.log($0.1) }
    let (mx, my) = (xs.reduce(0, +) / Double(xs.count), ys.reduce(0, +) / Double(ys.count))
    let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    return sxx > 0 ? sxy / sxx : .nan
  }

  static let figure = Check(
    name: "rotary.precision-figure", kind: .figure,
    summary: "The normwise error of half-split RoPE in Double (an fp64 pipeline), Float (the "
      + "kernel), Float16 and bfloat16 (angle computed in each) against the referee's exact rotation, over positions 1 to "
      + "2^k: every point within bound (m + 1) u of its format, and the log-log slope near 1 "
      + "where the error is not saturated.",
    parameters: [S.dimension, S.base, largest, slope], oracles: .referee
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let (d, base) = (try claim[S.dimension], try claim[S.base])
      guard d % 2 == 0 else {
        throw VerificationError.invalidInput(
          name: "dimension", value: "\(d)", reason: "it must be even", at: claim.location)
      }
      var g = SeededGenerator(seed: SeededGenerator.seed(from: claim.id))
      // Entries with 8 significant bits are exact in every format.
      let x = S.vector(Double.self, d, &g).map { Format.bfloat16.round($0) }
      let top = 2 * (try claim[largest])
      let positions = (0...top).map { Double.pow(2, Double($0) / 2).rounded() }
      var outcome = CaseOutcome()
      var series: [Figure.Series] = []
      for format in Format.allCases {
        var points: [(Double, Double)] = []
        for m in positions {
          var exact = x
          for p in 0..<d / 2 {
            (exact[p], exact[p + d / 2]) = try Referee.rotate(
              x[p], x[p + d / 2], position: m,
              frequency: .power(base: base, numerator: 2 * p, denominator: d))
          }
          guard let e = try error(format, x, m, exact, base: base) else { continue }
          points.append((m, e))
          let u = format.unitRoundoff
          outcome.bound(
            "error / ((m + 1) u) in \(format.rawValue)", error: e / ((m + 1) * u),
            tolerance: tolerance)
        }
        series.append(
          .init(
            name: format.rawValue, style: .line, x: points.map(\.0),
            y: points.map { max($0.1, 1e-18) }))
        // The growth where the error is neither at the rounding floor nor saturated.
        let growing = points.filter { $0.0 >= 256 && $0.1 < 0.1 }
        if growing.count >= 4 {
          let s = logSlope(growing)
          let band = try claim[slope]
          outcome.measurements.append(
            Measurement(
              label: "log-log slope of the error in \(format.rawValue), m >= 256, error < 0.1",
              value: abs(s - 1), bound: band, unit: "|slope - 1|", passed: abs(s - 1) <= band))
          outcome.context.append(
            "\(format.rawValue): slope \(NumberFormatting.short(s, digits: 3))")
        }
      }
      let figure = Figure(
        title: "RoPE error against the exact rotation, d = \(d)", xLabel: "position m",
        yLabel: "|y - y_exact| / |x|", logX: true, logY: true, series: series)
      let measurements = outcome.measurements.worstPerLabel()
      let summary =
        (["\(positions.count) positions"] + outcome.context
        + measurements.map { describe($0, prefix: "max ") }).joined(separator: "; ")
      return ClaimResult(
        id: claim.id, verdict: outcome.passed ? .passed : .failed, summary: summary,
        measurements: measurements, details: Array(outcome.notes.prefix(5)), figure: figure,
        location: claim.location)
    } catch {
      return .error(claim, error)
    }
  }
}
