import ReferenceNumerics
import SpecEngine

/// First-order rounding bounds of small networks evaluated in a floating-point type: dense
/// layers, their nonlinearities and a residual add (used by the prompt-tuning and adapter
/// articles).
///
/// A dense layer `z_j = b_j + sum over i of x_i W_ij`, accumulated one product at a time from
/// the bias, has (Higham, *Accuracy and Stability*, 2nd ed., section 3.1)
///
///     |dz_j| <= (k + 1) u (|b_j| + sum |x_i| |W_ij|) + sum over i of |dx_i| |W_ij|
///
/// with `k` inputs and unit roundoff `u`; a nonlinearity `f` with Lipschitz constant `L` that
/// the library evaluates to `c` units of `u` gives `|df| <= L |dz| + c u (|z| + |f(z)|)`. The
/// residual add costs `u |h + y|` more. The bounds are computed in `Double` from the inputs.
enum DenseBound {
  /// One layer of a chain: weights (in x out), bias, the activation and its constants.
  struct Layer {
    var weights: [[Double]]
    var bias: [Double]
    var activation: (Double) -> Double
    /// The activation's Lipschitz constant.
    var lipschitz: Double
    /// The activation's rounding, in units of `u` of `|z| + |f(z)|`.
    var rounding: Double
  }

  /// The constants of an adapter activation: GELU's slope peaks at about 1.13.
  static func constants(_ f: AdapterActivation) -> (lipschitz: Double, rounding: Double) {
    switch f {
    case .relu: (1, 0)
    case .gelu, .geluTanh: (1.2, 8)
    }
  }

  /// Returns the bound on each output of the chain, for unit roundoff `u`.
  static func chain(_ input: [Double], _ layers: [Layer], residual: Bool, u: Double) -> [Double] {
    var x = input
    var e = [Double](repeating: 0, count: input.count)
    for layer in layers {
      let k = Double(x.count)
      var z = layer.bias
      var magnitude = layer.bias.map(abs)
      var propagated = [Double](repeating: 0, count: layer.bias.count)
      for (i, row) in layer.weights.enumerated() {
        for j in z.indices {
          z[j] += x[i] * row[j]
          magnitude[j] += abs(x[i] * row[j])
          propagated[j] += e[i] * abs(row[j])
        }
      }
      var next = z
      var error = z
      for j in z.indices {
        let dz = (k + 1) * u * magnitude[j] + propagated[j]
        next[j] = layer.activation(z[j])
        error[j] = layer.lipschitz * dz + layer.rounding * u * (abs(z[j]) + abs(next[j]))
      }
      x = next
      e = error
    }
    if residual {
      for i in e.indices { e[i] += u * abs(input[i] + x[i]) }
    }
    return e
  }

  /// Adds the largest ratio of error to bound, which must stay at most `limit` (1, or the
  /// claim's `abs` tolerance when the ratio is all a claim measures).
  static func record(
    _ outcome: inout CaseOutcome, _ label: String, actual: [Double], reference: [Double],
    bound: [Double], limit: Double = 1
  ) {
    var worst = 0.0
    for (a, (r, b)) in zip(actual, zip(reference, bound)) {
      let error = abs(a - r)
      let ratio = error == 0 ? 0 : (b > 0 ? error / b : .infinity)
      worst = max(worst, ratio.isNaN ? .infinity : ratio)
    }
    if actual.count != reference.count { worst = .infinity }
    outcome.measurements.append(
      Measurement(
        label: label, value: worst, bound: limit, unit: "of the first-order bound",
        passed: worst <= limit))
    if worst > limit {
      outcome.notes.append("\(label): got \(actual), expected \(reference) within \(bound)")
    }
  }

  /// Returns `count` uniform numbers in `-scale ... scale`.
  static func uniform(_ count: Int, _ g: inout SeededGenerator, scale: Double = 1) -> [Double] {
    RandomMatrices.vector(count, &g, scale: scale)
  }

  /// Returns a `rows` x `columns` matrix of uniform numbers in `-scale ... scale`.
  static func matrix(_ rows: Int, _ columns: Int, _ g: inout SeededGenerator, scale: Double = 1)
    -> [[Double]]
  {
    (0..<rows).map { _ in RandomMatrices.vector(columns, &g, scale: scale) }
  }
}

extension Array where Element == [Double] {
  /// The matrix rounded to `T` and back, so a referee sees exactly what a `T` kernel was given.
  func rounded<T: ReferenceScalar>(to _: T.Type) -> [[Double]] {
    map { $0.map { Double(T($0)) } }
  }
}

extension Array where Element == Double {
  /// The vector rounded to `T` and back.
  func rounded<T: ReferenceScalar>(to _: T.Type) -> [Double] { map { Double(T($0)) } }
}
