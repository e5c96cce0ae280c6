/// Reads a spec's Markdown into the model and reports every problem it finds.
///
/// The format is described in `Specs/README.md`. Parsing never fails and never stops at the
/// first problem: it returns every ``Diagnostic`` in the order of their places in the file.
public enum SpecParser {
  /// Parses a spec and returns its model with every problem found.
  ///
  /// The spec is nil only when the front matter is missing, unclosed, or has no usable
  /// `article`. Otherwise it is built as far as the text allows: a claim whose header cannot be
  /// read (unknown kind, malformed ID, duplicate ID) is left out, and a malformed part of a claim
  /// (a tolerance, a `columns:` line) is dropped from it. A spec with error diagnostics must not
  /// be run.
  ///
  /// The diagnostics are in order of place (line, then column); problems at the same place keep
  /// the order they were found in.
  ///
  /// - Parameters:
  ///   - text: The spec's Markdown.
  ///   - file: The path reported in diagnostics and stored in the spec.
  /// - Returns: The spec, if one could be built, and the diagnostics.
  /// - Complexity: O(n) in the length of the text (cmark-gfm's parse included), whatever its
  ///   shape: deep nesting, long tables and lines, many comments, claims or sections.
  public static func parse(_ text: String, file: String) -> (spec: Spec?, diagnostics: [Diagnostic])
  {
    var parser = SpecParsing(text: text, file: file)
    let spec = parser.run()
    return (spec, ordered(parser.diagnostics))
  }

  /// Returns diagnostics sorted by place, keeping the found order for equal places.
  static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated()
      .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
      .map(\.element)
  }
}

/// The state of one parse: the source, what has been read so far, and the diagnostics.
struct SpecParsing {
  let file: String
  let lines: [String]
  var diagnostics: [Diagnostic] = []
  var frontMatter = FrontMatterReading()
  var claims: [Claim] = []
  /// Row IDs from `id` columns and `row-id:` lines, with their places, for duplicates and the map.
  var boundIDs: [String: SourceLocation] = [:]
  /// Whether a claim or narrative comment lacked its `-->` (see `checkMap`).
  var sawUnclosedComment = false
  /// Tables already bound, by their first line.
  var boundTables: [Int: String] = [:]

  init(text: String, file: String) {
    self.file = file
    self.lines = SourceText.lines(of: text)
  }

  mutating func error(_ location: SourceLocation, _ message: String) {
    diagnostics.append(Diagnostic(.error, at: location, message))
  }

  mutating func warning(_ location: SourceLocation, _ message: String) {
    diagnostics.append(Diagnostic(.warning, at: location, message))
  }

  func location(_ line: Int, _ column: Int = 1) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  /// Parses everything and returns the spec, if it can be built.
  mutating func run() -> Spec? {
    readFrontMatter()
    var markdownLines = lines
    if let closing = frontMatter.closingLine {
      for index in 0..<closing { markdownLines[index] = "" }
    }
    let document = MarkdownConverter.document(
      parsing: markdownLines.joined(separator: "\n"), lines: markdownLines)
    readClaims(in: document)
    let (title, sections) = readSections(in: document)
    checkMap()
    guard let matter = frontMatter.model() else { return nil }
    return Spec(
      file: file, lines: lines, frontMatter: matter, title: title ?? matter.title,
      sections: sections, claims: claims)
  }

  // MARK: - Claims

  /// Finds the claims in HTML comments and fenced `claim` blocks, in document order.
  mutating func readClaims(in document: MarkdownDocument) {
    for (index, block) in document.blocks.enumerated() {
      let next = document.blocks.indices.contains(index + 1) ? document.blocks[index + 1] : nil
      var table: MarkdownTable?
      if case .table(let t)? = next { table = t }
      switch block {
      case .html(let html):
        for comment in comments(in: html.lines) {
          readComment(comment, blockLines: html.lines, table: table)
        }
      case .code(let code) where code.isFenced:
        readFence(code, table: table)
      case .other(_, let range):
        warnAboutNestedClaims(in: range)
      default:
        break
      }
    }
  }

  /// Warns about claims inside a list or block quote, which are not read.
  ///
  /// - Complexity: O(n) in the length of the lines (each is scanned for a few short openings).
  mutating func warnAboutNestedClaims(in range: ClosedRange<Int>) {
    let starts = ["<!-- claim ", "<!-- narrative ", "```claim", "~~~claim", "``` claim"].map {
      Array($0.utf8)
    }
    for line in range where lines.indices.contains(line - 1) {
      if let offset = SourceText.scalarOffset(ofFirstOf: starts, in: lines[line - 1]) {
        warning(location(line, offset + 1), Messages.nestedClaim)
      }
    }
  }

  /// One HTML comment: where it starts and its content, line by line.
  struct Comment {
    var start: SourceLocation
    var content: [LocatedText]
    /// The line an unclosed comment ran on to, or nil when it is closed.
    ///
    /// That is the line of the next `<!--` (HTML comments do not nest, so a claim missing its
    /// `-->` would swallow the next one), or the end of the block.
    var unclosedUntil: Int?
  }

  /// Returns the comments in the given lines, each with its content split into lines.
  ///
  /// - Complexity: O(n) in the length of the lines, however many comments a line holds.
  func comments(in range: ClosedRange<Int>) -> [Comment] {
    let open = Array("<!--".unicodeScalars)
    let close = Array("-->".unicodeScalars)
    var result: [Comment] = []
    var current: Comment?
    let openBytes = [Array("<!--".utf8)]
    for line in range where lines.indices.contains(line - 1) {
      // A line outside a comment with no opening in it has nothing to read: skip it without
      // decoding its scalars.
      if current == nil, SourceText.scalarOffset(ofFirstOf: openBytes, in: lines[line - 1]) == nil {
        continue
      }
      let whole = LocatedText(text: lines[line - 1], line: line, column: 1)
      let scalars = Array(whole.text.unicodeScalars)
      var index = 0
      // The first `-->` at or after `from`, remembered so that many openings before one close
      // (or before none) do not each scan the rest of the line.
      var knownClose: (from: Int, at: Int?)?
      func closeAt(orAfter index: Int) -> Int? {
        if let known = knownClose, known.from <= index, known.at.map({ $0 >= index }) ?? true {
          return known.at
        }
        let at = LocatedText.offset(of: close, in: scalars, from: index)
        knownClose = (index, at)
        return at
      }
      while true {
        if current == nil {
          guard let start = LocatedText.offset(of: open, in: scalars, from: index) else { break }
          current = Comment(start: location(line, start + 1), content: [])
          index = start + open.count
        }
        let end = closeAt(orAfter: index)
        if let reopen = LocatedText.offset(of: open, in: scalars, from: index, before: end) {
          // A new comment opens before this one closes: this one lacks its `-->`.
          current?.content.append(whole.piece(scalars, index, reopen))
          current?.unclosedUntil = line
          if let done = current { result.append(done) }
          current = nil
          index = reopen
          continue
        }
        if let end {
          current?.content.append(whole.piece(scalars, index, end))
          if let done = current { result.append(done) }
          current = nil
          index = end + close.count
        } else {
          current?.content.append(whole.piece(scalars, index, scalars.count))
          break
        }
      }
    }
    if var unclosed = current {
      unclosed.unclosedUntil = range.upperBound
      result.append(unclosed)
    }
    return result
  }

  mutating func readComment(_ comment: Comment, blockLines: ClosedRange<Int>, table: MarkdownTable?)
  {
    guard let firstIndex = comment.content.firstIndex(where: { !$0.trimmed().text.isEmpty })
    else { return }
    let header = comment.content[firstIndex].trimmed()
    let body = Array(comment.content[(firstIndex + 1)...])
    let firstWord = header.words().first?.text
    guard firstWord == "claim" || firstWord == "narrative" else { return }
    if let end = comment.unclosedUntil {
      // One error where the comment opened, and nothing read from it: its keys would run into
      // the next claim and cascade.
      error(comment.start, Messages.unclosedComment(firstWord ?? "claim", until: end))
      sawUnclosedComment = true
      return
    }
    readClaim(
      header: header, body: body, location: comment.start, blockLines: blockLines, table: table)
  }

  mutating func readFence(_ code: MarkdownCodeBlock, table: MarkdownTable?) {
    let infoWords = code.info.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard infoWords.first == "claim" || infoWords.first == "narrative" else { return }
    let fenceLine = code.lines.lowerBound
    let fenceText = lines.indices.contains(fenceLine - 1) ? lines[fenceLine - 1] : ""
    let fenceColumn = SourceText.firstNonSpaceColumn(in: fenceText)
    var body: [LocatedText] = []
    let count = SourceText.lines(of: code.literal).count
    for line in code.contentLine..<(code.contentLine + count) where lines.indices.contains(line - 1)
    {
      body.append(LocatedText(text: lines[line - 1], line: line, column: 1))
    }
    // The header is the info string, placed after the fence characters.
    let fenceLocated = LocatedText(text: fenceText, line: fenceLine, column: 1)
    var header = fenceLocated.dropping(fenceColumn - 1)
    let fenceLength = header.text.unicodeScalars.prefix { $0 == "`" || $0 == "~" }.count
    header = header.dropping(fenceLength).trimmed()
    // `claim` alone as the info string: the header is the first body line.
    if header.text == "claim", let first = body.first(where: { !$0.trimmed().text.isEmpty }),
      first.trimmed().text.hasPrefix("claim ")
    {
      header = first.trimmed()
      body = Array(body.drop { $0.line <= first.line })
    }
    readClaim(
      header: header, body: body, location: location(fenceLine, fenceColumn),
      blockLines: code.lines, table: table)
  }
}
