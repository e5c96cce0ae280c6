// SPDX-License-Identifier: GPL-3.0-or-later

import Benchmark

/// The Markdown table of nanoseconds per call.
enum Report {
  /// One row per case that ran: its group, implementation, the median, minimum and 90th
  /// percentile of the time per call over the measured iterations, and their number.
  ///
  /// Percentiles rather than a standard deviation: one iteration preempted on a shared machine
  /// inflates the deviation tenfold but leaves the percentiles alone.
  static func markdown(cases: [Case], results: [BenchmarkResult]) -> String {
    let calls = Dictionary(cases.map { ($0.name, $0.calls) }, uniquingKeysWith: { a, _ in a })
    var lines = [
      "| kernel | implementation | ns per call (median) | min | 90th percentile | iterations |",
      "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for result in results {
      guard let perIteration = calls[result.benchmarkName], !result.measurements.isEmpty else {
        continue
      }
      let perCall = result.measurements.map { $0 / Double(perIteration) }.sorted()
      let parts = result.benchmarkName.split(separator: " | ", maxSplits: 1)
      let group = parts.first.map(String.init) ?? result.benchmarkName
      let implementation = parts.count > 1 ? String(parts[1]) : ""
      let cells = [
        group, implementation, format(median(perCall)), format(perCall[0]),
        format(perCall[(perCall.count - 1) * 9 / 10]),
        String(result.measurements.count),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// The median of sorted, non-empty values.
  static func median(_ sorted: [Double]) -> Double {
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// A time with three significant digits at most and one decimal below 100.
  static func format(_ value: Double) -> String {
    if value >= 100 { return String(Int(value.rounded())) }
    let tenths = (value * 10).rounded() / 10
    return String(tenths)
  }
}
