// SPDX-License-Identifier: GPL-3.0-or-later

import ReferenceNumerics

/// One bilinear LegS step, in O(N) (prefix sums and Su's recurrence) and in its dense form.
enum HiPPOCases {
  /// The state sizes of the issue: 64, 256, 1024 and 4096.
  static let sizes = [64, 256, 1024, 4096]

  /// The step at t = 10 (lambda = 0.1) from a fixed state, for each size.
  ///
  /// The dense form does the same arithmetic with the N x N matrix: the product `A x` by rows,
  /// then forward substitution with the lower-triangular `I - lambda A / 2`, O(N^2) each; no
  /// factorisation is timed, so the ratio dense / fast is the cost of ignoring the structure.
  static func legSStep() throws -> [Case] {
    var cases: [Case] = []
    for n in sizes {
      let group = "LegS bilinear step, N = \(n)"
      let system = try HiPPO.system(.legS, size: n, as: Double.self)
      let a = system.transition.elements
      let b = system.input
      let x = (0..<n).map { 1 / (1 + Double($0) * 0.37) }
      let lambda = 0.1
      cases.append(
        Case(group: group, implementation: "O(N): prefix sums and recurrence", calls: 1) {
          let next = (try? HiPPO.legSStep(x, sample: 0.5, time: 10, step: 1, scheme: .bilinear))
          return next?.reduce(0, +) ?? .nan
        })
      cases.append(
        Case(group: group, implementation: "dense: A x by rows, triangular solve", calls: 1) {
          var v = [Double](repeating: 0, count: n)
          for i in 0..<n {
            var sum = 0.0
            for k in 0...i { sum += a[i * n + k] * x[k] }
            v[i] = x[i] + lambda / 2 * sum + lambda * b[i] * 0.5
          }
          var z = [Double](repeating: 0, count: n)
          for i in 0..<n {
            var sum = v[i]
            for k in 0..<i { sum += lambda / 2 * a[i * n + k] * z[k] }
            z[i] = sum / (1 - lambda / 2 * a[i * n + i])
          }
          return z.reduce(0, +)
        })
    }
    return cases
  }
}
