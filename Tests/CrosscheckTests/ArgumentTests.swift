import ArgumentParser
import Testing

@testable import crosscheck

@Suite("Command-line arguments")
struct ArgumentTests {
  @Test(
    "Lists and ranges of counts",
    arguments: [
      ("0,1,5", [0, 1, 5]), ("0...3", [0, 1, 2, 3]), (" 2 ", [2]), ("0...6:2", [0, 2, 4, 6]),
      ("-1,0", [-1, 0]),
    ])
  func counts(_ text: String, _ expected: [Int]) throws {
    #expect(try NumberList.integers(text, name: "--count") == expected)
  }

  @Test(
    "Times with a step", arguments: [("0...1:0.25", [0, 0.25, 0.5, 0.75, 1.0]), ("1e-3", [1e-3])])
  func times(_ text: String, _ expected: [Double]) throws {
    #expect(try NumberList.reals(text, name: "--time") == expected)
  }

  @Test(
    "Bad lists are refused with a message naming the option",
    arguments: ["", "1,,2", "3...1", "a", "0...1e9", "1e400", "0...2:0", "0...2:-1", "nan", "inf"])
  func badLists(_ text: String) {
    #expect {
      try NumberList.reals(text, name: "--count")
    } throws: { error in
      "\(error)".hasPrefix("--count")
    }
  }

  @Test("Whole numbers only for counts", arguments: ["0.5", "1e300", "1e16"])
  func wholeNumbers(_ text: String) {
    #expect(throws: CommandError.self) { try NumberList.integers(text, name: "--count") }
  }

  @Test("Means must be positive and finite", arguments: ["0", "-1", "-0", "nan", "inf", "x"])
  func badMeans(_ text: String) {
    #expect(throws: CommandError.self) { try NumberList.positive(text, name: "--mean") }
  }

  @Test("Vectors round-trip: shortest exact decimals, whole numbers without a fraction")
  func numberFormats() {
    #expect(VectorSet.number(3) == "3")
    #expect(VectorSet.number(0.1) == "0.1")
    #expect(VectorSet.number(1e-300) == "1e-300")
    #expect(VectorSet.number(0.22404180765538773) == "0.22404180765538773")
    #expect(Double(VectorSet.number(0.1 + 0.2)) == 0.1 + 0.2)
  }

  @Test("The JSON of a vector set has the documented shape")
  func jsonShape() {
    let set = VectorSet(
      name: "poisson", parameters: [("mean", 3)],
      outputs: [
        ("k", [0, 1]), ("pmf", [0.049787068367863944, 0.14936120510359183]),
        ("logpmf", [-3, -.infinity]),
      ],
      claims: ["A9.1.7"])
    let json = set.render(.json)
    #expect(json.contains("\"set\": \"poisson\""))
    #expect(json.contains("\"parameters\": {\"mean\": 3}"))
    #expect(json.contains("\"k\": [0, 1]"))
    #expect(json.contains("\"logpmf\": [-3, null]"))
    #expect(json.contains("\"claims\": [\"A9.1.7\"]"))
    #expect(
      set.render(.csv) == "k,pmf,logpmf\n0,0.049787068367863944,-3\n1,0.14936120510359183,-inf\n")
  }

  @Test("A replay token that is not one is refused before anything runs")
  func badReplay() {
    #expect(throws: (any Error).self) {
      _ = try Crosscheck.parseAsRoot(["check", "--replay", "nonsense"])
    }
  }
}

@Suite("Strict JSON arrays of numbers")
struct NumberArrayTests {
  @Test("Arrays of numbers, nested, with spaces")
  func reads() throws {
    #expect(
      try NumberArray(parsing: " [[2, 1], [1, 3e0]] ")
        == .array([.array([.number(2), .number(1)]), .array([.number(1), .number(3)])]))
    #expect(try NumberArray(parsing: "[-0.5]") == .array([.number(-0.5)]))
    #expect(try NumberArray(parsing: "[]") == .array([]))
  }

  @Test(
    "Anything else is refused",
    arguments: [
      "[[true,1],[1,3]]", "[1,2,]", "[1,,2]", "[1] x", "[1e400]", "[.5]", "[+1]", "[\"1\"]",
      "[null]", "", "[", "[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]",
    ])
  func refuses(_ text: String) {
    #expect(throws: NumberArray.SyntaxError.self) { try NumberArray(parsing: text) }
  }
}
