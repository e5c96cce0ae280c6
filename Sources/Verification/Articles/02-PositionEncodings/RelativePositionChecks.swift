import Referee
import ReferenceNumerics
import SpecEngine

/// Checks of relative position schemes: T5 and DeBERTa buckets, Shaw's clipping.
enum RelativePositionChecks {
  static let all: [Check] = [t5, t5Agreement, deberta, shaw]

  /// T5's direction.
  enum Direction: String, ParameterChoice {
    case bidirectional
    case unidirectional
  }

  /// How a table writes the distance.
  enum Sign: String, ParameterChoice {
    /// `j - i`, memory minus query, as T5's code takes it.
    case keyMinusQuery = "key-minus-query"
    /// `i - j`, as the article's table and DeBERTa write it.
    case queryMinusKey = "query-minus-key"
  }

  static let direction = CheckParameter<Direction>.choice(
    "direction", default: .bidirectional, help: "bidirectional (encoder) or unidirectional")
  static let buckets = CheckParameter.integer(
    "buckets", in: 2...100_000, default: 32, help: "num_buckets")
  static let maxDistance = CheckParameter.integer(
    "max-distance", in: 1...100_000_000, default: 128, help: "max_distance")
  static let sign = CheckParameter<Sign>.choice(
    "sign", default: .keyMinusQuery, help: "how the table's distance column is written")
  static let distance = CheckParameter.integer(
    "distance", in: -1_000_000_000...1_000_000_000, help: "the relative distance")
  static let distances = CheckParameter.range(
    "distance", within: -1e9...1e9, help: "the range relative positions are drawn from")
  static let precision = CheckParameter.precision(
    help: "the type the log is taken in (float: as HF takes it)")

  static func bucket(_ claim: Claim, _ rp: Int, _ p: Precision) throws -> Int {
    let bi = try claim[direction] == .bidirectional
    let (b, m) = (try claim[buckets], try claim[maxDistance])
    return p == .double
      ? try RelativePosition.t5Bucket(rp, bidirectional: bi, buckets: b, maxDistance: m)
      : try RelativePosition.t5Bucket(
        rp, bidirectional: bi, buckets: b, maxDistance: m, in: Float.self)
  }

  static func refereeBucket(_ claim: Claim, _ rp: Int) throws -> Int {
    try Referee.t5Bucket(
      rp, bidirectional: try claim[direction] == .bidirectional, buckets: try claim[buckets],
      maxDistance: try claim[maxDistance])
  }

  static let t5 = Check(
    name: "t5.bucket", kind: .table,
    summary: "T5's relative position bucket (num_buckets, max_distance, both directions), with "
      + "the log in the claim's precision, against the referee's bucket with the log at 256 bits.",
    parameters: [
      direction, buckets, maxDistance, sign, distance, precision,
      ParameterSchema.expected("the stated bucket"),
    ],
    oracles: .referee
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let given = try row[distance]
      let rp = try claim[sign] == .keyMinusQuery ? given : -given
      let kernel = try bucket(claim, rp, try claim[precision])
      return try Oracles.referee.rowValue(
        kernel: Double(kernel), tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in Double(try refereeBucket(claim, rp)) }
    }
  }

  static let t5Agreement = Check(
    name: "t5.bucket-agreement", kind: .property,
    summary: "Over drawn relative positions, T5's bucket with the log in Float (as HF) and in "
      + "Double both equal the referee's.",
    parameters: [direction, buckets, maxDistance, distances, PropertySupport.cases],
    oracles: .referee
  ) { claim, replay in
    PropertySupport.run(
      claim, replay, inputs: { [try claim[distances].roundedToWholeNumbers()] }
    ) { tolerance, values in
      let rp = Int(values[distances])
      let oracle = Double(try refereeBucket(claim, rp))
      var outcome = CaseOutcome()
      outcome.compare(
        "bucket, log in Float, vs referee", Double(try bucket(claim, rp, .float)),
        against: oracle, within: tolerance)
      outcome.compare(
        "bucket, log in Double, vs referee", Double(try bucket(claim, rp, .double)),
        against: oracle, within: tolerance)
      outcome.context = ["relative position \(rp)"]
      return outcome
    }
  }

  static let bucketSize = CheckParameter.integer(
    "bucket-size", in: 4...1_000_000, default: 256, help: "DeBERTa's position_buckets")
  static let maxPosition = CheckParameter.integer(
    "max-position", in: 4...100_000_000, default: 512, help: "max_relative_positions")

  static let deberta = Check(
    name: "deberta.bucket", kind: .table,
    summary: "DeBERTa's log bucket of a relative position query - key (make_log_bucket_position), "
      + "log in Float as HF, against the referee.",
    parameters: [
      bucketSize, maxPosition, distance, ParameterSchema.expected("the stated bucket"),
    ],
    oracles: .referee
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let rel = try row[distance]
      let (b, m) = (try claim[bucketSize], try claim[maxPosition])
      let kernel = try RelativePosition.debertaLogBucket(
        rel, bucketSize: b, maxPosition: m, in: Float.self)
      return try Oracles.referee.rowValue(
        kernel: Double(kernel), tolerance: claim.requiredTolerance(), claim: claim
      ) { _ in Double(try Referee.debertaLogBucket(rel, bucketSize: b, maxPosition: m)) }
    }
  }

  static let lengths = CheckParameter.range(
    "length", within: 1...4096, wholeNumbers: true, help: "the range of sequence lengths")
  static let clip = CheckParameter.range(
    "maximum", within: 0...4096, wholeNumbers: true, help: "the range of the clip k")

  static let shaw = Check(
    name: "shaw.indices", kind: .property,
    summary: "tensor2tensor's index matrix clip(j - i, -k, k) + k: every entry depends on j - i "
      + "only, lies in 0 ... 2k, and exactly min(2k + 1, 2L - 1) distinct vectors are used.",
    parameters: [lengths, clip, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    PropertySupport.run(claim, replay, inputs: { [try claim[lengths], try claim[clip]] }) {
      _, values in
      let (l, k) = (Int(values[lengths]), Int(values[clip]))
      let index = try RelativePosition.shawIndices(length: l, maximum: k)
      var outcome = CaseOutcome()
      var shiftInvariant = true
      for i in 0..<l - 1 {
        for j in 0..<l - 1 where index[i][j] != index[i + 1][j + 1] { shiftInvariant = false }
      }
      outcome.require(
        shiftInvariant, "index(i, j) = index(i + 1, j + 1)", note: "an entry depends on i")
      let flat = index.flatMap { $0 }
      outcome.require(
        flat.allSatisfy { (0...2 * k).contains($0) }, "indices in 0 ... 2k",
        note: "an index outside 0 ... \(2 * k)")
      let distinct = Set(flat).count
      outcome.require(
        distinct == min(2 * k + 1, 2 * l - 1), "min(2k + 1, 2L - 1) distinct indices",
        note: "\(distinct) distinct indices for L = \(l), k = \(k)")
      outcome.require(
        index[0].last == (l - 1 >= k ? 2 * k : l - 1 + k),
        "the last key of row 0 is clipped to 2k", note: "row 0 is \(index[0])")
      outcome.context = ["L = \(l), k = \(k)"]
      return outcome
    }
  }
}
