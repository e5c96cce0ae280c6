// SPDX-License-Identifier: GPL-3.0-or-later

import Benchmark

/// The Markdown table of nanoseconds per call.
enum Report {
  /// One row per case that ran: its group, implementation, the median, minimum and 90th
  /// percentile of the time per call over the measured iterations, and their number.
  ///
  /// Percentiles rather than a standard deviation: one iteration preempted on a shared machine
  /// inflates the deviation tenfold but leaves the percentiles alone.
  ///
  /// The last column is the ratio of the median to the median of the group's
  /// "GSL C call, direct" row (GSL's own cost, without the `GSLOracle` wrapper), blank where
  /// the group has no such row. The engine's throughput cases are left to ``throughput``.
  static func markdown(cases: [Case], results: [BenchmarkResult]) -> String {
    let rows = self.rows(cases: cases, results: results).filter { $0.group != EngineCases.group }
    var direct: [String: Double] = [:]
    for row in rows where row.implementation == "GSL C call, direct" {
      direct[row.group] = row.median
    }
    var lines = [
      "| kernel | implementation | ns per call (median) | min | 90th percentile | iterations "
        + "| / GSL direct |",
      "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows {
      let ratio = direct[row.group].map { formatRatio(row.median / $0) } ?? ""
      let cells = [
        row.group, row.implementation, format(row.median), format(row.minimum),
        format(row.percentile90), String(row.iterations), ratio,
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// The engine's throughput: one row per spec, the median time of a whole claim and the cases
  /// per second it makes (its `cases` over that time).
  static func throughput(cases: [Case], results: [BenchmarkResult]) -> String {
    let rows = self.rows(cases: cases, results: results).filter { $0.group == EngineCases.group }
    var lines = [
      "| engine: one property claim per spec | cases | ms per claim (median) | cases per second |",
      "| --- | ---: | ---: | ---: |",
    ]
    for row in rows {
      let perClaim = row.median * Double(row.calls)
      let cells = [
        row.implementation, String(row.calls), formatRatio(perClaim / 1e6),
        String(Int((1e9 / row.median).rounded())),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// One measured case: its names and its time per call.
  struct Row {
    var group: String
    var implementation: String
    var calls: Int
    var median: Double
    var minimum: Double
    var percentile90: Double
    var iterations: Int
  }

  /// The rows of every case that ran, in run order.
  static func rows(cases: [Case], results: [BenchmarkResult]) -> [Row] {
    let calls = Dictionary(cases.map { ($0.name, $0.calls) }, uniquingKeysWith: { a, _ in a })
    var rows: [Row] = []
    for result in results {
      guard let perIteration = calls[result.benchmarkName], !result.measurements.isEmpty else {
        continue
      }
      let perCall = result.measurements.map { $0 / Double(perIteration) }.sorted()
      let parts = result.benchmarkName.split(separator: " | ", maxSplits: 1)
      rows.append(
        Row(
          group: parts.first.map(String.init) ?? result.benchmarkName,
          implementation: parts.count > 1 ? String(parts[1]) : "", calls: perIteration,
          median: median(perCall), minimum: perCall[0],
          percentile90: perCall[(perCall.count - 1) * 9 / 10],
          iterations: result.measurements.count))
    }
    return rows
  }

  /// A ratio with three significant digits (two decimals below 10).
  static func formatRatio(_ value: Double) -> String {
    if value >= 100 { return String(Int(value.rounded())) }
    if value >= 10 { return String((value * 10).rounded() / 10) }
    return String((value * 100).rounded() / 100)
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
