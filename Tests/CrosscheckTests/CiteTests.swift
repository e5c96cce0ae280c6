import ArgumentParser
import Foundation
import SpecEngine
import Testing
import Verification

@testable import crosscheck

@Suite("crosscheck cite")
struct CiteTests {
  /// The repository's root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static func output(_ arguments: [String]) throws -> String {
    try Crosscheck.Cite.parse(arguments).output()
  }

  static func temporaryFolder() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-cite-\(UUID().uuidString)").path
  }

  @Test("The help text names the formats and where a claim's verdict comes from")
  func help() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Cite.self, columns: 80) == """
        OVERVIEW: Print how to cite Crosscheck, or one claim's verdict, as BibTeX or
        CFF.

        Without --claim, prints a BibTeX entry (or CITATION.cff) for this version and
        commit. With --claim, first prints the claim's verdict, its measured errors
        against their bounds and the anchor of its verdict in the HTML report, as
        comment lines, then the entry. The verdict comes from <reports>/verdicts.json
        when that file was written at the current commit and holds the claim; otherwise
        the claim is run afresh.

        USAGE: crosscheck cite [--format <format>] [--claim <id>] [--reports <dir>] [--specs-dir <specs-dir>]

        OPTIONS:
          --format <format>       Output format: bibtex or cff. (values: bibtex, cff;
                                  default: bibtex)
          --claim <id>            Cite this claim or table row, e.g. A9.1.3 or
                                  A9.1.7/count=3.
          --reports <dir>         The folder of the last report. (default: Reports)
          --specs-dir <specs-dir> The folder that holds the specs. (default: Specs)
          --version               Show the version.
          -h, --help              Show help information.

        """)
  }

  @Test("Without a claim, a BibTeX entry with the version and commit")
  func bibtex() throws {
    let text = try Self.output([])
    let commit = RunInfoProvider.current(version: CrosscheckVersion.current).commit
    #expect(text.hasPrefix("@software{crosscheck,\n"))
    #expect(text.contains("  version = {\(CrosscheckVersion.current)},\n"))
    #expect(text.contains("  date = {\(CrosscheckVersion.released)},\n"))
    #expect(text.contains("  year = {\(CrosscheckVersion.released.prefix(4))},\n"))
    #expect(text.hasSuffix("\n}"))
    if commit != "unknown" { #expect(text.contains("commit \(commit)")) }
  }

  @Test("The CFF form is CITATION.cff, with the commit added")
  func cffMatchesTheFile() throws {
    let file = try String(contentsOfFile: Self.root + "/CITATION.cff", encoding: .utf8)
    let text = try Self.output(["--format", "cff"])
    let withoutCommit = text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("commit: ") }.joined(separator: "\n")
    #expect(withoutCommit + "\n" == file)
  }

  @Test("The README's BibTeX entry is what cite prints, but for the commit")
  func readmeEntry() throws {
    let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
    let block = try #require(
      readme.components(separatedBy: "```bibtex\n").dropFirst().first?
        .components(separatedBy: "```").first)
    let run = RunInfo(
      crosscheckVersion: CrosscheckVersion.current, commit: "<the 40-digit commit you ran>",
      swiftVersion: "", gslVersion: "", mpfrVersion: "", platform: "")
    #expect(block == Citation.bibtex(run: run, claim: nil).joined(separator: "\n") + "\n")
  }

  @Test("A claim is cited from a fresh run when there is no verdicts file")
  func freshRun() throws {
    let reports = Self.temporaryFolder()
    let text = try Self.output([
      "--claim", "A9.1.3", "--reports", reports, "--specs-dir", Self.root + "/Specs",
    ])
    #expect(text.contains("claim A9.1.3 (09-poisson-exponential, property) passed."))
    #expect(text.contains("%   kernel pmf vs referee: measured "))
    #expect(text.contains(" against a bound of 8 ulp"))
    #expect(text.contains("%   Verdict: \(reports)/09-poisson-exponential.html#A9.1.3"))
    #expect(text.contains("%   From: a fresh run of "))
    #expect(text.contains("@software{crosscheck-a9.1.3,"))
    #expect(text.contains("claim A9.1.3: passed, kernel pmf vs referee: measured"))
  }

  @Test("A table row is cited by its row ID, with its own anchor")
  func row() throws {
    let text = try Self.output([
      "--claim", "A9.1.7/count=3", "--format", "cff", "--reports", Self.temporaryFolder(),
      "--specs-dir", Self.root + "/Specs",
    ])
    #expect(text.contains("# Crosscheck "))
    #expect(text.contains("claim A9.1.7/count=3 (09-poisson-exponential, table) passed."))
    #expect(text.contains("09-poisson-exponential.html#A9.1.7/count=3"))
    #expect(text.contains("\ncff-version: 1.2.0\n"))
  }

  @Test("A verdicts file written at this commit is used; one from another commit is not")
  func verdictsFile() throws {
    let run = RunInfoProvider.current(version: CrosscheckVersion.current)
    guard run.commit != "unknown" else { return }
    let reports = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: reports) }
    let json = Self.verdictsJSON(commit: run.commit)
    try ReportWriter(directory: reports).write(json, named: "verdicts.json")
    let text = try Self.output(["--claim", "A9.1.3", "--reports", reports])
    // The file's made-up measurement shows the verdict was read, not recomputed.
    #expect(text.contains("measured 2.5 ulp against a bound of 8 ulp"))
    #expect(text.contains("From: \(reports)/verdicts.json, written at this commit"))

    let stale = Self.verdictsJSON(commit: String(repeating: "0", count: 40))
    try ReportWriter(directory: reports).write(stale, named: "verdicts.json")
    let fresh = try Self.output([
      "--claim", "A9.1.3", "--reports", reports, "--specs-dir", Self.root + "/Specs",
    ])
    #expect(!fresh.contains("2.5 ulp"))
    #expect(fresh.contains("From: a fresh run of "))
  }

  @Test("An unknown claim is one clear error line")
  func unknownClaim() {
    #expect {
      try Self.output([
        "--claim", "A9.9.9", "--reports", Self.temporaryFolder(), "--specs-dir",
        Self.root + "/Specs",
      ])
    } throws: { error in
      let message = Crosscheck.message(for: error)
      return message == "No claim or table row has the ID 'A9.9.9' in the specs under "
        + "'\(Self.root)/Specs'." && Crosscheck.exitCode(for: error) != .success
    }
  }

  @Test(
    "A broken verdicts file is one clear error line, not a crash", arguments: ["{", "[1, 2]", ""])
  func brokenFile(_ contents: String) throws {
    let reports = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: reports) }
    try ReportWriter(directory: reports).write(contents, named: "verdicts.json")
    #expect {
      try Self.output(["--claim", "A9.1.3", "--reports", reports])
    } throws: { error in
      let message = Crosscheck.message(for: error)
      return message.hasPrefix("\(reports)/verdicts.json: The verdicts file is not valid")
        && !message.contains("\n") && Crosscheck.exitCode(for: error) != .success
    }
  }

  @Test("An empty claim ID is refused before anything runs")
  func emptyClaim() {
    #expect(throws: (any Error).self) { try Crosscheck.Cite.parse(["--claim", " "]) }
  }

  /// A verdicts file with one claim, A9.1.3, measured at 2.5 ulp.
  static func verdictsJSON(commit: String) -> String {
    """
    {
      "claims" : [
        {
          "anchor" : "A9.1.3", "check" : "poisson.pmf-accuracy", "id" : "A9.1.3",
          "kind" : "property", "line" : 150, "link" : "09-poisson-exponential.html#A9.1.3",
          "measurements" : [
            { "bound" : 8, "label" : "kernel pmf vs referee", "passed" : true, "unit" : "ulp",
              "value" : 2.5 }
          ],
          "replay" : null, "rows" : [], "section" : "A9.1", "spec" : "09-poisson-exponential",
          "statement" : "The pmf is accurate.", "summary" : "400 cases", "verdict" : "passed"
        }
      ],
      "format" : "crosscheck-verdicts",
      "formatVersion" : 1,
      "run" : {
        "commit" : "\(commit)", "crosscheckVersion" : "0.1.0", "gslVersion" : "2.7.1",
        "mpfrVersion" : "4.2.0", "platform" : "Linux x86_64", "swiftVersion" : "6.3"
      },
      "specs" : []
    }
    """
  }
}
