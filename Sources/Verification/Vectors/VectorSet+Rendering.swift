extension VectorSet {
  /// Writes the set as JSON: the envelope `set`, `parameters`, `outputs`, `tolerances` and
  /// `provenance`, keys in the order they were given.
  ///
  /// Numbers are written by ``number(_:)``, so each reads back as the same double; an exact
  /// infinity (an entry with `infinityIsExact`) is `null`, as is an absent value.
  public func json(provenance: VectorProvenance) -> String {
    let parameterText = parameters.map { "\(Self.jsonString($0.name)): \(Self.json($0.value))" }
      .joined(separator: ", ")
    let info: [(String, String)] = [
      ("crosscheck", Self.jsonString(provenance.version)),
      ("commit", provenance.commit.map(Self.jsonString) ?? "null"),
      ("checks", Self.jsonList(provenance.checks.map(Self.jsonString))),
      ("claims", Self.jsonList(provenance.claims.map(Self.jsonString))),
      ("warnings", Self.jsonList(provenance.warnings.map(Self.jsonString))),
    ]
    return """
      {
        "set": \(Self.jsonString(name)),
        "parameters": {\(parameterText)},
        "outputs": \(Self.jsonBlock(outputs)),
        "tolerances": \(Self.jsonBlock(tolerances)),
        "provenance": {
      \(info.map { "    \(Self.jsonString($0.0)): \($0.1)" }.joined(separator: ",\n"))
        }
      }

      """
  }

  /// Whether every output (and tolerance) is a list of numbers of one length, so CSV can
  /// write one column per output and one row per index.
  public var isColumnar: Bool {
    let lengths = (outputs + tolerances).map { entry -> Int? in
      if case .numbers(let v) = entry.value { return v.count }
      return nil
    }
    guard let first = lengths.first, let length = first else { return false }
    return lengths.allSatisfy { $0 == length }
  }

  /// Writes the set as CSV.
  ///
  /// A columnar set (see ``isColumnar``) is a header of output names and one row per index,
  /// with a column `<name>_tolerance` after the outputs for each tolerance. Any other set
  /// (numbers, matrices, words, lists of different lengths) is written long: a header
  /// `output,row,column,value` and one line per number, with 0-based `row` (the list index or
  /// matrix row) and `column` (the matrix column) left empty where they do not apply, a word
  /// as the value, and an empty value for an absent one; a `tolerance` column follows when the
  /// set has tolerances. Exact infinities are `inf` and `-inf`. CSV holds the outputs only: the
  /// parameters and provenance are in the JSON.
  public var csv: String {
    isColumnar ? columnarCSV : longCSV
  }

  private var columnarCSV: String {
    let columns = outputs.map(\.name) + tolerances.map { "\($0.name)_tolerance" }
    let values = (outputs + tolerances).map(\.value.numbers)
    var out = columns.map(Self.csvField).joined(separator: ",") + "\n"
    for i in 0..<(values.first?.count ?? 0) {
      out += values.map { Self.number($0[i]) }.joined(separator: ",") + "\n"
    }
    return out
  }

  private var longCSV: String {
    let withTolerance = !tolerances.isEmpty
    var out = "output,row,column,value" + (withTolerance ? ",tolerance" : "") + "\n"
    for output in outputs {
      let tolerance = tolerances.first { $0.name == output.name }?.value.numbers
      var index = 0
      func line(_ row: String, _ column: String, _ value: String) {
        var fields = [Self.csvField(output.name), row, column, value]
        if withTolerance {
          fields.append(tolerance.map { Self.number($0[index]) } ?? "")
        }
        out += fields.joined(separator: ",") + "\n"
        index += 1
      }
      switch output.value {
      case .number(let x): line("", "", Self.number(x))
      case .numbers(let v): for (i, x) in v.enumerated() { line("\(i)", "", Self.number(x)) }
      case .matrix(let rows):
        for (i, row) in rows.enumerated() {
          for (j, x) in row.enumerated() { line("\(i)", "\(j)", Self.number(x)) }
        }
      case .text(let word): line("", "", Self.csvField(word))
      case .absent: line("", "", "")
      }
    }
    return out
  }

  // MARK: - JSON pieces

  static func json(_ value: VectorValue) -> String {
    switch value {
    case .number(let x): jsonNumber(x)
    case .numbers(let v): jsonList(v.map(jsonNumber))
    case .matrix(let rows): jsonList(rows.map { jsonList($0.map(jsonNumber)) })
    case .text(let word): jsonString(word)
    case .absent: "null"
    }
  }

  static func jsonNumber(_ x: Double) -> String { x.isFinite ? number(x) : "null" }

  static func jsonList(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

  static func jsonBlock(_ entries: [Entry]) -> String {
    guard !entries.isEmpty else { return "{}" }
    let lines = entries.map { "    \(jsonString($0.name)): \(json($0.value))" }
    return "{\n" + lines.joined(separator: ",\n") + "\n  }"
  }

  /// Writes a JSON string literal, escaping quotes, backslashes and control characters.
  static func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// Quotes a CSV field that holds a comma, a quote or a line break.
  static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return s
    }
    return "\"" + s.replacing("\"", with: "\"\"") + "\""
  }
}
