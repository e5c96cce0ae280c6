import Foundation
import SpecEngine
import Testing

@Suite("Atomic report writer")
struct ReportWriterTests {
  /// Returns a fresh, empty directory path under the temporary directory.
  static func scratchDirectory(_ name: String) throws -> String {
    let base = FileManager.default.temporaryDirectory.path
    let path = "\(base)/crosscheck-writer-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
    if FileManager.default.fileExists(atPath: path) {
      try FileManager.default.removeItem(atPath: path)
    }
    return path
  }

  static func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  @Test("Writes a report, its HTML and its assets into a directory it creates")
  func writesReport() throws {
    let base = try Self.scratchDirectory("writes")
    let directory = base + "/nested/Reports"
    defer { try? FileManager.default.removeItem(atPath: base) }
    let report = RenderedReport(
      markdown: "# Title\n", html: "<p>Title</p>\n",
      assets: [RenderedReport.Asset(name: "a.svg", contents: "<svg/>\n")])
    let paths = try ReportWriter(directory: directory).write(report, baseName: "09-poisson")
    #expect(
      paths == ["09-poisson.md", "09-poisson.html", "a.svg"].map { "\(directory)/\($0)" })
    #expect(try Self.read("\(directory)/09-poisson.md") == "# Title\n")
    #expect(try Self.read("\(directory)/a.svg") == "<svg/>\n")
    let attributes = try FileManager.default.attributesOfItem(atPath: "\(directory)/a.svg")
    #expect((attributes[.posixPermissions] as? Int) == 0o644)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(names == ["09-poisson.html", "09-poisson.md", "a.svg"], "no temporary files remain")
  }

  @Test("Overwrites an existing file with the new contents")
  func overwrites() throws {
    let directory = try Self.scratchDirectory("overwrites")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let writer = ReportWriter(directory: directory + "/")
    let first = try writer.write("first version, longer than the second\n", named: "r.md")
    let second = try writer.write("second\n", named: "r.md")
    #expect(first == second)
    #expect(first == "\(directory)/r.md")
    #expect(try Self.read(second) == "second\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["r.md"])
  }

  @Test("Writes an empty file")
  func writesEmptyFile() throws {
    let directory = try Self.scratchDirectory("empty")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = try ReportWriter(directory: directory).write("", named: "empty.md")
    #expect(try Self.read(path) == "")
  }

  @Test("A file in the way of the directory throws an error naming the path")
  func fileInTheWay() throws {
    let blocker = try Self.scratchDirectory("blocker")
    defer { try? FileManager.default.removeItem(atPath: blocker) }
    #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
    for directory in [blocker, blocker + "/below"] {
      let error = #expect(throws: ReportWriter.Error.self) {
        try ReportWriter(directory: directory).write("text", named: "r.md")
      }
      guard case .cannotCreateDirectory(let path, _) = error else {
        Issue.record("unexpected error \(String(describing: error))")
        continue
      }
      #expect(path == directory)
      #expect(error?.description.contains(directory) == true)
    }
  }

  @Test(
    "Names with folders or dots are rejected before anything is written",
    arguments: ["", ".", "..", "sub/r.md", "/etc/passwd"])
  func rejectsBadNames(name: String) throws {
    // The cases run in parallel, so each gets its own directory.
    let directory = try Self.scratchDirectory("names-\(name.utf8.count)-\(name.hashValue)")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(throws: ReportWriter.Error.invalidFileName(name)) {
      try ReportWriter(directory: directory).write([
        RenderedReport.Asset(name: "ok.md", contents: "fine"),
        RenderedReport.Asset(name: name, contents: "bad"),
      ])
    }
    #expect(!FileManager.default.fileExists(atPath: "\(directory)/ok.md"))
  }
}

@Suite("Report writer, bytes")
struct ReportWriterBytesTests {
  @Test("Bytes that are not UTF-8 are written exactly")
  func bytes() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-bytes-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let bytes: [UInt8] = [0, 0xFF, 0xFE, 10, 0x80]
    let path = try ReportWriter(directory: folder).write(bytes: bytes, named: "font.woff2")
    #expect(FileManager.default.contents(atPath: path) == Data(bytes))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(leftovers == ["font.woff2"])
  }
}
