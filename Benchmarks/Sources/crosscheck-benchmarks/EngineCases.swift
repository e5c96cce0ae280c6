// SPDX-License-Identifier: GPL-3.0-or-later

import Benchmark
import Foundation
import SpecEngine
import Verification

/// The engine's own throughput: one representative property claim of each spec, run through
/// `Verifier.standard` exactly as `crosscheck check` runs it (draws, kernel, oracles, verdict).
///
/// The representative is the first property claim of the spec, so the choice is mechanical and
/// moves only when the spec does. One iteration runs the whole claim; the report divides by its
/// `cases` parameter and prints cases per second.
enum EngineCases {
  /// The group every throughput case belongs to; `Report` gives it a table of its own.
  static let group = "Engine throughput"

  /// The folder of the main package's specs, found from this file's path.
  static let specs = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Specs")

  /// One case per spec with a property claim, in file order.
  static func all() throws -> [Case] {
    let verifier = Verifier.standard
    let files = try FileManager.default.contentsOfDirectory(atPath: specs.path)
      .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
    var cases: [Case] = []
    for file in files {
      let loaded = verifier.load(file: specs.appendingPathComponent(file).path, as: "Specs/\(file)")
      guard let spec = loaded.spec, !loaded.hasErrors,
        let claim = spec.claims.first(where: { $0.kind == .property }),
        case .number(let count)? = claim.parameter("cases")?.value
      else { continue }
      let article = String(file.prefix(2))
      cases.append(
        Case(
          group: group, implementation: "spec \(article): \(claim.id) (\(claim.check))",
          calls: Int(count.value),
          settings: [WarmupIterations(1), MaxIterations(20)]
        ) {
          verifier.run(claim).verdict == .passed ? 1 : .nan
        })
    }
    return cases
  }
}
