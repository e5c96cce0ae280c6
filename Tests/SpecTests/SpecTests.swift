import Foundation
import SpecEngine
import Testing
import Verification

/// One test case of the literate suite: a claim, a table row, or a spec diagnostic.
struct SpecCase: Sendable, CustomTestStringConvertible {
  enum Content: Sendable {
    case claim(Claim)
    case diagnostic(Diagnostic)
  }

  var file: String
  var content: Content

  var testDescription: String {
    switch content {
    case .claim(let claim):
      "\(claim.table?.rows.first?.id ?? claim.id) (\(file):\(claim.table?.rows.first?.location.line ?? claim.location.line))"
    case .diagnostic(let d): "diagnostic \(d.location)"
    }
  }
}

/// Loads every spec once, when the test plan is built, and never throws.
///
/// A spec that fails to load becomes failing diagnostic cases, so no test is lost.
enum SpecCatalog {
  /// The repository root, from this file's path (Tests/SpecTests/SpecTests.swift).
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static let cases: [SpecCase] = cases(in: root + "/Specs", relativeTo: root)

  /// Returns the cases of every spec in `directory`, naming files relative to `base`.
  static func cases(in directory: String, relativeTo base: String) -> [SpecCase] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
    guard !names.isEmpty else {
      let missing = Diagnostic(
        at: SourceLocation(file: directory, line: 1), "no spec files found in \(directory)")
      return [SpecCase(file: directory, content: .diagnostic(missing))]
    }
    let prefix: String
    if directory == base {
      prefix = ""
    } else if directory.hasPrefix(base + "/") {
      prefix = String(directory.dropFirst(base.count + 1)) + "/"
    } else {
      prefix = directory + "/"
    }
    var out: [SpecCase] = []
    for name in names {
      let file = prefix + name
      let loaded = Verifier.standard.load(file: directory + "/" + name, as: file)
      out += loaded.diagnostics.map { SpecCase(file: file, content: .diagnostic($0)) }
      guard let spec = loaded.spec, !loaded.hasErrors else { continue }
      for claim in spec.claims where claim.kind != .narrative {
        if let table = claim.table {
          for row in table.rows {
            out += ClaimFilter([row.id]).apply(to: [claim]).map {
              SpecCase(file: file, content: .claim($0))
            }
          }
        } else {
          out.append(SpecCase(file: file, content: .claim(claim)))
        }
      }
    }
    return out
  }
}

@Suite("Literate specs")
struct SpecTests {
  @Test("Every claim of every spec holds", arguments: SpecCatalog.cases)
  func claimHolds(_ specCase: SpecCase) {
    switch specCase.content {
    case .diagnostic(let d):
      Issue.record(Comment(rawValue: d.description), sourceLocation: location(d.location, specCase))
    case .claim(let claim):
      let result = Verifier.standard.run(claim)
      guard result.verdict == .failed || result.verdict == .error else { return }
      var lines = ["\(result.id): \(result.verdict.rawValue): \(result.summary)"]
      for row in result.rows where row.verdict != .passed {
        lines.append("\(row.id): \(row.summary)")
      }
      lines += result.details
      if let replay = result.replay {
        lines.append("replay: crosscheck check \(specCase.file) --replay '\(replay)'")
      }
      let at = result.rows.first { $0.verdict != .passed }?.location ?? result.location
      Issue.record(
        Comment(rawValue: lines.joined(separator: "\n")),
        sourceLocation: location(at, specCase))
    }
  }

  /// Points an issue at the spec's line in the source tree, so editors jump to the Markdown.
  private func location(_ l: SpecEngine.SourceLocation, _ specCase: SpecCase)
    -> Testing.SourceLocation
  {
    let relative =
      l.file.hasPrefix(SpecCatalog.root + "/")
      ? String(l.file.dropFirst(SpecCatalog.root.count + 1)) : l.file
    let path = relative.hasPrefix("/") ? relative : SpecCatalog.root + "/" + relative
    return Testing.SourceLocation(
      fileID: "crosscheck/\(relative)", filePath: path, line: l.line, column: l.column)
  }
}
