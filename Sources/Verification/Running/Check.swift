public import SpecEngine

/// A named check: what it takes from a claim and how it runs it.
///
/// A struct of closures rather than a protocol hierarchy, so the registry is a plain value.
public struct Check: Sendable {
  /// The name claims use in their `check:` line, such as `poisson.probability`.
  public var name: String
  /// The claim kind the check runs.
  public var kind: Claim.Kind
  /// One sentence on what the check computes and compares.
  public var summary: String
  /// The parameters and table columns the check understands.
  public var parameters: [ParameterSchema]
  /// The claim IDs' kernels this check verifies, for vector provenance (filled by the registry).
  public var kernels: [String]
  /// Runs a claim; `replay` selects a single case of a property or statistical claim.
  public var run: @Sendable (Claim, ReplayToken?) -> ClaimResult

  /// Creates a check.
  public init(
    name: String, kind: Claim.Kind, summary: String, parameters: [ParameterSchema],
    kernels: [String] = [], run: @escaping @Sendable (Claim, ReplayToken?) -> ClaimResult
  ) {
    self.name = name
    self.kind = kind
    self.summary = summary
    self.parameters = parameters
    self.kernels = kernels
    self.run = run
  }

  /// The schema entry SpecEngine validates claims against.
  ///
  /// Table checks take their inputs from a column or a parameter, and `expected` from a column;
  /// every other kind takes parameters only.
  public var schema: CheckSchema {
    let shaped = parameters.map { p -> ParameterSchema in
      var p = p
      if kind == .table {
        p.source = p.name == "expected" ? .column : .parameterOrColumn
        if p.name == "expected" { p.role = .expected }
      }
      if p.accepts.contains(.range) { p.accepts.insert(.number) }
      if p.accepts.contains(.integer) { p.accepts.insert(.number) }
      return p
    }
    let expect = ParameterSchema(
      "expect", accepts: [.text], source: .parameterOrColumn, isRequired: false,
      help: "holds (default) or refuted: the stated value is wrong, and the check must prove it")
    let extra = kind == .table && !shaped.contains { $0.name == "expect" } ? [expect] : []
    return CheckSchema(name: name, kind: kind, parameters: shaped + extra, summary: summary)
  }
}

extension ParameterSchema {
  /// Creates an input of a check; `Check.schema` sets where it may be given.
  init(_ name: String, _ type: ValueType, required: Bool, help: String) {
    self.init(name, accepts: [type], isRequired: required, help: help)
  }
}
