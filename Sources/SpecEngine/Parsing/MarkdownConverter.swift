internal import CCmarkGFM
import Foundation

/// A Markdown document reduced to the blocks the spec parser reads, with their source lines.
///
/// Only the top-level blocks of the document are listed, in document order; blocks nested in
/// lists or block quotes belong to their container's `.other` entry.
struct MarkdownDocument: Sendable, Hashable {
  /// The top-level blocks, in document order.
  var blocks: [MarkdownBlock]
}

/// One top-level block of a Markdown document.
enum MarkdownBlock: Sendable, Hashable {
  /// An ATX or setext heading.
  case heading(MarkdownHeading)
  /// An HTML block, such as a comment.
  case html(MarkdownHTMLBlock)
  /// A fenced or indented code block.
  case code(MarkdownCodeBlock)
  /// A GitHub table.
  case table(MarkdownTable)
  /// A paragraph.
  case paragraph(lines: ClosedRange<Int>)
  /// Any other block (list, block quote, thematic break), named by cmark's type string.
  case other(type: String, lines: ClosedRange<Int>)

  /// The 1-based source lines the block occupies.
  var lines: ClosedRange<Int> {
    switch self {
    case .heading(let h): h.line...h.line
    case .html(let b): b.lines
    case .code(let b): b.lines
    case .table(let t): t.lines
    case .paragraph(let lines), .other(_, let lines): lines
    }
  }
}

/// A heading: its level, its text without markup, and where it starts.
struct MarkdownHeading: Sendable, Hashable {
  /// 1 for `#`, 2 for `##`, and so on.
  var level: Int
  /// The inline content as plain text (code spans and inline HTML keep their literal text).
  var text: String
  /// The 1-based line of the heading.
  var line: Int
  /// The 1-based column (in Unicode scalars) where the heading starts.
  var column: Int
}

/// An HTML block, as written.
struct MarkdownHTMLBlock: Sendable, Hashable {
  /// The block's text, with a final newline.
  var literal: String
  /// The 1-based lines of the block.
  var lines: ClosedRange<Int>
}

/// A code block with its info string and content.
struct MarkdownCodeBlock: Sendable, Hashable {
  /// The info string after the opening fence, or empty.
  var info: String
  /// The content, without the fences.
  var literal: String
  /// The 1-based lines of the block, fences included.
  var lines: ClosedRange<Int>
  /// The 1-based line of the first content line.
  var contentLine: Int
  /// Whether the block is fenced (as opposed to indented).
  var isFenced: Bool
}

/// A GitHub table, its cells split from the source lines so that each keeps its own column.
struct MarkdownTable: Sendable, Hashable {
  /// One cell: its trimmed text (with `\|` read as `|`) and where it starts.
  struct Cell: Sendable, Hashable {
    /// The trimmed cell text.
    var text: String
    /// The 1-based line.
    var line: Int
    /// The 1-based column (in Unicode scalars) of the first non-space character of the cell.
    var column: Int
  }

  /// One row of cells, as many as the source line has (which may differ from the header).
  struct Row: Sendable, Hashable {
    /// The cells, left to right.
    var cells: [Cell]
    /// The 1-based line of the row.
    var line: Int
  }

  /// The header row.
  var header: Row
  /// The body rows.
  var rows: [Row]
  /// The 1-based lines of the table, delimiter row included.
  var lines: ClosedRange<Int>
}

/// Turns Markdown text into a ``MarkdownDocument`` or HTML; the only code that calls cmark-gfm.
///
/// The text is parsed as CommonMark with GitHub's table extension. Parsing never fails: any
/// input gives a document.
enum MarkdownConverter {
  /// Registers cmark-gfm's core extensions once per process (its own guard is not thread-safe).
  private static let registration: Bool = {
    cmark_gfm_core_extensions_ensure_registered()
    return true
  }()

  /// Returns the top-level blocks of `text`, with lines and columns as in `text`.
  ///
  /// - Parameters:
  ///   - text: The Markdown.
  ///   - lines: The lines of `text`, when the caller has them (`SourceText.lines(of: text)`).
  /// - Returns: The document's top-level blocks.
  static func document(parsing text: String, lines: [String]? = nil) -> MarkdownDocument {
    let sourceLines = lines ?? SourceText.lines(of: text)
    return withParsedTree(text) { root, _ in
      var blocks: [MarkdownBlock] = []
      var child = cmark_node_first_child(root)
      while let node = child {
        if let block = block(from: node, sourceLines: sourceLines) { blocks.append(block) }
        child = cmark_node_next(node)
      }
      return MarkdownDocument(blocks: blocks)
    } ?? MarkdownDocument(blocks: [])
  }

  /// Returns `markdown` rendered as HTML, tables included; raw HTML and SVG pass through.
  ///
  /// Fenced code gets `<pre lang="...">` as on GitHub.
  static func html(fromMarkdown markdown: String) -> String {
    withParsedTree(markdown) { root, parser in
      let options = CMARK_OPT_UNSAFE | CMARK_OPT_GITHUB_PRE_LANG
      let extensions = cmark_parser_get_syntax_extensions(parser)
      guard let rendered = cmark_render_html(root, options, extensions) else { return "" }
      defer { free(rendered) }
      return String(cString: rendered)
    } ?? ""
  }

  /// Parses `text` and hands the root node and the parser to `body`; frees both afterwards.
  private static func withParsedTree<Result>(
    _ text: String, _ body: (OpaquePointer, OpaquePointer) -> Result
  ) -> Result? {
    guard registration, let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
    defer { cmark_parser_free(parser) }
    if let table = cmark_find_syntax_extension("table") {
      cmark_parser_attach_syntax_extension(parser, table)
    }
    var utf8 = Array(text.utf8)
    utf8.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
          cmark_parser_feed(parser, chars, buffer.count)
        }
      }
    }
    guard let root = cmark_parser_finish(parser) else { return nil }
    defer { cmark_node_free(root) }
    return body(root, parser)
  }

  private static func block(from node: OpaquePointer, sourceLines: [String]) -> MarkdownBlock? {
    let type = typeString(node)
    let start = Int(cmark_node_get_start_line(node))
    let end = max(start, Int(cmark_node_get_end_line(node)))
    switch type {
    case "heading":
      let line = sourceLines.indices.contains(start - 1) ? sourceLines[start - 1] : ""
      let column = SourceText.firstNonSpaceColumn(in: line)
      return .heading(
        MarkdownHeading(
          level: Int(cmark_node_get_heading_level(node)), text: plainText(of: node), line: start,
          column: column))
    case "html_block":
      let literal = literalString(node)
      // cmark-gfm's end line of an HTML block can be short; count the literal's lines instead.
      let count = max(1, SourceText.lines(of: literal).count)
      return .html(MarkdownHTMLBlock(literal: literal, lines: start...(start + count - 1)))
    case "code_block":
      let literal = literalString(node)
      let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
      var length: Int32 = 0
      var offset: Int32 = 0
      var character: CChar = 0
      let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
      return .code(
        MarkdownCodeBlock(
          info: info, literal: literal, lines: start...end,
          contentLine: fenced ? start + 1 : start, isFenced: fenced))
    case "table":
      return .table(table(from: node, lines: start...end, sourceLines: sourceLines))
    case "paragraph":
      return .paragraph(lines: start...end)
    default:
      return .other(type: type, lines: start...end)
    }
  }

  private static func table(
    from node: OpaquePointer, lines: ClosedRange<Int>, sourceLines: [String]
  ) -> MarkdownTable {
    var rows: [MarkdownTable.Row] = []
    var child = cmark_node_first_child(node)
    while let row = child {
      let line = Int(cmark_node_get_start_line(row))
      let text = sourceLines.indices.contains(line - 1) ? sourceLines[line - 1] : ""
      rows.append(MarkdownTable.Row(cells: SourceText.tableCells(of: text, line: line), line: line))
      child = cmark_node_next(row)
    }
    let header = rows.first ?? MarkdownTable.Row(cells: [], line: lines.lowerBound)
    return MarkdownTable(header: header, rows: Array(rows.dropFirst()), lines: lines)
  }

  private static func typeString(_ node: OpaquePointer) -> String {
    cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
  }

  private static func literalString(_ node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  /// Returns the text of a node's inlines: text, code and inline HTML literally, breaks as spaces.
  ///
  /// The walk keeps its own stack, so deeply nested emphasis or links cannot exhaust the call
  /// stack.
  private static func plainText(of node: OpaquePointer) -> String {
    var text = ""
    var pending: [OpaquePointer] = []  // the next siblings of the nodes the walk is inside
    var current = cmark_node_first_child(node)
    while let inline = current {
      switch typeString(inline) {
      case "text", "code", "html_inline": text += literalString(inline)
      case "softbreak", "linebreak": text += " "
      default:
        if let child = cmark_node_first_child(inline) {
          if let next = cmark_node_next(inline) { pending.append(next) }
          current = child
          continue
        }
      }
      current = cmark_node_next(inline) ?? pending.popLast()
    }
    return text
  }
}

/// Line and column helpers over source text, counting columns in Unicode scalars.
enum SourceText {
  /// Returns the lines of `text` without terminators (`\n`, `\r\n` or `\r`).
  ///
  /// A final terminator does not start another line.
  ///
  /// - Complexity: O(n) in the length of the text; the lines are cut from its UTF-8 bytes.
  static func lines(of text: String) -> [String] {
    var text = text
    return text.withUTF8 { bytes in
      var lines: [String] = []
      let newline = UInt8(ascii: "\n")
      let carriageReturn = UInt8(ascii: "\r")
      var start = 0
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == newline || byte == carriageReturn {
          lines.append(
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
          var next = index + 1
          if byte == carriageReturn, next < bytes.count, bytes[next] == newline { next += 1 }
          start = next
          index = next
        } else {
          index += 1
        }
      }
      if start < bytes.count {
        lines.append(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
      }
      return lines
    }
  }

  /// Returns the scalar offset in `line` of the earliest place where one of the ASCII
  /// `patterns` occurs, or nil.
  ///
  /// The search runs over the UTF-8 bytes without decoding them: a byte below 0x80 never occurs
  /// inside a multi-byte sequence, so a byte match of an ASCII pattern is a scalar match; only
  /// the bytes before a match are counted as scalars.
  ///
  /// - Complexity: O(n * m) for a line of n bytes and patterns of m bytes in all (the patterns
  ///   are short keywords).
  static func scalarOffset(ofFirstOf patterns: [[UInt8]], in line: String) -> Int? {
    // Which bytes start a pattern, so that the other bytes cost one lookup each.
    var starts = [Bool](repeating: false, count: 256)
    for pattern in patterns { if let first = pattern.first { starts[Int(first)] = true } }
    var line = line
    return line.withUTF8 { bytes -> Int? in
      let count = bytes.count
      var i = 0
      while i < count {
        let byte = bytes[i]
        if !starts[Int(byte)] {
          i += 1
          continue
        }
        for pattern in patterns where pattern.first == byte && count - i >= pattern.count {
          var k = 1
          while k < pattern.count, bytes[i + k] == pattern[k] { k += 1 }
          if k == pattern.count {
            var scalars = 0
            for j in 0..<i where bytes[j] & 0xC0 != 0x80 { scalars += 1 }
            return scalars
          }
        }
        i += 1
      }
      return nil
    }
  }

  /// Returns the 1-based column of the first character of `line` that is not a space or tab.
  static func firstNonSpaceColumn(in line: String) -> Int {
    var column = 1
    for scalar in line.unicodeScalars {
      if scalar != " " && scalar != "\t" { return column }
      column += 1
    }
    return 1
  }

  /// Splits one table row into cells as GitHub does: on `|` not escaped by a backslash, without
  /// the optional outer pipes; `\|` inside a cell reads as `|`.
  static func tableCells(of line: String, line number: Int) -> [MarkdownTable.Cell] {
    let scalars = Array(line.unicodeScalars)
    var cells: [MarkdownTable.Cell] = []
    var i = 0
    while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
    if i < scalars.count, scalars[i] == "|" { i += 1 }
    var end = scalars.count
    while end > i, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
    if end > i, scalars[end - 1] == "|", !isEscaped(scalars, at: end - 1) { end -= 1 }
    var cellStart = i
    var k = i
    func finishCell(upTo stop: Int) {
      var first = cellStart
      while first < stop, scalars[first] == " " || scalars[first] == "\t" { first += 1 }
      var last = stop
      while last > first, scalars[last - 1] == " " || scalars[last - 1] == "\t" { last -= 1 }
      var text = String.UnicodeScalarView()
      var j = first
      while j < last {
        if scalars[j] == "\\", j + 1 < last, scalars[j + 1] == "|" {
          text.append("|")
          j += 2
        } else {
          text.append(scalars[j])
          j += 1
        }
      }
      cells.append(MarkdownTable.Cell(text: String(text), line: number, column: first + 1))
    }
    while k < end {
      if scalars[k] == "|", !isEscaped(scalars, at: k) {
        finishCell(upTo: k)
        cellStart = k + 1
      }
      k += 1
    }
    if end > cellStart || !cells.isEmpty || end == cellStart { finishCell(upTo: end) }
    return cells
  }

  private static func isEscaped(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
    var backslashes = 0
    var j = index - 1
    while j >= 0, scalars[j] == "\\" {
      backslashes += 1
      j -= 1
    }
    return backslashes % 2 == 1
  }
}
