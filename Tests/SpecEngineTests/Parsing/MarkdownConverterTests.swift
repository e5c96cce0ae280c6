import Testing

@testable import SpecEngine

@Suite("Converting Markdown with cmark-gfm")
struct MarkdownConverterTests {
  @Test("Blocks come out in order with their lines")
  func blocksInOrder() {
    let text = """
      # Title · 标题

      Para one
      line two

      <!-- a
      comment -->
      ```claim A9.1.3 property
      body
      ```

      - item
      """
    let blocks = MarkdownConverter.document(parsing: text).blocks
    #expect(blocks.map(\.lines) == [1...1, 3...4, 6...7, 8...10, 12...12])
    guard case .heading(let heading) = blocks[0], case .code(let code) = blocks[3],
      case .html(let html) = blocks[2], case .other(let type, _) = blocks[4]
    else {
      Issue.record("unexpected blocks \(blocks)")
      return
    }
    #expect(heading == MarkdownHeading(level: 1, text: "Title · 标题", line: 1, column: 1))
    #expect(html.literal == "<!-- a\ncomment -->\n")
    #expect(code.info == "claim A9.1.3 property")
    #expect(code.literal == "body\n")
    #expect(code.contentLine == 9)
    #expect(code.isFenced)
    #expect(type == "list")
  }

  @Test("Heading text keeps code spans and math")
  func headingText() {
    let text = "## 三、`λ` and $\\lambda$ · *Three*\n"
    let blocks = MarkdownConverter.document(parsing: text).blocks
    guard case .heading(let heading)? = blocks.first else {
      Issue.record("no heading")
      return
    }
    #expect(heading.text == "三、λ and $\\lambda$ · Three")
    #expect(heading.level == 2)
  }

  @Test("Table cells keep math, escaped pipes and their own columns")
  func tableCells() {
    let text = """
      | $n$ | $P(N = n)$ | a \\| b |
      |---:|:---|---|
      | 0 | $\\lvert x \\rvert$ | `c \\| d` |
        1 | 0.5
      """
    let blocks = MarkdownConverter.document(parsing: text).blocks
    guard case .table(let table)? = blocks.first else {
      Issue.record("no table in \(blocks)")
      return
    }
    #expect(table.lines == 1...4)
    #expect(table.header.cells.map(\.text) == ["$n$", "$P(N = n)$", "a | b"])
    #expect(table.header.cells.map(\.column) == [3, 9, 22])
    #expect(table.rows.map(\.line) == [3, 4])
    #expect(table.rows[0].cells.map(\.text) == ["0", "$\\lvert x \\rvert$", "`c | d`"])
    #expect(table.rows[1].cells.map(\.text) == ["1", "0.5"])
    #expect(table.rows[1].cells.map(\.column) == [3, 7])
  }

  @Test("Splitting a row: outer pipes optional, empty cells kept, double backslash not an escape")
  func splittingRows() {
    #expect(SourceText.tableCells(of: "a|b", line: 1).map(\.text) == ["a", "b"])
    #expect(SourceText.tableCells(of: "| a | | c |", line: 1).map(\.text) == ["a", "", "c"])
    #expect(SourceText.tableCells(of: "| a \\\\| b |", line: 1).map(\.text) == ["a \\\\", "b"])
    #expect(SourceText.tableCells(of: "| 泊松 | x |", line: 1).map(\.column) == [3, 8])
  }

  @Test("Lines split on LF, CRLF and CR")
  func lineSplitting() {
    #expect(SourceText.lines(of: "a\nb\r\nc\rd\n") == ["a", "b", "c", "d"])
    #expect(SourceText.lines(of: "a\n\nb") == ["a", "", "b"])
    #expect(SourceText.lines(of: "") == [])
  }

  /// An `<svg>` line is inline HTML in CommonMark (it is not a block tag), so it stays inside a
  /// paragraph; it passes through unescaped because rendering is unsafe.
  @Test("HTML rendering keeps tables, raw HTML and inline SVG")
  func rendersHTML() {
    let markdown = """
      | a | b |
      |---|--:|
      | 1 | 2 |

      <svg width="10" height="10"><rect width="10" height="10"/></svg>

      ```swift
      let x = 1
      ```
      """
    let html = MarkdownConverter.html(fromMarkdown: markdown)
    #expect(
      html == """
        <table>
        <thead>
        <tr>
        <th>a</th>
        <th align="right">b</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>1</td>
        <td align="right">2</td>
        </tr>
        </tbody>
        </table>
        <p><svg width="10" height="10"><rect width="10" height="10"/></svg></p>
        <pre lang="swift"><code>let x = 1
        </code></pre>

        """)
  }

  @Test("Converting many documents at once is safe", arguments: 0..<8)
  func concurrentConversions(seed: Int) {
    let text = "# T\n\n| a |\n|---|\n| \(seed) |\n"
    let blocks = MarkdownConverter.document(parsing: text).blocks
    guard case .table(let table)? = blocks.last else {
      Issue.record("no table")
      return
    }
    #expect(table.rows.first?.cells.first?.text == "\(seed)")
  }
}
