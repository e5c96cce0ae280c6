extension ParameterValue {
  /// Reads a parameter value as a spec writes it: a range, a list, a number, or else text.
  ///
  /// - A range is `[distribution] a ... b` (also `a...b` or `a … b`), where the distribution is
  ///   `uniform`, `log-uniform` or `integer`; without one, a range of two whole numbers is
  ///   `integer` and any other range is `uniform`.
  /// - A list is two or more comma-separated numbers: `0, 1, 2.5`.
  /// - A number is anything ``StatedNumber/init(parsing:allowGrouping:)`` reads, with thousands
  ///   grouping when no comma is followed by a space (`4,096` is a number, `4, 096` a list).
  ///
  /// Text that is clearly meant as a number but cannot be read (`O.0025`, a letter O for a zero)
  /// is kept as text and reported, as are malformed ranges.
  static func parse(
    _ value: LocatedText, file: String, diagnostics: inout [Diagnostic]
  ) -> ParameterValue {
    let value = value.trimmed()
    if let range = parseRange(value, file: file, diagnostics: &diagnostics) { return range }
    // `4,096` (commas without spaces, in groups of three) is one number, not a list.
    if !value.text.contains(", "),
      let grouped = StatedNumber(parsing: value.text, allowGrouping: true)
    {
      return .number(grouped)
    }
    if value.text.contains(",") {
      let items = value.split(on: ",")
      let numbers = items.compactMap { StatedNumber(parsing: $0.text) }
      if numbers.count == items.count { return .list(numbers) }
      let mistyped = items.filter { StatedNumber.looksMistyped($0.text) }
      if !mistyped.isEmpty, numbers.count + mistyped.count == items.count {
        for item in mistyped {
          diagnostics.append(
            Diagnostic(at: item.location(in: file), Messages.notANumber(item.text)))
        }
      }
      return .text(value.text)
    }
    if let number = StatedNumber(parsing: value.text) { return .number(number) }
    if StatedNumber.looksMistyped(value.text) {
      diagnostics.append(Diagnostic(at: value.location(in: file), Messages.notANumber(value.text)))
    }
    return .text(value.text)
  }

  /// Reads `[distribution] a ... b`; returns nil when the value is not written as a range.
  private static func parseRange(
    _ value: LocatedText, file: String, diagnostics: inout [Diagnostic]
  ) -> ParameterValue? {
    let ellipsis: (offset: Int, length: Int)? =
      value.offset(of: "...").map { ($0, 3) } ?? value.offset(of: "\u{2026}").map { ($0, 1) }
    guard let ellipsis else { return nil }
    let left = value.slice(0, ellipsis.offset).trimmed()
    let right = value.dropping(ellipsis.offset + ellipsis.length).trimmed()
    let leftWords = left.words()
    var distributionWord: LocatedText?
    var lower = left
    if leftWords.count == 2 {
      distributionWord = leftWords[0]
      lower = leftWords[1]
    }
    let lowerNumber = StatedNumber(parsing: lower.text)
    let upperNumber = StatedNumber(parsing: right.text)
    let isRange =
      distributionWord != nil ? leftWords.count == 2 : (lowerNumber != nil || upperNumber != nil)
    guard isRange, leftWords.count <= 2 else { return nil }
    var ok = true
    for (part, number) in [(lower, lowerNumber), (right, upperNumber)] where number == nil {
      diagnostics.append(Diagnostic(at: part.location(in: file), Messages.notANumber(part.text)))
      ok = false
    }
    var distribution: Distribution?
    if let word = distributionWord {
      distribution = Distribution(rawValue: word.text)
      if distribution == nil {
        diagnostics.append(
          Diagnostic(at: word.location(in: file), Messages.unknownDistribution(word.text)))
        ok = false
      }
    }
    guard ok, let a = lowerNumber, let b = upperNumber else { return nil }
    let chosen = distribution ?? (a.isInteger && b.isInteger ? .integer : .uniform)
    let location = value.location(in: file)
    if !(a.value <= b.value) {
      diagnostics.append(Diagnostic(at: location, Messages.emptyRange(a.text, b.text)))
    } else if chosen == .logUniform, !(a.value > 0) {
      diagnostics.append(Diagnostic(at: location, Messages.logUniformNeedsPositive(a.text, b.text)))
    } else if chosen == .integer, !(a.isInteger && b.isInteger) {
      diagnostics.append(
        Diagnostic(at: location, Messages.integerRangeNeedsIntegers(a.text, b.text)))
    }
    return .range(chosen, a, b)
  }
}

extension StatedNumber {
  /// Returns whether `text` is a number with a letter typed for a digit (`O.0025`, `l0`, `1e-3O`).
  ///
  /// Such text is reported as "cannot read ... as a number" rather than taken as words.
  static func looksMistyped(_ text: String) -> Bool {
    let trimmed = text.trimmingSpaces()
    guard !trimmed.isEmpty, StatedNumber(parsing: trimmed, allowGrouping: true) == nil,
      trimmed.unicodeScalars.contains(where: { $0.isASCII && $0.properties.numericType != nil })
    else { return false }
    let repaired = String(
      String.UnicodeScalarView(
        trimmed.unicodeScalars.map { scalar -> Unicode.Scalar in
          switch scalar {
          case "O", "o": "0"
          case "l", "I": "1"
          default: scalar
          }
        }))
    return StatedNumber(parsing: repaired, allowGrouping: true) != nil
  }
}
