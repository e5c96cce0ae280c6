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
      let verifier = Verifier.standard
      if checks {
        print(CheckCatalogText.render(verifier), terminator: "")
        return
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
      case .json:
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(["specs": listed])
        print(String(decoding: data, as: UTF8.self))
      case .text:
        for spec in listed { print(spec.text, terminator: "") }
      }
      if failed { throw ExitCode(1) }
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

/// The text of `list --checks`.
enum CheckCatalogText {
  static func render(_ verifier: Verifier) -> String {
    var out = ""
    for name in verifier.checks.keys.sorted() {
      guard let check = verifier.checks[name] else { continue }
      out += "\(name) (\(check.kind.rawValue))\n    \(check.summary)\n"
      for p in check.schema.parameters {
        out += "    \(p.name)\(p.isRequired ? "" : " (optional)"): \(p.help)\n"
      }
    }
    return out
  }
}
