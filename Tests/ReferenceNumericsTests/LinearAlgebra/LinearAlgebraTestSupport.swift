// SPDX-License-Identifier: GPL-3.0-or-later

import GSLOracle
import RealModule
import ReferenceNumerics

/// Dense matrices as rows of `Double`, with the few operations the tests need to measure errors.
///
/// Residuals of `Float` results are computed here in `Double`, so they are exact to well below
/// a `Float` ulp; residuals of `Double` results carry this code's own rounding, of the same
/// order as the error measured, which the bounds allow for.
enum Dense {
  static func product(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    let inner = b.count
    let columns = b.first?.count ?? 0
    return a.map { row in
      (0..<columns).map { j in
        var sum = 0.0
        for k in 0..<inner { sum += row[k] * b[k][j] }
        return sum
      }
    }
  }

  static func transpose(_ a: [[Double]], columns: Int) -> [[Double]] {
    (0..<columns).map { j in a.map { $0[j] } }
  }

  static func difference(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    zip(a, b).map { zip($0, $1).map { $0 - $1 } }
  }

  static func frobenius(_ a: [[Double]]) -> Double {
    a.joined().reduce(0) { $0 + $1 * $1 }.squareRoot()
  }

  static func norm(_ x: [Double]) -> Double {
    x.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }

  static func absolute(_ a: [[Double]]) -> [[Double]] {
    a.map { $0.map(abs) }
  }

  static func identity(_ n: Int) -> [[Double]] {
    (0..<n).map { i in (0..<n).map { j in i == j ? 1 : 0 } }
  }

  static func diagonal(_ d: [Double]) -> [[Double]] {
    (0..<d.count).map { i in (0..<d.count).map { j in i == j ? d[i] : 0 } }
  }

  /// Returns `||Q^T * Q - I||_F` for a matrix with `columns` columns.
  static func orthogonalityError(_ q: [[Double]], columns: Int) -> Double {
    frobenius(difference(product(transpose(q, columns: columns), q), identity(columns)))
  }
}

extension Matrix {
  /// The entries as rows of `Double` (exact for `Float` and `Double`).
  var doubleRows: [[Double]] {
    (0..<rows).map { i in row(i).map { Double($0) } }
  }
}

/// A named test matrix, given in `Double` and rounded to the precision under test.
struct TestMatrix: CustomStringConvertible, Sendable {
  let name: String
  let entries: [[Double]]

  var description: String { name }
  var rows: Int { entries.count }
  var columns: Int { entries.first?.count ?? 0 }

  /// The matrix rounded to `T`.
  func matrix<T: ReferenceScalar>(_: T.Type) throws -> Matrix<T> {
    try Matrix<T>(
      rows: rows, columns: columns, elements: entries.joined().map { T($0) })
  }

  /// The matrix rounded to `T` and widened back, exactly what the kernel sees, for GSL.
  func seenBy<T: ReferenceScalar>(_: T.Type) -> [[Double]] {
    entries.map { $0.map { Double(T($0)) } }
  }
}

/// Seeded test matrices: random, graded, near-singular, indefinite, Hilbert and degenerate.
enum TestMatrices {
  static func uniform(_ rows: Int, _ columns: Int, seed: UInt64) -> [[Double]] {
    var generator = SeededGenerator(seed: seed)
    return (0..<rows).map { _ in
      (0..<columns).map { _ in 2 * generator.nextOpenUnitInterval() - 1 }
    }
  }

  static func random(_ rows: Int, _ columns: Int, seed: UInt64) -> TestMatrix {
    TestMatrix(name: "random \(rows)x\(columns)", entries: uniform(rows, columns, seed: seed))
  }

  /// Returns a random matrix whose rows are scaled geometrically from 1e-8 to 1e8.
  static func graded(_ rows: Int, _ columns: Int, seed: UInt64) -> TestMatrix {
    let base = uniform(rows, columns, seed: seed)
    let scaled = base.enumerated().map { i, row in
      let exponent = rows == 1 ? 0 : -8 + 16 * Double(i) / Double(rows - 1)
      let factor = Double.pow(10, exponent)
      return row.map { $0 * factor }
    }
    return TestMatrix(name: "graded \(rows)x\(columns)", entries: scaled)
  }

  /// A random matrix of rank `rank` plus a random perturbation of size 1e-12.
  static func nearSingular(_ n: Int, rank: Int, seed: UInt64) -> TestMatrix {
    let left = uniform(n, rank, seed: seed)
    let right = uniform(rank, n, seed: seed &+ 1)
    let noise = uniform(n, n, seed: seed &+ 2)
    let entries = zip(Dense.product(left, right), noise).map { zip($0, $1).map { $0 + 1e-12 * $1 } }
    return TestMatrix(name: "near-singular \(n)x\(n) rank \(rank)", entries: entries)
  }

  /// The symmetric part of a random matrix: symmetric and indefinite.
  static func symmetricIndefinite(_ n: Int, seed: UInt64) -> TestMatrix {
    let b = uniform(n, n, seed: seed)
    let entries = (0..<n).map { i in (0..<n).map { j in (b[i][j] + b[j][i]) / 2 } }
    return TestMatrix(name: "symmetric indefinite \(n)x\(n)", entries: entries)
  }

  /// `B^T * B / n + I / 10` for a random `B`: symmetric positive definite, cond about 10-40.
  static func positiveDefinite(_ n: Int, seed: UInt64) -> TestMatrix {
    let b = uniform(n, n, seed: seed)
    let gram = Dense.product(Dense.transpose(b, columns: n), b)
    let entries = (0..<n).map { i in
      (0..<n).map { j in gram[i][j] / Double(n) + (i == j ? 0.1 : 0) }
    }
    return TestMatrix(name: "positive definite \(n)x\(n)", entries: entries)
  }

  /// Returns `D * S * D`, `S` random positive definite and `D` diagonal from 1e-4 to 1e4.
  static func gradedPositiveDefinite(_ n: Int, seed: UInt64) -> TestMatrix {
    let s = positiveDefinite(n, seed: seed).entries
    let d = (0..<n).map { Double.pow(10, -4 + 8 * Double($0) / Double(max(n - 1, 1))) }
    let entries = (0..<n).map { i in (0..<n).map { j in (d[i] * d[j]) * s[i][j] } }
    return TestMatrix(name: "graded positive definite \(n)x\(n)", entries: entries)
  }

  /// The Hilbert matrix `H[i][j] = 1 / (i + j + 1)` (0-based), cond about `e^(3.5 n)`.
  static func hilbert(_ n: Int) -> TestMatrix {
    TestMatrix(
      name: "Hilbert \(n)",
      entries: (0..<n).map { i in (0..<n).map { j in 1 / Double(i + j + 1) } })
  }

  static func zero(_ rows: Int, _ columns: Int) -> TestMatrix {
    TestMatrix(
      name: "zero \(rows)x\(columns)",
      entries: Array(repeating: Array(repeating: 0, count: columns), count: rows))
  }

  /// Square matrices for LU: random, graded, near-singular, indefinite and Hilbert.
  static let square: [TestMatrix] =
    [1, 2, 5, 10, 16].map { random($0, $0, seed: UInt64($0)) }
    + [graded(8, 8, seed: 80), nearSingular(8, rank: 6, seed: 81)]
    + [symmetricIndefinite(9, seed: 90), positiveDefinite(12, seed: 120)]
    + (2...12).map(hilbert)

  /// Symmetric matrices for the eigensolver.
  static let symmetric: [TestMatrix] =
    [1, 2, 5, 10, 16].map { symmetricIndefinite($0, seed: 200 + UInt64($0)) }
    + [positiveDefinite(12, seed: 121), gradedPositiveDefinite(8, seed: 82)]
    + [symmetricNearSingular(8, rank: 5, seed: 83), zero(4, 4)]
    + [TestMatrix(name: "1x1 negative", entries: [[-3.5]])]
    + (2...12).map(hilbert)

  /// Symmetric positive definite matrices for Cholesky.
  static let positiveDefinite: [TestMatrix] =
    [1, 2, 5, 10, 16].map { positiveDefinite($0, seed: 300 + UInt64($0)) }
    + [gradedPositiveDefinite(8, seed: 84)] + (2...12).map(hilbert)

  /// Matrices of every shape for the SVD.
  static let rectangular: [TestMatrix] =
    [random(1, 1, seed: 400), random(6, 6, seed: 401), random(12, 5, seed: 402)]
    + [random(5, 12, seed: 403), random(1, 7, seed: 404), random(7, 1, seed: 405)]
    + [graded(8, 8, seed: 406), graded(10, 4, seed: 407), graded(4, 10, seed: 408)]
    + [nearSingular(8, rank: 5, seed: 409), symmetricIndefinite(7, seed: 410)]
    + [zero(4, 3), zero(3, 4)] + (2...12).map(hilbert)

  /// A symmetric matrix of rank `rank` (indefinite) plus a symmetric 1e-12 perturbation.
  static func symmetricNearSingular(_ n: Int, rank: Int, seed: UInt64) -> TestMatrix {
    let base = nearSingular(n, rank: rank, seed: seed).entries
    let entries = (0..<n).map { i in (0..<n).map { j in (base[i][j] + base[j][i]) / 2 } }
    return TestMatrix(
      name: "symmetric near-singular \(n)x\(n) rank <= \(2 * rank)", entries: entries)
  }

  /// The 2-norm condition number from GSL's singular values (infinity when singular).
  static func conditionNumber(_ entries: [[Double]]) throws -> Double {
    let sigma = try GSL.singularValueDecompositionJacobi(entries).singularValues
    guard let largest = sigma.first, let smallest = sigma.last, smallest > 0 else {
      return .infinity
    }
    return largest / smallest
  }
}

/// The worst value of an error measure, with the case that produced it, for reports and bounds.
struct WorstMeasure: CustomStringConvertible {
  var value = 0.0
  var label = "none"

  mutating func record(_ value: Double, _ label: @autoclosure () -> String) {
    if value > self.value || (value.isNaN && !self.value.isNaN) {
      self.value = value
      self.label = label()
    }
  }

  var description: String {
    "\((value * 1000).rounded() / 1000) at \(label)"
  }
}
