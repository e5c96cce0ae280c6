import Foundation
import SpecEngine
import Testing
import Verification

@Suite("A malformed spec becomes failing cases")
struct MalformedSpecTests {
  /// Writes a spec with three problems into a fresh folder and returns the folder.
  func folder(with text: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-spec-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try text.write(toFile: directory + "/bad.md", atomically: true, encoding: .utf8)
    return directory
  }

  let malformed = """
    ---
    article: 9
    title: T
    original-title: T
    author: A
    source: S
    status: original read
    map-claims: A9.1.1
    ---

    # T

    ## 一 · One

    <!-- claim A9.1.1 tabel
    check: poisson.probability
    -->

    <!-- claim A9.1.2 table
    check: poisson.probability
    columns: count, expected
    mean: 3
    tolerance: 4 ulpz against referee
    because: a reason
    -->
    | n | p |
    |---:|---:|
    | 0 | O.0498 |
    """

  @Test("Every diagnostic is its own case, at its file and line, and each one fails")
  func diagnosticsFail() throws {
    let directory = try folder(with: malformed)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let cases = SpecCatalog.cases(in: directory, relativeTo: directory)
    let diagnostics = cases.compactMap { c -> Diagnostic? in
      if case .diagnostic(let d) = c.content { return d }
      return nil
    }
    #expect(diagnostics.map(\.location.line) == [15, 23, 28])
    #expect(diagnostics.allSatisfy { $0.location.file == "bad.md" })
    #expect(!cases.contains { if case .claim = $0.content { true } else { false } })
    for specCase in cases {
      withKnownIssue("a malformed spec must fail") {
        SpecTests().claimHolds(specCase)
      }
    }
  }

  @Test("An empty folder is a failing case, not a silent pass")
  func emptyFolder() throws {
    let directory = try folder(with: "")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.removeItem(atPath: directory + "/bad.md")
    let cases = SpecCatalog.cases(in: directory, relativeTo: directory)
    #expect(cases.count == 1)
    withKnownIssue("no specs must fail") { SpecTests().claimHolds(cases[0]) }
  }
}
