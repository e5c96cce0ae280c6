import Referee
import ReferenceNumerics
import SpecEngine

/// Table checks of article 1: frequencies (with long-context scaling), attention factors and
/// the decay indicator, each against the MPFR referee.
enum RotaryTableChecks {
  static let all: [Check] = [frequencies, attentionFactor, decay]

  typealias S = RotarySupport

  static let pair = CheckParameter.integer("pair", in: 0...100_000, help: "the pair index p")

  static func rotaryDimension(_ claim: Claim) throws -> Int {
    let d = try claim[S.dimension]
    return Int(Double(d) * (try claim[S.fraction]))
  }

  static let frequencies = Check(
    name: "rotary.frequencies", kind: .table,
    summary: "The frequency theta_p of pair p after the claim's scaling (none, linear, dynamic, "
      + "yarn, llama3), computed as HF computes inv_freq, against the MPFR referee.",
    parameters: S.shape + [pair, S.precision, ParameterSchema.expected("the stated theta_p")],
    oracles: .referee
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let p = try row[pair]
      let r = try rotaryDimension(claim)
      guard p < r / 2 else {
        throw VerificationError.invalidInput(
          name: "pair", value: "\(p)", reason: "the rotary dimension \(r) has \(r / 2) pairs",
          at: row.row.location)
      }
      let kernel: Double =
        try claim[S.precision] == .double
        ? try S.embedding(Double.self, claim, layout: .halfSplit).frequencies[p]
        : Double(try S.embedding(Float.self, claim, layout: .halfSplit).frequencies[p])
      return try Oracles.referee.rowValue(
        kernel: kernel, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in try S.refereeFrequencies(claim, rotaryDimension: r).frequencies[p] }
    }
  }

  static let attentionFactor = Check(
    name: "rotary.attention-factor", kind: .table,
    summary: "The attention factor that multiplies cos and sin (YaRN: 0.1 ln s + 1), for the "
      + "factor of each row, against the MPFR referee.",
    parameters: S.shape + [ParameterSchema.expected("the stated attention factor")],
    oracles: .referee
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let s = try row[S.factor]
      let rope = try RotaryEmbedding<Double>(
        dimension: try claim[S.dimension], base: try claim[S.base],
        scaling: .yarn(factor: s, originalMaximum: try claim[S.originalMaximum]))
      return try Oracles.referee.rowValue(
        kernel: rope.attentionFactor, tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in
        try Referee.yarnFrequencies(
          rotaryDimension: rope.rotaryDimension, base: try claim[S.base], factor: s,
          originalMaximum: try claim[S.originalMaximum]
        ).attentionFactor
      }
    }
  }

  static let distance = CheckParameter.number(
    "distance", within: -1e9...1e9, help: "the relative distance r = m - n")

  /// The kernel's indicator F(r), with the kernel's own frequencies.
  static func indicator(_ claim: Claim, _ r: Double) throws -> Double {
    let rope = try S.embedding(Double.self, claim, layout: .halfSplit)
    return RotaryDecay.indicator(distance: r, frequencies: rope.frequencies)
  }

  static let decay = Check(
    name: "rotary.decay", kind: .table,
    summary: "The long-range decay indicator F(r) = (1/(d/2)) sum_j |S_j| at each distance, "
      + "against the MPFR referee.",
    parameters: [S.dimension, S.base, distance, ParameterSchema.expected("the stated F(r)")],
    oracles: .referee
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let r = try row[distance]
      return try Oracles.referee.rowValue(
        kernel: try indicator(claim, r), tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in
        try Referee.decayIndicator(
          distance: r, dimension: try claim[S.dimension], base: try claim[S.base])
      }
    }
  }
}
