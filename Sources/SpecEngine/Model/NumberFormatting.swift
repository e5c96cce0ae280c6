import Foundation

/// Formats numbers for reports and vectors: round-trip exact, or short for people.
public enum NumberFormatting {
  /// Returns the shortest decimal text that reads back as exactly `x` (`0.1`, `1e-300`, `inf`).
  public static func exact(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    return "\(x)"
  }

  /// Returns the shortest round-trip text of `x`, whole numbers below 2^53 without a fraction
  /// (`400`, not `400.0`).
  public static func plain(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), x.magnitude < 0x1p53 { return String(Int64(x)) }
    return exact(x)
  }

  /// Returns `x` with at most `digits` significant digits, without trailing zeros (`0.4`, `1.2e-08`).
  public static func short(_ x: Double, digits: Int = 4) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return "0" }
    let magnitude = x.magnitude
    var exponent = Int(log10(magnitude).rounded(.down))
    // log10 may land one off near powers of ten.
    if power10(exponent) > magnitude { exponent -= 1 }
    if power10(exponent + 1) <= magnitude { exponent += 1 }
    if exponent < -4 || exponent >= 6 {
      // 10^exponent underflows below about 1e-308 (to 0 at 1e-324, which printed "infe-324"):
      // scale subnormal magnitudes up by an exact-enough 1e300 first.
      let mantissa =
        exponent < -290 ? (x * 1e300) / power10(exponent + 300) : x / power10(exponent)
      var m = fixed(mantissa, decimals: max(0, digits - 1))
      // Rounding may carry the mantissa to 10.
      if m == "10" || m == "-10" {
        return short(
          x.sign == .minus ? -power10(exponent + 1) : power10(exponent + 1), digits: digits)
      }
      m = m.isEmpty ? "0" : m
      let e = exponent < 0 ? "-\(pad2(-exponent))" : "+\(pad2(exponent))"
      return "\(m)e\(e)"
    }
    return fixed(x, decimals: max(0, digits - 1 - exponent))
  }

  /// Returns `x` rounded to `decimals` places, without trailing zeros.
  public static func fixed(_ x: Double, decimals: Int) -> String {
    let scale = power10(decimals)
    let scaled = (x * scale).rounded()
    if !scaled.isFinite || scaled.magnitude >= 9.0e15 { return exact(x) }
    let negative = scaled < 0
    var digits = String(Int64(scaled.magnitude))
    if decimals > 0 {
      if digits.count <= decimals {
        digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
      }
      let cut = digits.index(digits.endIndex, offsetBy: -decimals)
      var fraction = String(digits[cut...])
      while fraction.hasSuffix("0") { fraction.removeLast() }
      digits = String(digits[..<cut]) + (fraction.isEmpty ? "" : "." + fraction)
    }
    return (negative && digits != "0" ? "-" : "") + digits
  }

  /// Returns `x` with exactly `decimals` places, keeping trailing zeros (`0.0025` stays four places).
  public static func padded(_ x: Double, decimals: Int) -> String {
    var text = fixed(x, decimals: decimals)
    guard decimals > 0 else { return text }
    if !text.contains(".") { text += "." }
    let have = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
    return text + String(repeating: "0", count: max(0, decimals - have))
  }

  private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  static func power10(_ n: Int) -> Double { Double("1e\(n)") ?? (n < 0 ? 0 : .infinity) }
}
