import ComplexModule
import ReferenceNumerics
import SpecEngine

/// Checks of the survey's other encodings (A2.3.1 and A2.3.2).
enum OtherEncodingChecks {
  static let all: [Check] = [padding, complexOrder]

  typealias S = RotarySupport

  static let length = CheckParameter.integer(
    "length", in: 3...4096, default: 32, help: "the length of the signal")
  static let width = CheckParameter.integer(
    "kernel-width", in: 3...255, default: 5, help: "the kernel's (odd) width")

  static let padding = Check(
    name: "cnn.padding", kind: .property,
    summary: "A 1-D convolution of a constant signal with a random kernel: with zero padding the "
      + "outputs near the ends differ from the interior (position leaks in through the "
      + "padding), with circular padding every output equals the interior one.",
    parameters: [length, width, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    S.property(claim, replay, draws: { [] }) { tolerance, _, g in
      let (n, w) = (try claim[length], try claim[width])
      guard w % 2 == 1, w < n else {
        throw VerificationError.invalidInput(
          name: "kernel-width", value: "\(w)", reason: "it must be odd and below the length",
          at: claim.location)
      }
      let c = 2 * g.nextOpenUnitInterval() - 1
      let kernel = S.vector(Double.self, w, &g)
      let signal = [Double](repeating: c, count: n)
      let zero = OtherEncodings.convolution(signal, kernel: kernel, padding: .zero)
      let circular = OtherEncodings.convolution(signal, kernel: kernel, padding: .circular)
      let interior = zero[n / 2]
      let scale = abs(c) * kernel.map(abs).reduce(0, +)
      var outcome = CaseOutcome()
      let inside = zero[(w / 2)..<(n - w / 2)].map { abs($0 - interior) }.max() ?? 0
      outcome.bound(
        "zero padding: interior outputs equal, per |c| sum |w|", error: inside / scale,
        tolerance: tolerance)
      let edges =
        (0..<(w / 2)).map { abs(zero[$0] - interior) }
        + (n - w / 2..<n).map {
          abs(zero[$0] - interior)
        }
      let largestEdge = edges.max() ?? 0
      outcome.require(
        largestEdge > 1e-6 * scale, "zero padding: an edge output differs from the interior",
        note: "every edge output equals the interior one (largest difference \(largestEdge))")
      let flat = circular.map { abs($0 - interior) }.max() ?? 0
      outcome.bound(
        "circular padding: every output equals the interior one, per |c| sum |w|",
        error: flat / scale, tolerance: tolerance)
      return outcome
    }
  }

  static let positions = CheckParameter.range(
    "position", within: -1e6...1e6, help: "the range positions k are drawn from")
  static let shifts = CheckParameter.range(
    "shift", within: -1e6...1e6, help: "the range shifts Delta are drawn from")
  static let dimension = CheckParameter.integer(
    "dimension", in: 1...4096, default: 16, help: "the number of complex components")

  static let complexOrder = Check(
    name: "complex-order.shift", kind: .property,
    summary: "Complex Order's embedding r e^(i(omega k + theta)): every modulus is r at every "
      + "position, and moving the position by Delta multiplies each component by "
      + "e^(i omega Delta).",
    parameters: [dimension, positions, shifts, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    S.property(claim, replay, draws: { [try claim[positions], try claim[shifts]] }) {
      tolerance, values, g in
      let d = try claim[dimension]
      let (k, delta) = (values[positions], values[shifts])
      let r = (0..<d).map { _ in 0.5 + g.nextOpenUnitInterval() }
      let omega = (0..<d).map { _ in g.nextOpenUnitInterval() }
      let theta = (0..<d).map { _ in 2 * Double.pi * g.nextOpenUnitInterval() }
      let at = { (x: Double) in
        OtherEncodings.complexOrder(amplitude: r, frequency: omega, phase: theta, position: x)
      }
      let (z, shifted) = (at(k), at(k + delta))
      var outcome = CaseOutcome()
      let modulus = zip(z, r).map { abs($0.length - $1) / $1 }.max() ?? 0
      outcome.bound("|z_t| vs r_t, relative", error: modulus, tolerance: tolerance)
      // e^(i omega Delta) from the kernel itself: the component at Delta with r = 1, theta = 0.
      let unit = OtherEncodings.complexOrder(
        amplitude: [Double](repeating: 1, count: d), frequency: omega,
        phase: [Double](repeating: 0, count: d), position: delta)
      var worst = 0.0
      for t in 0..<d {
        worst = max(worst, (z[t] * unit[t] - shifted[t]).length / r[t])
      }
      outcome.bound(
        "z(k + Delta) vs z(k) e^(i omega Delta), per r", error: worst, tolerance: tolerance)
      outcome.context = ["k = \(k), Delta = \(delta)"]
      return outcome
    }
  }
}
