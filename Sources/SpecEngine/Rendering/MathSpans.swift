import Foundation

/// Keeps TeX math spans intact through a Markdown-to-HTML converter.
///
/// cmark-gfm knows nothing of math: it reads `\,` as an escaped comma and the stars of
/// `x^*` ... `x^*` as emphasis, so a formula reaches the page damaged. ``protect(_:)`` swaps
/// every math span for a token of letters and digits, which no converter changes, and
/// ``restore(_:spans:)`` puts each span back into the HTML, HTML-escaped, with its `$`
/// delimiters, where a math renderer (or a reader) finds it as written.
///
/// The spans are GitHub's:
///
/// - `$$...$$` is display math, and may run over several lines up to a blank line;
/// - `$...$` is inline math on one line: the opening `$` is followed by a character that is not
///   a space, the closing `$` follows one that is not a space and is not followed by a digit
///   (so `$5 and $10` is text);
/// - `\$` is a literal dollar sign, and nothing inside code spans, fenced code blocks or HTML
///   comments is math.
///
/// In a table row (a line that starts with `|`), GitHub splits the cells at `|` before it reads
/// the math, so a formula there writes `\|` for `|`; the restored span has `|`.
enum MathSpans {
  /// The Markdown with its math replaced by tokens, and the spans the tokens stand for.
  struct Protected: Sendable, Hashable {
    /// The Markdown with every math span replaced by ``token(_:)`` of its index.
    var text: String
    /// The math spans as restored, delimiters included, in document order.
    var spans: [String]
  }

  /// Returns the token that stands for span `index`: letters and digits only.
  static func token(_ index: Int) -> String { "CROSSCHECKMATH\(index)X" }

  /// Returns `markdown` with each math span replaced by a token.
  static func protect(_ markdown: String) -> Protected {
    let s = Array(markdown.unicodeScalars)
    var out = String.UnicodeScalarView()
    var spans: [String] = []
    var i = 0
    var lineStart = true
    var inFence: (character: Unicode.Scalar, count: Int)?
    var tableRow = false

    func copy(_ range: Range<Int>) { out.append(contentsOf: s[range]) }
    func lineEnd(from index: Int) -> Int {
      var j = index
      while j < s.count, s[j] != "\n" { j += 1 }
      return j
    }
    func run(of character: Unicode.Scalar, at index: Int) -> Int {
      var j = index
      while j < s.count, s[j] == character { j += 1 }
      return j - index
    }

    while i < s.count {
      if lineStart {
        lineStart = false
        let end = lineEnd(from: i)
        var first = i
        while first < end, s[first] == " " || s[first] == ">" { first += 1 }
        let fenceCharacter = first < end ? s[first] : " "
        let fence =
          fenceCharacter == "`" || fenceCharacter == "~"
          ? run(of: fenceCharacter, at: first) : 0
        if let open = inFence {
          // Inside a fenced block every line is code; a long enough fence closes it.
          if fenceCharacter == open.character && fence >= open.count { inFence = nil }
          copy(i..<Swift.min(end + 1, s.count))
          i = end + 1
          lineStart = true
          continue
        }
        if fence >= 3 {
          inFence = (fenceCharacter, fence)
          copy(i..<Swift.min(end + 1, s.count))
          i = end + 1
          lineStart = true
          continue
        }
        tableRow = first < end && s[first] == "|"
      }
      let c = s[i]
      if c == "\n" {
        out.append(c)
        i += 1
        lineStart = true
        continue
      }
      if c == "\\" {
        copy(i..<Swift.min(i + 2, s.count))
        i += 2
        continue
      }
      if c == "`" {
        // A code span: the same run of backticks closes it.
        let count = run(of: "`", at: i)
        var j = i + count
        var close: Int?
        while j < s.count {
          if s[j] == "`" {
            let other = run(of: "`", at: j)
            if other == count {
              close = j + other
              break
            }
            j += other
          } else {
            j += 1
          }
        }
        let stop = close ?? i + count
        copy(i..<stop)
        i = stop
        continue
      }
      if c == "<", i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
        var j = i + 4
        while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
        let stop = Swift.min(j + 3, s.count)
        copy(i..<stop)
        i = stop
        lineStart = s[stop - 1] == "\n"
        continue
      }
      if c == "$" {
        if let end = mathEnd(s, from: i) {
          var span = String(String.UnicodeScalarView(s[i..<end]))
          if tableRow { span = span.replacingAll("\\|", with: "|") }
          out.append(contentsOf: token(spans.count).unicodeScalars)
          spans.append(span)
          // Display math may span lines; the line after it starts afresh.
          i = end
          continue
        }
      }
      out.append(c)
      i += 1
    }
    return Protected(text: String(out), spans: spans)
  }

  /// Returns the index just past the math span that opens at `start`, or nil if none does.
  private static func mathEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
    if start + 1 < s.count, s[start + 1] == "$" {
      // Display: up to the next `$$`, across lines but not across a blank line.
      var j = start + 2
      while j + 1 < s.count {
        if s[j] == "\\" {
          j += 2
          continue
        }
        if s[j] == "\n" {
          var k = j + 1
          while k < s.count, s[k] == " " || s[k] == "\t" || s[k] == ">" { k += 1 }
          if k >= s.count || s[k] == "\n" { return nil }
        }
        if s[j] == "$" && s[j + 1] == "$" { return j > start + 2 ? j + 2 : nil }
        j += 1
      }
      return nil
    }
    // Inline: on one line, not opened before a space, not closed after one or before a digit.
    guard start + 1 < s.count, !isSpace(s[start + 1]) else { return nil }
    var j = start + 1
    while j < s.count, s[j] != "\n" {
      if s[j] == "\\" {
        j += 2
        continue
      }
      if s[j] == "$" {
        let closes =
          !isSpace(s[j - 1]) && (j + 1 >= s.count || !s[j + 1].properties.numericType.isDigit)
        return closes ? j + 1 : nil
      }
      j += 1
    }
    return nil
  }

  private static func isSpace(_ c: Unicode.Scalar) -> Bool {
    c == " " || c == "\t" || c == "\n" || c == "\r"
  }

  /// Returns `html` with each token replaced by its span, HTML-escaped.
  static func restore(_ html: String, spans: [String]) -> String {
    guard !spans.isEmpty else { return html }
    var out = ""
    let prefix = "CROSSCHECKMATH"
    var rest = Substring(html)
    while let found = rest.range(of: prefix) {
      out += rest[..<found.lowerBound]
      var digits = found.upperBound
      while digits < rest.endIndex, rest[digits].isASCII, rest[digits].isNumber {
        digits = rest.index(after: digits)
      }
      if digits < rest.endIndex, rest[digits] == "X",
        let index = Int(rest[found.upperBound..<digits]),
        spans.indices.contains(index)
      {
        out += escape(spans[index])
        rest = rest[rest.index(after: digits)...]
      } else {
        out += prefix
        rest = rest[found.upperBound...]
      }
    }
    out += rest
    return out
  }

  /// Returns text with `&`, `<` and `>` escaped for an HTML text node.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(character)
      }
    }
    return out
  }
}

extension Optional where Wrapped == Unicode.NumericType {
  /// Whether the scalar is a decimal digit.
  fileprivate var isDigit: Bool { self == .decimal }
}
