import ArgumentParser
import Foundation
import SpecEngine
import Testing

@testable import crosscheck

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("crosscheck report", .serialized)
struct ReportCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static func temporaryFolder() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-report-\(UUID().uuidString)").path
  }

  /// Returns every file under `folder`, by relative path, with its bytes.
  static func files(in folder: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let path = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let full = folder + "/" + path
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        out[path] = FileManager.default.contents(atPath: full)
      }
    }
    return out
  }

  static func report(_ arguments: [String]) async throws {
    let command = try Crosscheck.Report.parse(arguments)
    try await command.run()
  }

  @Test("Two runs write the same bytes: reports, figures, KaTeX, verdicts.json and JUnit")
  func deterministic() async throws {
    let (first, second) = (Self.temporaryFolder(), Self.temporaryFolder())
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    for folder in [first, second] {
      try await Self.report([
        "08", "--specs-dir", Self.root + "/Specs", "--out", folder, "--quiet", "--junit",
        folder + "/junit.xml",
      ])
    }
    let (a, b) = (Self.files(in: first), Self.files(in: second))
    #expect(a.keys.sorted() == b.keys.sorted())
    for (path, bytes) in a { #expect(b[path] == bytes, "\(path) differs") }
    for needed in [
      "08-directional-derivative.md", "08-directional-derivative.html", "index.html",
      "verdicts.json", "junit.xml",
    ] {
      #expect(a[needed] != nil, "\(needed) missing")
    }
    #expect(!a.keys.contains { $0.contains(".tmp-") })

    let verdicts = try VerdictsDocument.read(json: [UInt8](a["verdicts.json"] ?? Data()))
    #expect(verdicts.specs.map(\.name) == ["08-directional-derivative"])
    #expect(verdicts.claims.count == 17)
    let junit = XMLParser(data: a["junit.xml"] ?? Data())
    #expect(junit.parse())

    if FileManager.default.fileExists(atPath: KaTeXAssets.debianFolder) {
      #expect(a["assets/katex/katex.min.js"] != nil)
      #expect(a["assets/katex/fonts/KaTeX_Main-Regular.woff2"] != nil)
      let html = String(decoding: a["08-directional-derivative.html"] ?? Data(), as: UTF8.self)
      #expect(html.contains("<script defer src=\"assets/katex/katex.min.js\"></script>"))
    }
  }

  @Test(
    "A JUnit path that names a folder is refused before anything runs", arguments: ["", "out/"])
  func junitFolder(_ path: String) {
    #expect(throws: (any Error).self) { try Crosscheck.Report.parse(["--junit", path]) }
  }

  @Test("Without KaTeX the formulas stay as source, and nothing is copied")
  func withoutKaTeX() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let math = try Crosscheck.Report.copyKaTeX(into: folder, from: "/nonexistent/katex")
    #expect(math == .source)
    #expect(!FileManager.default.fileExists(atPath: folder))
  }
}
