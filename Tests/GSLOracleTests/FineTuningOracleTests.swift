import GSLOracle
import Testing

@Suite("GSL oracles of article 6: normal quantiles, dgemm, QR")
struct FineTuningOracleTests {
  @Test("gsl_cdf_ugaussian_Pinv matches scipy.stats.norm.ppf and refuses p outside (0, 1)")
  func quantile() throws {
    // scipy 1.17: norm.ppf(0.9677083) = 1.8481309597573734, norm.ppf(0.5) = 0.
    #expect(abs(try GSL.normalQuantile(0.9677083) - 1.8481309597573734) < 1e-14)
    #expect(try GSL.normalQuantile(0.5) == 0)
    for p in [0.0, 1.0, -0.1, .nan] {
      #expect(throws: GSLError.self) { try GSL.normalQuantile(p) }
    }
  }

  @Test("dgemm computes alpha A B + beta C and refuses mismatched shapes")
  func product() throws {
    let a: [[Double]] = [[1, 2], [3, 4]]
    let b: [[Double]] = [[0, 1], [1, 0]]
    #expect(try GSL.matrixProduct(a, b) == [[2, 1], [4, 3]])
    #expect(
      try GSL.matrixProduct(a, b, alpha: 2, adding: [[1, 1], [1, 1]]) == [[5, 3], [9, 7]])
    #expect(throws: GSLError.self) { try GSL.matrixProduct(a, [[1, 2]]) }
  }

  @Test("QR gives orthonormal columns spanning the input")
  func orthonormal() throws {
    let q = try GSL.orthonormalColumns([[1, 1], [1, -1], [0, 1]])
    for i in 0..<2 {
      for j in 0..<2 {
        let dot = (0..<3).reduce(0.0) { $0 + q[$1][i] * q[$1][j] }
        #expect(abs(dot - (i == j ? 1 : 0)) < 1e-15)
      }
    }
    #expect(throws: GSLError.self) { try GSL.orthonormalColumns([[1, 2, 3]]) }
  }
}
