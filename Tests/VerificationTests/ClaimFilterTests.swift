import SpecEngine
import Testing
import Verification

@Suite("Claim filter")
struct ClaimFilterTests {
  let claims: [Claim] = {
    let l = SourceLocation(file: "Specs/t.md", line: 1)
    let row = { (id: String) in Table.Row(id: id, cells: [], location: l) }
    let table = Table(columns: [], rows: [row("A9.1.7/n=0"), row("A9.1.7/n=1")], lineRange: 1...4)
    return [
      Claim(id: "A9.1.5", kind: .table, check: "c", statement: "", location: l, lineRange: 1...1),
      Claim(
        id: "A9.1.7", kind: .table, check: "c", statement: "", table: table, location: l,
        lineRange: 1...1),
      Claim(
        id: "A9.1.7.figure", kind: .figure, check: "c", statement: "", location: l, lineRange: 1...1
      ),
      Claim(
        id: "A9.2.1", kind: .narrative, check: "", statement: "", location: l, lineRange: 1...1),
    ]
  }()

  @Test("A map item selects its claim and the claims that extend it")
  func mapItem() {
    #expect(ClaimFilter(["A9.1.7"]).apply(to: claims).map(\.id) == ["A9.1.7", "A9.1.7.figure"])
  }

  @Test("A section selects everything in it")
  func section() {
    #expect(ClaimFilter(["A9.1"]).apply(to: claims).count == 3)
  }

  @Test("A row ID selects one row of its table")
  func row() {
    let selected = ClaimFilter(["A9.1.7/n=1"]).apply(to: claims)
    #expect(selected.map(\.id) == ["A9.1.7"])
    #expect(selected.first?.table?.rows.map(\.id) == ["A9.1.7/n=1"])
  }

  @Test("Unmatched IDs are named")
  func unmatched() {
    #expect(ClaimFilter(["A9.1.5", "A9.4"]).unmatched(in: claims) == ["A9.4"])
    #expect(ClaimFilter(["A9.1"]).apply(to: claims).count == 3)
  }
}
