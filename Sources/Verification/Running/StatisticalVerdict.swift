public import SpecEngine

/// The decision of a hypothesis test at a declared false-failure rate, and its report lines.
///
/// A claim that holds must not be rejected (its p-value must reach alpha); a claim the spec
/// marks `expect: refuted` must be rejected (its p-value must fall below alpha).
public struct StatisticalVerdict: Sendable {
  /// The false-failure rate the spec declares.
  public var alpha: Double
  /// Whether the spec expects the hypothesis to be rejected.
  public var expectsRejection: Bool

  /// Creates a verdict rule.
  public init(alpha: Double, expectsRejection: Bool) {
    self.alpha = alpha
    self.expectsRejection = expectsRejection
  }

  /// Reads the rule from a claim: alpha from `tolerance: alpha ...`, and `expect: refuted`.
  ///
  /// - Throws: `VerificationError` when the claim declares no tolerance or one that is not alpha.
  public init(_ claim: Claim) throws(VerificationError) {
    let tolerance = try claim.requiredTolerance()
    guard case .falseFailureRate(let alpha) = tolerance.bound else {
      throw .invalidInput(
        name: "tolerance", value: tolerance.bound.description,
        reason: "a statistical claim declares its false-failure rate as alpha",
        at: tolerance.location)
    }
    self.init(alpha: alpha, expectsRejection: claim.expectsRefutation)
  }

  /// Whether a p-value gives the outcome the spec expects.
  public func accepts(_ p: Double) -> Bool { (p < alpha) == expectsRejection }

  /// The measurement of one p-value against alpha.
  public func measurement(_ label: String, p: Double) -> Measurement {
    let rule = expectsRejection ? "must be below alpha" : "must reach alpha"
    return Measurement(
      label: "p-value, \(label) (\(rule))", value: p, bound: alpha, unit: "p-value",
      passed: accepts(p))
  }

  /// Returns the claim's result: passed when every test went the expected way.
  ///
  /// - Parameters:
  ///   - claim: The claim.
  ///   - ok: Whether every test of the claim went the expected way.
  ///   - hypothesis: What was tested, such as `Poisson(3)`.
  ///   - measurements: The p-values and other measurements.
  ///   - details: The statistics, degrees of freedom and decisions, one line per test.
  ///   - seed: The claim's seed, for the replay token of a failure.
  /// - Returns: The result, with a replay token when it failed.
  public func result(
    _ claim: Claim, ok: Bool, hypothesis: String, measurements: [Measurement],
    details: [String], seed: UInt64
  ) -> ClaimResult {
    let at = "\(hypothesis) at alpha \(NumberFormatting.short(alpha))"
    let summary: String =
      switch (ok, expectsRejection) {
      case (true, false): "not rejected: \(at)"
      case (true, true): "rejected, as the spec expects: \(at)"
      case (false, false): "rejected: \(at)"
      case (false, true): "not rejected, but the spec expects a rejection: \(at)"
      }
    return ClaimResult(
      id: claim.id, verdict: ok ? .passed : .failed, summary: summary,
      measurements: measurements, details: details,
      replay: ok ? nil : ReplayToken(claimID: claim.id, seed: seed, caseIndex: 0).description,
      location: claim.location)
  }
}
