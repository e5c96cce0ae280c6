import Foundation

/// How an HTML report shows the TeX math of its spec (`$...$` inline, `$$...$$` displayed).
public enum MathRendering: Sendable, Hashable {
  /// The formulas stay as TeX source; the page loads nothing.
  case source
  /// KaTeX's auto-render typesets the formulas in the browser, from local files.
  ///
  /// `folder` is the folder of KaTeX's files relative to the page, such as `assets/katex`:
  /// it holds `katex.min.css`, `katex.min.js`, `contrib/auto-render.js` and `fonts/`
  /// (``KaTeXAssets`` copies them there). A formula KaTeX cannot parse keeps its source, shown
  /// in red, and without JavaScript every formula keeps its source.
  case katex(folder: String)
}

extension ReportRenderer {
  /// Returns the report of one spec as a self-contained HTML page.
  ///
  /// The page is the report's Markdown converted by `markdownToHTML`, with each figure's SVG
  /// inlined where the Markdown has its image link, and the stylesheet inlined in the head.
  /// Math spans (`$...$`, `$$...$$`) are kept out of the converter's reach, so they reach the
  /// page exactly as the spec writes them. With ``MathRendering/katex(folder:)`` the page loads
  /// KaTeX from that local folder; otherwise it loads nothing and needs no script.
  ///
  /// Each verdict mark is its emoji and its word (`passed`, `failed`, `error`, `narrative`) in
  /// a coloured span, so the page reads without an emoji font.
  ///
  /// - Parameters:
  ///   - spec: the parsed spec.
  ///   - results: the results of the run, keyed by claim ID.
  ///   - run: what the header records about the run.
  ///   - markdownToHTML: converts GitHub Markdown to an HTML fragment (cmark-gfm in practice).
  ///   - math: how the page renders TeX math.
  /// - Returns: the whole page, from `<!DOCTYPE html>` to `</html>` and a newline.
  public static func html(
    for spec: Spec, results: [String: ClaimResult], run: RunInfo,
    markdownToHTML: (String) -> String, math: MathRendering = .source
  ) -> String {
    var figures: [Int: String] = [:]
    let markdown = renderMarkdown(spec: spec, results: results, run: run, target: .html) {
      claim, index in
      if let figure = results[claim.id]?.figure { figures[index] = SVGPlot.render(figure) }
      return figurePlaceholder(index)
    }
    var body = convert(markdown, markdownToHTML)
    for index in figures.keys.sorted() {
      let svg = figures[index] ?? ""
      let token = figurePlaceholder(index)
      let figure = "<figure class=\"plot\">\n\(svg)</figure>"
      body = body.replacingAll("<p>\(token)</p>", with: figure).replacingAll(token, with: figure)
    }
    return page(title: spec.title, body: body, math: math)
  }

  /// Converts Markdown to HTML with its math spans protected from the converter.
  static func convert(_ markdown: String, _ markdownToHTML: (String) -> String) -> String {
    let protected = MathSpans.protect(markdown)
    return MathSpans.restore(markdownToHTML(protected.text), spans: protected.spans)
  }

  /// Returns the plain-text token that stands for figure `index` until the SVG replaces it.
  ///
  /// Letters, digits and hyphens only, so no Markdown converter changes it.
  static func figurePlaceholder(_ index: Int) -> String { "CROSSCHECK-FIGURE-\(index)-END" }

  /// Returns a complete HTML page around a converted body, with verdict boxes given a class.
  ///
  /// A block quote whose first paragraph starts with a verdict mark (after an optional anchor)
  /// gets the classes `verdict <name>`.
  static func page(title: String, body: String, math: MathRendering = .source) -> String {
    var body = classifyVerdictBoxes(body)
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
      \(mathHead(math))</head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }

  /// Returns the head elements that load KaTeX and run its auto-render, or nothing.
  static func mathHead(_ math: MathRendering) -> String {
    guard case .katex(let folder) = math else { return "" }
    let base = SVGPlot.escape(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)
    return """
      <link rel="stylesheet" href="\(base)/katex.min.css">
      <script defer src="\(base)/katex.min.js"></script>
      <script defer src="\(base)/contrib/auto-render.js"></script>
      <script>
      document.addEventListener("DOMContentLoaded", function () {
        if (typeof renderMathInElement !== "function") { return; }
        renderMathInElement(document.body, {
          delimiters: [
            { left: "$$", right: "$$", display: true },
            { left: "$", right: "$", display: false }
          ],
          throwOnError: false
        });
      });
      </script>

      """
  }

  /// Adds `class="verdict <name>"` to each block quote that opens with a verdict mark.
  static func classifyVerdictBoxes(_ body: String) -> String {
    let opening = "<blockquote>\n<p>"
    var pieces = body.components(separatedBy: opening)
    guard pieces.count > 1 else { return body }
    var out = pieces.removeFirst()
    for piece in pieces {
      var rest = Substring(piece)
      if rest.hasPrefix("<a id=\""), let end = rest.range(of: "\"></a>") {
        rest = rest[end.upperBound...]
      }
      let name = Verdict.allCases.first { rest.hasPrefix("<span class=\"mark \($0.rawValue)\">") }
      if let name {
        out += "<blockquote class=\"verdict \(name.rawValue)\">\n<p>" + piece
      } else {
        out += opening + piece
      }
    }
    return out
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
    .mark { font-weight: 600; white-space: nowrap; }
    .mark.passed { color: #1a7f37; }
    .mark.failed { color: #cf222e; }
    .mark.error { color: #9a6700; }
    .mark.narrative { color: #59636e; }
    :target { scroll-margin-top: 1rem; }
    tr:has(:target), blockquote:has(> p > :target) { outline: 2px solid #0969da; }
    .katex-display { overflow-x: auto; overflow-y: hidden; }
    figure.plot { margin: 0.8em 0; }
    figure.plot svg { max-width: 100%; height: auto; }
    hr { border: 0; border-top: 1px solid #d1d9e0; margin: 2em 0; }
    """
}
