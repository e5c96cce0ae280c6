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

  /// Checks that a range still reports its first value outside the interval, written alone.
  ///
  /// Found as slow units (`3...577662` took over 10 s under the sanitizer): the reader wrote
  /// every value as text to check it against the option's interval; now it writes only the
  /// value it reports. (The saving is a constant factor, which no ratio in one run can show
  /// in a debug build; the growth tests cover the shape of the cost.)
  @Test("A long range is read, and a range outside reports its first value")
  func longRange() throws {
    #expect((try? NumberSyntax.numbers("3...20002"))?.count == 20000)
    // The first value outside the interval is still the one reported.
    #expect(throws: NumberSyntax.Error.outside("-0.5", .nonNegative)) {
      try NumberSyntax.numbers("-0.5...3:0.5", within: .nonNegative)
    }
    #expect(throws: NumberSyntax.Error.outside("-2", .nonNegative)) {
      try NumberSyntax.wholeNumbers("-2...3", within: .nonNegative)
    }
  }

  /// A spec around one claim body, for the minimised spec findings.
  static func spec(claim body: String) -> String {
    """
    ---
    article: 9
    title: T
    original-title: T
    author: A
    source: https://example.org/
    status: original read
    map-claims: A9.1.1
    ---

    # T

    ## One

    <!-- claim A9.1.1 property
    check: poisson.normalization
    \(body)
    -->

    """
  }

  /// Checks that each part of a value continued below its key keeps its own place.
  ///
  /// Found by fuzz-spec (minimised): a continued value was placed as if it were all on the
  /// key's line, so a problem in the continuation got a column past that line's end.
  @Test("A problem in a continued value is placed on the continuation line")
  func continuedValue() throws {
    let text = Self.spec(claim: "cases: 10\n  to2 ... 2")
    #expect(FuzzInvariants.specProblems(text) == [])
    let diagnostics = Verifier.standard.load(text: text, as: "fuzz.md").diagnostics
    let problem = try #require(diagnostics.first { $0.message.contains("'to2'") })
    #expect(problem.location == SourceLocation(file: "fuzz.md", line: 18, column: 3))
  }
}
