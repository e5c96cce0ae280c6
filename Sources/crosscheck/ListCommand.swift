import ArgumentParser
import Foundation
import SpecEngine
import Verification

extension Crosscheck {
  /// Lists specs, sections and claims with their kind, status and coverage.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List specs, sections and claims with their kind, status and coverage.")

    /// The output formats of `list`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    @OptionGroup var selection: SpecSelection

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "List the checks that claims can name, with their parameters, instead.")
    var checks = false

    func run() throws {
      let (text, failed) = try render()
      print(text, terminator: "")
      if failed { throw ExitCode(1) }
    }

    /// Returns what `list` prints, and whether a spec had an error (diagnostics go to stderr).
    func render() throws -> (text: String, failed: Bool) {
      let verifier = Verifier.standard
      if checks {
        switch format {
        case .json: return (try Self.json(["checks": CheckCatalog.entries(verifier)]), false)
        case .text: return (CheckCatalog.text(verifier), false)
        }
      }
      var listed: [ListedSpec] = []
      var failed = false
      for file in try selection.files() {
        let loaded = verifier.load(file: file)
        for d in loaded.diagnostics { printError(d.description) }
        if loaded.hasErrors { failed = true }
        if let spec = loaded.spec { listed.append(ListedSpec(spec)) }
      }
      switch format {
      case .json: return (try Self.json(["specs": listed]), failed)
      case .text: return (listed.map(\.text).joined(), failed)
      }
    }

    static func json(_ value: some Encodable) throws -> String {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
  }
}

/// A spec as `list` shows it.
struct ListedSpec: Encodable {
  struct ListedSection: Encodable {
    var id: String
    var heading: String
    var line: Int
  }

  struct ListedClaim: Encodable {
    enum CodingKeys: String, CodingKey {
      case id, kind, check, status, reason, section, line, rows
    }

    var id: String
    var kind: String
    var check: String?
    var status: String
    var reason: String?
    var section: String
    var line: Int
    var rows: [String]?

    /// Writes every key, `null` where a value is absent, so the shape is the same for all claims.
    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(kind, forKey: .kind)
      try c.encode(check, forKey: .check)
      try c.encode(status, forKey: .status)
      try c.encode(reason, forKey: .reason)
      try c.encode(section, forKey: .section)
      try c.encode(line, forKey: .line)
      try c.encode(rows, forKey: .rows)
    }
  }

  var file: String
  var article: Int
  var title: String
  var status: String
  var sections: [ListedSection]
  var claims: [ListedClaim]
  var coverage: [String: Int]

  init(_ spec: Spec) {
    file = spec.file
    article = spec.frontMatter.article
    title = spec.frontMatter.title
    status = spec.frontMatter.status.rawValue
    // The article's sections: the introduction and the level-2 headings, not subsections.
    sections = spec.sections.filter { $0.level <= 2 }.map {
      ListedSection(id: $0.id, heading: $0.heading, line: $0.location.line)
    }
    claims = spec.claims.map { claim in
      let narrative = claim.kind == .narrative
      return ListedClaim(
        id: claim.id, kind: claim.kind.rawValue, check: narrative ? nil : claim.check,
        status: narrative ? "narrative" : "executable",
        reason: narrative ? claim.statement : nil, section: claim.sectionID,
        line: claim.location.line, rows: claim.table.map { $0.rows.map(\.id) })
    }
    let bound = Set(spec.claims.map(\.baseID))
    coverage = [
      "executable": spec.claims.filter { $0.kind != .narrative }.count,
      "narrative": spec.claims.filter { $0.kind == .narrative }.count,
      "map-claims": spec.frontMatter.mapClaims.count,
      "map-claims-bound": spec.frontMatter.mapClaims.filter { bound.contains($0) }.count,
    ]
  }

  var text: String {
    var out = "\(file): article \(article), \(title) (\(status))\n"
    out +=
      "  \(coverage["executable"] ?? 0) executable, \(coverage["narrative"] ?? 0) narrative; "
      + "\(coverage["map-claims-bound"] ?? 0) of \(coverage["map-claims"] ?? 0) map claims bound\n"
    for section in sections {
      out += "  \(section.id)  \(section.heading)\n"
      for claim in claims where claim.section == section.id {
        let what =
          claim.status == "narrative" ? "narrative: \(claim.reason ?? "")" : claim.check ?? ""
        let rows = claim.rows.map { " (\($0.count) \($0.count == 1 ? "row" : "rows"))" } ?? ""
        out += "    \(claim.id.padding(toLength: 20, withPad: " ", startingAt: 0)) "
        out += "\(claim.kind.padding(toLength: 11, withPad: " ", startingAt: 0)) \(what)\(rows)\n"
      }
    }
    return out
  }
}

/// The checks that claims can name, as `list --checks` shows them.
enum CheckCatalog {
  /// One check.
  struct Entry: Encodable {
    var name: String
    var kind: String
    var summary: String
    /// The oracles `against` may name, the default first; empty for statistical checks.
    var oracles: [String]
    var parameters: [Parameter]
  }

  /// One input of a check, with every key written (`null` where absent).
  struct Parameter: Encodable {
    enum CodingKeys: String, CodingKey {
      case name, accepts, source, required, help, choices, limits
      case defaultValue = "default"
    }

    /// The ends of a closed interval; an infinite end is `null`.
    struct Limits: Encodable {
      var lower: Double?
      var upper: Double?

      func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lower, forKey: .lower)
        try c.encode(upper, forKey: .upper)
      }

      enum CodingKeys: String, CodingKey { case lower, upper }
    }

    var name: String
    var accepts: [String]
    var source: String
    var required: Bool
    var help: String
    var choices: [String]?
    var limits: Limits?
    var defaultValue: String?

    init(_ p: ParameterSchema) {
      name = p.name
      accepts = ParameterSchema.ValueType.allCases.filter(p.accepts.contains).map(\.rawValue)
      source = p.source.rawValue
      required = p.isRequired
      help = p.help
      choices = p.choices
      limits = p.limits.map {
        Limits(
          lower: $0.lowerBound.isFinite ? $0.lowerBound : nil,
          upper: $0.upperBound.isFinite ? $0.upperBound : nil)
      }
      defaultValue = p.defaultValue
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      try c.encode(accepts, forKey: .accepts)
      try c.encode(source, forKey: .source)
      try c.encode(required, forKey: .required)
      try c.encode(help, forKey: .help)
      try c.encode(choices, forKey: .choices)
      try c.encode(limits, forKey: .limits)
      try c.encode(defaultValue, forKey: .defaultValue)
    }

    /// The choices, limits and default in words, or `nil` when the schema gives none.
    var details: String? {
      var parts: [String] = []
      if let choices { parts.append("choices: " + choices.joined(separator: ", ")) }
      if let limits {
        let low = limits.lower.map(NumberFormatting.plain) ?? "-inf"
        let high = limits.upper.map(NumberFormatting.plain) ?? "inf"
        parts.append("limits: \(low) ... \(high)")
      }
      if let defaultValue { parts.append("default: \(defaultValue)") }
      return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
  }

  /// Every check, sorted by name.
  static func entries(_ verifier: Verifier) -> [Entry] {
    verifier.checks.keys.sorted().compactMap { name in
      verifier.checks[name].map { check in
        Entry(
          name: name, kind: check.kind.rawValue, summary: check.summary,
          oracles: check.oracles.names, parameters: check.schema.parameters.map(Parameter.init))
      }
    }
  }

  /// The text of `list --checks`: each check, its summary, and a line per parameter.
  static func text(_ verifier: Verifier) -> String {
    var out = ""
    for entry in entries(verifier) {
      out += "\(entry.name) (\(entry.kind))\n    \(entry.summary)\n"
      if let first = entry.oracles.first {
        let others = entry.oracles.dropFirst().map { ", \($0)" }.joined()
        out += "    against: \(first) (default)\(others)\n"
      }
      for p in entry.parameters {
        out += "    \(p.name)\(p.required ? "" : " (optional)"): \(p.help)"
        out += p.details.map { " [\($0)]" } ?? ""
        out += "\n"
      }
    }
    return out
  }
}
