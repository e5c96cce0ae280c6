import Foundation
public import SpecEngine

/// Runs claims: the one place where a spec claim meets a kernel and its oracles.
///
/// The `crosscheck` CLI and the `SpecTests` suite both run claims through a verifier, so they
/// never disagree.
public struct Verifier: Sendable {
  /// The checks by name.
  public var checks: [String: Check] {
    didSet { schema = Verifier.schema(of: checks) }
  }
  /// What is wrong with the checks themselves.
  ///
  /// Each check name declared more than once, with both places. A verifier with problems loads
  /// every spec with an error, so nothing runs.
  public var problems: [String]

  /// Creates a verifier over the given checks; a name declared twice keeps the first and is
  /// recorded in ``problems`` with both declarations.
  public init(checks: [Check]) {
    var table: [String: Check] = [:]
    var problems: [String] = []
    for check in checks {
      if let first = table[check.name] {
        problems.append(
          "the check '\(check.name)' is declared twice: at \(first.declaration) and at "
            + "\(check.declaration)")
        continue
      }
      table[check.name] = check
    }
    self.checks = table
    self.problems = problems
    self.schema = Verifier.schema(of: table)
  }

  private static func schema(of checks: [String: Check]) -> ClaimSchema {
    ClaimSchema(checks.values.map(\.schema))
  }

  /// A verifier with every check of every article.
  public static let standard = Verifier(checks: Article.all.flatMap(\.checks))

  /// The schema SpecEngine validates specs against, built once from ``checks`` (and again
  /// whenever they change) rather than on every load.
  public private(set) var schema: ClaimSchema

  /// Runs one claim; a narrative item gives a `.narrative` result with its reason.
  public func run(_ claim: Claim, replay: ReplayToken? = nil) -> ClaimResult {
    if claim.kind == .narrative {
      return ClaimResult(
        id: claim.id, verdict: .narrative, summary: claim.statement, location: claim.location)
    }
    guard let check = checks[claim.check] else {
      return ClaimResult(
        id: claim.id, verdict: .error,
        summary: VerificationError.unknownCheck(claim.check, at: claim.location).description,
        location: claim.location)
    }
    guard check.kind == claim.kind else {
      return ClaimResult(
        id: claim.id, verdict: .error,
        summary: "The check '\(check.name)' runs \(check.kind.rawValue) claims, not "
          + "\(claim.kind.rawValue) claims.",
        location: claim.location)
    }
    if let replay {
      guard claim.kind == .property || claim.kind == .statistical, replay.claimID == claim.id else {
        return ClaimResult(
          id: claim.id, verdict: .error,
          summary: "The replay token \(replay) replays a property or statistical claim by its "
            + "exact ID; \(claim.id) is a \(claim.kind.rawValue) claim.",
          location: claim.location)
      }
      let expected = ReplayToken.seed(forClaim: claim.id)
      guard replay.seed == expected else {
        let token = ReplayToken(claimID: claim.id, seed: expected, caseIndex: replay.caseIndex)
        return ClaimResult(
          id: claim.id, verdict: .error,
          summary: "The replay token's seed does not match the claim's; the seeds of \(claim.id) "
            + "derive from its ID, as in \(token).",
          location: claim.location)
      }
    }
    return check.run(claim, replay)
  }

  /// Runs every claim of a spec, in document order.
  public func run(_ spec: Spec) -> [ClaimResult] { spec.claims.map { run($0) } }
}

/// A spec as loaded for a run: the parsed spec (if it parsed) and every diagnostic.
public struct LoadedSpec: Sendable {
  /// The path it was loaded from.
  public var file: String
  /// The spec, when the file could be read and has front matter.
  public var spec: Spec?
  /// Parse and validation diagnostics, sorted by place.
  public var diagnostics: [Diagnostic]

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Verifier {
  /// Loads a spec file and validates it against this verifier's checks.
  ///
  /// - Parameters:
  ///   - file: The path to read.
  ///   - name: The path diagnostics and results name (default: `file`), so a spec read by an
  ///     absolute path can still be reported as `Specs/x.md`.
  /// - Returns: The spec, if it could be read, and every diagnostic, sorted by place.
  public func load(file: String, as name: String? = nil) -> LoadedSpec {
    let shown = name ?? file
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      let (spec, diagnostics) = SpecLoader.load(file: file, schema: schema)
      return loaded(spec, diagnostics, as: shown)
    }
    return load(text: text, as: shown)
  }

  /// Parses a spec's text and validates it against this verifier's checks, as ``load(file:as:)``
  /// does for a file's text; nothing is read from disk.
  ///
  /// - Parameters:
  ///   - text: The spec's Markdown.
  ///   - name: The path diagnostics and results name.
  /// - Returns: The spec, if one could be built, and every diagnostic, sorted by place.
  /// - Complexity: O(n) in the length of the text, for the shapes the regression tests grow
  ///   (deep nesting, long tables, long lines, many claims).
  public func load(text: String, as name: String) -> LoadedSpec {
    let (parsed, parseDiagnostics) = SpecParser.parse(text, file: name)
    let validation = parsed.map { ClaimSchema.validate($0, against: schema) } ?? []
    return loaded(parsed, parseDiagnostics + validation, as: name)
  }

  private func loaded(_ spec: Spec?, _ diagnostics: [Diagnostic], as shown: String) -> LoadedSpec {
    let registry = problems.map {
      Diagnostic(.error, at: SourceLocation(file: shown, line: 1, column: 1), "internal: \($0)")
    }
    return LoadedSpec(
      file: shown, spec: spec, diagnostics: Array(Set(diagnostics + registry)).sorted())
  }
}
