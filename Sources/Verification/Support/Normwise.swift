import ReferenceNumerics
import SpecEngine

extension CaseOutcome {
  /// Adds a normwise measurement `|actual - reference|` (2-norms) in the tolerance's unit:
  /// relative to `|reference|`, absolute, or against `abs + rel * |reference|`.
  mutating func compareNormwise(
    _ label: String, _ actual: [Double], against reference: [Double], within tolerance: Tolerance
  ) {
    let (error, limit) = CaseOutcome.normwise(actual, reference, tolerance.bound)
    let ok = error <= limit
    measurements.append(
      Measurement(
        label: label, value: error, bound: limit, unit: tolerance.bound.unitName, passed: ok))
    if !ok { notes.append("\(label): got \(actual), expected \(reference)") }
  }

  /// Adds an informational normwise measurement.
  mutating func informNormwise(
    _ label: String, _ actual: [Double], against reference: [Double], unit: Tolerance.Bound
  ) {
    let (error, _) = CaseOutcome.normwise(actual, reference, unit)
    measurements.append(Measurement(label: label, value: error, unit: unit.unitName))
  }

  static func normwise(_ a: [Double], _ r: [Double], _ bound: Tolerance.Bound) -> (Double, Double) {
    guard a.count == r.count, !a.isEmpty else { return (.infinity, bound.limit) }
    let diff = Differentiation.euclideanNorm(zip(a, r).map { $0 - $1 })
    let size = Differentiation.euclideanNorm(r)
    if diff.isNaN { return (.infinity, bound.limit) }
    switch bound {
    case .relative: return (size == 0 ? (diff == 0 ? 0 : .infinity) : diff / size, bound.limit)
    case .mixed(let abs, let rel):
      let allowance = abs + rel * size
      return (allowance == 0 ? (diff == 0 ? 0 : .infinity) : diff / allowance, 1)
    case .ulps:
      let ulps = zip(a, r).map { Tolerance.ulpDistance($0, $1) }.max() ?? 0
      return (ulps, bound.limit)
    default: return (diff, bound.limit)
    }
  }
}
