import Foundation
import SpecEngine
import Testing
import Verification

/// The inputs the fuzz targets of Fuzz/ found, minimised, and the seeds they start from, each
/// checked against the same properties the targets assert (``FuzzInvariants``).
@Suite("Fuzzing: the inputs the fuzzer found keep their properties")
struct FuzzRegressionTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  @Test("Every spec and seed spec loads with its diagnostics inside the text")
  func seedSpecs() throws {
    let folders = ["Specs", "Tests/SpecEngineTests/Fixtures", "Fuzz/Corpus/spec"]
    var count = 0
    for folder in folders {
      let path = Self.root + "/" + folder
      for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted()
      where name.hasSuffix(".md") {
        let text = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
        #expect(FuzzInvariants.specProblems(text) == [], "\(folder)/\(name)")
        count += 1
      }
    }
    #expect(count > 20, "the seed folders hold too few specs to test anything")
  }

  @Test(
    "A replay token reads only in the form it prints in",
    arguments: [
      "A9.1.3@12#1", "A9.1.3@0123456789ABCDEF#1", "A9.1.3@+123456789abcdef#1",
      "A9.1.3@0123456789abcdef#+1", "A9.1.3@0123456789abcdef#01", "A9.1.3@0123456789abcdef0#1",
      "A9.1.3@0123456789abcdef#1 ", "A9.1.3@0123456789abcdef#99999999999999999999",
    ])
  func replayTokenForms(_ text: String) {
    #expect(ReplayToken(parsing: text) == nil)
    #expect(FuzzInvariants.replayProblems(text) == [])
  }

  @Test(
    "A replay token that reads prints back as itself",
    arguments: [
      "A9.1.3@0123456789abcdef#417", "A5.2.1@ffffffffffffffff#0",
      "x@y@00000000000000ab#9223372036854775807",
    ])
  func replayTokenRoundTrip(_ text: String) throws {
    let token = try #require(ReplayToken(parsing: text))
    #expect(token.description == text)
    #expect(FuzzInvariants.replayProblems(text) == [])
  }

  @Test("The number seeds keep their properties")
  func numberSeeds() throws {
    let path = Self.root + "/Fuzz/Corpus/numbers"
    let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    #expect(names.count > 20)
    for name in names {
      let text = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
      #expect(FuzzInvariants.numberProblems(text) == [], "\(name): \(text)")
    }
  }
}
