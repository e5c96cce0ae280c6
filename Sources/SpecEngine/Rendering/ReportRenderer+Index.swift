extension ReportRenderer {
  /// Returns the index of all reports (`index.md` and `index.html`), with no assets.
  ///
  /// The index gives the run, the totals, and per spec and per section the claims executable
  /// and narrative, passed, failed, in error and not run, and the worst error against its
  /// bound, with a link to each spec's report. Specs are listed by article number, then name,
  /// whatever order they are given in.
  ///
  /// - Parameters:
  ///   - entries: each spec with the results of its run, keyed by claim ID.
  ///   - run: what the header records about the run.
  ///   - unreadable: each spec that could not be read, with its first error; each is a ⚠️
  ///     row, so a broken spec is never silently left out.
  ///   - markdownToHTML: converts GitHub Markdown to an HTML fragment.
  ///   - math: how the HTML page renders TeX math.
  /// - Returns: `index.md` as Markdown linking to `<name>.md`, and `index.html` as a page
  ///   linking to `<name>.html`. The list of claims that need attention links each failed or
  ///   erroneous claim and row to its anchor in its report.
  public static func index(
    for entries: [(spec: Spec, results: [String: ClaimResult])], run: RunInfo,
    unreadable: [(file: String, diagnostic: String)] = [],
    markdownToHTML: (String) -> String, math: MathRendering = .source
  ) -> RenderedReport {
    let sorted = entries.sorted {
      ($0.spec.frontMatter.article, $0.spec.name, $0.spec.file)
        < ($1.spec.frontMatter.article, $1.spec.name, $1.spec.file)
    }
    let broken = unreadable.sorted { $0.file < $1.file }
    let markdown = indexMarkdown(sorted, run: run, target: .markdown, unreadable: broken)
    let htmlMarkdown = indexMarkdown(sorted, run: run, target: .html, unreadable: broken)
    let html = page(
      title: "Crosscheck reports", body: convert(htmlMarkdown, markdownToHTML), math: math)
    return RenderedReport(markdown: markdown, html: html, assets: [])
  }

  static func indexMarkdown(
    _ entries: [(spec: Spec, results: [String: ClaimResult])], run: RunInfo, target: Target,
    unreadable: [(file: String, diagnostic: String)] = []
  ) -> String {
    let linkExtension = target == .html ? "html" : "md"
    var total = ReportTally()
    for entry in entries {
      total.add(ReportTally(claims: entry.spec.claims, results: entry.results))
    }
    var lines = [
      "# Crosscheck reports",
      "",
      "Each report re-renders one article's spec with the verdict of every claim woven into the "
        + "text: the measured error of each claim beside the bound the spec declares.",
      "",
      "- **Run:** \(runLine(run))",
      "- **Specs:** \(entries.count)"
        + (unreadable.isEmpty ? "" : ", and \(unreadable.count) ⚠️ that could not be read"),
      "",
    ]
    lines += tallyTable(
      firstHeader: "claims", firstCell: "\(total.total)", tally: total, target: target)
    lines += [
      "",
      "## By spec and section",
      "",
      "| article | section | executable | narrative | \(tallyHeaders(target)) "
        + "| worst error against its bound |",
      "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for (spec, results) in entries {
      let tally = ReportTally(claims: spec.claims, results: results)
      let target = "\(reportBaseName(for: spec)).\(linkExtension)"
      let title = "\(spec.frontMatter.article) · \(escapeLinkText(spec.title))"
      var scope = "all"
      if spec.frontMatter.status != .originalRead {
        scope += " · ⚠️ \(spec.frontMatter.status.rawValue)"
      }
      lines.append("| [\(escapeCell(title))](\(target)) | \(scope) | \(tallyCells(tally)) |")
      for (id, heading, sectionTally) in sectionTallies(spec: spec, results: results) {
        let name = heading.isEmpty ? escapeInline(id) : "\(escapeInline(id)) \(escapeCell(heading))"
        lines.append("| | \(name) | \(tallyCells(sectionTally)) |")
      }
    }
    // A spec that could not be read is not run, but it is not left out: a ⚠️ row says why.
    for (file, diagnostic) in unreadable {
      lines.append(
        "| ⚠️ \(escapeCell(escapeInline(file))) | not run: \(escapeCell(escapeInline(diagnostic))) "
          + "| | | | | | | |")
    }
    let specs = entries.count == 1 ? "1 spec" : "\(entries.count) specs"
    lines.append("| **total** | \(specs) | \(tallyCells(total)) |")
    var attention: [String] = []
    for (spec, results) in entries {
      let page = "\(reportBaseName(for: spec)).\(linkExtension)"
      attention += needsAttention(spec: spec, results: results, target: target, page: page)
    }
    lines += ["", "## Needs attention", ""]
    lines.append(
      attention.isEmpty
        ? "Every executable claim passed." : "Each link goes to the verdict in its report.")
    if !attention.isEmpty { lines += [""] + attention }
    return lines.joined(separator: "\n") + "\n"
  }
}
