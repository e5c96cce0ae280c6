/// Counts of claims by outcome, and the measurement that used most of its bound.
///
/// A tally covers a spec, a section or a whole run. Claims are counted once each (a table claim
/// counts as one claim whatever its rows); the worst error looks at every measurement of every
/// claim and row.
public struct ReportTally: Sendable, Hashable {
  /// The measurement that came closest to (or furthest past) its bound.
  public struct WorstError: Sendable, Hashable {
    /// The ID of the claim or table row it belongs to.
    public var id: String
    /// The measurement.
    public var measurement: Measurement
    /// The measured value divided by the bound (1 is exactly at the bound).
    public var fractionOfBound: Double

    /// Creates a worst-error record.
    public init(id: String, measurement: Measurement, fractionOfBound: Double) {
      self.id = id
      self.measurement = measurement
      self.fractionOfBound = fractionOfBound
    }
  }

  /// Claims that run (every kind but narrative).
  public var executable = 0
  /// Narrative items.
  public var narrative = 0
  /// Executable claims whose verdict is passed.
  public var passed = 0
  /// Executable claims whose verdict is failed.
  public var failed = 0
  /// Executable claims that could not be run (verdict error).
  public var errors = 0
  /// Executable claims with no result at all.
  public var notRun = 0
  /// The measurement that used the largest fraction of its bound, if any had a bound.
  public var worst: WorstError?

  /// Creates an empty tally.
  public init() {}

  /// Creates the tally of the given claims, looking their results up by claim ID.
  public init(claims: [Claim], results: [String: ClaimResult]) {
    for claim in claims { add(claim, result: results[claim.id]) }
  }

  /// All claims, executable and narrative.
  public var total: Int { executable + narrative }

  /// Adds one claim and its result (nil when it did not run).
  public mutating func add(_ claim: Claim, result: ClaimResult?) {
    guard claim.kind != .narrative else {
      narrative += 1
      return
    }
    executable += 1
    switch result?.verdict {
    case .passed: passed += 1
    case .failed: failed += 1
    case .error: errors += 1
    case .narrative: errors += 1
    case nil: notRun += 1
    }
    guard let result else { return }
    for measurement in result.measurements { consider(measurement, id: result.id) }
    for row in result.rows {
      for measurement in row.measurements { consider(measurement, id: row.id) }
    }
  }

  /// Adds another tally's counts and keeps the worse of the two worst errors.
  public mutating func add(_ other: ReportTally) {
    executable += other.executable
    narrative += other.narrative
    passed += other.passed
    failed += other.failed
    errors += other.errors
    notRun += other.notRun
    if let candidate = other.worst { consider(candidate) }
  }

  private mutating func consider(_ measurement: Measurement, id: String) {
    guard let fraction = ReportTally.fractionOfBound(measurement) else { return }
    consider(WorstError(id: id, measurement: measurement, fractionOfBound: fraction))
  }

  /// Keeps the candidate if it is strictly worse, so the first of equals (in document order) wins.
  private mutating func consider(_ candidate: WorstError) {
    guard let current = worst else {
      worst = candidate
      return
    }
    if candidate.fractionOfBound.isNaN { return }
    if current.fractionOfBound.isNaN || candidate.fractionOfBound > current.fractionOfBound {
      worst = candidate
    }
  }

  /// Returns the measured value over its bound for an error measurement, or nil.
  ///
  /// Only errors held to a positive bound count. Statistical measurements (a p-value held to
  /// alpha) pass when they are *above* their bound, so they are not errors and are left out.
  public static func fractionOfBound(_ measurement: Measurement) -> Double? {
    guard let bound = measurement.bound, bound > 0, bound.isFinite else { return nil }
    let unit = measurement.unit.lowercased()
    if unit.contains("p-value") || unit == "alpha" || unit.contains("statistic") { return nil }
    return measurement.value.magnitude / bound
  }
}
