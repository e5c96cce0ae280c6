// SPDX-License-Identifier: GPL-3.0-or-later

import GSLOracle
import ReferenceNumerics
import Testing

/// Eigenvalue differences from GSL in units of `n * eps * ||A||_F`: both solvers are backward
/// stable, so each eigenvalue is within `c * n * u * ||A||_2` of the exact one (Weyl), for GSL's
/// QR and for Jacobi alike (Golub & Van Loan, sections 8.3.6 and 8.5.4).
private let eigenvalueBound = 2.0

/// `||A V - V Lambda||_F / ||A||_F` in units of `n * eps`: the residual of a backward stable
/// decomposition, plus the `Double` residual's own rounding.
private let eigenResidualBound = 2.0

/// The bound on `||V^T V - I||_F`, in units of `sweeps * n * eps`.
///
/// Each column of `V` is touched by `n - 1` rotations per sweep, each perturbing it by a few
/// ulps (Golub & Van Loan, section 5.1.10), so the loss of orthogonality grows with
/// `sweeps * n`. The rigorous worst case is a few times `sqrt(n)` in these units; rounding
/// errors accumulate like a random walk in practice, and 1 is an observed, not a proven,
/// bound (the worst seen is about 0.5).
private let orthogonalityBound = 1.0

@Suite("Symmetric eigendecomposition (cyclic Jacobi)")
struct SymmetricEigendecompositionTests {
  @Test(
    "Eigenvalues agree with gsl_eigen_symmv; residual and orthogonality are small",
    arguments: [Float.self, Double.self] as [any ReferenceScalar.Type])
  func matchesGSL(type: any ReferenceScalar.Type) throws {
    try check(type)
  }

  func check<T: ReferenceScalar>(_: T.Type) throws {
    let eps = Double(T.ulpOfOne)
    var values = WorstMeasure()
    var residual = WorstMeasure()
    var orthogonality = WorstMeasure()
    var sweeps = 0
    for test in TestMatrices.symmetric {
      let a = try test.matrix(T.self)
      let exact = test.seenBy(T.self)
      let n = test.rows
      let scale = Double(n) * eps
      let norm = Dense.frobenius(exact)
      let eigen = try SymmetricEigendecomposition(a)
      sweeps = max(sweeps, eigen.sweeps)
      #expect(eigen.eigenvalues == eigen.eigenvalues.sorted(), "\(test)")
      let lambda = eigen.eigenvalues.map { Double($0) }
      let vectors = eigen.eigenvectors.doubleRows
      let oracle = try GSL.symmetricEigen(exact)
      let difference = zip(lambda, oracle.eigenvalues).map { abs($0 - $1) }.max() ?? 0
      values.record(norm == 0 ? difference : difference / (scale * norm), "\(test)")
      let av = Dense.product(exact, vectors)
      let vl = Dense.product(vectors, Dense.diagonal(lambda))
      let r = Dense.frobenius(Dense.difference(av, vl))
      residual.record(norm == 0 ? r : r / (scale * norm), "\(test)")
      let rotations = Double(max(eigen.sweeps, 1))
      orthogonality.record(
        Dense.orthogonalityError(vectors, columns: n) / (rotations * scale), "\(test)")
    }
    print("Eigen<\(T.self)> |lambda - lambda_GSL| in n eps ||A||:", values)
    print("Eigen<\(T.self)> ||A V - V Lambda|| in n eps ||A||:", residual)
    print("Eigen<\(T.self)> ||V^T V - I|| in sweeps n eps:", orthogonality)
    print("Eigen<\(T.self)> most sweeps:", sweeps)
    #expect(values.value <= eigenvalueBound, "\(values)")
    #expect(residual.value <= eigenResidualBound, "\(residual)")
    #expect(orthogonality.value <= orthogonalityBound, "\(orthogonality)")
    #expect(sweeps < SymmetricEigendecomposition<T>.maximumSweeps)
  }

  @Test("A 2x2 example, a diagonal matrix and a zero matrix")
  func smallExamples() throws {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    let eigen = try SymmetricEigendecomposition(try Matrix<Double>([[2, 1], [1, 2]]))
    #expect(abs(eigen.eigenvalues[0] - 1) <= 4 * Double.ulpOfOne)
    #expect(abs(eigen.eigenvalues[1] - 3) <= 4 * Double.ulpOfOne)
    let diagonal = try SymmetricEigendecomposition(try Matrix<Float>.diagonal([3, -1, 2]))
    #expect(diagonal.eigenvalues == [-1, 2, 3])
    #expect(diagonal.sweeps == 1)
    let zero = try SymmetricEigendecomposition(Matrix<Double>.zeros(rows: 3, columns: 3))
    #expect(zero.eigenvalues == [0, 0, 0])
    #expect(zero.eigenvectors == Matrix.identity(3))
    let empty = try SymmetricEigendecomposition(Matrix<Double>.identity(0))
    #expect(empty.eigenvalues.isEmpty)
  }

  @Test("Non-square and non-symmetric matrices are refused")
  func refusals() throws {
    #expect(throws: Matrix<Double>.Error.notSymmetric) {
      try SymmetricEigendecomposition(try Matrix<Double>([[1, 2], [2.5, 1]]))
    }
    #expect(throws: Matrix<Double>.Error.notSquare(rows: 2, columns: 1)) {
      try SymmetricEigendecomposition(try Matrix<Double>([[1], [2]]))
    }
  }
}
