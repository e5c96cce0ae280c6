extension ReportRenderer {
  /// Returns the Markdown that takes the place of a claim's source lines.
  ///
  /// - A table claim: its table with a verdict column, then a box with the claim's verdict.
  /// - A narrative item: one quoted line with the reason it is not checked.
  /// - Any other claim: a box (a block quote) with verdict, statement, summary, the measured
  ///   errors beside their bounds, details, the figure, and the replay token on failure.
  ///
  /// Every claim and every table row carries an anchor (``anchor(for:)``): a table claim's is in
  /// its verdict column's header, a row's in its verdict cell, any other claim's at the start
  /// of its box.
  static func claimBlock(
    _ claim: Claim, spec: Spec, result: ClaimResult?, target: Target, figure: () -> String
  ) -> [String] {
    if claim.kind == .narrative {
      return [
        "> \(anchorTag(claim.id))\(mark(.narrative, target)) **\(escapeInline(claim.id))** "
          + "not checked: \(oneLine(claim.statement))"
      ]
    }
    if claim.kind == .table, let table = claim.table,
      let rendered = tableWithVerdicts(
        table, claimID: claim.id, lines: spec.lines, result: result, target: target)
    {
      let box = verdictBox(
        claim, spec: spec, result: result, target: target, anchored: false, figure: figure)
      return rendered + [""] + box
    }
    return verdictBox(
      claim, spec: spec, result: result, target: target, anchored: true, figure: figure)
  }

  /// Returns the table's source lines with a verdict column added, or nil if they are missing.
  static func tableWithVerdicts(
    _ table: Table, claimID: String, lines: [String], result: ClaimResult?, target: Target
  ) -> [String]? {
    let range = table.lineRange
    guard range.lowerBound >= 1, range.upperBound <= lines.count, range.count >= 2 else {
      return nil
    }
    var rowsByLine: [Int: Table.Row] = [:]
    for row in table.rows where rowsByLine[row.location.line] == nil {
      rowsByLine[row.location.line] = row
    }
    var out: [String] = []
    for n in range {
      let line = lines[n - 1]
      let cell: String
      if n == range.lowerBound {
        cell = "\(anchorTag(claimID))verdict"
      } else if n == range.lowerBound + 1 {
        cell = "---"
      } else if let row = rowsByLine[n] {
        cell = anchorTag(row.id) + verdictCell(row: row, line: n, result: result, target: target)
      } else {
        cell = ""
      }
      out.append(appendingCell(cell, to: line))
    }
    return out
  }

  /// Returns the verdict cell of one row: mark and summary, or "not run".
  static func verdictCell(row: Table.Row, line: Int, result: ClaimResult?, target: Target)
    -> String
  {
    let notRun = mark(.error, word: "not run", target)
    guard let result else { return notRun }
    let rowResult =
      result.rows.first { $0.id == row.id } ?? result.rows.first { $0.location.line == line }
    guard let rowResult else { return notRun }
    let summary = escapeInline(rowResult.summary)
    return summary.isEmpty
      ? mark(rowResult.verdict, word: rowResult.verdict.rawValue, target)
      : "\(mark(rowResult.verdict, target)) \(summary)"
  }

  /// Returns a table line with one more cell at the end, keeping its pipe style.
  static func appendingCell(_ cell: String, to line: String) -> String {
    var trimmed = line
    while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
    if trimmed.hasSuffix("|") && !trimmed.hasSuffix("\\|") {
      return "\(trimmed) \(cell) |"
    }
    return "\(trimmed) | \(cell)"
  }

  /// Returns the quoted box that gives a claim's verdict.
  ///
  /// With `anchored`, the box starts with the claim's anchor.
  static func verdictBox(
    _ claim: Claim, spec: Spec, result: ClaimResult?, target: Target, anchored: Bool,
    figure: () -> String
  ) -> [String] {
    let verdictMark =
      result.map { mark($0.verdict, target) } ?? mark(.error, word: "not run", target)
    var head = anchored ? anchorTag(claim.id) : ""
    head += "\(verdictMark) **\(escapeInline(claim.id))** \(claim.kind.rawValue)"
    if claim.parameter("expect")?.text.trimmingSpaces().lowercased() == "refuted" {
      head += " (expected to be refuted)"
    }
    if isAdded(claim, spec: spec) { head += " · *added by Crosscheck*" }
    let statement = oneLine(claim.statement)
    if !statement.isEmpty { head += " — \(statement)" }

    var paragraphs: [[String]] = [[head]]
    guard let result else {
      paragraphs.append(["Not run: no result was recorded for this claim."])
      paragraphs.append([footer(claim)])
      return quote(paragraphs)
    }
    if !result.summary.isEmpty { paragraphs.append([escapeInline(result.summary)]) }
    if result.figure != nil { paragraphs.append([figure()]) }
    let items =
      result.measurements.map { "- " + measurementText($0, target) }
      + result.details.map { "- " + escapeInline($0) }
    if !items.isEmpty { paragraphs.append(items) }
    if result.verdict == .failed || result.verdict == .error, let replay = result.replay {
      paragraphs.append(["Replay: \(code("crosscheck check \(spec.file) --replay '\(replay)'"))"])
    }
    paragraphs.append([footer(claim)])
    return quote(paragraphs)
  }

  /// Returns the footer line: the check, the bound and the reason for it.
  static func footer(_ claim: Claim) -> String {
    var text = claim.check.isEmpty ? "" : "Check \(code(claim.check))"
    if let tolerance = claim.tolerance {
      text += text.isEmpty ? "Bound " : "; bound "
      text += escapeInline(tolerance.description)
      let reason = oneLine(tolerance.reason)
      if !reason.isEmpty { text += ": \(reason)" }
    }
    if !text.isEmpty && !text.hasSuffix(".") { text += "." }
    return text.isEmpty ? "No bound is declared." : text
  }

  /// Returns `kernel vs referee: measured 0.4 ulp (bound 4 ulp, 10 % used)`, or a p-value.
  static func measurementText(_ m: Measurement, _ target: Target) -> String {
    let label = escapeInline(m.label)
    let prefix = label.isEmpty ? "" : "\(label): "
    var text: String
    if m.unit.lowercased() == "p-value" {
      text = "\(prefix)p-value \(number(m.value))"
      if let bound = m.bound { text += " (alpha \(number(bound)))" }
    } else if m.unit == "of allowance", let fraction = ReportTally.fractionOfBound(m) {
      // A mixed bound (abs + rel) is measured as the share of its allowance used.
      text = "\(prefix)measured \(percentText(fraction)) of the allowance"
    } else {
      let unit = m.unit.isEmpty ? "" : " \(escapeInline(m.unit))"
      text = "\(prefix)measured \(number(m.value))\(unit)"
      if let bound = m.bound {
        text += " (bound \(number(bound))\(unit)"
        if let fraction = ReportTally.fractionOfBound(m) {
          text += ", \(percentText(fraction)) used"
        }
        text += ")"
      }
    }
    if m.passed == false { text += " \(mark(.failed, target))" }
    return text
  }

  /// Returns the paragraphs as one block quote, with quoted blank lines between paragraphs.
  static func quote(_ paragraphs: [[String]]) -> [String] {
    var lines: [String] = []
    for (index, paragraph) in paragraphs.enumerated() where !paragraph.isEmpty {
      if index > 0 { lines.append(">") }
      lines += paragraph.map { "> \($0)" }
    }
    return lines
  }

  /// Returns text as a code span, with a fence longer than any backtick run inside it.
  static func code(_ text: String) -> String {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = Swift.max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = longest > 0 ? " " : ""
    return "\(fence)\(pad)\(oneLine(text))\(pad)\(fence)"
  }

  /// Returns the title of a claim's figure, for alt text and captions.
  static func figureTitle(_ claim: Claim, _ results: [String: ClaimResult]) -> String {
    if let title = results[claim.id]?.figure?.title, !title.isEmpty { return title }
    let statement = oneLine(claim.statement)
    return statement.isEmpty ? "Figure \(claim.id)" : statement
  }

  /// Returns whether the claim is one the article map does not list (the spec added it).
  static func isAdded(_ claim: Claim, spec: Spec) -> Bool {
    let listed = spec.frontMatter.mapClaims
    guard !listed.isEmpty else { return false }
    return !expandedClaimIDs(listed).contains(claim.baseID)
  }

  /// Returns the IDs with ranges expanded: `A9.1.1-3` becomes `A9.1.1`, `A9.1.2`, `A9.1.3`.
  static func expandedClaimIDs(_ ids: [String]) -> Set<String> {
    var out: Set<String> = []
    for id in ids {
      out.insert(id)
      guard let dash = id.lastIndex(of: "-"), let dot = id[..<dash].lastIndex(of: ".") else {
        continue
      }
      let prefix = id[..<dot]
      guard let low = Int(id[id.index(after: dot)..<dash]),
        let high = Int(id[id.index(after: dash)...]), low <= high, high - low <= 1000
      else { continue }
      for k in low...high { out.insert("\(prefix).\(k)") }
    }
    return out
  }
}
