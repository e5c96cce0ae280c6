import RealModule
public import ReferenceNumerics
public import SpecEngine

/// One input of a property: a name and the range it is drawn from.
public struct InputDraw: Sendable, Hashable {
  /// The input's name, as the spec writes it (`mean`, `time`).
  public var name: String
  /// How values are drawn.
  public var distribution: ParameterValue.Distribution
  /// The lower end of the closed range.
  public var lower: Double
  /// The upper end of the closed range.
  public var upper: Double
  /// Whether draws are rounded to whole numbers (a count drawn log-uniformly, say).
  public var wholeNumbers: Bool = false

  /// Creates an input.
  public init(
    name: String, distribution: ParameterValue.Distribution, lower: Double, upper: Double
  ) {
    self.name = name
    self.distribution = distribution
    self.lower = lower
    self.upper = upper
  }

  /// Returns a copy whose draws are rounded to whole numbers within the range.
  public func roundedToWholeNumbers() -> InputDraw {
    var copy = self
    copy.wholeNumbers = true
    return copy
  }

  /// Draws a value; one draw in sixteen is an end of the range, where errors like to hide.
  public func draw(using generator: inout SeededGenerator) -> Double {
    let value = unroundedDraw(using: &generator)
    guard wholeNumbers, distribution != .integer else { return value }
    let whole = value.rounded()
    return whole < lower ? lower.rounded(.up) : whole > upper ? upper.rounded(.down) : whole
  }

  private func unroundedDraw(using generator: inout SeededGenerator) -> Double {
    let edge = generator.next() % 16
    if edge == 0 { return lower }
    if edge == 1 { return upper }
    let u = Double(generator.next() >> 11) * 0x1p-53
    switch distribution {
    case .uniform:
      return min(upper, max(lower, lower + (upper - lower) * u))
    case .logUniform:
      let a = Double.log(lower)
      let b = Double.log(upper)
      return min(upper, max(lower, Double.exp(a + (b - a) * u)))
    case .integer:
      let low = lower.rounded(.up)
      let high = upper.rounded(.down)
      guard high > low else { return low }
      return min(high, low + (u * (high - low + 1)).rounded(.down))
    }
  }

  /// Whether `value` lies in the range (and is whole, for integer inputs).
  public func contains(_ value: Double) -> Bool {
    guard value >= lower, value <= upper else { return false }
    return (distribution != .integer && !wholeNumbers) || value == value.rounded()
  }

  /// The candidates a shrinker tries for this input, simplest first.
  ///
  /// Simple means: the lower end, small whole numbers, powers of ten, and the value rounded to
  /// one, two or three significant digits; every candidate lies in the range.
  public func simplerCandidates(than value: Double) -> [Double] {
    var out: [Double] = [lower]
    for c in [0.0, 1, 2, 10, 100, 1000] where c > lower && c < upper { out.append(c) }
    if value > 0 {
      let p = Double.pow(10, Double.log10(value).rounded(.down))
      out.append(p)
      for digits in 1...3 {
        let scale = Double.pow(10, Double(digits - 1)) / p
        out.append((value * scale).rounded() / scale)
      }
    }
    if distribution == .integer || wholeNumbers { out = out.map { $0.rounded() } }
    var seen = Set<Double>()
    let complexity = InputDraw.significantDigits(value)
    return out.filter {
      contains($0) && $0 != value
        && ($0.magnitude < value.magnitude || InputDraw.significantDigits($0) < complexity)
        && seen.insert($0).inserted
    }
  }

  /// The number of significant decimal digits in the shortest text of `x`.
  static func significantDigits(_ x: Double) -> Int {
    let text = NumberFormatting.exact(x.magnitude)
    let mantissa = text.split(whereSeparator: { $0 == "e" || $0 == "E" }).first ?? ""
    let digits = mantissa.filter { $0.isNumber }.drop { $0 == "0" }
    var trimmed = String(digits)
    while trimmed.hasSuffix("0") { trimmed.removeLast() }
    return max(1, trimmed.count)
  }
}
