// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// Relative position schemes: Shaw's clipped distances, T5's log buckets and DeBERTa's.
///
/// Sign conventions (0-based query `i`, key `j`): Shaw and T5 take `key - query` (`j - i`),
/// DeBERTa takes `query - key` (`i - j`), as their code does.
public enum RelativePosition {
  /// Describes bad bucket parameters.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// T5's bucket count or maximum distance leaves no exact or no log buckets.
    case invalidT5Buckets(buckets: Int, maxDistance: Int, bidirectional: Bool)
    /// DeBERTa's bucket size or maximum position is too small.
    case invalidDeBERTaBuckets(bucketSize: Int, maxPosition: Int)
    /// Shaw's clipping bounds are reversed.
    case invalidClip(lower: Int, upper: Int)

    public var description: String {
      switch self {
      case .invalidT5Buckets(let b, let m, let bi):
        "T5 buckets need at least \(bi ? 4 : 2) buckets and a maximum distance above the exact "
          + "range; got \(b) buckets and maximum distance \(m)."
      case .invalidDeBERTaBuckets(let b, let m):
        "DeBERTa log buckets need a bucket size of at least 4 and a maximum position above half "
          + "of it plus one; got \(b) and \(m)."
      case .invalidClip(let l, let u): "A clip range needs lower <= upper; got \(l) and \(u)."
      }
    }
  }

  /// Returns Shaw et al.'s clipped distance `clip(distance, lower, upper)`.
  public static func clipped(_ distance: Int, lower: Int, upper: Int) throws(Error) -> Int {
    guard lower <= upper else { throw .invalidClip(lower: lower, upper: upper) }
    return min(max(distance, lower), upper)
  }

  /// Returns tensor2tensor's index matrix for Shaw's relative positions: row `i`, column `j`
  /// holds `clip(j - i, -k, k) + k`, an index into a table of `2k + 1` vectors.
  public static func shawIndices(length: Int, maximum k: Int) throws(Error) -> [[Int]] {
    guard k >= 0 else { throw .invalidClip(lower: -k, upper: k) }
    var rows: [[Int]] = []
    for i in 0..<max(length, 0) {
      var row: [Int] = []
      for j in 0..<length { row.append(try clipped(j - i, lower: -k, upper: k) + k) }
      rows.append(row)
    }
    return rows
  }

  /// Returns T5's bucket of a relative position `memory - query` (`j - i`).
  ///
  ///     n = -relativePosition
  ///     bidirectional:  nb = buckets / 2; offset nb when n < 0; n = |n|
  ///     unidirectional: nb = buckets;     n = max(n, 0)
  ///     exact = nb / 2
  ///     bucket = n                                        when n < exact
  ///            = min(nb - 1, exact + Int(ln(n / exact) / ln(maxDistance / exact) * (nb - exact)))
  ///
  /// The logarithm is taken in `Scalar` (HF takes it in float32, so `Float` reproduces HF), its
  /// denominator in `Double` rounded to `Scalar`, and `Int(...)` truncates. When `n < exact`
  /// (including `n = 0`, where the log would be -infinity) the log is never evaluated.
  ///
  /// - Throws: `RelativePosition.Error.invalidT5Buckets` when there is no log range.
  public static func t5Bucket<Scalar: ReferenceScalar>(
    _ relativePosition: Int, bidirectional: Bool = true, buckets: Int = 32,
    maxDistance: Int = 128, in _: Scalar.Type = Double.self
  ) throws(Error) -> Int {
    let perSide = bidirectional ? buckets / 2 : buckets
    let exact = perSide / 2
    guard exact >= 1, maxDistance > exact else {
      throw .invalidT5Buckets(
        buckets: buckets, maxDistance: maxDistance, bidirectional: bidirectional)
    }
    var n = relativePosition == Int.min ? Int.max : -relativePosition
    var bucket = 0
    if bidirectional {
      if n < 0 { bucket += perSide }
      n = abs(n)
    } else {
      n = max(n, 0)
    }
    if n < exact { return bucket + n }
    let ratio = Scalar.log(Scalar(n) / Scalar(exact))
    let scale = Scalar(Double.log(Double(maxDistance) / Double(exact)))
    let large = ratio / scale * Scalar(perSide - exact)
    let offset = large < Scalar(perSide) ? Int(large) : perSide
    return bucket + min(perSide - 1, exact + offset)
  }

  /// Returns DeBERTa's log bucket of a relative position `query - key` (`i - j`).
  ///
  /// This is `make_log_bucket_position`, with the log in `Scalar`:
  ///
  ///     mid = bucketSize / 2
  ///     bucket = rel                                            when |rel| <= mid
  ///            = sign(rel) * (mid + ceil(ln(|rel| / mid) / ln((maxPosition - 1) / mid) * (mid - 1)))
  ///
  /// - Throws: `RelativePosition.Error.invalidDeBERTaBuckets` for a bucket size below 4 or
  ///   `maxPosition - 1 <= mid`.
  public static func debertaLogBucket<Scalar: ReferenceScalar>(
    _ relativePosition: Int, bucketSize: Int = 256, maxPosition: Int = 512,
    in _: Scalar.Type = Double.self
  ) throws(Error) -> Int {
    let mid = bucketSize / 2
    guard mid >= 2, maxPosition - 1 > mid else {
      throw .invalidDeBERTaBuckets(bucketSize: bucketSize, maxPosition: maxPosition)
    }
    let magnitude = relativePosition.magnitude
    guard magnitude > UInt(mid) else { return relativePosition }
    let ratio = Scalar.log(Scalar(magnitude) / Scalar(mid))
    let scale = Scalar.log(Scalar(maxPosition - 1) / Scalar(mid))
    let steps = (ratio / scale * Scalar(mid - 1)).rounded(.up)
    let bucket = mid + (steps < Scalar(Int.max / 2) ? Int(steps) : Int.max / 2)
    return relativePosition < 0 ? -bucket : bucket
  }
}
