/// One checkable statement of a spec, or a narrative item that says why something is not checked.
public struct Claim: Sendable, Hashable, Identifiable {
  /// What sort of check a claim is.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A Markdown table of inputs and stated values; each row is checked.
    case table
    /// An identity checked over generated inputs.
    case property
    /// A sample-based statement tested at a declared false-failure rate.
    case statistical
    /// A plot drawn from data the run computes, checked against the oracle.
    case figure
    /// Something that cannot be checked, with the reason.
    case narrative
  }

  /// The stable ID, starting with the article map's ID (for example `A9.1.5`).
  public var id: String
  /// What sort of claim it is.
  public var kind: Kind
  /// The name of the check that runs it (for example `poisson.probability`); empty for narrative.
  public var check: String
  /// A one-line statement of the claim, in the spec's words (for narrative items, the reason).
  public var statement: String
  /// The named parameters, in the order written.
  public var parameters: [Parameter]
  /// The declared tolerance, if any.
  public var tolerance: Tolerance?
  /// The table of a table claim.
  public var table: Table?
  /// Where the claim starts (its comment or its fenced block).
  public var location: SourceLocation
  /// The source lines the claim occupies (the binding and, for tables, the table itself).
  public var lineRange: ClosedRange<Int>

  /// Creates a claim.
  public init(
    id: String, kind: Kind, check: String, statement: String, parameters: [Parameter] = [],
    tolerance: Tolerance? = nil, table: Table? = nil, location: SourceLocation,
    lineRange: ClosedRange<Int>
  ) {
    self.id = id
    self.kind = kind
    self.check = check
    self.statement = statement
    self.parameters = parameters
    self.tolerance = tolerance
    self.table = table
    self.location = location
    self.lineRange = lineRange
  }

  /// The article-map part of the ID: `A9.1.7` for `A9.1.7`, a table row `A9.1.7/3` and a
  /// further claim on the same map item, `A9.1.7.figure`.
  public var baseID: String { Claim.baseID(of: id) }

  /// Returns the article-map part of an ID: its first three dot-separated parts, without a row.
  public static func baseID(of id: String) -> String {
    let claimPart = id.split(separator: "/").first.map(String.init) ?? id
    return claimPart.split(separator: ".").prefix(3).joined(separator: ".")
  }

  /// The section part of the ID: `A9.1` for `A9.1.5`.
  public var sectionID: String {
    let parts = baseID.split(separator: ".")
    return parts.count >= 2 ? parts.prefix(2).joined(separator: ".") : baseID
  }

  /// Returns the parameter with the given name, if the claim has one.
  public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }
}

/// A named value of a claim, as written in the spec.
public struct Parameter: Sendable, Hashable {
  /// The name before the colon.
  public var name: String
  /// The parsed value.
  public var value: ParameterValue
  /// The text after the colon, trimmed.
  public var text: String
  /// Where the value starts.
  public var location: SourceLocation

  /// Creates a parameter.
  public init(name: String, value: ParameterValue, text: String, location: SourceLocation) {
    self.name = name
    self.value = value
    self.text = text
    self.location = location
  }
}

/// The value of a parameter: a number, a list, a range to draw inputs from, or text.
public enum ParameterValue: Sendable, Hashable {
  /// A single number, with the precision it was written to.
  case number(StatedNumber)
  /// A comma-separated list of numbers.
  case list([StatedNumber])
  /// A closed range `a ... b`, with how to draw values from it.
  case range(Distribution, StatedNumber, StatedNumber)
  /// Anything else.
  case text(String)

  /// How a generator draws values from a range.
  public enum Distribution: String, Sendable, Hashable, Codable {
    /// Uniform on the interval: `uniform 0 ... 1` (or just `0 ... 1` for non-integers).
    case uniform
    /// Uniform in the logarithm: `log-uniform 1e-3 ... 1e6`.
    case logUniform = "log-uniform"
    /// Uniform over the integers of the interval: `integer 0 ... 40`.
    case integer
  }

  /// The number, if the value is one.
  public var number: StatedNumber? {
    if case .number(let n) = self { return n }
    return nil
  }
}
