import Foundation
import SpecEngine
import Testing
import Verification

/// `walk.return` must not label the kernel's own value as GSL's (issue 8): beyond n = 1000,
/// where GSL's C(n, n/2) / 2^n overflows, and for odd n, there is no GSL value at all.
@Suite("walk.return's GSL oracle")
struct WalkReturnOracleTests {
  static let spec = """
    ---
    article: 5
    title: Returns
    original-title: Returns
    author: test
    source: test
    status: reconstructed
    map-claims: A5.6.1
    ---

    # Returns

    ## 回到原点 · Return to the origin

    <!-- claim A5.6.1 table
    check: walk.return
    columns: steps, quantity, expected
    row-id: steps
    tolerance: 2 ulp against referee
    because: the saddle-point pmf at 0
    -->
    | steps | quantity | u |
    |---:|---|---:|
    | 10 | return | 0.24609375 |
    | 1002 | return | 0.0252 |

    """

  @Test("Rows GSL cannot compute carry no GSL measurement; the others do")
  func noBorrowedValue() throws {
    let path = NSTemporaryDirectory() + "crosscheck-walk-return-\(getpid()).md"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Self.spec.write(toFile: path, atomically: true, encoding: .utf8)
    let loaded = Verifier.standard.load(file: path)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    let claim = try #require(loaded.spec?.claims.first)
    let result = Verifier.standard.run(claim)
    #expect(result.verdict == .passed, "\(result.summary)")
    let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.id, $0) })
    let small = try #require(rows["A5.6.1/steps=10"])
    let large = try #require(rows["A5.6.1/steps=1002"])
    #expect(small.measurements.contains { $0.label.contains("GSL") })
    #expect(!large.measurements.contains { $0.label.contains("GSL") })
  }
}
