public import SpecEngine

/// What one case of a property, one row of a table, or one statistical test measured.
public struct CaseOutcome: Sendable, Hashable {
  /// The measurements; those with a bound decide the verdict, the others inform.
  public var measurements: [Measurement]
  /// Lines that explain a failure (expected against actual).
  public var notes: [String]
  /// Values derived from the inputs that a reader needs to place the case (`k = 1041`).
  public var context: [String] = []
  /// Why the case could not be decided (a kernel or an oracle refused its input); a case with
  /// errors is neither passed nor failed.
  public var errors: [String] = []

  /// Creates an outcome.
  public init(measurements: [Measurement] = [], notes: [String] = []) {
    self.measurements = measurements
    self.notes = notes
  }

  /// Whether every bounded measurement met its bound.
  public var passed: Bool { measurements.allSatisfy { $0.passed != false } }

  /// Whether the case could not be decided.
  public var isError: Bool { !errors.isEmpty }

  /// Adds a measurement of `actual` against `reference` in the unit of `tolerance`.
  public mutating func compare(
    _ label: String, _ actual: Double, against reference: Double, within tolerance: Tolerance
  ) {
    let error = Tolerance.measure(actual, against: reference, in: tolerance.bound)
    let ok = tolerance.accepts(actual, reference: reference)
    measurements.append(
      Measurement(
        label: label, value: error, bound: tolerance.bound.limit,
        unit: tolerance.bound.unitName, passed: ok))
    if !ok {
      notes.append(
        "\(label): got \(NumberFormatting.exact(actual)), expected "
          + "\(NumberFormatting.exact(reference))")
    }
  }

  /// Adds an informational measurement (no bound) of `actual` against `reference`.
  public mutating func inform(
    _ label: String, _ actual: Double, against reference: Double, unit bound: Tolerance.Bound
  ) {
    let error = Tolerance.measure(actual, against: reference, in: bound)
    measurements.append(Measurement(label: label, value: error, unit: bound.unitName))
  }

  /// Adds a pass/fail fact with no measured error.
  public mutating func require(_ condition: Bool, _ label: String, note: @autoclosure () -> String)
  {
    measurements.append(
      Measurement(
        label: label, value: condition ? 0 : 1, bound: 0, unit: "failures",
        passed: condition))
    if !condition { notes.append(note()) }
  }
}

extension Array where Element == Measurement {
  /// Drops pass/fail facts that held, so reports list measured errors and failures only.
  func droppingHeldFacts() -> [Measurement] {
    filter { $0.unit != "failures" || $0.value > 0 || $0.passed == false }
  }

  /// Folds many cases' measurements into one per label, keeping the worst value of each.
  func worstPerLabel() -> [Measurement] {
    var order: [String] = []
    var worst: [String: Measurement] = [:]
    for m in self {
      guard let current = worst[m.label] else {
        order.append(m.label)
        worst[m.label] = m
        continue
      }
      var merged = current
      // Where cases have bounds of their own (Le Cam's 2 mean^2 / n), the worst case is the one
      // that uses most of its bound, and it keeps that bound.
      if let b = m.bound, let c = current.bound, b > 0, c > 0, b != c {
        if m.value / b > current.value / c || m.value.isNaN {
          merged.value = m.value
          merged.bound = b
        }
      } else if m.value > current.value || m.value.isNaN {
        merged.value = m.value
      }
      if m.passed == false || current.passed == false {
        merged.passed = false
      } else if m.passed == nil && current.passed == nil {
        merged.passed = nil
      } else {
        merged.passed = true
      }
      worst[m.label] = merged
    }
    return order.compactMap { worst[$0] }
  }
}

/// Formats a measurement for a report line: `max 1.3 ulp (bound 8)`.
func describe(_ m: Measurement, prefix: String = "") -> String {
  // A mixed bound (abs + rel) is measured as the share of its allowance used.
  if m.unit == "of allowance" {
    let percent = NumberFormatting.short(m.value * 100, digits: 2)
    return "\(m.label): \(prefix)\(percent) % of the allowance"
  }
  var text = "\(m.label): \(prefix)\(NumberFormatting.short(m.value, digits: 2)) \(m.unit)"
  if let bound = m.bound { text += " (bound \(NumberFormatting.short(bound)))" }
  return text
}
