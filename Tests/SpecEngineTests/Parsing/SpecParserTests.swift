import Testing

@testable import SpecEngine

@Suite("Parsing a spec into the model")
struct SpecParserTests {
  /// A minimal valid front matter for article 9 whose map lists `map`, then (unless
  /// `section` is false) the heading of section A9.1 on line 10.
  private static func frontMatter(map: String = "A9.1.1", section: Bool = true) -> String {
    let heading = section ? "## 一 · One\n" : ""
    return """
      ---
      article: 9
      title: T
      original-title: O
      author: A
      source: S
      status: original read
      map-claims: \(map)
      ---
      \(heading)
      """
  }

  /// Parses `text` as `t.md` and returns the spec and the diagnostics as text.
  private func parse(_ text: String) -> (Spec?, [String]) {
    let (spec, diagnostics) = SpecParser.parse(text, file: "t.md")
    return (spec, diagnostics.map(\.description))
  }

  // MARK: - The good fixture

  @Test("A spec with every claim kind parses without diagnostics")
  func goodSpecHasNoDiagnostics() throws {
    let (spec, diagnostics) = SpecParser.parse(try ParsingFixtures.text("good.md"), file: "good.md")
    #expect(diagnostics == [])
    let parsed = try #require(spec)
    #expect(
      parsed.claims.map(\.id) == [
        "A9.0.1", "A9.1.1", "A9.1.5", "A9.1.2", "A9.1.3", "A9.2.1", "A9.2.2", "A9.2.3",
      ])
    #expect(
      parsed.claims.map(\.kind) == [
        .narrative, .table, .table, .property, .statistical, .figure, .narrative, .property,
      ])
    #expect(Set(parsed.claims.map(\.kind)) == Set(Claim.Kind.allCases))
  }

  @Test("An unclosed claim comment is one error where it opens, with no cascade")
  func unclosedClaimComment() throws {
    let good = try ParsingFixtures.text("good.md")
    var lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let close = try #require(lines.firstIndex(of: "-->"))
    let open = try #require(lines[..<close].lastIndex { $0.hasPrefix("<!-- claim") })
    lines.remove(at: close)
    let (_, diagnostics) = SpecParser.parse(lines.joined(separator: "\n"), file: "u.md")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1)
    #expect(errors.first?.location.line == open + 1)
    #expect(errors.first?.message.contains("never closed") == true)
  }

  @Test("Front matter: every key, the status and the expanded map")
  func readsFrontMatter() throws {
    let spec = try #require(SpecParser.parse(try ParsingFixtures.text("good.md"), file: "g").spec)
    let matter = spec.frontMatter
    #expect(matter.article == 9)
    #expect(matter.title == "The Poisson and exponential distributions in ten minutes")
    #expect(matter.originalTitle == "泊松分布和指数分布：10分钟教程")
    #expect(matter.author == "Ruan Yifeng")
    #expect(matter.source == "https://www.ruanyifeng.com/blog/2015/06/poisson-distribution.html")
    #expect(matter.status == .partlyReconstructed)
    #expect(
      matter["reconstructed-parts"] == "the figure in section three was redrawn from the formula")
    #expect(
      matter.mapClaims == [
        "A9.0.1", "A9.1.1", "A9.1.2", "A9.1.3", "A9.1.5", "A9.1.6", "A9.2.1", "A9.2.2",
      ])
    #expect(
      matter.entries.map(\.key) == [
        "article", "title", "original-title", "author", "source", "status", "reconstructed-parts",
        "map-claims",
      ])
    #expect(matter.entries[1].location == SourceLocation(file: "g", line: 3, column: 1))
  }

  @Test("Sections take their IDs from their claims and split Chinese headings at the dot")
  func readsSections() throws {
    let spec = try #require(SpecParser.parse(try ParsingFixtures.text("good.md"), file: "g").spec)
    #expect(spec.title == "The Poisson distribution · 泊松分布")
    let sections = spec.sections
    #expect(sections.map(\.id) == ["A9.0", "A9.1", "A9.1", "A9.2"])
    #expect(sections.map(\.level) == [1, 2, 3, 2])
    #expect(sections.map(\.lineRange) == [1...19, 20...71, 37...71, 72...89])
    #expect(sections[1].heading == "一、泊松分布 · The Poisson distribution")
    #expect(sections[1].originalHeading == "一、泊松分布")
    #expect(sections[1].englishHeading == "The Poisson distribution")
    #expect(sections[2].originalHeading == "Stated probabilities")
    #expect(sections[2].englishHeading == "Stated probabilities")
    #expect(sections[3].originalHeading == "二、指数分布")
    #expect(sections[3].location == SourceLocation(file: "g", line: 72, column: 1))
    let claim = try #require(spec.claim(withID: "A9.1.5"))
    #expect(spec.section(of: claim)?.id == "A9.1")
  }

  @Test("A table claim binds its columns, its tolerance and rows named by row-id")
  func readsTableClaim() throws {
    let spec = try #require(SpecParser.parse(try ParsingFixtures.text("good.md"), file: "g").spec)
    let claim = try #require(spec.claim(withID: "A9.1.1"))
    #expect(claim.check == "poisson.probability")
    #expect(claim.statement == "The probability of each count at mean 3.")
    #expect(claim.location == SourceLocation(file: "g", line: 22, column: 1))
    #expect(claim.lineRange == 22...35)
    #expect(claim.parameters.map(\.name) == ["mean"])
    #expect(claim.parameter("mean")?.value.number?.value == 3)
    #expect(claim.parameter("mean")?.location == SourceLocation(file: "g", line: 27, column: 7))
    let tolerance = try #require(claim.tolerance)
    #expect(tolerance.bound == .ulps(4))
    #expect(tolerance.reference == "referee")
    #expect(tolerance.reason == "Loader's saddle-point pmf is accurate to a few ulps")
    #expect(tolerance.location == SourceLocation(file: "g", line: 28, column: 12))
    let table = try #require(claim.table)
    #expect(table.columns.map(\.header) == ["$n$", "$P(N = n)$"])
    #expect(table.columns.map(\.binding) == ["count", "expected"])
    #expect(table.lineRange == 31...35)
    #expect(table.rows.map(\.id) == ["A9.1.1/count=0", "A9.1.1/count=1", "A9.1.1/count=2"])
    let last = try #require(table.rows.last)
    #expect(last.cells.map(\.text) == ["2", "$0.224042$"])
    #expect(last.cells[1].location == SourceLocation(file: "g", line: 35, column: 7))
    #expect(table.cell("expected", in: last)?.number?.value == 0.224042)
  }

  @Test("An id column names each row, and cells keep math and escaped pipes")
  func readsIDColumnAndEscapes() throws {
    let spec = try #require(SpecParser.parse(try ParsingFixtures.text("good.md"), file: "g").spec)
    let table = try #require(spec.claim(withID: "A9.1.5")?.table)
    #expect(table.columns.map(\.header) == ["ID", "$\\lambda$", "$n$", "$P$", "note | remark"])
    #expect(table.columns.map(\.binding) == ["id", "mean", "count", "expected", "-"])
    #expect(table.rows.map(\.id) == ["A9.1.5", "A9.1.6"])
    #expect(table.rows[0].cells.map(\.text) == ["A9.1.5", "3", "2", "0.224", "$a | b$"])
    #expect(table.rows[0].cells[4].location == SourceLocation(file: "g", line: 48, column: 28))
    #expect(table.rows[1].cells[3].number?.value == 0.1336)
  }

  @Test("Fenced claims: statement, continued values, lists, ranges and expect")
  func readsFencedClaims() throws {
    let spec = try #require(SpecParser.parse(try ParsingFixtures.text("good.md"), file: "g").spec)
    let property = try #require(spec.claim(withID: "A9.1.2"))
    #expect(property.statement == "The probabilities over all counts add up to one.")
    #expect(property.location == SourceLocation(file: "g", line: 51, column: 1))
    #expect(property.lineRange == 51...60)
    #expect(property.tolerance?.reason == "the sum of up to 1e4 terms, each good to a few ulps")
    #expect(property.tolerance?.reference == "exact")
    guard case .range(.logUniform, let low, let high)? = property.parameter("mean")?.value else {
      Issue.record("mean is not a log-uniform range")
      return
    }
    #expect((low.value, high.value) == (1e-3, 1e6))
    guard case .list(let counts)? = property.parameter("counts")?.value else {
      Issue.record("counts is not a list")
      return
    }
    #expect(counts.map(\.text) == ["0", "1", "2.5"])
    let statistical = try #require(spec.claim(withID: "A9.1.3"))
    #expect(statistical.tolerance?.bound == .falseFailureRate(1e-6))
    #expect(statistical.parameter("draws")?.value.number?.value == 4096)
    #expect(statistical.parameter("expect")?.value == .text("refuted"))
    #expect(statistical.expectsRefutation)
    #expect(!property.expectsRefutation)
    let figure = try #require(spec.claim(withID: "A9.2.1"))
    #expect(figure.tolerance?.bound == .mixed(absolute: 1e-300, relative: 1e-12))
    guard case .range(.integer, _, _)? = figure.parameter("x")?.value else {
      Issue.record("x is not an integer range")
      return
    }
  }

  @Test("Narrative items in both forms keep their reason")
  func readsNarrative() throws {
    let spec = try #require(SpecParser.parse(try ParsingFixtures.text("good.md"), file: "g").spec)
    let first = try #require(spec.claim(withID: "A9.0.1"))
    #expect(first.statement == "the author's motivation; nothing to check")
    #expect(first.check == "")
    #expect(first.location == SourceLocation(file: "g", line: 18, column: 1))
    #expect(spec.claim(withID: "A9.2.2")?.statement == "The story of the bakery cannot be checked.")
    #expect(spec.executableClaims.count == 6)
  }

  // MARK: - The malformed fixture

  @Test("A malformed spec reports every problem, in order of place")
  func malformedSpecReportsEverything() throws {
    let text = try ParsingFixtures.text("malformed.md")
    let (spec, diagnostics) = SpecParser.parse(text, file: "malformed.md")
    #expect(spec != nil)
    let expected = [
      "malformed.md:1:1: error: front matter has no 'original-title:' line",
      "malformed.md:6:9: error: unknown status 'read' (expected original read, partly reconstructed"
        + " or reconstructed)",
      "malformed.md:7:22: error: A9.3.1 is listed in map-claims but never bound in the spec",
      "malformed.md:7:29: error: cannot read 'A9.x' in map-claims (expected an ID such as A9.1.5"
        + " or a range such as A9.1.1-7)",
      "malformed.md:8:1: warning: unknown front matter key 'colour'",
      "malformed.md:13:1: error: ID A9.1.9 belongs to section A9.1, but it is in the introduction"
        + " (section A9.0)",
      "malformed.md:19:1: error: unknown claim kind 'tabel' (expected table, property, statistical,"
        + " figure or narrative)",
      "malformed.md:25:10: error: 'columns:' binds 3 columns but the table has 2",
      "malformed.md:26:7: error: cannot read 'O.0025' as a number",
      "malformed.md:27:14: error: unknown tolerance unit 'ulpz' (expected ulp, rel, abs or alpha)",
      "malformed.md:33:1: error: table row has 3 cells but the header has 2",
      "malformed.md:35:10: error: duplicate ID A9.1.2 (first bound at line 23)",
      "malformed.md:39:10: error: ID A8.1.4 belongs to article 8, not to article 9",
      "malformed.md:43:1: error: claim A9.2.5 has no 'check:' line",
      "malformed.md:43:1: error: ID A9.2.5 belongs to section A9.2, but this section is A9.1"
        + " (from A9.1.2 at line 23)",
      "malformed.md:45:1: error: tolerance without 'because:' (say why the bound is what it is)",
      "malformed.md:48:1: error: table claim A9.1.7 has no table below it",
      "malformed.md:57:21: error: cannot read 'O.5' as a number",
      "malformed.md:58:12: error: tolerance '4' has no unit (expected ulp, rel, abs or alpha)",
      "malformed.md:62:16: error: malformed ID 'A9.1.x' (expected A<article>.<section>.<item>,"
        + " such as A9.1.5, optionally followed by lowercase words, such as A9.1.7.figure)",
      "malformed.md:64:1: error: narrative item A9.1.10 gives no reason",
      "malformed.md:68:1: error: malformed key 'Mean' (keys are lowercase words with hyphens)",
      "malformed.md:69:12: error: 'alpha' is a tolerance for statistical claims only",
      "malformed.md:69:23: error: expected one name after 'against' (gsl, referee or exact)",
    ]
    #expect(diagnostics.map(\.description) == expected)
    #expect(Set(diagnostics.map(\.message)).count == expected.count)
  }

  // MARK: - Front matter problems

  @Test("No front matter: no spec, one diagnostic, and the claims are still read")
  func missingFrontMatter() {
    let (spec, diagnostics) = parse("# Title\n\n<!-- claim A9.1.1 tabel\ncheck: x\n-->\n")
    #expect(spec == nil)
    #expect(
      diagnostics == [
        "t.md:1:1: error: missing front matter: the file must start with '---', 'key: value' lines"
          + " and '---'",
        "t.md:3:1: error: unknown claim kind 'tabel' (expected table, property, statistical, figure"
          + " or narrative)",
      ])
  }

  @Test("Unclosed front matter")
  func unclosedFrontMatter() {
    let (spec, diagnostics) = parse("---\narticle: 9\n\n# Title\n")
    #expect(spec == nil)
    #expect(diagnostics == ["t.md:1:1: error: front matter is not closed by a '---' line"])
  }

  @Test("An article outside 1 to 10 gives no spec", arguments: ["nine", "11", "0", "9.5"])
  func badArticle(article: String) {
    let text = Self.frontMatter().replacingAll("article: 9", with: "article: \(article)")
    let (spec, diagnostics) = parse(text)
    #expect(spec == nil)
    #expect(
      diagnostics == [
        "t.md:2:10: error: article must be a whole number from 1 to 10; got '\(article)'",
        "t.md:8:13: error: A9.1.1 is listed in map-claims but never bound in the spec",
      ])
  }

  @Test("Malformed, duplicate, empty and missing front matter lines")
  func frontMatterLines() {
    let text = """
      ---
      article: 9
      title: T
      title: U
      Author: A
      source:
      status: partly reconstructed
      map-claims: A9.1.1-3 A9.1.5-4
      ---
      ## 一 · One
      <!-- narrative A9.1.1: n -->
      <!-- narrative A9.1.2: n -->
      <!-- narrative A9.1.3: n -->
      """
    let (spec, diagnostics) = parse(text)
    #expect(spec?.frontMatter.mapClaims == ["A9.1.1", "A9.1.2", "A9.1.3"])
    #expect(
      diagnostics == [
        "t.md:1:1: error: front matter has no 'original-title:' line",
        "t.md:1:1: error: front matter has no 'author:' line",
        "t.md:4:1: error: duplicate front matter key 'title' (first given at line 3)",
        "t.md:5:1: error: cannot read front matter line 'Author: A' (expected 'key: value')",
        "t.md:6:8: error: front matter key 'source' has no value",
        "t.md:7:1: error: status 'partly reconstructed' needs a 'reconstructed-parts:' line",
        "t.md:8:22: error: cannot read 'A9.1.5-4' in map-claims (expected an ID such as A9.1.5 or a"
          + " range such as A9.1.1-7)",
      ])
  }

  // MARK: - Claims and tables

  @Test("Rows without row-id are numbered; duplicate row IDs and bad row-id are reported")
  func rowIDs() {
    let text =
      Self.frontMatter(map: "A9.1.1 A9.1.2")
        + """
        <!-- claim A9.1.1 table
        check: c
        columns: n, expected
        -->
        | n | P |
        |---|---|
        | 1 | 0.5 |
        | 2 |

        <!-- claim A9.1.2 table
        check: c
        columns: n, expected
        row-id: n
        -->
        | n | P |
        |---|---|
        | 1 | 0.5 |
        | 1 | 0.6 |

        <!-- claim A9.1.3 table
        check: c
        columns: n, -
        row-id: count
        -->
        | n | P |
        |---|---|
        | 1 | 0.5 |
        """
    let (spec, diagnostics) = parse(text)
    #expect(spec?.claim(withID: "A9.1.1")?.table?.rows.map(\.id) == ["A9.1.1/1", "A9.1.1/2"])
    #expect(spec?.claim(withID: "A9.1.1")?.table?.rows[1].cells.map(\.text) == ["2", ""])
    #expect(spec?.claim(withID: "A9.1.3")?.table?.rows.map(\.id) == ["A9.1.3/1"])
    #expect(
      diagnostics == [
        "t.md:18:1: error: table row has 1 cell but the header has 2",
        "t.md:28:3: error: duplicate ID A9.1.2/n=1 (first bound at line 27)",
        "t.md:33:9: error: 'row-id: count' names no column (the columns are n)",
      ])
  }

  @Test("An id column that repeats another claim's ID or breaks the section is reported")
  func idColumnProblems() {
    let text =
      Self.frontMatter(map: "A9.1.1", section: false)
        + """
        ## One · 一

        <!-- narrative A9.1.2: nothing -->

        <!-- claim A9.1.1 table
        check: c
        columns: id, expected
        row-id: expected
        -->
        | ID | P |
        |---|---|
        | A9.1.1 | 0.5 |
        | A9.1.2 | 0.5 |
        | A9.2.1 | 0.5 |
        | | 0.5 |
        """
    let (_, diagnostics) = parse(text)
    #expect(
      diagnostics == [
        "t.md:17:9: error: a table with an 'id' column takes no 'row-id:'",
        "t.md:22:3: error: duplicate ID A9.1.2 (first bound at line 12)",
        "t.md:23:3: error: ID A9.2.1 belongs to section A9.2, but this section is A9.1"
          + " (from A9.1.2 at line 12)",
        "t.md:24:3: error: empty 'id' cell",
      ])
  }

  @Test("Keys only for tables, a duplicate key, a bad expect, and tolerances of the wrong kind")
  func claimBodyProblems() {
    let text =
      Self.frontMatter(map: "A9.1.1")
        + """
        ```claim A9.1.1 property
        check: c
        columns: a, b
        mean: 1
        mean: 2
        expect: maybe
        tolerance: 4 ulp against referee
        because: reasons
        ```

        ```claim A9.1.2 statistical extra words
        check: c
        tolerance: 4 ulp
        because: reasons
        ```

        ```claim A9.1.3 property
        check: c
        because: a reason without a bound
        tolerance: rel
        ```
        """
    let (spec, diagnostics) = parse(text)
    #expect(spec?.claims.map(\.id) == ["A9.1.1", "A9.1.2", "A9.1.3"])
    #expect(spec?.claim(withID: "A9.1.1")?.parameter("mean")?.text == "1")
    #expect(
      diagnostics == [
        "t.md:13:1: error: 'columns:' is only for table claims",
        "t.md:15:1: error: duplicate key 'mean' (first given at line 14)",
        "t.md:16:9: error: expect must be 'holds' or 'refuted'; got 'maybe'",
        "t.md:21:29: error: unexpected 'extra words' after the claim kind",
        "t.md:23:12: error: a statistical claim's tolerance is 'alpha <rate>'; got '4 ulp'",
        "t.md:30:12: error: cannot read tolerance 'rel' (expected a form like '4 ulp', 'rel 1e-12',"
          + " 'abs 1e-15 + rel 1e-12' or 'alpha 1e-6')",
      ])
  }

  @Test("A table claim needs columns, and a table binds to one claim only")
  func tableBinding() {
    let text =
      Self.frontMatter(map: "A9.1.1")
        + """
        <!-- claim A9.1.1 table
        check: c
        -->
        <!-- claim A9.1.2 table
        check: c
        -->
        | a |
        |---|
        | 1 |

        <!-- claim A9.1.3 table --> <!-- claim A9.1.4 table -->
        | a |
        |---|
        | 1 |
        """
    let (spec, diagnostics) = parse(text)
    #expect(spec?.claim(withID: "A9.1.1")?.table == nil)
    #expect(spec?.claim(withID: "A9.1.2")?.table?.columns.map(\.binding) == ["-"])
    #expect(spec?.claim(withID: "A9.1.3")?.table?.lineRange == 22...24)
    #expect(spec?.claim(withID: "A9.1.4")?.table == nil)
    #expect(
      diagnostics == [
        "t.md:11:1: error: table claim A9.1.1 has no table below it",
        "t.md:14:1: error: table claim A9.1.2 has no 'columns:' line",
        "t.md:21:1: error: claim A9.1.3 has no 'check:' line",
        "t.md:21:1: error: table claim A9.1.3 has no 'columns:' line",
        "t.md:21:29: error: claim A9.1.4 has no 'check:' line",
        "t.md:21:29: error: the table at line 22 is already bound to claim A9.1.3",
      ])
  }

  @Test("Ordinary comments are ignored; several items may share one HTML block")
  func ordinaryComments() {
    let text =
      Self.frontMatter(map: "A9.1.1 A9.1.2")
        + """
        <!-- claimant: not a claim -->
        <!-- narrative A9.1.1: one --> <!-- narrative A9.1.2: two -->
        <!-- narrative A9.1.3: three,
        continued -->
        <!--
        a comment over lines
        -->
        """
    let (spec, diagnostics) = parse(text)
    #expect(diagnostics == [])
    #expect(spec?.claims.map(\.statement) == ["one", "two", "three, continued"])
    #expect(spec?.claims.map(\.location.column) == [1, 32, 1])
  }

  @Test("A claim inside a list is not read, with a warning")
  func nestedClaim() {
    let text =
      Self.frontMatter()
        + """
        - item

          <!-- claim A9.1.1 property
          check: c
          -->
        """
    let (spec, diagnostics) = parse(text)
    #expect(spec?.claims == [])
    #expect(
      diagnostics == [
        "t.md:8:13: error: A9.1.1 is listed in map-claims but never bound in the spec",
        "t.md:13:3: warning: a claim inside a list or block quote is not read; move it to the top"
          + " level",
      ])
  }

  @Test("A fence whose info string is just 'claim' takes its header from the first line")
  func bareClaimFence() {
    let text =
      Self.frontMatter()
        + """
        ~~~ claim
        claim A9.1.1 property
        A statement.
        check: c
        ~~~
        """
    let (spec, diagnostics) = parse(text)
    #expect(diagnostics == [])
    #expect(spec?.claims.first?.statement == "A statement.")
    #expect(spec?.claims.first?.location == SourceLocation(file: "t.md", line: 11, column: 1))
  }

  @Test("Sections without claims take the next number; a repeated section is reported")
  func sectionNumbering() {
    let text =
      Self.frontMatter(map: "A9.2.1", section: false)
        + """
        ## 一 · One

        ## 二 · Two

        <!-- narrative A9.2.1: x -->

        ## 三 · Three

        ## 四 · Four

        <!-- narrative A9.2.2: y -->
        """
    let (spec, diagnostics) = parse(text)
    #expect(spec?.sections.map(\.id) == ["A9.0", "A9.1", "A9.2", "A9.3", "A9.2"])
    #expect(spec?.sections.map(\.englishHeading) == ["T", "One", "Two", "Three", "Four"])
    #expect(diagnostics == ["t.md:18:1: error: section A9.2 is already the section at line 12"])
  }

  @Test("Windows line endings give the same places as Unix ones")
  func windowsLineEndings() throws {
    let text = try ParsingFixtures.text("malformed.md")
    let unix = SpecParser.parse(text, file: "m").diagnostics
    let windows = SpecParser.parse(text.replacingAll("\n", with: "\r\n"), file: "m").diagnostics
    #expect(windows == unix)
  }
}
