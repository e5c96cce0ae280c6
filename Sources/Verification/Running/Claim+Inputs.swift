public import SpecEngine

extension Claim {
  /// Returns the range a property draws the input `name` from; a single number is a range of one.
  public func draw(_ name: String) throws(VerificationError) -> InputDraw {
    guard let p = parameter(name) else { throw .missingInput(name, at: location) }
    switch p.value {
    case .range(let distribution, let low, let high):
      guard low.value.isFinite, high.value.isFinite, low.value <= high.value else {
        throw .invalidInput(
          name: name, value: p.text, reason: "the range must be finite and not reversed",
          at: p.location)
      }
      if distribution == .logUniform, !(low.value > 0) {
        throw .invalidInput(
          name: name, value: p.text, reason: "a log-uniform range must be positive",
          at: p.location)
      }
      return InputDraw(
        name: name, distribution: distribution, lower: low.value, upper: high.value)
    case .number(let n):
      guard n.value.isFinite else {
        throw .invalidInput(name: name, value: p.text, reason: "not finite", at: p.location)
      }
      return InputDraw(name: name, distribution: .uniform, lower: n.value, upper: n.value)
    default:
      throw .notANumber(name: name, text: p.text, at: p.location)
    }
  }

  /// Returns the range for `name`, checked to lie within `limits`, the inputs the check can run.
  ///
  /// - Throws: `VerificationError.invalidInput` naming the range and the limits.
  public func draw(_ name: String, within limits: ClosedRange<Double>) throws(VerificationError)
    -> InputDraw
  {
    let input = try draw(name)
    guard limits.contains(input.lower), limits.contains(input.upper) else {
      throw .invalidInput(
        name: name, value: parameter(name)?.text ?? "",
        reason:
          "this check takes values in \(NumberFormatting.short(limits.lowerBound, digits: 3)) "
          + "... \(NumberFormatting.short(limits.upperBound, digits: 3))",
        at: parameter(name)?.location ?? location)
    }
    return input
  }

  /// Returns the number given for `name`, or `fallback` when the claim gives none.
  public func number(_ name: String, default fallback: Double? = nil) throws(VerificationError)
    -> Double
  {
    guard let p = parameter(name) else {
      if let fallback { return fallback }
      throw .missingInput(name, at: location)
    }
    guard let n = p.value.number else {
      throw .notANumber(name: name, text: p.text, at: p.location)
    }
    return n.value
  }

  /// Returns the whole number given for `name`, checked against `range`.
  public func integer(
    _ name: String, in range: ClosedRange<Int>, default fallback: Int? = nil
  ) throws(VerificationError) -> Int {
    let value = try number(name, default: fallback.map(Double.init))
    guard value == value.rounded(), value >= Double(range.lowerBound),
      value <= Double(range.upperBound)
    else {
      throw .invalidInput(
        name: name, value: NumberFormatting.exact(value),
        reason: "a whole number in \(range.lowerBound)...\(range.upperBound) is needed",
        at: parameter(name)?.location ?? location)
    }
    return Int(value)
  }

  /// Returns the text given for `name`, or `fallback`.
  public func text(_ name: String, default fallback: String? = nil) throws(VerificationError)
    -> String
  {
    if let p = parameter(name) { return p.text }
    if let fallback { return fallback }
    throw .missingInput(name, at: location)
  }

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
