import Foundation
import Testing

@testable import SpecEngine

@Suite("Loading spec files")
struct SpecLoaderTests {
  @Test("Loads a fixture from disk and names it as given")
  func loadsFixture() throws {
    let path = try ParsingFixtures.path("good.md")
    let (spec, diagnostics) = SpecLoader.load(file: path)
    #expect(diagnostics == [])
    #expect(spec?.file == path)
    #expect(spec?.name == "good")
    #expect(spec?.lines.count == 89)
  }

  @Test("An unreadable file is one diagnostic at line 1, column 1")
  func unreadableFile() {
    let (spec, diagnostics) = SpecLoader.load(file: "/nonexistent/Specs/00-none.md")
    #expect(spec == nil)
    #expect(
      diagnostics.map(\.description) == [
        "/nonexistent/Specs/00-none.md:1:1: error: cannot read the file: no such file"
      ])
  }

  @Test("A directory is not a spec")
  func directory() {
    let (spec, diagnostics) = SpecLoader.load(file: "/tmp")
    #expect(spec == nil)
    #expect(
      diagnostics.map(\.description) == [
        "/tmp:1:1: error: cannot read the file: it is a directory"
      ])
  }

  @Test("/dev/null is not a regular file (Foundation would say permission denied)")
  func deviceFile() {
    let (spec, diagnostics) = SpecLoader.load(file: "/dev/null")
    #expect(spec == nil)
    #expect(
      diagnostics.map(\.description) == [
        "/dev/null:1:1: error: cannot read the file: it is not a regular file"
      ])
  }

  @Test("Invalid UTF-8 is reported at its own line and column, not at 1:1")
  func invalidUTF8() throws {
    let path = NSTemporaryDirectory() + "crosscheck-invalid-utf8-\(getpid()).md"
    defer { try? FileManager.default.removeItem(atPath: path) }
    var bytes = Array("---\narticle: 9\n---\n\nok line\nbad: ".utf8)
    bytes += [0xFF, 0xFE]
    bytes += Array(" rest\n".utf8)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let (spec, diagnostics) = SpecLoader.load(file: path)
    #expect(spec == nil)
    #expect(
      diagnostics.map(\.description) == [
        "\(path):6:6: error: cannot read the file: it is not valid UTF-8"
      ])
  }

  @Test("An empty file says so")
  func emptyFile() throws {
    let path = NSTemporaryDirectory() + "crosscheck-empty-\(getpid()).md"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data().write(to: URL(fileURLWithPath: path))
    let (spec, diagnostics) = SpecLoader.load(file: path)
    #expect(spec == nil)
    #expect(
      diagnostics.map(\.description) == ["\(path):1:1: error: cannot read the file: it is empty"])
  }
}
