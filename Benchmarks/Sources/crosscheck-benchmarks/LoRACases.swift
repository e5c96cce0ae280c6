// SPDX-License-Identifier: GPL-3.0-or-later

import ReferenceNumerics

/// The article-6 benchmarks: NF4 quantise and dequantise of 2^24 values, and a LoRA merge of a
/// 4096 x 4096 weight at r = 16. `Benchmarks/numpy/lora_nf4.py` times numpy on the same data.
enum LoRACases {
  /// 2^24 float32 values in [-1, 1): x_i = ((i * 2654435761) mod 2^24) / 2^23 - 1, exact.
  static func nf4Values() -> [Float] {
    (0..<(1 << 24)).map { i in Float((i &* 2_654_435_761) & 0xFF_FFFF) / 0x1p23 - 1 }
  }

  /// A d x k matrix with entries ((i * k + j) * 40503 mod 65536) / 32768 - 1, times `scale`.
  static func matrix<T: ReferenceScalar>(_ d: Int, _ k: Int, scale: Double) throws -> Matrix<T> {
    let elements = (0..<(d * k)).map { n in
      T((Double((n &* 40503) & 0xFFFF) / 32768 - 1) * scale)
    }
    return try Matrix(rows: d, columns: k, elements: elements)
  }

  static func all() throws -> [Case] {
    let values = nf4Values()
    let quantized = try NormalFloat4.quantize(values)
    var cases = [
      Case(group: "NF4 quantise, 2^24 values, block 64", implementation: "ReferenceNumerics, Float",
        calls: values.count) {
        Double((try? NormalFloat4.quantize(values))?.codes.reduce(0) { $0 + Int($1) } ?? -1)
      },
      Case(
        group: "NF4 dequantise, 2^24 values, block 64", implementation: "ReferenceNumerics, Float",
        calls: values.count
      ) {
        Double(quantized.dequantized.reduce(Float(0), +))
      },
      Case(group: "NF4 pack, 2^24 codes", implementation: "ReferenceNumerics", calls: values.count) {
        Double(NormalFloat4.pack(quantized.codes).reduce(0) { $0 + Int($1) })
      },
    ]
    cases += try merge(Float.self, "Float")
    cases += try merge(Double.self, "Double")
    return cases
  }

  /// W + (alpha / r) B A for W 4096 x 4096, r = 16, alpha = 32; one call per weight entry.
  static func merge<T: ReferenceScalar>(_: T.Type, _ name: String) throws -> [Case] {
    let d = 4096
    let r = 16
    let adapter = try LowRankAdapter<T>(
      weight: matrix(d, d, scale: 1), down: matrix(r, d, scale: 1 / 64), up: matrix(d, r, scale: 1),
      alpha: 32)
    return [
      Case(
        group: "LoRA merge, 4096 x 4096, r = 16", implementation: "ReferenceNumerics, \(name)",
        calls: d * d
      ) {
        Double((try? adapter.merged())?.elements.first ?? .nan)
      }
    ]
  }
}
