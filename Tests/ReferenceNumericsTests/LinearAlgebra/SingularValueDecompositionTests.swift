// SPDX-License-Identifier: GPL-3.0-or-later

import GSLOracle
import ReferenceNumerics
import Testing

/// Singular value differences from GSL in units of `k * eps * sigma_max` (`k = min(m, n)`):
/// both one-sided Jacobi implementations are backward stable, so each singular value is within
/// `c * k * u * ||A||_2` of the exact one (Weyl's theorem for singular values).
private let singularValueBound = 2.0

/// `||A - U S V^T||_F / ||A||_F` in units of `k * eps`: backward stability, plus the `Double`
/// residual's own rounding.
private let svdResidualBound = 2.0

/// `||U^T U - I||_F` and `||V^T V - I||_F` in units of `sweeps * max(m, n) * eps`, for the
/// reason given for the eigenvectors (each column takes `k - 1` rotations per sweep), and
/// because normalizing a column of length `m` and measuring `U^T U` in `Double` each cost about
/// `m * eps`; 1 is an observed bound.
private let svdOrthogonalityBound = 1.0

@Suite("Singular value decomposition (one-sided Jacobi)")
struct SingularValueDecompositionTests {
  @Test(
    "Singular values agree with gsl_linalg_SV_decomp_jacobi; invariants hold",
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
    for test in TestMatrices.rectangular {
      let a = try test.matrix(T.self)
      let exact = test.seenBy(T.self)
      let k = min(test.rows, test.columns)
      let scale = Double(k) * eps
      let svd = try SingularValueDecomposition(a)
      sweeps = max(sweeps, svd.sweeps)
      let sigma = svd.singularValues.map { Double($0) }
      let u = svd.u.doubleRows
      let v = svd.v.doubleRows
      #expect(svd.u.shape == [test.rows, k] && svd.v.shape == [test.columns, k], "\(test)")
      #expect(sigma == sigma.sorted(by: >) && sigma.allSatisfy { $0 >= 0 }, "\(test)")
      let oracle = try GSL.singularValueDecompositionJacobi(exact).singularValues
      let largest = oracle.first ?? 0
      let difference = zip(sigma, oracle).map { abs($0 - $1) }.max() ?? 0
      values.record(largest == 0 ? difference : difference / (scale * largest), "\(test)")
      let rebuilt = Dense.product(
        Dense.product(u, Dense.diagonal(sigma)), Dense.transpose(v, columns: k))
      let norm = Dense.frobenius(exact)
      let r = Dense.frobenius(Dense.difference(exact, rebuilt))
      residual.record(norm == 0 ? r : r / (scale * norm), "\(test)")
      let unit = Double(max(svd.sweeps, 1) * max(test.rows, test.columns)) * eps
      orthogonality.record(Dense.orthogonalityError(u, columns: k) / unit, "\(test) U")
      orthogonality.record(Dense.orthogonalityError(v, columns: k) / unit, "\(test) V")
    }
    print("SVD<\(T.self)> |sigma - sigma_GSL| in k eps sigma_max:", values)
    print("SVD<\(T.self)> ||A - U S V^T|| in k eps ||A||:", residual)
    print("SVD<\(T.self)> ||U^T U - I||, ||V^T V - I|| in sweeps max(m, n) eps:", orthogonality)
    print("SVD<\(T.self)> most sweeps:", sweeps)
    #expect(values.value <= singularValueBound, "\(values)")
    #expect(residual.value <= svdResidualBound, "\(residual)")
    #expect(orthogonality.value <= svdOrthogonalityBound, "\(orthogonality)")
    #expect(sweeps < SingularValueDecomposition<T>.maximumSweeps)
  }

  @Test("Small examples: a 2x2, a zero matrix, an empty one and extreme scales")
  func smallExamples() throws {
    // [[3, 0], [4, 5]] has singular values sqrt(45) and sqrt(5) (A^T A = [[25, 20], [20, 25]]).
    let svd = try SingularValueDecomposition(try Matrix<Double>([[3, 0], [4, 5]]))
    #expect(abs(svd.singularValues[0] - 45.0.squareRoot()) <= 8 * Double.ulpOfOne)
    #expect(abs(svd.singularValues[1] - 5.0.squareRoot()) <= 8 * Double.ulpOfOne)
    let zero = try SingularValueDecomposition(Matrix<Float>.zeros(rows: 4, columns: 2))
    #expect(zero.singularValues == [0, 0])
    #expect(zero.v == Matrix.identity(2))
    let gram = try zero.u.transposed.multiplied(by: zero.u)
    #expect(gram == Matrix.identity(2))
    let empty = try SingularValueDecomposition(Matrix<Double>.zeros(rows: 0, columns: 3))
    #expect(empty.singularValues.isEmpty && empty.u.shape == [0, 0] && empty.v.shape == [3, 0])
    // Entries near the overflow and underflow thresholds are scaled, not squared.
    let huge = try SingularValueDecomposition(try Matrix<Double>([[3e300, 0], [4e300, 5e300]]))
    #expect(abs(huge.singularValues[1] / 5.0.squareRoot() - 1e300) <= 1e300 * 1e-15)
    let unit = Double.leastNormalMagnitude / 1024  // subnormal entries, exactly 3 and 4 units
    let tiny = try SingularValueDecomposition(try Matrix<Double>([[3 * unit, 0], [0, 4 * unit]]))
    #expect(tiny.singularValues == [4 * unit, 3 * unit])
  }
}
