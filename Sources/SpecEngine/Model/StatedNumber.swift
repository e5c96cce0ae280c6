/// A number as a spec writes it, with the precision it was written to.
///
/// `0.0025` states four decimals, so any value that rounds to it agrees; `25%` is `0.25` stated to
/// the percent; `1.234e-4` states four significant digits; `22/5` is exact.
public struct StatedNumber: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The value, as the nearest Double.
  public var value: Double
  /// The text as written, trimmed.
  public var text: String
  /// One unit in the last stated place (`1e-4` for `0.0025`), or nil for exact values (fractions).
  public var unit: Double?

  /// Creates a number from its parts.
  public init(value: Double, text: String, unit: Double?) {
    self.value = value
    self.text = text
    self.unit = unit
  }

  public var description: String { text }

  /// Whether the number was written as a whole number without a fraction or exponent.
  public var isInteger: Bool { unit == 1 && value == value.rounded() }

  /// Returns whether `actual` rounds to this number at its stated precision.
  ///
  /// An exact number (a fraction, or a whole number written without decimals) agrees only with
  /// values within a few ulps of it.
  public func isReproduced(by actual: Double) -> Bool {
    guard actual.isFinite else { return actual == value }
    // A whole number written without decimals is exact: "P(S = 1) = 0" or "f(1, 2) = 5" says
    // the value is that integer, not anything within half a unit of it (0 would accept 0.49).
    guard let unit, unit != 1 else {
      return abs(actual - value) <= 4 * value.magnitude.ulp + .leastNormalMagnitude
    }
    // Half a unit, widened by a few ulps of the operands for the binary representation of decimals.
    let slack = 8 * (Swift.max(actual.magnitude, value.magnitude)).ulp
    return abs(actual - value) <= unit / 2 + slack
  }

  /// Parses a number as written in a spec; returns nil when the text is not a number.
  ///
  /// Accepted forms: `3`, `-0.5` (also with U+2212 minus), `0.0025`, `1.234e-4`, `1.234E4`,
  /// `25%`, `0.25 %`, `22/5`, `4,718,592` (with `allowGrouping`), `inf`, `-inf`, `nan`.
  /// Math markup around the number (`$...$`) and surrounding spaces are ignored.
  public init?(parsing raw: String, allowGrouping: Bool = false) {
    var s = raw.trimmingSpaces()
    if s.hasPrefix("$") && s.hasSuffix("$") && s.count >= 2 {
      s = String(s.dropFirst().dropLast()).trimmingSpaces()
    }
    let text = s
    s = s.replacingAll("\u{2212}", with: "-")
    if allowGrouping, s.contains(",") {
      let parts = s.split(separator: ",", omittingEmptySubsequences: false)
      guard parts.count > 1, parts.dropFirst().allSatisfy({ $0.count == 3 }),
        let first = parts.first, !first.isEmpty, first.count <= 4
      else { return nil }
      s = parts.joined()
    }
    // The words below are at most 9 bytes long; a longer text skips the lower-casing.
    switch s.utf8.count <= 9 ? s.lowercased() : "" {
    case "inf", "+inf", "infinity", "∞":
      self.init(value: .infinity, text: text, unit: nil)
      return
    case "-inf", "-infinity", "-∞":
      self.init(value: -.infinity, text: text, unit: nil)
      return
    case "nan":
      self.init(value: .nan, text: text, unit: nil)
      return
    default: break
    }
    if let slash = s.firstIndex(of: "/") {
      guard let p = StatedNumber(parsing: String(s[..<slash])), p.isInteger,
        let q = StatedNumber(parsing: String(s[s.index(after: slash)...])), q.isInteger,
        q.value != 0
      else { return nil }
      self.init(value: p.value / q.value, text: text, unit: nil)
      return
    }
    var scale = 1.0
    if s.hasSuffix("%") {
      s = String(s.dropLast()).trimmingSpaces()
      scale = 0.01
    }
    guard let parsed = StatedNumber.decimal(s) else { return nil }
    self.init(value: parsed.value * scale, text: text, unit: parsed.unit * scale)
  }

  /// Parses `[-+]digits[.digits][e[-+]digits]` and returns the value and one unit in the last place.
  private static func decimal(_ s: String) -> (value: Double, unit: Double)? {
    var s = s
    // Over the UTF-8 bytes: a byte that is not an ASCII digit, sign, point or `e` fails the
    // match below, as the scalar it belongs to would.
    let shape = s.withUTF8 { bytes -> (fracDigits: Int, exponent: Int)? in
      func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] &- 48 < 10 }
      func `is`(_ i: Int, _ characters: Unicode.Scalar...) -> Bool {
        i < bytes.count && characters.contains { bytes[i] == UInt8(ascii: $0) }
      }
      var i = 0
      if `is`(i, "-", "+") { i += 1 }
      var intDigits = 0
      while isDigit(i) {
        i += 1
        intDigits += 1
      }
      var fracDigits = 0
      if `is`(i, ".") {
        i += 1
        while isDigit(i) {
          i += 1
          fracDigits += 1
        }
      }
      guard intDigits + fracDigits > 0 else { return nil }
      var exponent = 0
      if `is`(i, "e", "E") {
        i += 1
        var sign = 1
        if `is`(i, "-", "+") {
          if `is`(i, "-") { sign = -1 }
          i += 1
        }
        var expDigits = 0
        var e = 0
        while isDigit(i) {
          e = Swift.min(e * 10 + Int(bytes[i] - 48), 100_000)
          i += 1
          expDigits += 1
        }
        guard expDigits > 0 else { return nil }
        exponent = sign * e
      }
      guard i == bytes.count else { return nil }
      return (fracDigits, exponent)
    }
    guard let shape, let value = Double(s) else { return nil }
    return (value, pow10(shape.exponent - shape.fracDigits))
  }

  /// The powers of ten that are exact in a Double, 1e0 to 1e22.
  private static let exactPowersOfTen: [Double] = (0...22).map { Double("1e\($0)") ?? 0 }

  /// Returns 10^n correctly rounded.
  private static func pow10(_ n: Int) -> Double {
    // 10^n is exact for 0 <= n <= 22, so 1 / 10^n is the one rounding of 10^-n; further out,
    // the decimal reader rounds it (the tiny error would not matter for a rounding unit).
    if n.magnitude <= 22 {
      let power = exactPowersOfTen[Int(n.magnitude)]
      return n >= 0 ? power : 1 / power
    }
    if n >= 0 { return Double("1e\(n)") ?? .infinity }
    return Double("1e\(n)") ?? 0
  }
}

extension String {
  /// Returns the string without leading and trailing spaces, tabs and newlines.
  func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    // Most texts are already trimmed: no copy for them.
    if let first = scalars.first, let last = scalars.last, !first.properties.isWhitespace,
      !last.properties.isWhitespace
    {
      return self
    }
    guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[start...end])
  }

  /// Returns the string with every occurrence of `target` replaced.
  func replacingAll(_ target: String, with replacement: String) -> String {
    // Most texts lack the target: a scan for its first scalar spares the slower split.
    guard let first = target.unicodeScalars.first, unicodeScalars.contains(first) else {
      return self
    }
    return self.split(separator: target, omittingEmptySubsequences: false)
      .joined(separator: replacement)
  }
}
