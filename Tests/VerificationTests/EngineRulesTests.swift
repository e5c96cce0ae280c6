import Foundation
import SpecEngine
import Testing
import Verification

/// The rules the engine keeps as articles are added: one folder and one line per article,
/// typed parameters validated when a spec loads, `against` honoured, precision as a parameter.
@Suite("Engine rules")
struct EngineRulesTests {
  /// The repository root, from this file's path (Tests/VerificationTests/...).
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// Every claim of every spec under `Specs/`.
  static let claims: [Claim] = {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/Specs")) ?? [])
      .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
    return names.flatMap { name in
      Verifier.standard.load(file: root + "/Specs/" + name).spec?.claims ?? []
    }
  }()

  @Test("Check names are unique across all articles")
  func uniqueNames() {
    #expect(Verifier.standard.problems.isEmpty, "\(Verifier.standard.problems)")
    let names = Article.all.flatMap(\.checks).map(\.name)
    #expect(Set(names).count == names.count)
  }

  @Test("A duplicate check name is refused with both declarations named, and nothing runs")
  func duplicateRefused() throws {
    let first = try #require(Article.poissonExponential.checks.first)
    var second = first
    second.declaration = "Verification/Elsewhere.swift:7"
    let verifier = Verifier(checks: [first, second])
    let problem = try #require(verifier.problems.first)
    #expect(problem.contains(first.declaration))
    #expect(problem.contains("Verification/Elsewhere.swift:7"))
    let loaded = verifier.load(file: Self.root + "/Specs/09-poisson-exponential.md")
    #expect(loaded.hasErrors)
  }

  @Test("Every check is used by at least one claim of a spec")
  func everyCheckUsed() {
    let used = Set(Self.claims.map(\.check))
    let unused = Article.all.flatMap(\.checks).map(\.name).filter { !used.contains($0) }
    #expect(unused.isEmpty, "checks no claim names: \(unused)")
  }

  @Test("Every article has its spec, and every spec's article is listed")
  func articlesAndSpecs() {
    for article in Article.all {
      let loaded = Verifier.standard.load(file: Self.root + "/Specs/" + article.spec)
      #expect(loaded.spec?.frontMatter.article == article.number, "\(article.spec)")
    }
    let numbers = Set(Article.all.map(\.number))
    #expect(numbers.count == Article.all.count)
  }

  // MARK: - Load-time validation

  /// Loads a one-claim spec whose claim block is `block` and returns its diagnostics.
  func diagnostics(_ block: String) throws -> [Diagnostic] {
    let text = """
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

      \(block)
      """
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-engine-\(UUID().uuidString).md").path
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    return Verifier.standard.load(file: file, as: "t.md").diagnostics
  }

  @Test(
    "A bad choice, count or range is a located diagnostic before anything runs",
    arguments: [
      (
        "check: quadratic.stationary-point\ndimension: integer 2 ... 4\nsigns: postive", 19,
        "did you mean 'positive'?"
      ),
      (
        "check: quadratic.stationary-point\ndimension: integer 2 ... 4\ncases: 1e12", 19,
        "outside what the check takes (1 ... 100000)"
      ),
      (
        "check: quadratic.stationary-point\ndimension: integer 2 ... 4\ncases: -5", 19,
        "outside what the check takes"
      ),
      (
        "check: quadratic.stationary-point\ndimension: integer 2 ... 40", 18,
        "outside what the check takes (1 ... 12)"
      ),
      (
        "check: poisson.pmf-accuracy\nmean: log-uniform 0 ... 10", 18,
        "a log-uniform range must be positive"
      ),
      (
        "check: exponential.no-event\nrate: 1 ... 2\ntime: 1 ... 2\nprecision: half", 20,
        "expected double or float"
      ),
    ])
  func loadTimeDiagnostics(_ body: String, _ line: Int, _ message: String) throws {
    let block = "```claim A9.1.1 property\nstatement\n\(body)\ncases: 10\ntolerance: 1 ulp\n```"
      .replacingOccurrences(of: "cases: 10\n", with: body.contains("cases:") ? "" : "cases: 10\n")
    let found = try diagnostics(block)
    let hit = found.first { $0.message.contains(message) }
    #expect(hit != nil, "\(found.map(\.description))")
    #expect(hit?.location.line == line)
    #expect(hit?.location.file == "t.md")
  }

  @Test("All problems of a claim are reported at once")
  func allAtOnce() throws {
    let found = try diagnostics(
      """
      ```claim A9.1.1 property
      statement
      check: quadratic.degenerate
      dimension: integer 2 ... 4
      signs: postive
      linear: in-rang
      oracle: svdd
      cases: 0
      tolerance: 1 ulp
      ```
      """)
    let lines = Set(found.map(\.location.line))
    #expect([19, 20, 21, 22].allSatisfy(lines.contains), "\(found.map(\.description))")
  }

  @Test("A tolerance against an oracle the check does not compute is a diagnostic")
  func againstHonoured() throws {
    let found = try diagnostics(
      """
      ```claim A9.1.1 property
      statement
      check: poisson.pmf-accuracy
      mean: 1 ... 10
      cases: 10
      tolerance: 8 ulp against gsl
      because: a reason
      ```
      """)
    let hit = try #require(found.first { $0.message.contains("against") })
    #expect(hit.message.contains("'referee'"))
    #expect(hit.location.line == 20)
  }

  @Test("Every claim of every spec names an oracle its check computes")
  func specsNameTheirOracles() {
    for claim in Self.claims where claim.kind != .narrative {
      guard let oracle = claim.tolerance?.reference,
        let check = Verifier.standard.checks[claim.check]
      else { continue }
      #expect(check.oracles.names.contains(oracle), "\(claim.id): against \(oracle)")
    }
  }

  // MARK: - Precision

  /// Runs `exponential.no-event` on a small range in the given precision.
  func noEvent(_ precision: String, tolerance: String) throws -> ClaimResult {
    let text = """
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

      ```claim A9.1.1 property
      statement
      check: exponential.no-event
      rate: log-uniform 1e-2 ... 1e2
      time: log-uniform 1e-2 ... 1e1
      precision: \(precision)
      cases: 200
      tolerance: \(tolerance)
      because: a reason
      ```
      """
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-precision-\(UUID().uuidString).md").path
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let loaded = Verifier.standard.load(file: file, as: "t.md")
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    let claim = try #require(loaded.spec?.claims.first)
    return Verifier.standard.run(claim)
  }

  @Test("A Float claim measures ulps of Float, and says so in its labels")
  func floatPrecision() throws {
    let float = try noEvent("float", tolerance: "4 ulp against exact")
    #expect(float.verdict == .passed, "\(float.summary)")
    #expect(float.measurements.contains { $0.label == "kernel P(X > t) vs referee in Float" })
    let worst = float.measurements.first { $0.label.hasPrefix("kernel") }?.value ?? .infinity
    #expect(worst <= 4)
    // The same kernel held to Double's ulps would be 2^29 times off: the unit is Float's.
    let double = try noEvent("double", tolerance: "4 ulp against exact")
    #expect(double.verdict == .passed)
    #expect(double.measurements.contains { $0.label == "kernel P(X > t) vs referee" })
  }

  @Test("Ulps of Float are counted at Float's spacing")
  func floatUlps() {
    let one = Float(1)
    #expect(CaseOutcome.ulpDistance(one.nextUp, 1) == 1)
    #expect(CaseOutcome.ulpDistance(one, 1 + 0.5 * Double(Float.ulpOfOne)) == 0.5)
    #expect(CaseOutcome.ulpDistance(Float.leastNonzeroMagnitude, 0) == 1)
    #expect(CaseOutcome.ulpDistance(Float.infinity, 1) == .infinity)
  }
}
