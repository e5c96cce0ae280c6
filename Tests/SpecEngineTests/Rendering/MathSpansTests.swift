import Testing

@testable import SpecEngine

@Suite("Math spans through the Markdown converter")
struct MathSpansTests {
  /// Converts with cmark-gfm, the math protected, as the HTML report does.
  static func html(_ markdown: String) -> String {
    ReportRenderer.convert(markdown, MarkdownHTML.render)
  }

  @Test("Thin spaces and stars reach the HTML as written")
  func thinSpacesAndStars() {
    let html = Self.html("Take $x^* = -A^{-1}b$ and $f^* = c$, with $16\\,n\\,\\varepsilon$.\n")
    #expect(html.contains("$x^* = -A^{-1}b$"))
    #expect(html.contains("$f^* = c$"))
    #expect(html.contains("$16\\,n\\,\\varepsilon$"))
    #expect(!html.contains("<em>"))
  }

  @Test("Unprotected, cmark-gfm would damage the same formulas")
  func cmarkDamagesMath() {
    let html = MarkdownHTML.render("Take $x^* = 1$ and $f^* = 2$, with $16\\,n$.\n")
    #expect(html.contains("<em>") || !html.contains("\\,"))
  }

  @Test("Display math over several lines is one span, with < and & escaped")
  func displayMath() {
    let markdown =
      "$$P(S_n = k) = \\binom{n}{k}\\, 2^{-n}\n\\quad a < b \\text{ \\& } |k| \\le n$$\n"
    let html = Self.html(markdown)
    #expect(
      html.contains(
        "$$P(S_n = k) = \\binom{n}{k}\\, 2^{-n}\n\\quad a &lt; b \\text{ \\&amp; } |k| \\le n$$"))
  }

  @Test("Code, fenced code, comments, escaped dollars and prices are not math")
  func notMath() {
    let markdown = """
      Costs $5 and $10, or \\$3 and \\$4; `a $x$ b` is code.

      ```sh
      echo $HOME $x$
      ```

      <!-- $y$ -->
      """
    let protected = MathSpans.protect(markdown)
    #expect(protected.spans.isEmpty)
    #expect(protected.text == markdown)
  }

  @Test("A formula in a table row reads \\| as |, as GitHub does")
  func tableRow() {
    let protected = MathSpans.protect("| $\\lvert x \\| y$ | 2 |\n|---|---|\n| $a\\|b$ | 3 |\n")
    #expect(protected.spans == ["$\\lvert x | y$", "$a|b$"])
    let html = Self.html("| $a\\|b$ | n |\n|---|---|\n| 1 | 2 |\n")
    #expect(html.contains("<th>$a|b$</th>"))
  }

  @Test("Outside tables, \\| stays a norm")
  func normOutsideTables() {
    #expect(MathSpans.protect("norm $\\|b\\|$ here").spans == ["$\\|b\\|$"])
  }

  @Test("Restoring leaves unknown tokens and text alone")
  func restore() {
    let protected = MathSpans.protect("a $x$ b $y$ c")
    #expect(protected.text == "a \(MathSpans.token(0)) b \(MathSpans.token(1)) c")
    #expect(MathSpans.restore(protected.text, spans: protected.spans) == "a $x$ b $y$ c")
    #expect(
      MathSpans.restore("CROSSCHECKMATH9X CROSSCHECKMATH", spans: ["$z$"])
        == "CROSSCHECKMATH9X CROSSCHECKMATH")
  }
}

@Suite("Marks and anchors")
struct MarksAndAnchorsTests {
  @Test(
    "Anchors keep safe IDs as they are and spell the rest with hyphens",
    arguments: [
      ("A9.1.3", "A9.1.3"), ("A9.1.7/count=3", "A9.1.7/count=3"),
      ("A7.5.1.figure", "A7.5.1.figure"),
      ("A9.1.7/N = 0", "A9.1.7/N-=-0"), ("A1/\"x\"<y>", "A1/-x--y-"), ("", "claim"),
      ("A1/λ=2", "A1/-=2"),
    ])
  func anchors(_ id: String, _ anchor: String) {
    #expect(ReportRenderer.anchor(for: id) == anchor)
  }

  @Test("The HTML gives every mark its word and a class; the Markdown keeps the emoji alone")
  func marks() {
    let report = ReportRenderer.report(
      for: RenderingFixtures.spec, results: RenderingFixtures.results, run: RenderingFixtures.run,
      markdownToHTML: MarkdownHTML.render)
    #expect(!report.markdown.contains("<span class=\"mark"))
    for (verdict, word) in [
      (Verdict.passed, "passed"), (.failed, "failed"), (.narrative, "narrative"),
      (.error, "not run"),
    ] {
      let span =
        "<span class=\"mark \(verdict.rawValue)\"><span class=\"emoji\" aria-hidden=\"true\">"
        + "\(verdict.mark)</span> \(word)</span>"
      #expect(report.html.contains(span), "missing \(span)")
    }
    #expect(report.html.contains(".mark.failed { color: #cf222e; }"))
    #expect(report.html.contains("<blockquote class=\"verdict failed\">\n<p><a id=\"A9.1.2\"></a>"))
    #expect(
      report.html.contains("<blockquote class=\"verdict narrative\">\n<p><a id=\"A9.0.1\"></a>"))
  }

  @Test("Every claim and every row has exactly one anchor, in both the HTML and the Markdown")
  func everyClaimAndRowAnchored() {
    let report = ReportRenderer.report(
      for: RenderingFixtures.spec, results: RenderingFixtures.results, run: RenderingFixtures.run,
      markdownToHTML: MarkdownHTML.render)
    let ids = RenderingFixtures.spec.claims.map(\.id) + ["A9.1.1/1", "A9.1.1/2"]
    for id in ids {
      let tag = "<a id=\"\(ReportRenderer.anchor(for: id))\"></a>"
      #expect(SVGPlotTests.count(tag, in: report.markdown) == 1, "\(id) in the Markdown")
      #expect(SVGPlotTests.count(tag, in: report.html) == 1, "\(id) in the HTML")
    }
  }

  @Test("The index links each failed or erroneous claim and row to its anchor")
  func indexLinks() {
    let index = ReportRenderer.index(
      for: [(RenderingFixtures.spec, RenderingFixtures.results)], run: RenderingFixtures.run,
      markdownToHTML: MarkdownHTML.render)
    #expect(
      index.html.contains("<a href=\"09-poisson.html#A9.1.1/2\"><strong>A9.1.1/2</strong></a>"))
    #expect(index.html.contains("<a href=\"09-poisson.html#A9.1.2\"><strong>A9.1.2</strong></a>"))
    #expect(index.markdown.contains("[**A9.2.1**](09-poisson.md#A9.2.1)"))
    #expect(!index.markdown.contains("#A9.1.3)"))
  }

  @Test("With KaTeX, the page loads it from the local folder and never stops at a bad formula")
  func katexHead() {
    let html = ReportRenderer.html(
      for: RenderingFixtures.spec, results: RenderingFixtures.results, run: RenderingFixtures.run,
      markdownToHTML: MarkdownHTML.render, math: .katex(folder: "assets/katex/"))
    #expect(html.contains("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">"))
    #expect(html.contains("<script defer src=\"assets/katex/katex.min.js\"></script>"))
    #expect(html.contains("<script defer src=\"assets/katex/contrib/auto-render.js\"></script>"))
    #expect(html.contains("throwOnError: false"))
    #expect(!html.contains("src=\"http") && !html.contains("stylesheet\" href=\"http"))
    // The table header's math is intact for the renderer.
    #expect(html.contains("<th align=\"right\">$n$</th>"))
  }
}
