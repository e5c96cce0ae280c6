/// Reads the numbers, whole numbers, lists and ranges that `crosscheck vectors` takes, strictly.
///
/// One grammar for every option, and the same number grammar as ``JSONNumbers``:
///
///     number  = ["-"] ("0" | digit1-9 digit*) ["." digit+] [("e" | "E") ["+" | "-"] digit+]
///     list    = number ("," number)*
///     range   = number "..." number [":" number]          (step 1 when none is given)
///
/// Spaces around an item are ignored. A number must be a finite double: `1e400` is refused, and
/// so is a nonzero literal that underflows to zero (`1e-400`). `.5`, `5.`, `+1`, `0x10`, `inf`
/// and `nan` are not numbers. A whole number is read exactly from its digits (`25`, `2.5e1`),
/// never through a double, and must lie in `-2^53 ... 2^53`, where every whole number is a
/// double: `9007199254740993` is refused rather than read as `9007199254740992`.
///
/// A range lists `low + i * step` for `i = 0, 1, ...` while the value is at most `high` (with a
/// relative slack of 1e-12 so that `0...1:0.1` ends at 1). A range whose values would not all be
/// distinct doubles (a step below the spacing of doubles near its ends, as in
/// `1e16...1.0000000000000002e16:1`) is refused, never printed with a value twice. A list or a
/// range gives at most ``limit`` values.
public enum NumberSyntax {
  /// The most values one list or range may give.
  public static let limit = 1_000_000

  /// The largest magnitude of a whole number: 2^53, beyond which doubles skip whole numbers.
  public static let largestWholeNumber = 9_007_199_254_740_992

  /// Describes why a text is not a number, list or range of the expected kind.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The text is empty (or only spaces).
    case empty
    /// The text is not a number in the grammar.
    case notANumber(String)
    /// An item of a comma list is empty, as in `1,,2`.
    case emptyItem(String)
    /// The number is too large in magnitude for a double.
    case overflow(String)
    /// The number is nonzero but rounds to zero as a double.
    case underflow(String)
    /// A whole number was expected.
    case notWhole(String)
    /// The whole number is beyond 2^53 in magnitude.
    case beyondExactWholeNumbers(String)
    /// The value lies outside the interval the option allows.
    case outside(String, Interval)
    /// The range has more than one `...` or an empty end.
    case malformedRange(String)
    /// The range's low end is above its high end.
    case reversedRange(String)
    /// The step is zero or negative.
    case nonPositiveStep(String)
    /// The list or range has more than ``NumberSyntax/limit`` values.
    case tooManyValues(String, count: Double)
    /// Two values of the range round to the same double.
    case repeatedValue(range: String, value: Double)
    /// A single value was expected, not a list or range.
    case notSingle(String)

    public var description: String {
      switch self {
      case .empty:
        "the value is empty."
      case .notANumber(let text):
        "'\(text)' is not a number; write decimal numbers such as 3, -0.25 or 1e-3."
      case .emptyItem(let text):
        "the list '\(text)' has an empty item."
      case .overflow(let text):
        "\(text) is too large for a double (the largest is about 1.8e308)."
      case .underflow(let text):
        "\(text) is too small for a double: it would read as 0."
      case .notWhole(let text):
        "\(text) is not a whole number."
      case .beyondExactWholeNumbers(let text):
        "\(text) is beyond 2^53 = 9007199254740992 in magnitude, where doubles no longer hold "
          + "every whole number."
      case .outside(let text, let interval):
        "\(text) is outside \(interval)."
      case .malformedRange(let text):
        "'\(text)' is not a range; write low...high or low...high:step."
      case .reversedRange(let text):
        "the range \(text) is empty: its low end is above its high end."
      case .nonPositiveStep(let text):
        "the step of \(text) must be positive."
      case .tooManyValues(let text, let count):
        "\(text) gives \(count.isFinite ? NumberSyntax.render(count) : "too many") values, more "
          + "than the \(NumberSyntax.limit) one run may print."
      case .repeatedValue(let range, let value):
        "the step of \(range) is below the spacing of doubles near \(NumberSyntax.render(value)) "
          + "(\(NumberSyntax.render(value.ulp))), so two of its values would both be "
          + "\(NumberSyntax.render(value)); use a larger step."
      case .notSingle(let text):
        "'\(text)' is a list or a range; give one value."
      }
    }
  }

  /// An interval an option's values must lie in, with open or closed ends.
  public struct Interval: Sendable, Hashable, CustomStringConvertible {
    /// The lower end, or `nil` for none.
    public let lower: Double?
    /// Whether the lower end is included.
    public let includesLower: Bool
    /// The upper end, or `nil` for none.
    public let upper: Double?
    /// Whether the upper end is included.
    public let includesUpper: Bool

    /// Creates an interval.
    public init(lower: Double?, includesLower: Bool, upper: Double?, includesUpper: Bool) {
      self.lower = lower
      self.includesLower = includesLower
      self.upper = upper
      self.includesUpper = includesUpper
    }

    /// Every finite double.
    public static let all = Interval(
      lower: nil, includesLower: false, upper: nil, includesUpper: false)
    /// The positive numbers, `(0, inf)`.
    public static let positive = Interval(
      lower: 0, includesLower: false, upper: nil, includesUpper: false)
    /// Zero and the positive numbers, `[0, inf)`.
    public static let nonNegative = Interval(
      lower: 0, includesLower: true, upper: nil, includesUpper: false)
    /// The probabilities, `[0, 1]`.
    public static let unit = Interval(lower: 0, includesLower: true, upper: 1, includesUpper: true)

    /// Whether the interval holds `x`.
    public func contains(_ x: Double) -> Bool {
      if let lower, includesLower ? x < lower : x <= lower { return false }
      if let upper, includesUpper ? x > upper : x >= upper { return false }
      return true
    }

    public var description: String {
      let low = lower.map(NumberSyntax.render) ?? "-inf"
      let high = upper.map(NumberSyntax.render) ?? "inf"
      return (includesLower ? "[" : "(") + low + ", " + high + (includesUpper ? "]" : ")")
    }
  }

  // MARK: - Single values

  /// Reads one finite number in `interval`.
  public static func number(_ text: String, within interval: Interval = .all) throws(Error)
    -> Double
  {
    let t = trimmed(text)
    guard !t.isEmpty else { throw .empty }
    guard !t.contains(","), !t.contains("...") else { throw .notSingle(t) }
    let x = try decimal(t)
    guard interval.contains(x) else { throw .outside(t, interval) }
    return x
  }

  /// Reads one whole number in `interval`, exactly from its digits.
  public static func wholeNumber(_ text: String, within interval: Interval = .all) throws(Error)
    -> Int
  {
    let t = trimmed(text)
    guard !t.isEmpty else { throw .empty }
    guard !t.contains(","), !t.contains("...") else { throw .notSingle(t) }
    let n = try whole(t)
    guard interval.contains(Double(n)) else { throw .outside(t, interval) }
    return n
  }

  // MARK: - Lists and ranges

  /// Reads numbers: a list (`0,0.5,2`) or a range (`0...4`, `0...4:0.5`).
  public static func numbers(_ text: String, within interval: Interval = .all) throws(Error)
    -> [Double]
  {
    let t = trimmed(text)
    guard !t.isEmpty else { throw .empty }
    let values: [Double]
    if let (low, high, step) = try rangeParts(t) {
      values = try realRange(t, low: decimal(low), high: decimal(high), step: step.map(decimal))
    } else {
      values = try items(t).map { (item) throws(Error) in try decimal(item) }
    }
    try check(values, within: interval, as: render)
    return values
  }

  /// Reads whole numbers, each exactly: a list (`0,1,5`) or a range (`0...10`, `0...10:2`).
  public static func wholeNumbers(_ text: String, within interval: Interval = .all) throws(Error)
    -> [Int]
  {
    let t = trimmed(text)
    guard !t.isEmpty else { throw .empty }
    let values: [Int]
    if let (low, high, step) = try rangeParts(t) {
      values = try wholeRange(t, low: whole(low), high: whole(high), step: step.map(whole) ?? 1)
    } else {
      values = try items(t).map { (item) throws(Error) in try whole(item) }
    }
    try check(values, within: interval) { String($0) }
    return values
  }

  // MARK: - The grammar

  /// Returns whether `text` is a number in the grammar (JSON's number grammar).
  public static func isNumberLiteral(_ text: Substring.UnicodeScalarView) -> Bool {
    var i = text.startIndex
    func digits() -> Int {
      var count = 0
      while i < text.endIndex, ("0"..."9").contains(text[i]) {
        i = text.index(after: i)
        count += 1
      }
      return count
    }
    if i < text.endIndex, text[i] == "-" { i = text.index(after: i) }
    guard i < text.endIndex, ("0"..."9").contains(text[i]) else { return false }
    if text[i] == "0" {
      i = text.index(after: i)
    } else {
      _ = digits()
    }
    if i < text.endIndex, text[i] == "." {
      i = text.index(after: i)
      guard digits() > 0 else { return false }
    }
    if i < text.endIndex, text[i] == "e" || text[i] == "E" {
      i = text.index(after: i)
      if i < text.endIndex, text[i] == "+" || text[i] == "-" { i = text.index(after: i) }
      guard digits() > 0 else { return false }
    }
    return i == text.endIndex
  }

  /// Reads one number in the grammar as a finite double.
  static func decimal(_ text: String) throws(Error) -> Double {
    guard isNumberLiteral(Substring(text).unicodeScalars), let x = Double(text) else {
      throw .notANumber(text)
    }
    guard x.isFinite else { throw .overflow(text) }
    // A nonzero digit before the exponent means the literal is not zero.
    let mantissa = text.prefix { $0 != "e" && $0 != "E" }
    if x == 0, mantissa.unicodeScalars.contains(where: { ("1"..."9").contains($0) }) {
      throw .underflow(text)
    }
    return x
  }

  /// Reads one number in the grammar as a whole number, exactly, within 2^53 in magnitude.
  static func whole(_ text: String) throws(Error) -> Int {
    guard isNumberLiteral(Substring(text).unicodeScalars) else { throw .notANumber(text) }
    var scalars = Substring(text).unicodeScalars
    let negative = scalars.first == "-"
    if negative { scalars.removeFirst() }
    let mantissa = scalars.prefix { $0 != "e" && $0 != "E" }
    var exponent = 0
    if mantissa.count < scalars.count {
      let e = String(scalars[scalars.index(mantissa.endIndex, offsetBy: 1)...])
      // A longer exponent is clamped: it is far beyond 2^53 or far below 1 either way.
      guard let value = Int(e.count > 6 ? String(e.prefix(1)) + "999999" : e) else {
        throw .notANumber(text)
      }
      exponent = value
    }
    var digits = String(mantissa.filter { $0 != "." })
    if let point = mantissa.firstIndex(of: ".") {
      exponent -= mantissa.distance(from: mantissa.index(after: point), to: mantissa.endIndex)
    }
    digits = String(digits.drop { $0 == "0" })
    if digits.isEmpty { return 0 }
    if exponent < 0 {
      let dropped = digits.suffix(min(-exponent, digits.count))
      guard dropped.allSatisfy({ $0 == "0" }), -exponent < digits.count else {
        throw .notWhole(text)
      }
      digits = String(digits.dropLast(-exponent))
    } else {
      guard exponent + digits.count <= 16 else { throw .beyondExactWholeNumbers(text) }
      digits += String(repeating: "0", count: exponent)
    }
    guard digits.count <= 16, let magnitude = Int(digits), magnitude <= largestWholeNumber else {
      throw .beyondExactWholeNumbers(text)
    }
    return negative ? -magnitude : magnitude
  }

  // MARK: - Helpers

  static func trimmed(_ text: String) -> String {
    var scalars = Substring(text).unicodeScalars
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }

  /// Splits a comma list into trimmed items, at most ``limit`` of them.
  static func items(_ text: String) throws(Error) -> [String] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count <= limit else { throw .tooManyValues(text, count: Double(parts.count)) }
    return try parts.map { (part) throws(Error) in
      let item = trimmed(String(part))
      guard !item.isEmpty else { throw .emptyItem(text) }
      return item
    }
  }

  /// Splits `low...high[:step]`, or returns `nil` when the text has no `...`.
  static func rangeParts(_ text: String) throws(Error) -> (String, String, String?)? {
    let pieces = text.split(separator: "...", omittingEmptySubsequences: false)
    guard pieces.count > 1 else { return nil }
    guard pieces.count == 2, !text.contains(",") else { throw .malformedRange(text) }
    let low = trimmed(String(pieces[0]))
    var high = trimmed(String(pieces[1]))
    var step: String?
    if let colon = high.firstIndex(of: ":") {
      step = trimmed(String(high[high.index(after: colon)...]))
      high = trimmed(String(high[..<colon]))
    }
    guard !low.isEmpty, !high.isEmpty, step?.isEmpty != true else { throw .malformedRange(text) }
    return (low, high, step)
  }

  static func realRange(_ text: String, low: Double, high: Double, step: Double?) throws(Error)
    -> [Double]
  {
    let step = step ?? 1
    guard step > 0 else { throw .nonPositiveStep(text) }
    guard low <= high else { throw .reversedRange(text) }
    let count = ((high - low) / step * (1 + 1e-12)).rounded(.down) + 1
    guard count.isFinite, count <= Double(limit) else {
      throw .tooManyValues(text, count: count)
    }
    var values: [Double] = []
    values.reserveCapacity(Int(count))
    for i in 0..<Int(count) {
      let x = low + Double(i) * step
      if let last = values.last, x <= last { throw .repeatedValue(range: text, value: last) }
      values.append(x)
    }
    return values
  }

  static func wholeRange(_ text: String, low: Int, high: Int, step: Int) throws(Error) -> [Int] {
    guard step > 0 else { throw .nonPositiveStep(text) }
    guard low <= high else { throw .reversedRange(text) }
    // The ends are within 2^53, so the difference cannot overflow.
    let count = (high - low) / step + 1
    guard count <= limit else { throw .tooManyValues(text, count: Double(count)) }
    return (0..<count).map { low + $0 * step }
  }

  /// Throws for the first value outside `interval`, written by `text`; only that one is written.
  static func check(
    _ values: [Double], within interval: Interval, as text: (Double) -> String
  ) throws(Error) {
    if let bad = values.first(where: { !interval.contains($0) }) {
      throw .outside(text(bad), interval)
    }
  }

  /// Throws for the first whole number outside `interval`; only that one is written.
  static func check(
    _ values: [Int], within interval: Interval, as text: (Int) -> String
  ) throws(Error) {
    if let bad = values.first(where: { !interval.contains(Double($0)) }) {
      throw .outside(text(bad), interval)
    }
  }

  /// Writes a double in the shortest form that reads back as itself, `3` for whole numbers.
  static func render(_ x: Double) -> String { VectorSet.number(x) }
}
