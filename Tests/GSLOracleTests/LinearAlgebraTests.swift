import GSLOracle
import Testing

/// Returns the product of two matrices given as rows.
private func product(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
  a.map { row in
    (0..<b[0].count).map { j in row.indices.reduce(0) { $0 + row[$1] * b[$1][j] } }
  }
}

/// Returns the transpose of a matrix given as rows.
private func transpose(_ a: [[Double]]) -> [[Double]] {
  (0..<a[0].count).map { j in a.map { $0[j] } }
}

/// Returns the largest absolute entrywise difference of two matrices of the same shape.
private func maxDifference(_ a: [[Double]], _ b: [[Double]]) -> Double {
  zip(a, b).map { zip($0, $1).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
}

/// Small, well-conditioned examples: a tolerance of a few hundred ulps of the entries (which
/// are at most about 10) covers the O(n * u * ||A||) backward errors of every factorization.
private let factorTolerance = 1e-13

@Suite("GSL linear algebra")
struct GSLLinearAlgebraTests {
  let a: [[Double]] = [[2, 1, 1], [4, -6, 0], [-2, 7, 2]]
  let spd: [[Double]] = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]]

  @Test("LU factors reconstruct A with row i of L U equal to row permutation[i] of A")
  func luReconstructs() throws {
    // Pivoting here is the 3-cycle [2, 0, 1], which differs from its inverse.
    let cyclic: [[Double]] = [[1, 2, 3], [2, 1, 1], [4, 1, 0]]
    let (lower, upper, permutation, sign) = try GSL.luDecomposition(cyclic)
    let permuted = permutation.map { cyclic[$0] }
    #expect(maxDifference(product(lower, upper), permuted) <= factorTolerance)
    #expect(permutation == [2, 0, 1])
    #expect(sign == 1)
    for i in 0..<3 {
      #expect(lower[i][i] == 1)
      for j in (i + 1)..<3 { #expect(lower[i][j] == 0 && upper[j][i] == 0) }
    }
  }

  @Test("LU determinant and solve")
  func luDeterminantAndSolve() throws {
    // det = 2 * (-12 - 0) - 1 * (8 - 0) + 1 * (28 - 12) = -16
    #expect(abs(try GSL.luDeterminant(a) + 16) <= factorTolerance)
    let x = try GSL.luSolve(a, [5, -2, 9])
    #expect(maxDifference([x], [[1, 1, 2]]) <= factorTolerance)
    #expect(throws: GSLError.domain) { try GSL.luSolve([[1, 2], [2, 4]], [1, 1]) }
  }

  @Test("Cholesky factor reconstructs A and rejects indefinite matrices")
  func cholesky() throws {
    let l = try GSL.cholesky(spd)
    #expect(maxDifference(product(l, transpose(l)), spd) <= factorTolerance)
    #expect(l[0][1] == 0 && l[0][2] == 0 && l[1][2] == 0)
    #expect(throws: GSLError.domain) { try GSL.cholesky([[1, 2], [2, 1]]) }
  }

  @Test("Symmetric eigensystem is sorted ascending and diagonalizes A")
  func symmetricEigen() throws {
    let (values, vectors) = try GSL.symmetricEigen(spd)
    #expect(values == values.sorted())
    let diagonal = (0..<3).map { i in (0..<3).map { j in i == j ? values[i] : 0 } }
    let rebuilt = product(product(vectors, diagonal), transpose(vectors))
    #expect(maxDifference(rebuilt, spd) <= factorTolerance)
  }

  @Test("Jacobi SVD of tall and wide matrices", arguments: [false, true])
  func singularValues(wide: Bool) throws {
    let tall: [[Double]] = [[1, 2], [3, 4], [5, 6.5]]
    let matrix = wide ? transpose(tall) : tall
    let (u, sigma, v) = try GSL.singularValueDecompositionJacobi(matrix)
    #expect(sigma == sigma.sorted(by: >))
    #expect(u.count == matrix.count && u[0].count == 2)
    #expect(v.count == matrix[0].count && v[0].count == 2)
    let diagonal = [[sigma[0], 0], [0, sigma[1]]]
    let rebuilt = product(product(u, diagonal), transpose(v))
    #expect(maxDifference(rebuilt, matrix) <= factorTolerance)
    #expect(maxDifference(product(transpose(u), u), [[1, 0], [0, 1]]) <= factorTolerance)
  }

  @Test(
    "Bad matrices are refused before GSL sees them",
    arguments: [[], [[]], [[1, 2], [3]], [[1, .nan], [0, 1]], [[1, 2, 3], [4, 5, 6]]]
      as [[[Double]]])
  func rejectsBadMatrices(matrix: [[Double]]) {
    #expect(throws: GSLError.domain) { try GSL.luDecomposition(matrix) }
    #expect(throws: GSLError.domain) { try GSL.cholesky(matrix) }
    #expect(throws: GSLError.domain) { try GSL.symmetricEigen(matrix) }
  }

  @Test("Non-symmetric input and mismatched right-hand sides are refused")
  func rejectsNonSymmetric() {
    #expect(throws: GSLError.domain) { try GSL.symmetricEigen([[1, 2], [3, 4]]) }
    #expect(throws: GSLError.domain) { try GSL.cholesky([[1, 2], [3, 4]]) }
    #expect(throws: GSLError.domain) { try GSL.luSolve([[1, 2], [3, 4]], [1]) }
    #expect(throws: GSLError.domain) {
      try GSL.singularValueDecompositionJacobi([[1, .infinity]])
    }
  }
}
