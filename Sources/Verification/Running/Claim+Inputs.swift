public import SpecEngine

extension Claim {
  /// Returns the declared tolerance, or throws when the claim has none.
  public func requiredTolerance() throws(VerificationError) -> Tolerance {
    guard let tolerance else { throw .missingTolerance(at: location) }
    return tolerance
  }
}

extension ClaimResult {
  /// A result for a claim that could not run.
  public static func error(_ claim: Claim, _ error: any Error) -> ClaimResult {
    ClaimResult(id: claim.id, verdict: .error, summary: "\(error)", location: claim.location)
  }
}

/// The oracles a check can compare with, by the name a tolerance uses after `against`.
public struct Oracles: Sendable {
  /// The oracle used when a tolerance names none.
  public var primary: String
  /// Every oracle a check offers, in the order reports show them.
  public var names: [String]

  /// Creates the oracle set of a check.
  public init(primary: String, names: [String]) {
    self.primary = primary
    self.names = names
  }

  /// Returns the oracle the tolerance names, or the default; throws when the check lacks it.
  public func chosen(by tolerance: Tolerance, in claim: Claim) throws(VerificationError) -> String {
    let name = tolerance.reference?.lowercased() ?? primary
    guard names.contains(name) else {
      throw .invalidInput(
        name: "tolerance", value: "against \(name)",
        reason: "the check '\(claim.check)' compares against \(names.joined(separator: ", "))",
        at: tolerance.location)
    }
    return name
  }

  /// The name of an oracle in reports: `GSL` for `gsl`, the name itself otherwise.
  public static func display(_ name: String) -> String { name == "gsl" ? "GSL" : name }

  /// Evaluates the chosen oracle and the others into a row value.
  public func rowValue(
    kernel: Double, tolerance: Tolerance, claim: Claim,
    _ evaluate: (String) throws -> Double?
  ) throws -> RowValue {
    let chosen = try chosen(by: tolerance, in: claim)
    guard let reference = try evaluate(chosen) else {
      throw VerificationError.computation(
        "The oracle '\(chosen)' cannot compute this row.", at: claim.location)
    }
    var others: [(label: String, value: Double)] = []
    for name in names where name != chosen {
      // An oracle that refuses a row (GSL's unsigned counts, say) is left out of the comparison.
      if let value = try? evaluate(name) {
        others.append(("\(Oracles.display(name)) vs \(Oracles.display(chosen))", value))
      }
    }
    return RowValue(kernel: kernel, reference: (Oracles.display(chosen), reference), others: others)
  }
}
