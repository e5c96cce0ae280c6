import Foundation
import Testing

@testable import crosscheck

@Suite("Vectors of articles 1 and 2: rope, rope-frequencies, rope-decay, sinusoidal, t5-bucket")
struct RotaryVectorsTests {
  /// Returns the decoded JSON envelope of a vectors command line.
  func envelope(_ arguments: [String]) throws -> [String: Any] {
    let text = try vectorsOutput(["vectors"] + arguments)
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("rope: rotated rows of full length, unchanged at position 0, tolerances of the same shape")
  func rope() throws {
    let json = try envelope([
      "rope", "--dim", "8", "--layout", "interleaved", "--vector", "[1,2,3,4,5,6,7,8]",
      "--positions", "0,3",
    ])
    let outputs = try #require(json["outputs"] as? [String: Any])
    let rotated = try #require(outputs["rotated"] as? [[Double]])
    #expect(rotated[0] == [1, 2, 3, 4, 5, 6, 7, 8])
    // mpmath at 40 digits, as in RotaryEmbeddingTests.
    #expect(abs(rotated[1][0] - -1.2722325127201799015) < 1e-14)
    let tolerances = try #require(json["tolerances"] as? [String: Any])
    #expect((tolerances["rotated"] as? [[Double]])?.count == 2)
  }

  @Test("rope-frequencies: YaRN's attention factor and HF's frequencies")
  func frequencies() throws {
    let json = try envelope([
      "rope-frequencies", "--dim", "128", "--scaling", "yarn", "--factor", "4",
      "--original-max-positions", "4096",
    ])
    let outputs = try #require(json["outputs"] as? [String: Any])
    let factor = try #require(outputs["attention_factor"] as? Double)
    #expect(abs(factor - 1.1386294361119891) < 1e-15)
    #expect((outputs["theta"] as? [Double])?.count == 64)
  }

  @Test("t5-bucket: negative relative positions, both directions")
  func t5() throws {
    let json = try envelope(["t5-bucket", "--relative-positions=-91,-8,0,1,91"])
    let buckets = (json["outputs"] as? [String: Any])?["bucket"] as? [Double]
    #expect(buckets == [15, 8, 0, 17, 31])
    let decoder = try envelope([
      "t5-bucket", "--unidirectional", "--relative-positions=-113,-16,5",
    ])
    #expect((decoder["outputs"] as? [String: Any])?["bucket"] as? [Double] == [31, 16, 0])
  }

  @Test(
    "Bad input gives a one-line error naming it",
    arguments: [
      (["rope", "--dim", "7", "--vector", "[1]", "--positions", "0"], "7"),
      (["rope", "--dim", "0", "--vector", "[1]", "--positions", "0"], "0"),
      (["rope", "--dim", "4", "--vector", "[1,2,3]", "--positions", "0"], "3"),
      (
        ["rope", "--dim", "10", "--rotary-fraction", "0.3", "--vector", "[1]", "--positions", "0"],
        "0.3"
      ),
      (
        [
          "rope", "--dim", "4", "--rotary-fraction", "1.5", "--vector", "[1,2,3,4]", "--positions",
          "0",
        ], "1.5"
      ),
      (["rope", "--dim", "4", "--vector", "[1,2,NaN,4]", "--positions", "0"], "NaN"),
      (["rope-frequencies", "--dim", "8", "--scaling", "linear", "--factor", "0.5"], "0.5"),
      (["rope-frequencies", "--dim", "8", "--scaling", "yarn", "--factor", "2"], "original"),
      (["rope-frequencies", "--dim", "8", "--scaling", "ntk", "--factor", "2"], "ntk"),
      (["t5-bucket", "--relative-positions=0", "--buckets", "2"], "2"),
    ])
  func badInput(arguments: [String], named: String) {
    let message = vectorsFailure(["vectors"] + arguments)
    #expect(message?.contains(named) == true, "\(message ?? "no error")")
    #expect(message?.contains("\n") == false)
  }
}
