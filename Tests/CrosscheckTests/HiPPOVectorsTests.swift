import Foundation
import Testing
import Verification

@testable import crosscheck

@Suite("Vectors of article 10 (HiPPO)")
struct HiPPOVectorsTests {
  static let commands: [([String], [String])] = [
    (["hippo", "--measure", "legt", "--size", "3"], ["A", "B"]),
    (
      ["hippo-discrete", "--measure", "lmu", "--size", "3", "--step", "0.1", "--method", "zoh"],
      ["Ad", "Bd"]
    ),
    (["hippo-legs", "--size", "3", "--signal", "[1,2,3]", "--method", "euler"], ["states"]),
  ]

  @Test("Each set prints the envelope with tolerances for every output", arguments: commands)
  func envelope(_ arguments: [String], _ outputs: [String]) throws {
    let text = try vectorsOutput(["vectors"] + arguments)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(json["set"] as? String == arguments[0])
    #expect((json["outputs"] as? [String: Any])?.keys.sorted() == outputs.sorted())
    #expect((json["tolerances"] as? [String: Any])?.keys.sorted() == outputs.sorted())
    let provenance = try #require(json["provenance"] as? [String: Any])
    #expect((provenance["claims"] as? [String])?.isEmpty == false)
    #expect((provenance["warnings"] as? [String])?.isEmpty == true)
  }

  @Test(
    "Bad input gives a one-line error",
    arguments: [
      ["hippo", "--measure", "legs", "--size", "0"],
      ["hippo", "--measure", "legq", "--size", "3"],
      ["hippo", "--measure", "legt", "--size", "3", "--window", "nan"],
      ["hippo-discrete", "--measure", "legs", "--size", "3", "--step", "0", "--method", "zoh"],
      [
        "hippo-discrete", "--measure", "legs", "--size", "3", "--step", "1", "--method", "zoh",
        "--alpha", "0.3",
      ],
      ["hippo-legs", "--size", "3", "--signal", "[1,nan]"],
      ["hippo-legs", "--size", "5000", "--signal", "[1]"],
    ])
  func badInput(_ arguments: [String]) throws {
    let message = try #require(vectorsFailure(["vectors"] + arguments))
    #expect(!message.isEmpty && !message.contains("\n"))
  }

  /// Solves `a x = b` by Gaussian elimination with partial pivoting, independently of the kernel.
  static func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
    var m = zip(a, b).map { $0 + [$1] }
    let n = b.count
    for j in 0..<n {
      let p = (j..<n).max { abs(m[$0][j]) < abs(m[$1][j]) } ?? j
      m.swapAt(j, p)
      for i in (j + 1)..<max(j + 1, n) {
        let f = m[i][j] / m[j][j]
        for k in j...n { m[i][k] -= f * m[j][k] }
      }
    }
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = m[i][n]
      for k in (i + 1)..<max(i + 1, n) { sum -= m[i][k] * x[k] }
      x[i] = sum / m[i][i]
    }
    return x
  }

  @Test("A dense elimination's discretisation lies within the printed tolerances")
  func tolerancesHold() throws {
    let set = try HiPPOVectors.discrete(
      measure: .legt, size: 6, window: 2, step: 0.05, method: .bilinear, alpha: nil)
    guard case .matrix(let ad) = set.outputs[0].value,
      case .matrix(let bound) = set.tolerances[0].value
    else {
      Issue.record("Ad is not a matrix")
      return
    }
    let system = try HiPPOVectors.matrices(measure: .legt, size: 6, window: 2)
    guard case .matrix(let a) = system.outputs[0].value else { return }
    let n = 6
    let left = (0..<n).map { i in (0..<n).map { k in (i == k ? 1 : 0) - 0.025 * a[i][k] } }
    let right = (0..<n).map { i in (0..<n).map { k in (i == k ? 1 : 0) + 0.025 * a[i][k] } }
    for k in 0..<n {
      let column = Self.solve(left, right.map { $0[k] })
      for i in 0..<n { #expect(abs(column[i] - ad[i][k]) <= bound[i][k]) }
    }
  }
}
