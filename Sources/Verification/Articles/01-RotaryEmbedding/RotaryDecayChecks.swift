import ComplexModule
import Referee
import ReferenceNumerics
import SpecEngine

/// The decay figure, the trend of the decay indicator, and the Abel summation of A1.4.
enum RotaryDecayChecks {
  static let all: [Check] = [figure, trend, abel]

  typealias S = RotarySupport

  static let distances = CheckParameter.range(
    "distance", within: -1e6...1e6, help: "the distances, as integer a ... b")

  static func integerDistances(_ claim: Claim) throws -> [Double] {
    let range = try claim[distances]
    let (low, high) = (range.lower.rounded(.up), range.upper.rounded(.down))
    guard high - low <= 100_000 else {
      throw VerificationError.invalidInput(
        name: "distance", value: "\(low) ... \(high)", reason: "at most 100001 distances",
        at: claim.location)
    }
    return stride(from: low, through: high, by: 1).map { $0 }
  }

  static let figure = Check(
    name: "rotary.decay-figure", kind: .figure,
    summary: "The decay indicator F(r) over a range of integer distances, each point against "
      + "the MPFR referee.",
    parameters: [S.dimension, S.base, distances], oracles: .referee
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let rs = try integerDistances(claim)
      let kernel = try rs.map { try RotaryTableChecks.indicator(claim, $0) }
      let (d, b) = (try claim[S.dimension], try claim[S.base])
      let oracle = try rs.map { try Referee.decayIndicator(distance: $0, dimension: d, base: b) }
      let figure = Figure(
        title: "RoPE long-range decay, d = \(d)", xLabel: "relative distance r",
        yLabel: "F(r)",
        series: [
          .init(name: "kernel", style: .line, x: rs, y: kernel),
          .init(name: "referee", style: .points, x: rs, y: oracle),
        ])
      return FigureSupport.result(
        claim, figure: figure, kernel: kernel, oracle: oracle, oracleName: "referee",
        tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }

  /// Which frequencies the indicator uses.
  enum Frequencies: String, ParameterChoice {
    /// RoPE's `base^(-2i/d)`.
    case sinusoidal
    /// The alternative `1 / (1 + i)` of A1.4.6.
    case reciprocal
  }

  /// Whether the windowed means fall strictly.
  enum Windows: String, ParameterChoice {
    case strictly
    case notStrictly = "not-strictly"
  }

  static let frequencies = CheckParameter<Frequencies>.choice(
    "frequencies", default: .sinusoidal, help: "the frequencies of the indicator")
  static let window = CheckParameter.integer(
    "window", in: 1...100_000, default: 32, help: "the width of the windows averaged")
  static let windows = CheckParameter<Windows>.choice(
    "windows-fall", default: .strictly,
    help: "strictly: every window's mean is below the one before; not-strictly: some window "
      + "rises, and the last mean is below half the first")
  static let rising = CheckParameter.integer(
    "rising-steps", in: -1...1_000_000, default: -1,
    help: "how many unit steps of F rise (-1: not checked)")

  static let trend = Check(
    name: "rotary.decay-trend", kind: .property,
    summary: "The trend of F(r) over the distances: the means over consecutive windows fall "
      + "(strictly, or overall), while F itself rises at the stated number of unit steps.",
    parameters: [
      S.dimension, S.base, distances, frequencies, window, windows, rising,
      PropertySupport.cases,
    ],
    oracles: .exact
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [] }) { _, _ in
      let d = try claim[S.dimension]
      let theta: [Double] =
        try claim[frequencies] == .sinusoidal
        ? try S.embedding(Double.self, claim, layout: .halfSplit).frequencies
        : (0..<d / 2).map { 1 / Double(1 + $0) }
      let values = try integerDistances(claim).map {
        RotaryDecay.indicator(distance: $0, frequencies: theta)
      }
      let means = RotaryDecay.windowedMeans(values, width: try claim[window])
      var outcome = CaseOutcome()
      let falls = zip(means, means.dropFirst()).filter { $0 > $1 }.count
      let shown = means.map { NumberFormatting.short($0, digits: 4) }.joined(separator: ", ")
      switch try claim[windows] {
      case .strictly:
        outcome.require(
          falls == means.count - 1, "every window's mean below the previous one",
          note: "windowed means \(shown)")
      case .notStrictly:
        outcome.require(
          falls < means.count - 1, "some window's mean rises",
          note: "every windowed mean falls: \(shown)")
        outcome.require(
          (means.last ?? 0) < (means.first ?? 0) / 2, "the last mean below half the first",
          note: "windowed means \(shown)")
      }
      let stated = try claim[rising]
      if stated >= 0 {
        let steps = zip(values, values.dropFirst()).filter { $1 > $0 }.count
        outcome.require(
          steps == stated, "F rises at \(stated) unit steps",
          note: "F rises at \(steps) unit steps, not \(stated)")
      }
      outcome.context = ["windowed means \(shown)"]
      return outcome
    }
  }

  static let abel = Check(
    name: "rotary.abel-summation", kind: .property,
    summary: "Summation by parts: sum h_i (S_(i+1) - S_i) = -sum S_(i+1) (h_(i+1) - h_i) for "
      + "h_i = q_i conj(k_i) of random q, k (error per sum |h_i|), and its modulus stays below "
      + "max |h_(i+1) - h_i| sum |S_j|.",
    parameters: [
      S.dimension, S.base, RotaryPropertyChecks.positionDraw(named: "distance"),
      PropertySupport.cases,
    ],
    oracles: .exact
  ) { claim, replay in
    S.property(
      claim, replay,
      draws: { [try claim[RotaryPropertyChecks.positionDraw(named: "distance")]] }
    ) { tolerance, values, g in
      let rope = try S.embedding(Double.self, claim, layout: .interleaved)
      let n = rope.rotaryDimension / 2
      let h = (0..<n).map { _ in
        Complex(2 * g.nextOpenUnitInterval() - 1, 2 * g.nextOpenUnitInterval() - 1)
          * Complex(2 * g.nextOpenUnitInterval() - 1, 2 * g.nextOpenUnitInterval() - 1).conjugate
      }
      let r = values["distance"]
      let sums = RotaryDecay.abelSummation(
        coefficients: h, distance: r, frequencies: rope.frequencies)
      var outcome = CaseOutcome()
      let scale = h.reduce(0) { $0 + $1.length }
      outcome.bound(
        "direct sum vs summed by parts, per sum |h_i|",
        error: (sums.direct - sums.summedByParts).length / scale, tolerance: tolerance)
      outcome.require(
        sums.direct.length <= sums.bound, "|sum| <= max |h_(i+1) - h_i| sum |S_j|",
        note: "|sum| = \(sums.direct.length) exceeds the bound \(sums.bound)")
      outcome.context = ["r = \(r)"]
      return outcome
    }
  }
}
