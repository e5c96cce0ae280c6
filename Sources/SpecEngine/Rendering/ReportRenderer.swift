/// A rendered page: Markdown for GitHub, a self-contained HTML page, and the files beside them.
public struct RenderedReport: Sendable, Hashable {
  /// A file to write beside the report, such as a figure's SVG.
  public struct Asset: Sendable, Hashable {
    /// The file name, without folders (for example `09-poisson-A9.1.8.svg`).
    public var name: String
    /// The file's text.
    public var contents: String

    /// Creates an asset.
    public init(name: String, contents: String) {
      self.name = name
      self.contents = contents
    }
  }

  /// The report as GitHub Markdown; figures are image links to the assets.
  public var markdown: String
  /// The report as one HTML page with inline CSS and inline SVG figures.
  public var html: String
  /// The files the Markdown links to, in document order.
  public var assets: [Asset]

  /// Creates a rendered report.
  public init(markdown: String, html: String, assets: [Asset]) {
    self.markdown = markdown
    self.html = html
    self.assets = assets
  }
}

/// Renders a spec and the results of a run as a report that reads like the article.
///
/// The report is the spec itself, front matter removed, with every claim's lines replaced by its
/// verdict: a table gains a verdict column, other claims become a short box with the measured
/// error beside its bound, figures are drawn, and narrative items say why they are not checked.
/// A header gives the provenance and the run, and the end gives the coverage of each section.
///
/// Every output is deterministic: the same spec, results and run give the same bytes. Results
/// are looked up by claim ID, never iterated, and nothing depends on the clock.
///
/// Figures are written beside the report (GitHub Markdown cannot inline SVG): the Markdown links
/// to `<spec name>-<claim ID>.svg`, the HTML inlines the same SVG.
public enum ReportRenderer {
  /// Returns the report of one spec: Markdown, HTML and the figures to write beside them.
  ///
  /// - Parameters:
  ///   - spec: the parsed spec.
  ///   - results: the results of the run, keyed by claim ID; a missing claim renders "not run".
  ///   - run: what the header records about the run.
  ///   - markdownToHTML: converts GitHub Markdown to an HTML fragment (cmark-gfm in practice).
  ///   - math: how the HTML page renders TeX math; the Markdown keeps `$...$` as written.
  /// - Returns: the Markdown, the HTML page and the figure files, all deterministic.
  public static func report(
    for spec: Spec, results: [String: ClaimResult], run: RunInfo,
    markdownToHTML: (String) -> String, math: MathRendering = .source
  ) -> RenderedReport {
    RenderedReport(
      markdown: markdown(for: spec, results: results, run: run),
      html: html(
        for: spec, results: results, run: run, markdownToHTML: markdownToHTML, math: math),
      assets: figureAssets(for: spec, results: results))
  }

  /// Returns the report of one spec as GitHub Markdown.
  ///
  /// Figures are image links to the files that ``figureAssets(for:results:)`` returns, named by
  /// ``figureFileName(spec:claimID:)`` and expected beside the report.
  public static func markdown(for spec: Spec, results: [String: ClaimResult], run: RunInfo)
    -> String
  {
    renderMarkdown(spec: spec, results: results, run: run, target: .markdown) { claim, _ in
      let name = figureFileName(spec: spec, claimID: claim.id)
      return "![\(escapeLinkText(figureTitle(claim, results)))](\(name))"
    }
  }

  /// Returns the SVG files that the report's figures link to, in document order.
  public static func figureAssets(for spec: Spec, results: [String: ClaimResult])
    -> [RenderedReport.Asset]
  {
    spec.claims.compactMap { claim in
      guard let figure = results[claim.id]?.figure else { return nil }
      return RenderedReport.Asset(
        name: figureFileName(spec: spec, claimID: claim.id), contents: SVGPlot.render(figure))
    }
  }

  /// Returns the file name of a claim's figure: `<spec name>-<claim ID>.svg`.
  ///
  /// Characters other than letters, digits, `.`, `-` and `_` become `-`.
  public static func figureFileName(spec: Spec, claimID: String) -> String {
    safeFileName("\(spec.name)-\(claimID)") + ".svg"
  }

  /// Returns the base file name of a spec's report, without extension: the spec's name.
  public static func reportBaseName(for spec: Spec) -> String { safeFileName(spec.name) }

  // MARK: - Document

  /// Renders the Markdown for `target`, drawing each figure with `figureMarkup(claim, index)`.
  static func renderMarkdown(
    spec: Spec, results: [String: ClaimResult], run: RunInfo, target: Target,
    figureMarkup: (Claim, Int) -> String
  ) -> String {
    var out = MarkdownLines()
    let bodyStart = firstBodyLine(spec.lines)
    var titleLine = "# \(spec.title)"
    var start = bodyStart
    var first = bodyStart
    while first <= spec.lines.count, spec.lines[first - 1].trimmingSpaces().isEmpty { first += 1 }
    if first <= spec.lines.count, spec.lines[first - 1].hasPrefix("# ") {
      titleLine = spec.lines[first - 1]
      start = first + 1
    }
    out.append(titleLine)
    out.block(header(spec: spec, results: results, run: run, target: target))

    var figureIndex = 0
    var pending = spec.claims.sorted {
      let (a, b) = (sourceSpan(of: $0), sourceSpan(of: $1))
      return (a.lowerBound, a.upperBound, $0.id) < (b.lowerBound, b.upperBound, $1.id)
    }
    func emitClaims(through line: Int) -> Int? {
      var skipTo: Int?
      while let claim = pending.first, sourceSpan(of: claim).lowerBound <= line {
        pending.removeFirst()
        out.block(
          claimBlock(
            claim, spec: spec, result: results[claim.id], target: target,
            figure: { figureMarkup(claim, figureIndex) }))
        if results[claim.id]?.figure != nil { figureIndex += 1 }
        let upper = sourceSpan(of: claim).upperBound
        skipTo = Swift.max(skipTo ?? upper, upper)
      }
      return skipTo
    }
    // Claims that start inside the front matter or before the title are emitted first.
    var n = start
    if let skipTo = emitClaims(through: start - 1) { n = Swift.max(n, skipTo + 1) }
    while n <= spec.lines.count {
      if let skipTo = emitClaims(through: n) {
        n = Swift.max(n, skipTo) + 1
        continue
      }
      out.append(spec.lines[n - 1])
      n += 1
    }
    _ = emitClaims(through: Int.max)
    out.trimTrailingBlankLines()
    out.block(["---"])
    out.block(coverage(spec: spec, results: results, target: target))
    return out.text
  }

  /// Returns the source lines a claim's verdict replaces: its own lines and its table's.
  static func sourceSpan(of claim: Claim) -> ClosedRange<Int> {
    guard let table = claim.table else { return claim.lineRange }
    return Swift.min(
      claim.lineRange.lowerBound, table.lineRange.lowerBound)...Swift.max(
        claim.lineRange.upperBound, table.lineRange.upperBound)
  }

  /// Returns the 1-based line after the front matter (1 when there is none).
  static func firstBodyLine(_ lines: [String]) -> Int {
    guard let first = lines.first, first.trimmingSpaces() == "---" else { return 1 }
    for i in 1..<lines.count where lines[i].trimmingSpaces() == "---" { return i + 2 }
    return 1
  }

  // MARK: - Header

  static func header(spec: Spec, results: [String: ClaimResult], run: RunInfo, target: Target)
    -> [String]
  {
    let front = spec.frontMatter
    var lines: [String] = []
    switch front.status {
    case .originalRead: break
    case .reconstructed:
      lines += [
        "> ⚠️ **Reconstructed.** This spec was not written from a reading of the original "
          + "article: it was rebuilt from the primary papers or standard mathematics. The "
          + "verdicts check the reconstruction, not the article's own words.",
        "",
      ]
    case .partlyReconstructed:
      var text =
        "> ⚠️ **Partly reconstructed.** Parts of this spec were rebuilt from other sources, "
        + "not from the original article."
      if let parts = front["reconstructed-parts"], !parts.isEmpty {
        text += " Rebuilt: \(parts)"
        if !parts.hasSuffix(".") { text += "." }
      }
      lines += [text, ""]
    }
    var original = "- **Article \(front.article):** *\(front.originalTitle)*"
    if !front.author.isEmpty { original += " by \(front.author)" }
    if !front.source.isEmpty { original += " (\(link(front.source)))" }
    lines.append(original)
    lines.append("- **Status:** \(front.status.rawValue)")
    lines.append("- **Run:** \(runLine(run))")
    if let score = run.mutantScores[front.article] { lines.append("- **Mutants:** \(score)") }
    lines.append("- **Spec:** `\(spec.file)`")
    lines.append("")

    let tally = ReportTally(claims: spec.claims, results: results)
    lines += tallyTable(
      firstHeader: "claims", firstCell: "\(tally.total)", tally: tally, target: target)
    let attention = needsAttention(spec: spec, results: results, target: target, page: "")
    if !attention.isEmpty {
      lines.append("")
      lines.append("**Needs attention:**")
      lines.append("")
      lines += attention
    }
    return lines
  }

  static func runLine(_ run: RunInfo) -> String {
    "crosscheck \(run.crosscheckVersion) · commit `\(run.commit)` · Swift \(run.swiftVersion) · "
      + "GSL \(run.gslVersion) · MPFR \(run.mpfrVersion) · \(run.platform)"
  }

  /// Returns a one-row table of counts under the given first column.
  static func tallyTable(
    firstHeader: String, firstCell: String, tally: ReportTally, target: Target
  ) -> [String] {
    [
      "| \(firstHeader) | executable | narrative | \(tallyHeaders(target)) "
        + "| worst error against its bound |",
      "|---|---:|---:|---:|---:|---:|---:|---|",
      "| \(firstCell) | " + tallyCells(tally) + " |",
    ]
  }

  /// Returns the four verdict column headers of a tally table, joined by ` | `.
  static func tallyHeaders(_ target: Target) -> String {
    [
      mark(.passed, word: "passed", target), mark(.failed, word: "failed", target),
      mark(.error, word: "errors", target), mark(.error, word: "not run", target),
    ].joined(separator: " | ")
  }

  /// Returns the count cells and the worst-error cell of a tally, joined by ` | `.
  static func tallyCells(_ tally: ReportTally) -> String {
    [
      "\(tally.executable)", "\(tally.narrative)", "\(tally.passed)", "\(tally.failed)",
      "\(tally.errors)", "\(tally.notRun)", worstText(tally.worst),
    ].joined(separator: " | ")
  }

  /// Returns `9.2 ulp of 4 ulp (230 %) in A9.1.7/2`, or `–` when nothing had a bound.
  static func worstText(_ worst: ReportTally.WorstError?) -> String {
    guard let worst, let bound = worst.measurement.bound else { return "–" }
    let m = worst.measurement
    let percent = percentText(worst.fractionOfBound)
    // A mixed bound (abs + rel) is measured as the share of its allowance used.
    if m.unit == "of allowance" {
      return "\(percent) of the allowance in " + escapeInline(worst.id)
    }
    return "\(number(m.value)) \(m.unit) of \(number(bound)) \(m.unit) (\(percent)) in "
      + escapeInline(worst.id)
  }

  static func percentText(_ fraction: Double) -> String {
    guard fraction.isFinite else { return fraction.isNaN ? "nan" : "∞ %" }
    let percent = fraction * 100
    if percent >= 10 || percent == 0 { return "\(NumberFormatting.fixed(percent, decimals: 0)) %" }
    return "\(NumberFormatting.short(percent, digits: 2)) %"
  }

  /// Returns one list item per failed, erroneous or missing claim and failed table row.
  ///
  /// Each ID links to its anchor in `page` (empty for the page itself).
  static func needsAttention(
    spec: Spec, results: [String: ClaimResult], target: Target, page: String
  ) -> [String] {
    func item(_ verdict: Verdict, _ id: String, _ text: String) -> String {
      "- \(mark(verdict, target)) [**\(escapeLinkText(id))**](\(page)#\(anchor(for: id))) \(text)"
    }
    var items: [String] = []
    for claim in spec.executableClaims {
      guard let result = results[claim.id] else {
        items.append(item(.error, claim.id, "not run: no result was recorded."))
        continue
      }
      let badRows = result.rows.filter { $0.verdict == .failed || $0.verdict == .error }
      if !badRows.isEmpty {
        for row in badRows { items.append(item(row.verdict, row.id, escapeInline(row.summary))) }
      } else if result.verdict == .failed || result.verdict == .error {
        items.append(item(result.verdict, claim.id, escapeInline(result.summary)))
      }
    }
    return items
  }

  // MARK: - Coverage

  static func coverage(spec: Spec, results: [String: ClaimResult], target: Target) -> [String] {
    var lines = ["## Coverage", ""]
    lines.append(
      "| section | heading | executable | narrative | \(tallyHeaders(target)) "
        + "| worst error against its bound |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for (id, heading, tally) in sectionTallies(spec: spec, results: results) {
      lines.append("| \(escapeInline(id)) | \(escapeCell(heading)) | \(tallyCells(tally)) |")
    }
    let total = ReportTally(claims: spec.claims, results: results)
    lines.append("| **total** | | \(tallyCells(total)) |")
    lines.append("")
    lines.append("### Not checked")
    lines.append("")
    let narrative = spec.claims.filter { $0.kind == .narrative }
    if narrative.isEmpty {
      lines.append("Every claim of this spec is checked.")
    } else {
      for claim in narrative {
        lines.append(
          "- \(mark(.narrative, target)) [**\(escapeLinkText(claim.id))**]"
            + "(#\(anchor(for: claim.id))): \(oneLine(claim.statement))")
      }
    }
    return lines
  }

  /// Returns each section's ID, English heading and tally, in document order.
  ///
  /// A claim belongs to the section its ID names (`A9.1` for `A9.1.5`).
  static func sectionTallies(spec: Spec, results: [String: ClaimResult])
    -> [(id: String, heading: String, tally: ReportTally)]
  {
    var order: [String] = []
    var headings: [String: String] = [:]
    for section in spec.sections where section.level <= 2 && headings[section.id] == nil {
      order.append(section.id)
      headings[section.id] = section.level < 2 ? "Introduction" : section.englishHeading
    }
    var tallies: [String: ReportTally] = [:]
    for claim in spec.claims {
      let id = claim.sectionID
      if headings[id] == nil {
        order.append(id)
        headings[id] = ""
      }
      tallies[id, default: ReportTally()].add(claim, result: results[claim.id])
    }
    return order.map { ($0, headings[$0] ?? "", tallies[$0] ?? ReportTally()) }
  }

  // MARK: - Marks and anchors

  /// What a rendering of the report's Markdown is for.
  enum Target: Sendable, Hashable {
    /// GitHub Markdown: marks are emoji, as GitHub shows them.
    case markdown
    /// The source of the HTML page: each mark is also a word in a coloured span.
    case html
  }

  /// Returns a verdict's mark: its emoji in Markdown; in HTML, the emoji and the verdict's name
  /// in a span of class `mark <verdict>`, which reads without an emoji font.
  static func mark(_ verdict: Verdict, _ target: Target) -> String {
    switch target {
    case .markdown: verdict.mark
    case .html: markSpan(verdict, word: verdict.rawValue)
    }
  }

  /// Returns a verdict's mark followed by a word (`✅ passed`), in a span in HTML.
  static func mark(_ verdict: Verdict, word: String, _ target: Target) -> String {
    switch target {
    case .markdown: "\(verdict.mark) \(word)"
    case .html: markSpan(verdict, word: word)
    }
  }

  static func markSpan(_ verdict: Verdict, word: String) -> String {
    "<span class=\"mark \(verdict.rawValue)\"><span class=\"emoji\" aria-hidden=\"true\">"
      + "\(verdict.mark)</span> \(word)</span>"
  }

  /// Returns the anchor of a claim or table row, the fragment that links to its verdict.
  ///
  /// The anchor is the ID itself where that is safe in an HTML `id` and a URL fragment: ASCII
  /// letters, digits and `.`, `-`, `_`, `/`, `=` are kept, and every other character becomes
  /// `-`. So `A9.1.3` links as `#A9.1.3` and the row `A9.1.7/count=3` as `#A9.1.7/count=3`,
  /// while a row ID such as `A9.1.7/N = 0` becomes `A9.1.7/N-=-0`.
  ///
  /// - Parameter id: a claim or row ID.
  /// - Returns: the anchor, never empty (`claim` for an empty ID).
  public static func anchor(for id: String) -> String {
    var out = ""
    for scalar in id.unicodeScalars {
      let keep =
        scalar.isASCII
        && (scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
          || "._-/=".unicodeScalars.contains(scalar))
      out.unicodeScalars.append(keep ? scalar : "-")
    }
    return out.isEmpty ? "claim" : out
  }

  /// Returns the empty `<a id>` element that marks where a claim's or row's verdict is.
  static func anchorTag(_ id: String) -> String { "<a id=\"\(anchor(for: id))\"></a>" }

  // MARK: - Text helpers

  static func number(_ x: Double) -> String { NumberFormatting.short(x, digits: 3) }

  static func link(_ url: String) -> String {
    url.contains("://") && !url.contains(" ") && !url.contains(">") ? "<\(url)>" : url
  }

  /// Returns text with Markdown's inline punctuation escaped, so result text renders as written.
  static func escapeInline(_ text: String) -> String {
    var out = ""
    for character in oneLine(text) {
      if "\\`*_[]<>|".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }

  /// Returns a spec's own Markdown made safe for a table cell: one line, pipes escaped.
  static func escapeCell(_ text: String) -> String {
    var out = ""
    var previous: Character = " "
    for character in oneLine(text) {
      if character == "|" && previous != "\\" { out.append("\\") }
      out.append(character)
      previous = character
    }
    return out
  }

  static func escapeLinkText(_ text: String) -> String {
    var out = ""
    for character in oneLine(text) {
      if "\\[]<>".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }

  /// Returns the text on one line: newlines become spaces, surrounding spaces are trimmed.
  static func oneLine(_ text: String) -> String {
    let parts = text.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }
    return parts.joined(separator: " ").trimmingSpaces()
  }

  static func safeFileName(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      let keep =
        scalar.isASCII
        && (scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
          || scalar == "." || scalar == "-" || scalar == "_")
      out.unicodeScalars.append(keep ? scalar : "-")
    }
    return out.isEmpty ? "figure" : out
  }
}

/// Accumulates Markdown lines and keeps blocks apart with blank lines.
struct MarkdownLines {
  private(set) var lines: [String] = []
  private var needsBlank = false

  /// Appends a source line, after a blank line if the previous block asked for one.
  mutating func append(_ line: String) {
    if needsBlank {
      needsBlank = false
      if !line.trimmingSpaces().isEmpty, let last = lines.last, !last.trimmingSpaces().isEmpty {
        lines.append("")
      }
    }
    lines.append(line)
  }

  /// Appends a block with blank lines before and after, so it neither joins nor absorbs text.
  mutating func block(_ block: [String]) {
    guard !block.isEmpty else { return }
    needsBlank = false
    if let last = lines.last, !last.trimmingSpaces().isEmpty { lines.append("") }
    lines += block
    needsBlank = true
  }

  mutating func trimTrailingBlankLines() {
    while let last = lines.last, last.trimmingSpaces().isEmpty { lines.removeLast() }
  }

  var text: String { lines.joined(separator: "\n") + "\n" }
}
