extension ReportRenderer {
  /// Returns the report of one spec as a self-contained HTML page.
  ///
  /// The page is the report's Markdown converted by `markdownToHTML`, with each figure's SVG
  /// inlined where the Markdown has its image link, and the stylesheet inlined in the head. It
  /// loads nothing and needs no script.
  ///
  /// - Parameters:
  ///   - spec: the parsed spec.
  ///   - results: the results of the run, keyed by claim ID.
  ///   - run: what the header records about the run.
  ///   - markdownToHTML: converts GitHub Markdown to an HTML fragment (cmark-gfm in practice).
  /// - Returns: the whole page, from `<!DOCTYPE html>` to `</html>` and a newline.
  public static func html(
    for spec: Spec, results: [String: ClaimResult], run: RunInfo,
    markdownToHTML: (String) -> String
  ) -> String {
    var figures: [Int: String] = [:]
    let markdown = renderMarkdown(spec: spec, results: results, run: run) { claim, index in
      if let figure = results[claim.id]?.figure { figures[index] = SVGPlot.render(figure) }
      return figurePlaceholder(index)
    }
    var body = markdownToHTML(markdown)
    for index in figures.keys.sorted() {
      let svg = figures[index] ?? ""
      let token = figurePlaceholder(index)
      let figure = "<figure class=\"plot\">\n\(svg)</figure>"
      body = body.replacingAll("<p>\(token)</p>", with: figure).replacingAll(token, with: figure)
    }
    return page(title: spec.title, body: body)
  }

  /// Returns the plain-text token that stands for figure `index` until the SVG replaces it.
  ///
  /// Letters, digits and hyphens only, so no Markdown converter changes it.
  static func figurePlaceholder(_ index: Int) -> String { "CROSSCHECK-FIGURE-\(index)-END" }

  /// Returns a complete HTML page around a converted body, with verdict boxes given a class.
  static func page(title: String, body: String) -> String {
    var body = body
    let classes: [(Verdict, String)] = [
      (.passed, "passed"), (.failed, "failed"), (.error, "error"), (.narrative, "narrative"),
    ]
    for (verdict, name) in classes {
      body = body.replacingAll(
        "<blockquote>\n<p>\(verdict.mark)",
        with: "<blockquote class=\"verdict \(name)\">\n<p>\(verdict.mark)")
    }
    if !body.hasSuffix("\n") { body += "\n" }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(SVGPlot.escape(title))</title>
      <style>
      \(stylesheet)
      </style>
      </head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }

  /// The inline stylesheet: GitHub-like typography, tinted verdict boxes, scrollable tables.
  static let stylesheet = """
    body { margin: 0; background: #ffffff; color: #1f2328; }
    main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem;
      font: 16px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    h1, h2, h3 { line-height: 1.25; margin: 1.6em 0 0.6em; }
    h1, h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: 0.3em; }
    a { color: #0969da; }
    code, pre { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      background: #f6f8fa; border-radius: 4px; }
    code { padding: 0.1em 0.3em; }
    pre { padding: 0.8em 1em; overflow-x: auto; }
    table { display: block; overflow-x: auto; border-collapse: collapse; margin: 1em 0; }
    th, td { border: 1px solid #d1d9e0; padding: 0.35em 0.7em; vertical-align: top; }
    th { background: #f6f8fa; }
    blockquote { margin: 1em 0; padding: 0.5em 1em; border-left: 4px solid #d1d9e0;
      color: #1f2328; background: #fafbfc; }
    blockquote > :first-child { margin-top: 0; }
    blockquote > :last-child { margin-bottom: 0; }
    blockquote.passed { border-left-color: #1a7f37; background: #f3faf5; }
    blockquote.failed { border-left-color: #cf222e; background: #fdf3f3; }
    blockquote.error { border-left-color: #9a6700; background: #fdf8ec; }
    blockquote.narrative { border-left-color: #8c959f; background: #f6f8fa; }
    figure.plot { margin: 0.8em 0; }
    figure.plot svg { max-width: 100%; height: auto; }
    hr { border: 0; border-top: 1px solid #d1d9e0; margin: 2em 0; }
    """
}
