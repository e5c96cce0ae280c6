// SPDX-License-Identifier: GPL-3.0-or-later

/// Returns the distance from `value` to `reference` in units in the last place of `reference`.
///
/// A zero reference counts the distance in units of the least nonzero magnitude, so an
/// underflowed reference is matched only by a value that underflows too (or nearly). NaN on
/// either side gives infinity unless both are NaN.
func ulpDistance<T: BinaryFloatingPoint>(_ value: T, _ reference: T) -> Double {
  if value.isNaN || reference.isNaN { return value.isNaN && reference.isNaN ? 0 : .infinity }
  if value == reference { return 0 }
  if reference.isInfinite || value.isInfinite { return .infinity }
  let unit = reference == 0 ? T.leastNonzeroMagnitude : reference.ulp
  return Double(abs(value - reference) / unit)
}

/// A running maximum of ulp errors with the case that produced it, for reports and bounds.
struct WorstError: CustomStringConvertible {
  var ulps = 0.0
  var label = "none"

  mutating func record(_ ulps: Double, _ label: @autoclosure () -> String) {
    if ulps > self.ulps || (ulps.isNaN && !self.ulps.isNaN) {
      self.ulps = ulps
      self.label = label()
    }
  }

  var description: String { "\(ulps) ulp at \(label)" }
}
