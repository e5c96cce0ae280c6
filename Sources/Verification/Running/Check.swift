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
  /// The oracles a claim may hold the kernel against, named after `against` in its tolerance.
  public var oracles: Oracles
  /// Where the check is declared (`Module/File.swift:line`), for messages about duplicates.
  public var declaration: String
  /// Runs a claim; `replay` selects a single case of a property or statistical claim.
  public var run: @Sendable (Claim, ReplayToken?) -> ClaimResult

  /// Creates a check.
  ///
  /// - Parameters:
  ///   - name: The name claims use after `check:`.
  ///   - kind: The claim kind it runs.
  ///   - summary: One sentence for `crosscheck list --checks`.
  ///   - parameters: Its inputs, each declared once (``CheckParameter``).
  ///   - oracles: The oracles it can hold the kernel against; a claim naming another one is a
  ///     load-time diagnostic.
  ///   - fileID: Where the check is declared (the default is the caller's file).
  ///   - line: The line of the declaration (the default is the caller's line).
  ///   - run: Runs a claim.
  public init(
    name: String, kind: Claim.Kind, summary: String, parameters: [any ParameterDeclaration],
    oracles: Oracles, fileID: String = #fileID, line: Int = #line,
    run: @escaping @Sendable (Claim, ReplayToken?) -> ClaimResult
  ) {
    self.name = name
    self.kind = kind
    self.summary = summary
    self.parameters = parameters.map(\.schema)
    self.oracles = oracles
    self.declaration = "\(fileID):\(line)"
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
    return CheckSchema(
      name: name, kind: kind, parameters: shaped + extra, summary: summary,
      oracles: oracles.names)
  }
}

extension ParameterSchema {
  /// Creates an input of a check; `Check.schema` sets where it may be given.
  init(_ name: String, _ type: ValueType, required: Bool, help: String) {
    self.init(name, accepts: [type], isRequired: required, help: help)
  }

  /// The `expected` column of a table check: the stated values, which the table runner reads.
  static func expected(_ help: String) -> ParameterSchema {
    ParameterSchema("expected", .number, required: true, help: help)
  }
}

extension Oracles {
  /// Held against the exact value: an identity, or arithmetic done exactly.
  public static let exact = Oracles(primary: "exact", names: ["exact"])
  /// Held against the MPFR referee.
  public static let referee = Oracles(primary: "referee", names: ["referee"])
  /// Held against GSL.
  public static let gsl = Oracles(primary: "gsl", names: ["gsl"])
  /// The MPFR referee by default, or GSL.
  public static let refereeOrGSL = Oracles(primary: "referee", names: ["referee", "gsl"])
  /// GSL by default, or the MPFR referee.
  public static let gslOrReferee = Oracles(primary: "gsl", names: ["gsl", "referee"])
  /// No oracle: a statistical test whose tolerance is a false-failure rate.
  public static let none = Oracles(primary: "", names: [])
}
