/// What each check takes, so that specs can be validated without knowing the mathematics.
///
/// `Verification` supplies the schema; SpecEngine uses it to report unknown checks, wrong kinds,
/// unknown or missing parameters and column bindings, values of the wrong type, and table cells
/// that are not numbers where numbers are needed.
public struct ClaimSchema: Sendable {
  /// The checks by name.
  public var checks: [String: CheckSchema] {
    didSet { names = ClaimSchema.sortedNames(checks) }
  }

  /// The check names in order, each with its scalars, for the suggestions for unknown names.
  private(set) var names: [(name: String, scalars: [Unicode.Scalar])]

  /// Creates a schema from checks keyed by name.
  public init(checks: [String: CheckSchema]) {
    self.checks = checks
    self.names = ClaimSchema.sortedNames(checks)
  }

  /// Creates a schema from a list of checks.
  ///
  /// A later check replaces an earlier one of the same name.
  public init(_ checks: [CheckSchema]) {
    var byName: [String: CheckSchema] = [:]
    for check in checks { byName[check.name] = check }
    self.init(checks: byName)
  }

  private static func sortedNames(
    _ checks: [String: CheckSchema]
  ) -> [(name: String, scalars: [Unicode.Scalar])] {
    checks.keys.sorted().map { ($0, Array($0.unicodeScalars)) }
  }
}

/// What one check takes: the kind of claim it runs, its inputs, and a summary for `list`.
public struct CheckSchema: Sendable, Hashable {
  /// The check's name, as written after `check:` (for example `poisson.probability`).
  public var name: String
  /// The kind of claim the check runs.
  public var kind: Claim.Kind
  /// The inputs, in the order `crosscheck list` shows them.
  public var parameters: [ParameterSchema]
  /// One sentence that says what the check does.
  public var summary: String
  /// The oracles a claim may hold the kernel against (`tolerance: ... against NAME`), the
  /// default first; empty when the check takes no `against`.
  public var oracles: [String]

  /// Creates a check schema.
  public init(
    name: String, kind: Claim.Kind, parameters: [ParameterSchema], summary: String,
    oracles: [String] = []
  ) {
    self.name = name
    self.kind = kind
    self.parameters = parameters
    self.summary = summary
    self.oracles = oracles
  }

  /// Returns the input with the given name, if the check has one.
  public func parameter(_ name: String) -> ParameterSchema? {
    parameters.first { $0.name == name }
  }
}

/// One input of a check: its name, the values it accepts, and where it may come from.
///
/// An input may be a claim parameter (`mean: 3`), a table column (`columns: count, expected`),
/// or either. A column whose ``role`` is ``Role/expected`` holds the stated values the kernel
/// must reproduce.
public struct ParameterSchema: Sendable, Hashable {
  /// A shape of value an input accepts.
  public enum ValueType: String, Sendable, Hashable, CaseIterable {
    /// A single number (`3`, `0.0025`, `25%`, `22/5`).
    case number
    /// A single whole number (`200`).
    case integer
    /// A comma-separated list of numbers (a single number is a list of one).
    case list
    /// A range to draw from (`log-uniform 1e-3 ... 1e6`).
    case range
    /// Any text.
    case text
  }

  /// Where an input may be given.
  public enum Source: String, Sendable, Hashable {
    /// Only as a `key: value` line.
    case parameter
    /// Only as a table column.
    case column
    /// As a parameter for the whole claim or as a column for each row.
    case parameterOrColumn
  }

  /// What an input means to the check.
  public enum Role: String, Sendable, Hashable {
    /// An input to the kernel.
    case input
    /// A stated value the kernel's result must reproduce.
    case expected
  }

  /// The name: the key of a parameter, or the binding of a column.
  public var name: String
  /// The shapes of value accepted; a value of any of them is valid.
  public var accepts: Set<ValueType>
  /// Where the input may be given.
  public var source: Source
  /// What the input means.
  public var role: Role
  /// Whether a claim must give the input.
  public var isRequired: Bool
  /// One phrase for `crosscheck list`.
  public var help: String
  /// The words a text input may take (`positive`, `negative`, ...), or `nil` for any text.
  public var choices: [String]?
  /// The closed interval every number of the input (both ends of a range) must lie in.
  public var limits: ClosedRange<Double>?
  /// The value used when a claim gives none, as a spec would write it.
  public var defaultValue: String?

  /// Creates an input.
  ///
  /// - Parameters:
  ///   - name: The key or column binding.
  ///   - accepts: The value shapes accepted (at least one).
  ///   - source: Where the input may be given.
  ///   - role: What the input means to the check.
  ///   - isRequired: Whether a claim must give it.
  ///   - help: One phrase for `crosscheck list`.
  ///   - choices: The words a text input may take, or `nil` for any text.
  ///   - limits: The interval every number of the input must lie in, or `nil`.
  ///   - defaultValue: The value used when a claim gives none.
  public init(
    _ name: String, accepts: Set<ValueType>, source: Source = .parameter, role: Role = .input,
    isRequired: Bool = true, help: String, choices: [String]? = nil,
    limits: ClosedRange<Double>? = nil, defaultValue: String? = nil
  ) {
    self.name = name
    self.accepts = accepts
    self.source = source
    self.role = role
    self.isRequired = isRequired
    self.help = help
    self.choices = choices
    self.limits = limits
    self.defaultValue = defaultValue
  }

  /// Whether the input may be a `key: value` line.
  public var allowsParameter: Bool { source != .column }
  /// Whether the input may be a table column.
  public var allowsColumn: Bool { source != .parameter }

  /// The accepted shapes in words: `a number or a range`.
  var acceptedDescription: String {
    let names = ValueType.allCases.filter(accepts.contains).map { type -> String in
      switch type {
      case .number: "a number"
      case .integer: "a whole number"
      case .list: "a list of numbers"
      case .range: "a range"
      case .text: "text"
      }
    }
    guard let last = names.last else { return "nothing" }
    return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last
  }
}
