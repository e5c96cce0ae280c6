/// Reads a JSON vector (`[1, 2]`) or matrix (`[[2, 1], [1, 3]]`) of numbers, strictly.
///
/// The one reader every `crosscheck vectors` subcommand uses for arrays. It accepts exactly
/// JSON arrays of JSON numbers (the number grammar of ``NumberSyntax``) with JSON whitespace,
/// and nothing else: no `true`, `null` or strings, no trailing or doubled commas, no numbers
/// beyond the doubles (`1e400`) or nonzero numbers that underflow to zero (`1e-400`), no text
/// after the value. A matrix must be rectangular with at least one row and one column.
public enum JSONNumbers {
  /// Describes where a text stops being the expected JSON array, by character position.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The text breaks the grammar at a 1-based character position.
    case syntax(String, position: Int)
    /// A number is not a finite, nonzero-preserving double.
    case number(NumberSyntax.Error, position: Int)
    /// The array is empty where numbers are needed.
    case empty(String)
    /// A matrix row differs in length from the first.
    case ragged(row: Int, count: Int, expected: Int)
    /// A vector was given where a matrix is needed, or the other way round.
    case shape(expected: String)

    public var description: String {
      switch self {
      case .syntax(let what, let position):
        "not a JSON array of numbers: \(what) at character \(position)."
      case .number(let error, let position):
        "not a JSON array of numbers: at character \(position), \(error)"
      case .empty(let what):
        "\(what) is empty; give at least one number."
      case .ragged(let row, let count, let expected):
        "the matrix is not rectangular: row \(row) has \(count) "
          + "\(count == 1 ? "number" : "numbers"), row 1 has \(expected)."
      case .shape(let expected):
        "expected \(expected)."
      }
    }
  }

  /// A vector or a matrix, as read.
  public enum Value: Sendable, Hashable {
    /// A JSON array of numbers.
    case vector([Double])
    /// A JSON array of arrays of numbers, rectangular.
    case matrix([[Double]])
  }

  /// Reads a non-empty JSON array of numbers.
  public static func vector(_ text: String) throws(Error) -> [Double] {
    guard case .vector(let v) = try value(text) else {
      throw .shape(expected: "a JSON array of numbers, such as [1, 2]")
    }
    return v
  }

  /// Reads a non-empty rectangular JSON array of arrays of numbers.
  public static func matrix(_ text: String) throws(Error) -> [[Double]] {
    guard case .matrix(let m) = try value(text) else {
      throw .shape(expected: "a JSON array of rows, such as [[2, 1], [1, 3]]")
    }
    return m
  }

  /// Reads a non-empty vector or a non-empty rectangular matrix.
  public static func value(_ text: String) throws(Error) -> Value {
    var reader = Reader(scalars: Array(text.unicodeScalars))
    reader.skipSpaces()
    let first = reader.index
    let items = try reader.array()
    reader.skipSpaces()
    guard reader.index == reader.scalars.count else {
      throw reader.syntax("unexpected text after the array")
    }
    guard !items.isEmpty else { throw .empty("the array at character \(first + 1)") }
    if case .number = items[0] {
      return .vector(
        try items.map { (item) throws(Error) in
          guard case .number(let x) = item else {
            throw .shape(expected: "numbers only, or rows only, not both")
          }
          return x
        })
    }
    var rows: [[Double]] = []
    for item in items {
      guard case .row(let row) = item else {
        throw .shape(expected: "rows only, or numbers only, not both")
      }
      guard !row.isEmpty else { throw .empty("row \(rows.count + 1)") }
      if let width = rows.first?.count, row.count != width {
        throw .ragged(row: rows.count + 1, count: row.count, expected: width)
      }
      rows.append(row)
    }
    return .matrix(rows)
  }

  private enum Item {
    case number(Double)
    case row([Double])
  }

  private struct Reader {
    var scalars: [Unicode.Scalar]
    var index = 0

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    func syntax(_ what: String) -> Error { .syntax(what, position: index + 1) }

    mutating func skipSpaces() {
      while index < scalars.count, " \t\n\r".unicodeScalars.contains(scalars[index]) { index += 1 }
    }

    /// Reads `[item, ...]` where an item is a number or (at the top level) an array of numbers.
    mutating func array(nested: Bool = false) throws(Error) -> [Item] {
      guard index < scalars.count else { throw syntax("the text ends before '['") }
      guard scalars[index] == "[" else { throw syntax("expected '['") }
      index += 1
      var items: [Item] = []
      skipSpaces()
      if index < scalars.count, scalars[index] == "]" {
        index += 1
        return items
      }
      while true {
        skipSpaces()
        guard index < scalars.count else { throw syntax("the text ends inside an array") }
        if scalars[index] == "[" {
          guard !nested else { throw syntax("arrays nested deeper than a matrix") }
          let row = try array(nested: true).compactMap { item -> Double? in
            if case .number(let x) = item { return x }
            return nil
          }
          items.append(.row(row))
        } else {
          items.append(.number(try number()))
        }
        skipSpaces()
        guard index < scalars.count else { throw syntax("the text ends inside an array") }
        if scalars[index] == "]" {
          index += 1
          return items
        }
        guard scalars[index] == "," else { throw syntax("expected ',' or ']'") }
        let comma = index
        index += 1
        skipSpaces()
        if index < scalars.count, scalars[index] == "]" {
          index = comma
          throw syntax("a trailing comma")
        }
      }
    }

    mutating func number() throws(Error) -> Double {
      let start = index
      while index < scalars.count, "+-.0123456789eE".unicodeScalars.contains(scalars[index]) {
        index += 1
      }
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars[start..<index])
      guard !text.isEmpty else {
        index = start
        throw syntax("expected a number or '['")
      }
      do {
        return try NumberSyntax.decimal(text)
      } catch {
        index = start
        throw .number(error, position: start + 1)
      }
    }
  }
}
