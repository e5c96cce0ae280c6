public import SpecEngine

extension CaseOutcome {
  /// Adds a measurement of a result computed in `T` against a reference, with ulps counted in
  /// `T`: a `Float` result 1 ulp off is 1 ulp, not 2^29 ulps of `Double`.
  ///
  /// Relative and absolute bounds are measured as for `Double`; the reference should be the
  /// exact value for the inputs as rounded to `T`.
  public mutating func compare<T: BinaryFloatingPoint>(
    _ label: String, _ actual: T, against reference: Double, within tolerance: Tolerance
  ) {
    guard T.self != Double.self, case .ulps(let limit) = tolerance.bound else {
      compare(label, Double(actual), against: reference, within: tolerance)
      return
    }
    let error = CaseOutcome.ulpDistance(actual, reference)
    let ok = error <= limit
    measurements.append(
      Measurement(label: label, value: error, bound: limit, unit: "ulp", passed: ok))
    if !ok {
      notes.append(
        "\(label): got \(NumberFormatting.exact(Double(actual))), expected "
          + "\(NumberFormatting.exact(reference))")
    }
  }

  /// Compares a result computed in `T` with an oracle that may refuse the input: a refusal
  /// makes the case an error.
  public mutating func compare<T: BinaryFloatingPoint>(
    _ label: String, _ actual: T, against oracle: () throws -> Double, within tolerance: Tolerance
  ) {
    do {
      compare(label, actual, against: try oracle(), within: tolerance)
    } catch {
      errors.append("\(label): the oracle cannot decide this case: \(error)")
    }
  }

  /// Returns the distance of `actual` from `reference` in ulps of `T` at the reference (the ulp
  /// of `T`'s least normal below it, as `Tolerance.ulpDistance` does for `Double`).
  ///
  /// A reference beyond `T`'s largest finite value is measured at that value's ulp.
  public static func ulpDistance<T: BinaryFloatingPoint>(_ actual: T, _ reference: Double)
    -> Double
  {
    let value = Double(actual)
    if value == reference { return 0 }
    if value.isNaN || reference.isNaN { return .infinity }
    if !value.isFinite || !reference.isFinite { return .infinity }
    let magnitude = min(
      max(reference.magnitude, Double(T.leastNormalMagnitude)), Double(T.greatestFiniteMagnitude))
    let unit = Double(T(magnitude).ulp)
    return abs(value - reference) / unit
  }
}
