/// How close a computed value must be to its reference, with the reason the bound is what it is.
///
/// Written in a claim as `tolerance: 4 ulp against referee`, `tolerance: rel 1e-12`,
/// `tolerance: abs 1e-15 + rel 1e-12` or, for statistical claims, `tolerance: alpha 1e-6`,
/// with the reason on a `because:` line.
public struct Tolerance: Sendable, Hashable, CustomStringConvertible {
  /// The bound and its unit.
  public enum Bound: Sendable, Hashable {
    /// Units in the last place of the reference value.
    case ulps(Double)
    /// |actual - reference| / |reference|.
    case relative(Double)
    /// |actual - reference|.
    case absolute(Double)
    /// |actual - reference| <= absolute + relative * |reference|.
    case mixed(absolute: Double, relative: Double)
    /// The false-failure rate of a statistical test.
    case falseFailureRate(Double)
  }

  /// The bound.
  public var bound: Bound
  /// What the value is compared with (`referee`, `gsl`, `exact`, ...), or nil for the claim's default.
  public var reference: String?
  /// Why the bound is what it is.
  public var reason: String
  /// Where the tolerance is written.
  public var location: SourceLocation

  /// Creates a tolerance.
  public init(bound: Bound, reference: String?, reason: String, location: SourceLocation) {
    self.bound = bound
    self.reference = reference
    self.reason = reason
    self.location = location
  }

  /// Returns whether `actual` is within the bound of `reference`.
  ///
  /// NaN agrees only with NaN, and an infinity only with the same infinity.
  public func accepts(_ actual: Double, reference expected: Double) -> Bool {
    if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
    if expected.isInfinite || actual.isInfinite { return expected == actual }
    return Tolerance.measure(actual, against: expected, in: bound) <= bound.limit
  }

  /// Returns the error of `actual` against `expected` in the unit of `bound`.
  ///
  /// For a mixed bound the result is the fraction of the allowance used (1 is the limit).
  public static func measure(_ actual: Double, against expected: Double, in bound: Bound)
    -> Double
  {
    if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN ? 0 : .infinity }
    if expected.isInfinite || actual.isInfinite { return expected == actual ? 0 : .infinity }
    let diff = abs(actual - expected)
    switch bound {
    case .ulps: return ulpDistance(actual, expected)
    case .relative: return expected == 0 ? (diff == 0 ? 0 : .infinity) : diff / abs(expected)
    case .absolute: return diff
    case .mixed(let a, let r):
      let allowance = a + r * abs(expected)
      return allowance == 0 ? (diff == 0 ? 0 : .infinity) : diff / allowance
    case .falseFailureRate: return diff
    }
  }

  /// Returns the distance between two doubles in units of the ulp of the second (the reference).
  ///
  /// Fractional: half an ulp is 0.5. For a zero reference the ulp of the smallest normal is used.
  public static func ulpDistance(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    if !actual.isFinite || !expected.isFinite { return .infinity }
    let unit = Swift.max(expected.magnitude, Double.leastNormalMagnitude).ulp
    return abs(actual - expected) / unit
  }

  public var description: String {
    var text = bound.description
    if let reference { text += " against \(reference)" }
    return text
  }
}

extension Tolerance.Bound: CustomStringConvertible {
  /// The numeric limit: ulps, relative or absolute error, 1 for a mixed bound, or alpha.
  public var limit: Double {
    switch self {
    case .ulps(let v), .relative(let v), .absolute(let v), .falseFailureRate(let v): v
    case .mixed: 1
    }
  }

  /// The short unit name used in reports: `ulp`, `rel`, `abs`, `of allowance`, `alpha`.
  public var unitName: String {
    switch self {
    case .ulps: "ulp"
    case .relative: "rel"
    case .absolute: "abs"
    case .mixed: "of allowance"
    case .falseFailureRate: "alpha"
    }
  }

  public var description: String {
    switch self {
    case .ulps(let v): "\(NumberFormatting.short(v)) ulp"
    case .relative(let v): "rel \(NumberFormatting.short(v))"
    case .absolute(let v): "abs \(NumberFormatting.short(v))"
    case .mixed(let a, let r): "abs \(NumberFormatting.short(a)) + rel \(NumberFormatting.short(r))"
    case .falseFailureRate(let v): "alpha \(NumberFormatting.short(v))"
    }
  }

  /// Parses a bound as written after `tolerance:`; returns nil when it is not one.
  ///
  /// Forms: `4 ulp`, `4 ulps`, `rel 1e-12`, `1e-12 rel`, `relative 1e-12`, `abs 1e-15`,
  /// `absolute 1e-15`, `abs 1e-300 + rel 1e-12`, `alpha 1e-6`.
  public init?(parsing text: String) {
    let parts = text.split(separator: "+").map { String($0).trimmingSpaces() }
    if parts.count == 2 {
      guard let a = Tolerance.Bound(parsing: parts[0]), let r = Tolerance.Bound(parsing: parts[1])
      else { return nil }
      switch (a, r) {
      case (.absolute(let x), .relative(let y)), (.relative(let y), .absolute(let x)):
        self = .mixed(absolute: x, relative: y)
        return
      default: return nil
      }
    }
    guard parts.count == 1 else { return nil }
    let words = parts[0].split(separator: " ").map(String.init)
    guard words.count == 2 else { return nil }
    let units: [String: (Double) -> Tolerance.Bound] = [
      "ulp": { .ulps($0) }, "ulps": { .ulps($0) },
      "rel": { .relative($0) }, "relative": { .relative($0) },
      "abs": { .absolute($0) }, "absolute": { .absolute($0) },
      "alpha": { .falseFailureRate($0) },
    ]
    let (number, unit): (String, String) =
      units[words[0].lowercased()] != nil ? (words[1], words[0]) : (words[0], words[1])
    guard let make = units[unit.lowercased()], let n = StatedNumber(parsing: number),
      n.value.isFinite, n.value >= 0
    else { return nil }
    if case .falseFailureRate = make(0), !(n.value > 0 && n.value < 1) { return nil }
    self = make(n.value)
  }
}
