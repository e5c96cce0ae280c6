// SPDX-License-Identifier: GPL-3.0-or-later

/// The fixed inputs of the benchmarks: the same points on every run and every machine.
enum Grids {
  /// The Poisson means benchmarked: small, moderate, large and huge.
  static let poissonMeans: [(label: String, value: Double)] = [
    ("3", 3), ("1e3", 1e3), ("1e7", 1e7), ("1e12", 1e12),
  ]

  /// `count` counts spread evenly over `mean +- 6 * sqrt(mean)`, clamped at 0.
  ///
  /// This covers the bulk and both tails, where the kernels switch methods.
  static func poissonCounts(mean: Double, count: Int) -> [Int] {
    let spread = 6 * mean.squareRoot()
    return (0..<count).map { i in
      let z = -1 + 2 * Double(i) / Double(count - 1)
      return max(0, Int((mean + z * spread).rounded()))
    }
  }

  /// `count` times spread evenly over [0, 50] (in units of the mean, for rate 1).
  static func exponentialTimes(count: Int) -> [Double] {
    (0..<count).map { i in 50 * Double(i) / Double(count - 1) }
  }

  /// `count` success counts spread evenly over `n * p +- 6 * sqrt(n * p * (1 - p))`.
  static func binomialCounts(trials: Int, probability p: Double, count: Int) -> [Int] {
    let n = Double(trials)
    let mean = n * p
    let spread = 6 * (n * p * (1 - p)).squareRoot()
    return (0..<count).map { i in
      let z = -1 + 2 * Double(i) / Double(count - 1)
      return min(trials, max(0, Int((mean + z * spread).rounded())))
    }
  }
}
