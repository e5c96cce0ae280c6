import Foundation
import SpecEngine
import Testing

@Suite("Report rendering")
struct ReportRendererTests {
  static let report = ReportRenderer.report(
    for: RenderingFixtures.spec, results: RenderingFixtures.results, run: RenderingFixtures.run,
    markdownToHTML: RenderingFixtures.fakeHTML)

  @Test("The Markdown report weaves verdicts into the spec's own text")
  func markdownGolden() {
    #expect(Self.report.markdown == Self.expectedMarkdown)
  }

  @Test("The index gives totals and a row per spec and per section")
  func indexGolden() {
    let index = ReportRenderer.index(
      for: [(RenderingFixtures.spec, RenderingFixtures.results)], run: RenderingFixtures.run,
      markdownToHTML: RenderingFixtures.fakeHTML)
    #expect(index.markdown == Self.expectedIndex)
    #expect(index.assets.isEmpty)
    #expect(index.html.contains("<pre>| [9 · The Poisson distribution](09-poisson.html) |"))
  }

  @Test("Rendering is deterministic, whatever order the results were collected in")
  func deterministic() {
    var reversed: [String: ClaimResult] = [:]
    for (key, value) in RenderingFixtures.results.sorted(by: { $0.key > $1.key }) {
      reversed[key] = value
    }
    let again = ReportRenderer.report(
      for: RenderingFixtures.spec, results: reversed, run: RenderingFixtures.run,
      markdownToHTML: RenderingFixtures.fakeHTML)
    #expect(again == Self.report)
  }

  @Test("Figures become SVG assets beside the report and inline SVG in the HTML")
  func figures() throws {
    #expect(Self.report.assets.map(\.name) == ["09-poisson-A9.1.3.svg"])
    let asset = try #require(Self.report.assets.first)
    #expect(asset.contents == SVGPlot.render(RenderingFixtures.figure))
    #expect(Self.report.markdown.contains("](09-poisson-A9.1.3.svg)"))
    let html = Self.report.html
    #expect(html.contains("<figure class=\"plot\">\n" + asset.contents + "</figure>"))
    #expect(!html.contains("CROSSCHECK-FIGURE"))
  }

  @Test("The HTML page is self-contained and gives verdict boxes a class")
  func htmlPage() {
    let html = ReportRenderer.html(
      for: RenderingFixtures.spec, results: RenderingFixtures.results, run: RenderingFixtures.run
    ) { _ in
      "<blockquote>\n<p><a id=\"A9.1.2\"></a><span class=\"mark failed\">❌ failed</span> "
        + "<strong>A9.1.2</strong></p>\n</blockquote>\n<blockquote>\n<p>Plain quote.</p>\n"
        + "</blockquote>"
    }
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<title>The Poisson distribution</title>"))
    #expect(html.contains("<blockquote class=\"verdict failed\">\n<p><a id=\"A9.1.2\">"))
    #expect(html.contains("<blockquote>\n<p>Plain quote."))
    for external in ["<script", "<link", " src=", "@import", "url("] {
      #expect(!Self.report.html.contains(external), "found \(external)")
    }
    #expect(html.hasSuffix("</html>\n"))
  }

  @Test("A spec whose original was read has no reconstruction banner")
  func originalReadHasNoBanner() {
    var spec = RenderingFixtures.spec
    spec.frontMatter.status = .originalRead
    let markdown = ReportRenderer.markdown(
      for: spec, results: RenderingFixtures.results, run: RenderingFixtures.run)
    #expect(!markdown.contains("Reconstructed"))
    #expect(markdown.contains("- **Status:** original read"))
  }

  @Test("A partly reconstructed spec names the parts that were rebuilt")
  func partlyReconstructedBanner() {
    var spec = RenderingFixtures.spec
    spec.frontMatter.status = .partlyReconstructed
    spec.frontMatter.entries.append(
      FrontMatter.Entry(
        key: "reconstructed-parts", value: "section 3 from the textbook",
        location: RenderingFixtures.at(8)))
    let markdown = ReportRenderer.markdown(
      for: spec, results: RenderingFixtures.results, run: RenderingFixtures.run)
    #expect(
      markdown.contains(
        "> ⚠️ **Partly reconstructed.** Parts of this spec were rebuilt from other sources, "
          + "not from the original article. Rebuilt: section 3 from the textbook."))
  }

  @Test("Claims without results render as not run, row by row")
  func missingResults() {
    let markdown = ReportRenderer.markdown(
      for: RenderingFixtures.spec, results: [:], run: RenderingFixtures.run)
    #expect(markdown.contains("| 3 | 2 | 0 | 0.0025 | <a id=\"A9.1.1/1\"></a>⚠️ not run |"))
    #expect(markdown.contains("| 3 | 1 | 1 | 0.1500 | <a id=\"A9.1.1/2\"></a>⚠️ not run |"))
    #expect(markdown.contains("| 5 | 4 | 1 | 0 | 0 | 0 | 4 | – |"))
    #expect(ReportRenderer.figureAssets(for: RenderingFixtures.spec, results: [:]).isEmpty)
  }

  @Test("A table without outer pipes gains its verdict column in the same style")
  func tableWithoutOuterPipes() {
    let lines = [
      "# Title", "", "<!-- claim A1.0.1 table", "check: c", "columns: x, y", "-->",
      "x | y", "--- | ---", "1 | 2", "", "After.",
    ]
    let location = SourceLocation(file: "a.md", line: 9)
    let row = Table.Row(id: "A1.0.1/1", cells: [], location: location)
    let claim = Claim(
      id: "A1.0.1", kind: .table, check: "c", statement: "",
      table: Table(columns: [], rows: [row], lineRange: 7...9),
      location: SourceLocation(file: "a.md", line: 3), lineRange: 3...9)
    let spec = Self.spec(lines: lines, claims: [claim])
    let result = ClaimResult(
      id: "A1.0.1", verdict: .passed, summary: "all rows agree",
      rows: [
        RowResult(
          id: "A1.0.1/1", verdict: .passed, summary: "2 | exactly", measurements: [],
          location: location)
      ], location: SourceLocation(file: "a.md", line: 3))
    let markdown = ReportRenderer.markdown(
      for: spec, results: ["A1.0.1": result], run: RenderingFixtures.run)
    #expect(
      markdown.contains(
        "\nx | y | <a id=\"A1.0.1\"></a>verdict\n--- | --- | ---\n"
          + "1 | 2 | <a id=\"A1.0.1/1\"></a>✅ 2 \\| exactly\n\n"))
    #expect(markdown.contains("\n\nAfter.\n"))
    #expect(!markdown.contains("claim A1.0.1"))
  }

  @Test("A refuted claim says so, and a spec without front matter keeps its own title")
  func refutedClaimAndNoFrontMatter() {
    let lines = ["Intro line.", "", "```claim A1.0.1 statistical", "expect: refuted", "```"]
    let claim = Claim(
      id: "A1.0.1", kind: .statistical, check: "s", statement: "Gaps are not uniform.",
      parameters: [
        Parameter(
          name: "expect", value: .text("refuted"), text: "refuted",
          location: SourceLocation(file: "a.md", line: 4))
      ],
      location: SourceLocation(file: "a.md", line: 3), lineRange: 3...5)
    let result = ClaimResult(
      id: "A1.0.1", verdict: .passed, summary: "rejected as expected",
      measurements: [Measurement(label: "chi-square", value: 1e-9, bound: 1e-6, unit: "p-value")],
      location: SourceLocation(file: "a.md", line: 3))
    let markdown = ReportRenderer.markdown(
      for: Self.spec(lines: lines, claims: [claim]), results: ["A1.0.1": result],
      run: RenderingFixtures.run)
    #expect(markdown.hasPrefix("# Mini\n"))
    #expect(markdown.contains("\nIntro line.\n"))
    #expect(
      markdown.contains(
        "> <a id=\"A1.0.1\"></a>✅ **A1.0.1** statistical (expected to be refuted) — Gaps are "
          + "not uniform."))
    #expect(markdown.contains("> - chi-square: p-value 1e-09 (alpha 1e-06)"))
    // A p-value is not an error against a bound, so there is no worst error.
    #expect(markdown.contains("| 1 | 1 | 0 | 1 | 0 | 0 | 0 | – |"))
  }

  @Test("A table claim whose range stops at its comment still replaces the table once")
  func tableOutsideClaimRange() {
    var spec = RenderingFixtures.spec
    spec.claims[1].lineRange = 19...24
    let markdown = ReportRenderer.markdown(
      for: spec, results: RenderingFixtures.results, run: RenderingFixtures.run)
    #expect(markdown == Self.expectedMarkdown)
  }

  @Test("The index lists specs by article number whatever order they come in")
  func indexOrder() {
    var other = RenderingFixtures.spec
    other.file = "Specs/02-random-walk.md"
    other.frontMatter.article = 2
    other.title = "Random walks"
    let index = ReportRenderer.index(
      for: [(RenderingFixtures.spec, [:]), (other, [:])], run: RenderingFixtures.run,
      markdownToHTML: { $0 })
    let walk = index.markdown.range(of: "[2 · Random walks](02-random-walk.md)")
    let poisson = index.markdown.range(of: "[9 · The Poisson distribution](09-poisson.md)")
    #expect(walk != nil && poisson != nil)
    if let walk, let poisson { #expect(walk.lowerBound < poisson.lowerBound) }
    #expect(index.markdown.contains("| **total** | 2 specs | 8 | 2 | 0 | 0 | 0 | 8 | – |"))
  }

  @Test("A spec that could not be read is a ⚠️ row in the index, not left out")
  func indexListsUnreadableSpecs() {
    let index = ReportRenderer.index(
      for: [(RenderingFixtures.spec, [:])], run: RenderingFixtures.run,
      unreadable: [("Specs/03-broken.md", "42:1: unknown claim kind 'tabel'")],
      markdownToHTML: { $0 })
    #expect(index.markdown.contains("- **Specs:** 1, and 1 ⚠️ that could not be read"))
    #expect(
      index.markdown.contains(
        "| ⚠️ Specs/03-broken.md | not run: 42:1: unknown claim kind 'tabel' | | | | | | | |"))
  }

  /// Returns a spec of the given lines with no front matter and one section.
  static func spec(lines: [String], claims: [Claim]) -> Spec {
    let front = FrontMatter(
      article: 1, title: "Mini", originalTitle: "Mini", author: "", source: "",
      status: .originalRead, mapClaims: [], entries: [])
    let section = Section(
      id: "A1.0", heading: "Mini", originalHeading: "Mini", englishHeading: "Mini", level: 1,
      lineRange: 1...lines.count, location: SourceLocation(file: "a.md", line: 1))
    return Spec(
      file: "a.md", lines: lines, frontMatter: front, title: "Mini", sections: [section],
      claims: claims)
  }

  static let expectedMarkdown = #"""
    # The Poisson distribution

    > ⚠️ **Reconstructed.** This spec was not written from a reading of the original article:\#
     it was rebuilt from the primary papers or standard mathematics. The verdicts check the\#
     reconstruction, not the article's own words.

    - **Article 9:** *泊松分布* by Ruan Yifeng (<https://example.org/poisson>)
    - **Status:** reconstructed
    - **Run:** crosscheck 0.1.0 · commit `abc1234` · Swift 6.3.1 · GSL 2.7.1 · MPFR 4.2.1 ·\#
     Linux x86_64
    - **Spec:** `Specs/09-poisson.md`

    | claims | executable | narrative | ✅ passed | ❌ failed | ⚠️ errors | ⚠️ not run | worst\#
     error against its bound |
    |---|---:|---:|---:|---:|---:|---:|---|
    | 5 | 4 | 1 | 1 | 2 | 0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |

    **Needs attention:**

    - ❌ [**A9.1.1/2**](#A9.1.1/2) 0.1493612051 does not round to 0.1500; 1.1 ulp vs referee (≤ 4)
    - ❌ [**A9.1.2**](#A9.1.2) 3 of 200 cases exceed the bound
    - ⚠️ [**A9.2.1**](#A9.2.1) not run: no result was recorded.

    > <a id="A9.0.1"></a>📝 **A9.0.1** not checked: the author's motivation; nothing to check

    ## 一、泊松分布 · The Poisson distribution

    At three births an hour, two quiet hours are unlikely:

    | rate | hours | $n$ | probability | <a id="A9.1.1"></a>verdict |
    |---:|---:|---:|---:| --- |
    | 3 | 2 | 0 | 0.0025 | <a id="A9.1.1/1"></a>✅ 0.002478752177 rounds to 0.0025; 0.4 ulp vs referee (≤ 4) |
    | 3 | 1 | 1 | 0.1500 | <a id="A9.1.1/2"></a>❌ 0.1493612051 does not round to 0.1500; 1.1 ulp vs referee (≤ 4) |

    > ❌ **A9.1.1** table
    >
    > 1 of 2 rows failed
    >
    > - kernel vs referee: measured 1.1 ulp (bound 4 ulp, 28 % used)
    > - A9.1.1/2: stated 0.1500, computed 0.1493612051
    >
    > Check `poisson.probability`; bound 4 ulp against referee: Loader's saddle-point pmf is\#
     accurate to a few ulps.

    The probabilities add up to one:

    > <a id="A9.1.2"></a>❌ **A9.1.2** property — The probabilities over all counts add up to one.
    >
    > 3 of 200 cases exceed the bound
    >
    > - kernel vs exact: measured 71.5 ulp (bound 64 ulp, 112 % used) ❌
    > - GSL vs referee: measured 0.62 ulp
    > - input: mean = 951234.5
    > - shrunk: mean = 1e6
    >
    > Replay: `crosscheck check Specs/09-poisson.md --replay 'A9.1.2@9e8eeb7a86a6019a#417'`
    >
    > Check `poisson.normalization`; bound 64 ulp against exact: the sum of up to 1e4 terms,\#
     each good to a few ulps.

    > <a id="A9.1.3"></a>✅ **A9.1.3** figure · *added by Crosscheck* — The pmf of Poisson(3).
    >
    > 5 points agree with GSL
    >
    > ![Poisson(3) \<pmf\> & friends](09-poisson-A9.1.3.svg)
    >
    > - kernel vs gsl: measured 0.5 ulp (bound 4 ulp, 13 % used)
    >
    > Check `poisson.figure`; bound 4 ulp against gsl: the same kernel as the table.

    ## 二、指数分布 · The exponential distribution

    > <a id="A9.2.1"></a>⚠️ not run **A9.2.1** property — The mean gap is 1/rate.
    >
    > Not run: no result was recorded for this claim.
    >
    > Check `exponential.mean`.

    Closing prose.

    ---

    ## Coverage

    | section | heading | executable | narrative | ✅ passed | ❌ failed | ⚠️ errors | ⚠️ not run\#
     | worst error against its bound |
    |---|---|---:|---:|---:|---:|---:|---:|---|
    | A9.0 | Introduction | 0 | 1 | 0 | 0 | 0 | 0 | – |
    | A9.1 | The Poisson distribution | 3 | 0 | 1 | 2 | 0 | 0 | 71.5 ulp of 64 ulp (112 %) in\#
     A9.1.2 |
    | A9.2 | The exponential distribution | 1 | 0 | 0 | 0 | 0 | 1 | – |
    | **total** | | 4 | 1 | 1 | 2 | 0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |

    ### Not checked

    - 📝 [**A9.0.1**](#A9.0.1): the author's motivation; nothing to check

    """#

  static let expectedIndex = #"""
    # Crosscheck reports

    Each report re-renders one article's spec with the verdict of every claim woven into the\#
     text: the measured error of each claim beside the bound the spec declares.

    - **Run:** crosscheck 0.1.0 · commit `abc1234` · Swift 6.3.1 · GSL 2.7.1 · MPFR 4.2.1 ·\#
     Linux x86_64
    - **Specs:** 1

    | claims | executable | narrative | ✅ passed | ❌ failed | ⚠️ errors | ⚠️ not run | worst\#
     error against its bound |
    |---|---:|---:|---:|---:|---:|---:|---|
    | 5 | 4 | 1 | 1 | 2 | 0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |

    ## By spec and section

    | article | section | executable | narrative | ✅ passed | ❌ failed | ⚠️ errors | ⚠️ not run\#
     | worst error against its bound |
    |---|---|---:|---:|---:|---:|---:|---:|---|
    | [9 · The Poisson distribution](09-poisson.md) | all · ⚠️ reconstructed | 4 | 1 | 1 | 2 |\#
     0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |
    | | A9.0 Introduction | 0 | 1 | 0 | 0 | 0 | 0 | – |
    | | A9.1 The Poisson distribution | 3 | 0 | 1 | 2 | 0 | 0 | 71.5 ulp of 64 ulp (112 %) in\#
     A9.1.2 |
    | | A9.2 The exponential distribution | 1 | 0 | 0 | 0 | 0 | 1 | – |
    | **total** | 1 spec | 4 | 1 | 1 | 2 | 0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |

    ## Needs attention

    Each link goes to the verdict in its report.

    - ❌ [**A9.1.1/2**](09-poisson.md#A9.1.1/2) 0.1493612051 does not round to 0.1500; 1.1 ulp vs\#
     referee (≤ 4)
    - ❌ [**A9.1.2**](09-poisson.md#A9.1.2) 3 of 200 cases exceed the bound
    - ⚠️ [**A9.2.1**](09-poisson.md#A9.2.1) not run: no result was recorded.

    """#
}
