/// A piece of one source line with the place it starts, so that parts of it keep their columns.
struct LocatedText: Sendable, Hashable {
  /// The text.
  var text: String
  /// The 1-based line.
  var line: Int
  /// The 1-based column (in Unicode scalars) of the text's first scalar.
  var column: Int

  /// Returns the location of the text's start in `file`.
  func location(in file: String) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  /// Returns the text without leading and trailing whitespace, its column moved to match.
  func trimmed() -> LocatedText {
    let scalars = Array(text.unicodeScalars)
    var start = 0
    while start < scalars.count, scalars[start].properties.isWhitespace { start += 1 }
    var end = scalars.count
    while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
    return slice(start, end)
  }

  /// Returns the scalars `start ..< end` of the text, with their column.
  func slice(_ start: Int, _ end: Int) -> LocatedText {
    let scalars = Array(text.unicodeScalars)
    let lower = min(max(0, start), scalars.count)
    let upper = min(max(lower, end), scalars.count)
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[lower..<upper])
    return LocatedText(text: String(view), line: line, column: column + lower)
  }

  /// Returns the text after the first `count` scalars.
  func dropping(_ count: Int) -> LocatedText { slice(count, text.unicodeScalars.count) }

  /// Returns the scalar offset of the first occurrence of `target`, or nil.
  func offset(of target: String) -> Int? {
    let scalars = Array(text.unicodeScalars)
    let pattern = Array(target.unicodeScalars)
    guard !pattern.isEmpty, scalars.count >= pattern.count else { return nil }
    for i in 0...(scalars.count - pattern.count)
    where Array(scalars[i..<(i + pattern.count)]) == pattern {
      return i
    }
    return nil
  }

  /// Splits the text on `separator`, each part trimmed and keeping its own column.
  func split(on separator: Unicode.Scalar) -> [LocatedText] {
    let scalars = Array(text.unicodeScalars)
    var parts: [LocatedText] = []
    var start = 0
    for (i, scalar) in scalars.enumerated() where scalar == separator {
      parts.append(slice(start, i).trimmed())
      start = i + 1
    }
    parts.append(slice(start, scalars.count).trimmed())
    return parts
  }

  /// Splits the text into whitespace-separated words, each with its column.
  func words() -> [LocatedText] {
    let scalars = Array(text.unicodeScalars)
    var words: [LocatedText] = []
    var i = 0
    while i < scalars.count {
      while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
      let start = i
      while i < scalars.count, !scalars[i].properties.isWhitespace { i += 1 }
      if i > start { words.append(slice(start, i)) }
    }
    return words
  }
}
