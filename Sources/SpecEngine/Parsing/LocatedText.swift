/// A piece of one source line with the place it starts, so that parts of it keep their columns.
struct LocatedText: Sendable, Hashable {
  /// The text.
  var text: String
  /// The 1-based line.
  var line: Int
  /// The 1-based column (in Unicode scalars) of the text's first scalar.
  var column: Int
  /// Where the text goes on on later lines, for a value continued below its key: each part's
  /// scalar offset in `text` and its own place, so that a piece of it keeps its line and column.
  var continuations: [Continuation] = []

  /// The start of a part of the text that comes from a later line.
  struct Continuation: Sendable, Hashable {
    /// The scalar offset in the text where the part starts.
    var offset: Int
    /// The part's 1-based line.
    var line: Int
    /// The 1-based column of the part's first scalar.
    var column: Int
  }

  /// Appends a later line's text after a space, keeping that line's place.
  mutating func appendLine(_ next: LocatedText) {
    let offset = text.unicodeScalars.count + 1
    text += " " + next.text
    continuations.append(Continuation(offset: offset, line: next.line, column: next.column))
    continuations += next.continuations.map {
      Continuation(offset: offset + $0.offset, line: $0.line, column: $0.column)
    }
  }

  /// Returns the location of the text's start in `file`.
  func location(in file: String) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  /// Returns the text without leading and trailing whitespace, its column moved to match.
  ///
  /// - Complexity: O(n) in the length of the text.
  func trimmed() -> LocatedText {
    let scalars = Array(text.unicodeScalars)
    let (start, end) = LocatedText.trimmedBounds(scalars, 0, scalars.count)
    return piece(scalars, start, end)
  }

  /// Returns the scalars `start ..< end` of the text, with their column.
  ///
  /// - Complexity: O(n) in the length of the text.
  func slice(_ start: Int, _ end: Int) -> LocatedText {
    piece(Array(text.unicodeScalars), start, end)
  }

  /// Returns the text after the first `count` scalars.
  func dropping(_ count: Int) -> LocatedText { slice(count, text.unicodeScalars.count) }

  /// Returns the scalar offset of the first occurrence of `target`, or nil.
  ///
  /// - Complexity: O(n * m) for a text of n scalars and a target of m, without allocating per
  ///   position (the targets are short keywords).
  func offset(of target: String) -> Int? {
    LocatedText.offset(of: Array(target.unicodeScalars), in: Array(text.unicodeScalars), from: 0)
  }

  /// Splits the text on `separator`, each part trimmed and keeping its own column.
  ///
  /// - Complexity: O(n) in the length of the text.
  func split(on separator: Unicode.Scalar) -> [LocatedText] {
    let scalars = Array(text.unicodeScalars)
    var parts: [LocatedText] = []
    var start = 0
    for (i, scalar) in scalars.enumerated() where scalar == separator {
      let (lower, upper) = LocatedText.trimmedBounds(scalars, start, i)
      parts.append(piece(scalars, lower, upper))
      start = i + 1
    }
    let (lower, upper) = LocatedText.trimmedBounds(scalars, start, scalars.count)
    parts.append(piece(scalars, lower, upper))
    return parts
  }

  /// Splits the text into whitespace-separated words, each with its column.
  ///
  /// - Complexity: O(n) in the length of the text.
  func words() -> [LocatedText] {
    let scalars = Array(text.unicodeScalars)
    var words: [LocatedText] = []
    var i = 0
    while i < scalars.count {
      while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
      let start = i
      while i < scalars.count, !scalars[i].properties.isWhitespace { i += 1 }
      if i > start { words.append(piece(scalars, start, i)) }
    }
    return words
  }

  // MARK: - Over the scalars, so that a scan of a line stays linear

  /// Returns the scalars `start ..< end` of `scalars` (this text's), clamped, with their column.
  func piece(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> LocatedText {
    let lower = min(max(0, start), scalars.count)
    let upper = min(max(lower, end), scalars.count)
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[lower..<upper])
    var result = LocatedText(text: String(view), line: line, column: column + lower)
    for part in continuations {
      if part.offset <= lower {
        result.line = part.line
        result.column = part.column + (lower - part.offset)
      } else if part.offset < upper {
        result.continuations.append(
          Continuation(offset: part.offset - lower, line: part.line, column: part.column))
      }
    }
    return result
  }

  /// Returns `start ..< end` without the whitespace at either end.
  static func trimmedBounds(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> (Int, Int) {
    var lower = start
    while lower < end, scalars[lower].properties.isWhitespace { lower += 1 }
    var upper = end
    while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
    return (lower, upper)
  }

  /// Returns the first offset at or after `start` (and before `limit`, if given) where
  /// `pattern` occurs in `scalars`, or nil.
  static func offset(
    of pattern: [Unicode.Scalar], in scalars: [Unicode.Scalar], from start: Int,
    before limit: Int? = nil
  ) -> Int? {
    guard let first = pattern.first, start >= 0, scalars.count - start >= pattern.count else {
      return nil
    }
    var i = start
    let last = min(scalars.count - pattern.count, (limit ?? Int.max) - 1)
    while i <= last {
      if scalars[i] == first {
        var k = 1
        while k < pattern.count, scalars[i + k] == pattern[k] { k += 1 }
        if k == pattern.count { return i }
      }
      i += 1
    }
    return nil
  }
}
