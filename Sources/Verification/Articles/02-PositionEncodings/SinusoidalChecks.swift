import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Checks of the sinusoidal encoding (A2.1.4, A2.1.5, A2.1.7 and A1.0.1).
enum SinusoidalChecks {
  static let all: [Check] = [encoding, properties, floater]

  typealias S = RotarySupport

  /// The channel layout.
  enum Layout: String, ParameterChoice {
    case paper
    case tensor2tensor
  }

  static let layout = CheckParameter<Layout>.choice(
    "layout", default: .paper, help: "paper (interleaved) or tensor2tensor (concatenated)")
  static let position = CheckParameter.number(
    "position", within: -1e9...1e9, help: "the position k")
  static let channel = CheckParameter.integer(
    "channel", in: 0...100_000, help: "the channel of p_k, counted from 0")
  static let positions = CheckParameter.range(
    "position", within: -1e9...1e9, help: "the range positions k are drawn from")
  static let shifts = CheckParameter.range(
    "shift", within: -1e9...1e9, help: "the range shifts m are drawn from")

  static func kernelLayout(_ l: Layout) -> SinusoidalEncoding.Layout {
    l == .paper ? .paper : .tensor2tensor
  }

  static let encoding = Check(
    name: "sinusoidal.encoding", kind: .table,
    summary: "One channel of the sinusoidal encoding p_k (paper or tensor2tensor layout), "
      + "against the referee's sine or cosine of the exact angle k omega_i.",
    parameters: [
      S.dimension, S.base, layout, position, channel,
      ParameterSchema.expected("the stated p_k[channel]"),
    ],
    oracles: .referee
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let (d, b, l) = (try claim[S.dimension], try claim[S.base], try claim[layout])
      let (k, c) = (try row[position], try row[channel])
      guard c < d else {
        throw VerificationError.invalidInput(
          name: "channel", value: "\(c)", reason: "the dimension is \(d)", at: row.row.location)
      }
      let p: [Double]
      do {
        p = try SinusoidalEncoding.encoding(
          position: k, dimension: d, base: b, layout: kernelLayout(l))
      } catch {
        throw VerificationError.computation("\(error)", at: row.row.location)
      }
      return try Oracles.referee.rowValue(
        kernel: p[c], tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in
        // The frequency index and whether the channel holds a sine, by the layout's definition.
        let n = d / 2
        let (i, isSine) = l == .paper ? (c / 2, c % 2 == 0) : (c % n, c < n)
        if l == .tensor2tensor, c >= 2 * n { return 0 }
        let frequency: Referee.Frequency =
          l == .paper
          ? .power(base: b, numerator: 2 * i, denominator: d)
          : .power(base: b, numerator: i, denominator: max(n - 1, 1))
        let (cosine, sine) = try Referee.rotate(1, 0, position: k, frequency: frequency)
        return isSine ? sine : cosine
      }
    }
  }

  static let properties = Check(
    name: "sinusoidal.properties", kind: .property,
    summary: "Paper layout: p_0 = (0, 1, 0, 1, ...) exactly, |p_k|^2 = d/2, each pair at k + m "
      + "is M(m omega) times the pair at k (M built from p_m), and p_k . p_(k+m) equals the sum "
      + "of the cosines of p_m, so it depends on m only.",
    parameters: [S.dimension, S.base, positions, shifts, PropertySupport.cases],
    oracles: .exact
  ) { claim, replay in
    let draws = { () throws -> [InputDraw] in
      [try claim[positions].roundedToWholeNumbers(), try claim[shifts].roundedToWholeNumbers()]
    }
    return PropertySupport.run(claim, replay, inputs: draws) { tolerance, values in
      let (d, b) = (try claim[S.dimension], try claim[S.base])
      let (k, m) = (values[positions], values[shifts])
      let encode = { (x: Double) throws -> [Double] in
        try SinusoidalEncoding.encoding(position: x, dimension: d, base: b)
      }
      let (pk, pm, pkm, p0) = (try encode(k), try encode(m), try encode(k + m), try encode(0))
      var outcome = CaseOutcome()
      outcome.require(
        p0 == (0..<d).map { $0 % 2 == 0 ? 0 : 1 }, "p_0 = (0, 1, 0, 1, ...)",
        note: "p_0 = \(p0)")
      let norm = pk.reduce(0) { $0 + $1 * $1 }
      outcome.bound(
        "|p_k|^2 vs d/2, per d/2", error: abs(norm - Double(d / 2)) / Double(d / 2),
        tolerance: tolerance)
      var worst = 0.0
      for i in 0..<d / 2 {
        let (s, c) = (pm[2 * i], pm[2 * i + 1])
        // (sin (k+m)w, cos (k+m)w) = [[c, s], [-s, c]] (sin kw, cos kw)
        let sine = c * pk[2 * i] + s * pk[2 * i + 1]
        let cosine = -s * pk[2 * i] + c * pk[2 * i + 1]
        worst = max(worst, abs(sine - pkm[2 * i]), abs(cosine - pkm[2 * i + 1]))
      }
      outcome.bound("p_(k+m) vs M(m omega) p_k, largest entry", error: worst, tolerance: tolerance)
      let dot = zip(pk, pkm).reduce(0) { $0 + $1.0 * $1.1 }
      let cosines = stride(from: 1, to: d, by: 2).reduce(0) { $0 + pm[$1] }
      outcome.bound(
        "p_k . p_(k+m) vs sum_i cos(m omega_i), per d/2",
        error: abs(dot - cosines) / Double(d / 2), tolerance: tolerance)
      outcome.context = ["k = \(k), m = \(m)"]
      return outcome
    }
  }

  static let floater = Check(
    name: "sinusoidal.floater", kind: .property,
    summary: "Each sinusoidal pair solves FLOATER's linear ODE dp/dt = omega [[0, 1], [-1, 0]] p "
      + "from p_0 = (0, 1): GSL's Runge-Kutta-Prince-Dormand solver, run to t = k, against the "
      + "kernel's p_k.",
    parameters: [S.dimension, S.base, positions, PropertySupport.cases], oracles: .gsl
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [try claim[positions]] }) { tolerance, values in
      let (d, b) = (try claim[S.dimension], try claim[S.base])
      let k = values[positions]
      let pk = try SinusoidalEncoding.encoding(position: k, dimension: d, base: b)
      let omega: [Double] = try SinusoidalEncoding.frequencies(dimension: d, base: b)
      var outcome = CaseOutcome()
      var worst = 0.0
      for (i, w) in omega.enumerated() {
        let solved = try GSL.solveLinearSystem(
          [[0, w], [-w, 0]], initial: [0, 1], from: 0, to: k)
        worst = max(worst, abs(solved[0] - pk[2 * i]), abs(solved[1] - pk[2 * i + 1]))
      }
      outcome.bound(
        "kernel p_k vs GSL's ODE solution, largest entry", error: worst, tolerance: tolerance)
      outcome.context = ["k = \(k)"]
      return outcome
    }
  }
}
