import SpecEngine
import Testing

@Suite("Claim IDs")
struct ClaimIDTests {
  func parse(_ id: String) -> [Diagnostic] {
    let text = """
      ---
      article: 9
      title: T
      original-title: T
      author: A
      source: S
      status: original read
      map-claims: A9.1.7
      ---

      # T

      ## 一 · One

      <!-- narrative A9.1.7: a reason -->

      <!-- narrative \(id): a reason -->
      """
    return SpecParser.parse(text, file: "t.md").diagnostics
  }

  @Test(
    "A map ID may be followed by lowercase words",
    arguments: ["A9.1.7.figure", "A9.1.7.tail-bound", "A9.1.8", "A9.1.7.modes.two"])
  func wordSuffixes(_ id: String) {
    #expect(parse(id).isEmpty)
  }

  @Test(
    "Malformed IDs are reported",
    arguments: ["A9.1", "A9.1.x", "A9.1.7.Figure", "A9.1.7.", "B9.1.7"])
  func malformed(_ id: String) {
    #expect(parse(id).contains { $0.message.hasPrefix("malformed ID") })
  }

  @Test("The base ID drops word suffixes and rows")
  func baseID() {
    #expect(Claim.baseID(of: "A9.1.7.figure") == "A9.1.7")
    #expect(Claim.baseID(of: "A9.1.7/n=3") == "A9.1.7")
    #expect(Claim.baseID(of: "A9.1.7") == "A9.1.7")
  }
}
