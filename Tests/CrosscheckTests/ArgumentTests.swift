import ArgumentParser
import Foundation
import Testing
import Verification

@testable import crosscheck

/// Parses a command line and runs a vectors subcommand in process, returning its output.
func vectorsOutput(_ arguments: [String]) throws -> String {
  let command = try Crosscheck.parseAsRoot(arguments)
  guard let vectors = command as? any VectorCommand else {
    throw CommandError("\(arguments) is not a vectors subcommand.")
  }
  return try vectors.render().text
}

/// Returns the error message a command line gives, or `nil` when it succeeds.
func vectorsFailure(_ arguments: [String]) -> String? {
  do {
    _ = try vectorsOutput(arguments)
    return nil
  } catch {
    return Crosscheck.message(for: error)
  }
}

@Suite("Command-line arguments of vectors")
struct ArgumentTests {
  @Test(
    "The bad inputs of issue 7, and others, are one-line errors naming the option",
    arguments: [
      (["poisson", "--mean", "3", "--count", "0....5"], "--count <list>': '.5' is not a number"),
      (["poisson", "--mean", "3", "--count", "0...5.5"], "5.5 is not a whole number"),
      (["poisson", "--mean", "3", "--count", "0.5...3"], "0.5 is not a whole number"),
      (["poisson", "--mean", "3", "--count", "9007199254740993"], "beyond 2^53"),
      (["poisson", "--mean", "3", "--count", "0...1e9"], "gives 1000000001 values"),
      (["poisson", "--mean", "3", "--count", "1,,2"], "has an empty item"),
      (["poisson", "--mean", "3", "--count", "3...1"], "its low end is above its high end"),
      (["poisson", "--mean", "0", "--count", "1"], "0 is outside (0, inf)"),
      (["poisson", "--mean", "nan", "--count", "1"], "'nan' is not a number"),
      (["poisson", "--mean", "1e400", "--count", "1"], "too large for a double"),
      (["poisson", "--mean", "0x10", "--count", "1"], "'0x10' is not a number"),
      (["poisson", "--mean", "1,2", "--count", "1"], "give one value"),
      (
        ["exponential", "--rate", "1", "--time", "1e16...1.0000000000000002e16:1"],
        "below the spacing of doubles near 1e+16 (2)"
      ),
      (
        ["exponential", "--rate", "1", "--time", "0...1:0"], "the step of 0...1:0 must be positive"
      ),
      (["exponential", "--rate", "-1", "--time", "1"], "-1 is outside (0, inf)"),
      (["random-walk", "--steps", "-1", "--position", "0"], "-1 is outside [0, inf)"),
      (["random-walk", "--steps", "1.5", "--position", "0"], "1.5 is not a whole number"),
      (["random-walk", "--steps", "4", "--p", "1.5", "--position", "0"], "outside [0, 1]"),
      (["random-walk", "--steps", "1e7", "--position", "-3000...3000"], "tail terms"),
      (["random-walk-return", "--steps", "-2...2"], "-2 is outside [0, inf)"),
      (
        ["quadratic", "--matrix", "[[true,1],[1,3]]", "--linear", "[1,2]", "--constant", "0"],
        "expected a number or '[' at character 3"
      ),
      (
        ["quadratic", "--matrix", "[[2,1],[1,3],]", "--linear", "[1,2]", "--constant", "0"],
        "a trailing comma at character 13"
      ),
      (
        ["quadratic", "--matrix", "[[1e400,1],[1,3]]", "--linear", "[1,2]", "--constant", "0"],
        "1e400 is too large for a double"
      ),
      (
        ["quadratic", "--matrix", "[[2,1],[1]]", "--linear", "[1,2]", "--constant", "0"],
        "row 2 has 1 number, row 1 has 2"
      ),
      (
        ["quadratic", "--matrix", "[[2,1],[0,3]]", "--linear", "[1,2]", "--constant", "0"],
        "symmetric"
      ),
      (
        ["quadratic", "--matrix", "[[2,1],[1,3]]", "--linear", "[1]", "--constant", "0"],
        "2"
      ),
      (
        [
          "quadratic", "--matrix", "[[2,1],[1,3]]", "--linear", "[1,2]", "--constant", "0",
          "--direction", "[1,0]",
        ],
        "--direction needs --point."
      ),
      (
        [
          "quadratic", "--matrix", "[[2,1],[1,3]]", "--linear", "[1,2]", "--constant", "0",
          "--point", "[1,1]", "--direction", "[0,0]",
        ],
        "zero vector"
      ),
      (
        [
          "quadratic", "--matrix", "[[1e300]]", "--linear", "[1e-300]", "--constant", "0",
          "--point", "[1e300]",
        ],
        "infinite in double precision"
      ),
      (
        [
          "quadratic", "--matrix", "[[2,1],[1,3]]", "--linear", "[1,2]", "--constant", "0",
          "--convention", "halve",
        ],
        "'halve' is invalid for '--convention <convention>'"
      ),
      (["directional-derivative", "--point", "[1,2,3]", "--direction", "[1,0]"], "2 coordinates"),
      (
        ["directional-derivative", "--point", "[1,2]", "--direction", "[[1,0],[1]]"],
        "not rectangular"
      ),
      (["directional-derivative", "--point", "[1,2]", "--direction", "[1]"], "direction 1 has 1"),
      (
        [
          "directional-derivative", "--point", "[1,1000]", "--direction", "[1,0]", "--function",
          "wave",
        ], "infinite in double precision"
      ),
      (["directional-derivative", "--point", "[1,2]", "--direction", "[0,0]"], "zero vector"),
      (
        [
          "directional-derivative", "--point", "[1,2]", "--direction", "[1,0]", "--function",
          "sine",
        ], "'sine' is invalid for '--function <function>'"
      ),
      (
        ["poisson", "--mean", "3", "--count", "1", "--specs-dir", "/nonexistent"],
        "no folder of specs at '/nonexistent'"
      ),
    ])
  func badInputs(_ arguments: [String], _ fragment: String) throws {
    let message = try #require(vectorsFailure(["vectors"] + arguments))
    #expect(message.contains(fragment), "\(message)")
    let firstLine = message.split(separator: "\n", omittingEmptySubsequences: false)[0]
    #expect(firstLine.contains(fragment), "the error is not on its first line: \(message)")
  }

  @Test("Whole numbers up to 2^53 are printed exactly, without a fraction")
  func twoToThe53() throws {
    let csv = try vectorsOutput([
      "vectors", "poisson", "--mean", "3", "--count", "9007199254740992", "--format", "csv",
    ])
    #expect(csv.hasPrefix("k,pmf,logpmf,cdf,sf\n9007199254740992,0,"))
  }

  @Test("A range of doubles one spacing apart is printed once per value")
  func spacing() throws {
    let csv = try vectorsOutput([
      "vectors", "exponential", "--rate", "1", "--time", "1e16...1.0000000000000002e16:2",
      "--format", "csv",
    ])
    #expect(csv == "t,pdf,cdf,sf\n1e+16,0,1,0\n1.0000000000000002e+16,0,1,0\n")
  }

  @Test("Negative values after an option are values, not options")
  func negativeValues() throws {
    let csv = try vectorsOutput([
      "vectors", "random-walk", "--steps", "2", "--position", "-2,0,3", "--format", "csv",
    ])
    #expect(
      csv == "k,pmf,logpmf,cdf,sf\n-2,0.25,-1.3862943611198906,0.25,0.75\n0,0.5,"
        + "-0.6931471805599453,0.75,0.25\n3,0,-inf,1,0\n")
  }

  @Test("A replay token that is not one is refused before anything runs")
  func badReplay() {
    #expect(throws: (any Error).self) {
      _ = try Crosscheck.parseAsRoot(["check", "--replay", "nonsense"])
    }
  }
}
