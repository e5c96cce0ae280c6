import SpecEngine

/// Shared plumbing of figure checks.
enum FigureSupport {
  /// Builds a figure result: every point of the kernel's series is compared with the oracle.
  static func result(
    _ claim: Claim, figure: Figure, kernel: [Double], oracle: [Double], oracleName: String,
    tolerance: Tolerance
  ) -> ClaimResult {
    var outcome = CaseOutcome()
    for (k, o) in zip(kernel, oracle) {
      outcome.compare("kernel vs \(oracleName)", k, against: o, within: tolerance)
    }
    let measurements = outcome.measurements.worstPerLabel()
    let summary =
      (["\(kernel.count) points"] + measurements.map { describe($0, prefix: "max ") })
      .joined(separator: "; ")
    return ClaimResult(
      id: claim.id, verdict: outcome.passed ? .passed : .failed, summary: summary,
      measurements: measurements, details: Array(outcome.notes.prefix(5)), figure: figure,
      location: claim.location)
  }
}
