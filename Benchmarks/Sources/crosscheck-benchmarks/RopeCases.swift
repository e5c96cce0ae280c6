// SPDX-License-Identifier: GPL-3.0-or-later

import ReferenceNumerics

/// The rotary embedding benchmark: a (positions x d) block rotated row by row, d = 128.
enum RopeCases {
  /// Rows per iteration: one per position 0 ..< 4096.
  static let calls = 4096
  /// The head dimension.
  static let dimension = 128

  /// Half-split RoPE (HF's layout) of 4096 rows of 128, row `m` at position `m`, in Float and
  /// Double; one call is one row.
  static func all() throws -> [Case] {
    let group = "RoPE, 4096 x 128 block, per row"
    var g = SeededGenerator(seed: 10)
    let rows = (0..<calls).map { _ in
      (0..<dimension).map { _ in 2 * g.nextOpenUnitInterval() - 1 }
    }
    let singleRows = rows.map { $0.map(Float.init) }
    let single = try RotaryEmbedding<Float>(dimension: dimension)
    let double = try RotaryEmbedding<Double>(dimension: dimension)
    return [
      Case(group: group, implementation: "ReferenceNumerics, Float", calls: calls) {
        var sum = 0.0
        for (m, x) in singleRows.enumerated() {
          sum += Double((try? single.rotate(x, at: Float(m)))?[0] ?? .nan)
        }
        return sum
      },
      Case(group: group, implementation: "ReferenceNumerics, Double", calls: calls) {
        var sum = 0.0
        for (m, x) in rows.enumerated() {
          sum += (try? double.rotate(x, at: Double(m)))?[0] ?? .nan
        }
        return sum
      },
    ]
  }
}
