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
}
