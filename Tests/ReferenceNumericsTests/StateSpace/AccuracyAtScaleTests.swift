// SPDX-License-Identifier: GPL-3.0-or-later

import ReferenceNumerics
import Testing

/// The matrix exponential of a large-norm HiPPO system and Gauss-Legendre rules with many
/// nodes, against mpmath at 34 to 40 digits.
@Suite("State-space kernels at scale")
struct AccuracyAtScaleTests {
  /// mpmath: B_d of the zero-order hold of LegS, N = 32, dt = 1 (exp of the 33 x 33 block).
  static let legSInput: [Double] = [
    0.6321205588285576784, 0.40277829654644620472, -0.13740129731216525833,
    -0.10011461847722794071, 0.11573232983179823667, 0.012036908328629994319,
    -0.084915256394797488538, 0.030381330355248742349, 0.050492115291327282318,
    -0.047913818780291104834, -0.017822862390610375076, 0.0481627163301621339,
    -0.0085160812558267145872, -0.036824884355567411692, 0.025489969756151170049,
    0.019437974525853361538, -0.032056327281436875174, -0.0012185672848503685766,
    0.029193929524304277266, -0.013558604529236694841, -0.019519142102359452276,
    0.022139387733553190965, 0.0065931862855967054484, -0.023591363382035409445,
    0.0059119323358746542367, 0.018735623504827003607, -0.014998296294035554006,
    -0.0097299234152245554068, 0.018908930446793877574, -0.00058872016331900294415,
    -0.017367088423928057839, 0.0094415391952103600249,
  ]
  /// mpmath: the last row of A_d for the same system.
  static let legSLastRow: [Double] = [
    -0.0094415391952103600249, -0.014191068493564062254, -0.012320830461381742664,
    -0.0030542066183807618008, 0.014553280151755906219, 0.0388660833573955879,
    0.062565539137982459898, 0.070916123432600792798, 0.046316056314192567474,
    -0.015590703522503776827, -0.082914610409691505879, -0.086996489172916417367,
    0.011936543914022469489, 0.11798476632903798705, 0.045131140238110897207,
    -0.138146761471427392, -0.026000601969373332681, 0.18825704332137679546,
    -0.19184829118442215201, 0.11239153768980368069, -0.045377006059739516649,
    0.013534698441296039944, -0.0030854848196425793443, 0.0005468914495170461393,
    -0.00007587557247006022085, 8.2282448353792491301e-6, -6.909056259047871881e-7,
    4.4067286890660254435e-8, -2.0649233724643833463e-9, 6.7061790053811704304e-11,
    -1.3489820430385819253e-12, 1.2664165549094175723e-14,
  ]

  @Test("Zero-order hold of LegS, N = 32, dt = 1: within 3e-14 of the norm (was 2e-13)")
  func legSZeroOrderHold() throws {
    let system = try HiPPO.system(.legS, size: 32, as: Double.self)
    let discrete = try HiPPO.discretize(system, step: 1, method: .zeroOrderHold)
    let inputScale = Self.legSInput.map(abs).max() ?? 1
    let inputError = zip(discrete.input, Self.legSInput).map { abs($0 - $1) }.max() ?? 0
    #expect(inputError / inputScale <= 3e-14, "B_d relative error \(inputError / inputScale)")
    // The infinity-norm of A_d is 1.443686809 (mpmath).
    let row = discrete.transition.row(31)
    let rowError = zip(row, Self.legSLastRow).map { abs($0 - $1) }.max() ?? 0
    #expect(rowError / 1.443686809 <= 3e-14, "A_d relative error \(rowError / 1.443686809)")
  }

  @Test("The exponential of a small-norm matrix is unchanged by the degree choice")
  func smallNorm() throws {
    let rotation = try Matrix<Double>([[0, -1e-3], [1e-3, 0]]).exponential()
    #expect(abs(rotation[0, 0] - 0.99999950000004166667) <= 2e-16)
    #expect(abs(rotation[1, 0] - 9.9999983333334166667e-4) <= 2e-19)
  }

  @Test("Gauss-Legendre, 1000 nodes: the outermost node and weight within 4 ulps (was 7e4)")
  func outermostWeight() throws {
    let rule = try GaussLegendre(points: 1000)
    #expect(ulpDistance(rule.nodes[999], 0.9999971112980755105698763) <= 1)
    #expect(ulpDistance(rule.weights[999], 0.000007413338416432071517477) <= 4)
    #expect(ulpDistance(rule.weights[0], 0.000007413338416432071517477) <= 4)
  }
}
