import Foundation
import Testing
import Verification

@testable import crosscheck

@Suite("Vectors of article 6: lora, lora-factorize, nf4")
struct LoRAVectorsTests {
  func outputs(_ arguments: [String]) throws -> ([String: Any], [String: Any]) {
    let text = try vectorsOutput(["vectors"] + arguments)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let outputs = try #require(json["outputs"] as? [String: Any])
    let tolerances = try #require(json["tolerances"] as? [String: Any])
    return (outputs, tolerances)
  }

  @Test("lora: the dyadic example merges exactly, and rsLoRA scales by alpha / sqrt(r)")
  func lora() throws {
    let base = [
      "lora", "--weight", "[[1,2,3],[4,5,6]]", "--down", "[[0.5,-1,0.25],[2,0,-0.5]]", "--up",
      "[[1,0.5],[-1,2]]", "--alpha", "16", "--input", "[1,-2,0.5]",
    ]
    let (outputs, tolerances) = try outputs(base)
    #expect(outputs["scaling"] as? Double == 8)
    #expect(outputs["merged"] as? [[Double]] == [[13, -6, 3], [32, 13, -4]])
    #expect(outputs["output"] as? [Double] == [26.5, 4])
    // 2 (u |W| + (r + 4) u |s| |B| |A|) at (0, 0): |W| = 1, |B| |A| = 1.5, s = 8, r = 2.
    let merged = try #require(tolerances["merged"] as? [[Double]])
    #expect(abs(merged[0][0] / (2 * 0x1p-53 * (1 + 6 * 8 * 1.5)) - 1) < 1e-15)
    let (rs, _) = try self.outputs(base + ["--rslora"])
    #expect(rs["scaling"] as? Double == 16 / 2.0.squareRoot())
    let (float, floatTolerances) = try self.outputs(base + ["--precision", "float"])
    #expect(float["merged"] as? [[Double]] == [[13, -6, 3], [32, 13, -4]])
    let floatMerged = try #require(floatTolerances["merged"] as? [[Double]])
    #expect(abs(floatMerged[0][0] / (2 * 0x1p-24 * (1 + 6 * 8 * 1.5)) - 1) < 1e-15)
  }

  @Test("lora-factorize: numpy's singular values and Eckart-Young error")
  func factorize() throws {
    let (outputs, tolerances) = try outputs([
      "lora-factorize", "--delta", "[[3,1,0,2],[1,2,1,0],[0,1,4,1]]", "--rank", "2",
    ])
    // numpy.linalg.svd: 4.804050769570114, 3.544256759583273, 1.5360143962675208.
    let sigma = try #require(outputs["singular_values"] as? [Double])
    let bounds = try #require(tolerances["singular_values"] as? [Double])
    for (value, (reference, bound)) in zip(
      sigma, zip([4.804050769570114, 3.544256759583273, 1.5360143962675208], bounds))
    {
      #expect(abs(value - reference) <= bound)
    }
    let error = try #require(outputs["error"] as? Double)
    #expect(abs(error - 1.5360143962675208) <= (tolerances["error"] as? Double ?? 0))
  }

  @Test("nf4: the levels, codes with a tie, a partial block, and zero tolerances")
  func nf4() throws {
    let (outputs, tolerances) = try outputs([
      "nf4", "--values", "[0.5,-1,0.03979014977812767,0,2]", "--block-size", "4",
    ])
    #expect((outputs["levels"] as? [Double])?.count == 16)
    #expect(outputs["codes"] as? [Double] == [12, 0, 7, 7, 15])
    #expect(outputs["absmax"] as? [Double] == [1, 2])
    #expect((tolerances["codes"] as? [Double])?.allSatisfy { $0 == 0 } == true)
  }

  @Test(
    "Bad input gives a one-line error naming it",
    arguments: [
      (["lora-factorize", "--delta", "[[1,2]]", "--rank", "3"], "got 3"),
      (["lora-factorize", "--delta", "[[1,2]]", "--rank", "0"], "0 is outside"),
      (["nf4", "--block-size", "0"], "0 is outside"),
      (["nf4", "--block-size", "2.5"], "2.5"),
      (["nf4", "--values", "[1e300]"], "outside its range"),
      (
        ["lora", "--weight", "[[1,2]]", "--down", "[[1,2,3]]", "--up", "[[1]]", "--alpha", "1"],
        "must be 1 x 2; got 1 x 3"
      ),
      (
        [
          "lora", "--weight", "[[1,2]]", "--down", "[[1,2]]", "--up", "[[1]]", "--alpha", "1",
          "--input", "[1]",
        ], "k = 2"
      ),
      (["lora-factorize", "--delta", "[[1,NaN]]", "--rank", "1"], "NaN"),
    ])
  func rejects(_ arguments: [String], _ fragment: String) throws {
    let message = try #require(vectorsFailure(["vectors"] + arguments))
    #expect(message.contains(fragment), "\(message)")
    #expect(!message.contains("\n"))
  }
}
