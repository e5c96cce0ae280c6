// SPDX-License-Identifier: GPL-3.0-or-later

import Benchmark

/// One benchmark: a kernel evaluated once at every point of a fixed grid.
///
/// An iteration of the benchmark runs `body` once, so its time covers `calls` kernel calls;
/// the report divides by `calls` to give nanoseconds per call. `body` returns the sum of the
/// results, which the caller adds to a ``Sink`` so that the optimiser cannot drop the calls.
struct Case {
  /// The group in the report, such as "Poisson pmf, mean 1e3".
  let group: String
  /// The implementation within the group, such as "ReferenceNumerics, Double".
  let implementation: String
  /// The number of kernel calls one run of `body` makes.
  let calls: Int
  /// swift-benchmark settings of this case alone (the engine's cases run a whole claim per
  /// iteration, so they warm up once and stop after a few iterations).
  var settings: [any BenchmarkSetting] = []
  /// Evaluates the kernel over the grid and returns the sum of the results.
  let body: () -> Double

  /// The name given to swift-benchmark, unique among the cases.
  var name: String { "\(group) | \(implementation)" }
}

/// Where every result ends up, printed once at the end so that no call is dead code.
final class Sink {
  /// The running sum of every result; NaN if any kernel returned NaN or threw.
  var total = 0.0
}
