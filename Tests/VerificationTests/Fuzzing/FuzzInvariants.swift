// The properties the fuzz targets under Fuzz/ assert, in one place: the fuzz targets compile
// this file through a link, and the regression tests call it on the inputs the fuzzer found.
// Each function returns the properties an input breaks, as sentences; none means it holds.

import SpecEngine
import Verification

/// The properties every input parser of Crosscheck keeps, checked on one input.
enum FuzzInvariants {
  // MARK: - The spec loader

  /// Returns what is wrong with loading `text` as a spec, up to where claims would run.
  ///
  /// Every diagnostic names the file and a line and column inside the text (a column may be
  /// one past the end of its line, where something is missing); the diagnostics are sorted; the
  /// claims have distinct IDs and lie inside the text; and no claim is both kept in the spec
  /// and reported as dropped (a malformed or unknown header, a malformed or duplicate ID).
  static func specProblems(_ text: String, verifier: Verifier = .standard) -> [String] {
    let name = "fuzz.md"
    let loaded = verifier.load(text: text, as: name)
    let lines = sourceLines(text)
    var problems: [String] = []
    func inside(_ location: SourceLocation) -> Bool {
      guard location.file == name, location.line >= 1, location.column >= 1 else { return false }
      if lines.isEmpty { return location.line == 1 && location.column == 1 }
      guard location.line <= lines.count else { return false }
      return location.column <= lines[location.line - 1].unicodeScalars.count + 1
    }
    for diagnostic in loaded.diagnostics where !inside(diagnostic.location) {
      problems.append("diagnostic outside the text (\(lines.count) lines): \(diagnostic)")
    }
    if loaded.diagnostics != loaded.diagnostics.sorted() {
      problems.append("diagnostics are not sorted by place")
    }
    guard let spec = loaded.spec else { return problems }
    var seen: [String: SourceLocation] = [:]
    for claim in spec.claims {
      if let first = seen[claim.id] {
        problems.append("claim \(claim.id) comes back twice, at \(first) and \(claim.location)")
      }
      seen[claim.id] = claim.location
      if !inside(claim.location) { problems.append("claim \(claim.id) at \(claim.location)") }
      if claim.lineRange.lowerBound != claim.location.line
        || claim.lineRange.upperBound > max(1, lines.count)
      {
        problems.append("claim \(claim.id) spans lines \(claim.lineRange) of \(lines.count)")
      }
    }
    for section in spec.sections where section.lineRange.upperBound > max(1, lines.count) {
      problems.append("section \(section.id) spans lines \(section.lineRange) of \(lines.count)")
    }
    // A claim is either in the spec or dropped with an error, never both.
    let dropsAtHeader = [
      "claim header needs an ID and a kind", "unknown claim kind",
      "narrative item needs an ID and a reason",
    ]
    for diagnostic in loaded.diagnostics where diagnostic.severity == .error {
      let message = diagnostic.message
      if dropsAtHeader.contains(where: message.hasPrefix),
        let kept = spec.claims.first(where: { $0.location == diagnostic.location })
      {
        problems.append("claim \(kept.id) is kept and dropped: \(diagnostic)")
      }
      if message.hasPrefix("malformed ID '"), let id = quoted(message),
        let kept = spec.claims.first(where: { $0.id == id })
      {
        problems.append("claim \(kept.id) is kept with a malformed ID: \(diagnostic)")
      }
      if message.hasPrefix("duplicate ID "),
        let id = message.dropFirst("duplicate ID ".count).split(separator: " ").first,
        spec.claims.filter({ $0.id == id }).count > 1
      {
        problems.append("claim \(id) is kept twice: \(diagnostic)")
      }
    }
    return problems
  }

  /// Splits text into lines as the spec parser does: at `\n`, `\r\n` or `\r`, without a final
  /// empty line.
  static func sourceLines(_ text: String) -> [String] {
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      if scalar == "\n" || scalar == "\r" {
        if !(scalar == "\n" && previousWasCR) { lines.append(String(current)) }
        current = String.UnicodeScalarView()
        previousWasCR = scalar == "\r"
      } else {
        current.append(scalar)
        previousWasCR = false
      }
    }
    if !current.isEmpty { lines.append(String(current)) }
    return lines
  }

  private static func quoted(_ message: String) -> String? {
    guard let open = message.firstIndex(of: "'") else { return nil }
    let rest = message[message.index(after: open)...]
    return rest.firstIndex(of: "'").map { String(rest[..<$0]) }
  }

  // MARK: - The vectors readers

  /// Returns what is wrong with reading `text` as each kind of vectors option value.
  ///
  /// A number that reads prints back to itself (and reads the same whole, when whole); a list
  /// gives its items; a range gives exactly `low + i * step` while at most `high` (with the
  /// reader's slack), increasing and without a repeated value; a JSON vector or matrix prints
  /// back to the same value.
  static func numberProblems(_ text: String) -> [String] {
    var problems: [String] = []
    if let x = try? NumberSyntax.number(text) {
      let printed = VectorSet.number(x)
      if (try? NumberSyntax.number(printed)) != x
        || VectorSet.number(Double(printed) ?? .nan) != printed
      {
        problems.append("the number \(text) prints as \(printed), which does not read back")
      }
    }
    if let n = try? NumberSyntax.wholeNumber(text) {
      if (try? NumberSyntax.number(text)) != Double(n) {
        problems.append("the whole number \(text) reads as \(n) but as a number differently")
      }
      if (try? NumberSyntax.wholeNumber(String(n))) != n {
        problems.append("the whole number \(n) does not print back to itself")
      }
    }
    if let values = try? NumberSyntax.numbers(text) {
      problems += listProblems(text, values, read: { try? NumberSyntax.number($0) })
      if let (low, high, step) = rangeEnds(text, read: { try? NumberSyntax.number($0) }) {
        let step = step ?? 1
        let count = values.count
        let expected = (0..<count).map { low + Double($0) * step }
        if values != expected { problems.append("the range \(text) does not give low + i * step") }
        // No value beyond the high end, none missing below it (up to the reader's slack).
        let span = high - low
        let margin = 1 + 1e-9
        if Double(count - 1) * step > span * margin || Double(count) * step * margin <= span {
          problems.append("the range \(text) gives \(count) values; its ends say otherwise")
        }
        if zip(values, values.dropFirst()).contains(where: { $0 >= $1 }) {
          problems.append("the range \(text) repeats or reorders a value")
        }
      }
    }
    if let values = try? NumberSyntax.wholeNumbers(text) {
      problems += listProblems(
        text, values.map(Double.init),
        read: { (try? NumberSyntax.wholeNumber($0)).map(Double.init) })
      if let (low, high, step) = rangeEnds(text, read: { try? NumberSyntax.wholeNumber($0) }) {
        let step = step ?? 1
        if values != Array(stride(from: low, through: high, by: step)) {
          problems.append("the whole range \(text) does not give low, low + step, ... <= high")
        }
      }
    }
    if let value = try? JSONNumbers.value(text) {
      let printed: String
      switch value {
      case .vector(let v): printed = json(v)
      case .matrix(let m):
        printed = "[" + m.map(json).joined(separator: ",") + "]"
        if Set(m.map(\.count)).count != 1 { problems.append("the matrix \(text) is ragged") }
      }
      if (try? JSONNumbers.value(printed)) != value {
        problems.append("the JSON value \(text) prints as \(printed), which does not read back")
      }
    }
    return problems
  }

  private static func json(_ vector: [Double]) -> String {
    "[" + vector.map(VectorSet.number).joined(separator: ",") + "]"
  }

  /// For a comma list, checks that the values are its items read one by one.
  private static func listProblems(
    _ text: String, _ values: [Double], read: (String) -> Double?
  ) -> [String] {
    guard !text.contains("...") else { return [] }
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
      read(String($0))
    }
    return items == values.map(Optional.some) ? [] : ["the list \(text) does not give its items"]
  }

  /// Splits `low...high[:step]` and reads each end, or returns nil.
  private static func rangeEnds<T>(_ text: String, read: (String) -> T?) -> (T, T, T?)? {
    let pieces = text.split(separator: "...", omittingEmptySubsequences: false)
    guard pieces.count == 2 else { return nil }
    let tail = pieces[1].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    guard let low = read(String(pieces[0])), let high = read(String(tail[0])) else { return nil }
    if tail.count == 2 {
      guard let step = read(String(tail[1])) else { return nil }
      return (low, high, step)
    }
    return (low, high, nil)
  }

  // MARK: - Replay tokens

  /// Returns what is wrong with reading `text` as a replay token: one that reads prints back
  /// as exactly the same text.
  static func replayProblems(_ text: String) -> [String] {
    guard let token = ReplayToken(parsing: text) else { return [] }
    var problems: [String] = []
    if token.description != text {
      problems.append("the token \(text) reads but prints as \(token)")
    }
    if ReplayToken(parsing: token.description) != token {
      problems.append("the token \(token) does not read back")
    }
    return problems
  }
}
