import Testing
import Verification

@Suite("The number, list and range grammar of vectors")
struct NumberSyntaxTests {
  @Test(
    "Numbers in JSON's grammar read as the same double",
    arguments: [
      ("3", 3.0), ("-0.25", -0.25), ("1e-3", 1e-3), ("1E+3", 1000), (" 2 ", 2), ("0", 0),
      ("-0", -0.0), ("0.1", 0.1), ("1.7976931348623157e308", .greatestFiniteMagnitude),
      ("5e-324", .leastNonzeroMagnitude),
    ])
  func numbers(_ text: String, _ expected: Double) throws {
    let x = try NumberSyntax.number(text)
    #expect(x == expected && x.sign == expected.sign)
  }

  @Test(
    "Anything else is not a number",
    arguments: [
      ".5", "5.", "+1", "0x10", "inf", "-inf", "nan", "infinity", "1e", "1e+", "--1", "1 2",
      "01", "a", "1_000", "١",
    ])
  func notNumbers(_ text: String) {
    #expect(throws: NumberSyntax.Error.notANumber(text)) { try NumberSyntax.number(text) }
  }

  @Test("Overflow and underflow are refused, not rounded to inf or 0")
  func outOfRange() {
    #expect(throws: NumberSyntax.Error.overflow("1e400")) { try NumberSyntax.number("1e400") }
    #expect(throws: NumberSyntax.Error.underflow("1e-400")) { try NumberSyntax.number("1e-400") }
    #expect(throws: NumberSyntax.Error.overflow("-1e309")) { try NumberSyntax.numbers("-1e309") }
    #expect((try? NumberSyntax.number("0e-400")) == 0)
  }

  @Test("An empty value, a list or a range is not one number")
  func single() {
    #expect(throws: NumberSyntax.Error.empty) { try NumberSyntax.number("  ") }
    #expect(throws: NumberSyntax.Error.notSingle("1,2")) { try NumberSyntax.number("1,2") }
    #expect(throws: NumberSyntax.Error.notSingle("0...5")) { try NumberSyntax.wholeNumber("0...5") }
  }

  @Test("Intervals: positive, non-negative, probabilities")
  func intervals() throws {
    #expect(throws: NumberSyntax.Error.outside("0", .positive)) {
      try NumberSyntax.number("0", within: .positive)
    }
    #expect(throws: NumberSyntax.Error.outside("-0", .positive)) {
      try NumberSyntax.number("-0", within: .positive)
    }
    #expect(throws: NumberSyntax.Error.outside("1.5", .unit)) {
      try NumberSyntax.number("1.5", within: .unit)
    }
    #expect(throws: NumberSyntax.Error.outside("-1", .nonNegative)) {
      try NumberSyntax.wholeNumbers("2,-1", within: .nonNegative)
    }
    #expect(try NumberSyntax.number("1", within: .unit) == 1)
    #expect("\(NumberSyntax.Interval.positive)" == "(0, inf)")
    #expect("\(NumberSyntax.Interval.unit)" == "[0, 1]")
  }

  @Test(
    "Whole numbers are read exactly from their digits",
    arguments: [
      ("0", 0), ("-7", -7), ("2.5e1", 25), ("1e3", 1000), ("100e-2", 1), ("-0", 0),
      ("9007199254740992", 9_007_199_254_740_992), ("-9007199254740992", -9_007_199_254_740_992),
      ("9.007199254740992e15", 9_007_199_254_740_992), ("0e99999999", 0),
    ])
  func wholeNumbers(_ text: String, _ expected: Int) throws {
    #expect(try NumberSyntax.wholeNumber(text) == expected)
  }

  @Test("Fractions are not whole numbers", arguments: ["0.5", "5.5", "1e-1", "100e-3", "1e-400"])
  func fractions(_ text: String) {
    #expect(throws: NumberSyntax.Error.notWhole(text)) { try NumberSyntax.wholeNumber(text) }
  }

  @Test(
    "Whole numbers beyond 2^53 are refused, never rounded to a neighbour",
    arguments: [
      "9007199254740993", "-9007199254740993", "1e16", "9.007199254740993e15", "1e300",
      "12345678901234567890123", "1e99999999",
    ])
  func beyondTwoToThe53(_ text: String) {
    #expect(throws: NumberSyntax.Error.beyondExactWholeNumbers(text)) {
      try NumberSyntax.wholeNumbers(text)
    }
  }

  @Test(
    "Lists and ranges of whole numbers",
    arguments: [
      ("0,1,5", [0, 1, 5]), ("0...3", [0, 1, 2, 3]), (" 2 ", [2]), ("0...6:2", [0, 2, 4, 6]),
      ("-1,0", [-1, 0]), ("0...7:3", [0, 3, 6]), ("5...5", [5]), ("-3...-1", [-3, -2, -1]),
      ("0 ... 2", [0, 1, 2]), ("1e1...12", [10, 11, 12]),
    ])
  func wholeLists(_ text: String, _ expected: [Int]) throws {
    #expect(try NumberSyntax.wholeNumbers(text) == expected)
  }

  @Test("Whole-number ranges refuse fractional ends and steps, like fractional items")
  func wholeRanges() {
    #expect(throws: NumberSyntax.Error.notWhole("5.5")) { try NumberSyntax.wholeNumbers("0...5.5") }
    #expect(throws: NumberSyntax.Error.notWhole("0.5")) { try NumberSyntax.wholeNumbers("0.5...3") }
    #expect(throws: NumberSyntax.Error.notWhole("0.5")) {
      try NumberSyntax.wholeNumbers("0...3:0.5")
    }
    #expect(throws: NumberSyntax.Error.beyondExactWholeNumbers("9007199254740993")) {
      try NumberSyntax.wholeNumbers("9007199254740990...9007199254740993")
    }
  }

  @Test(
    "Real ranges and lists",
    arguments: [
      ("0...1:0.25", [0, 0.25, 0.5, 0.75, 1.0]), ("1e-3", [1e-3]),
      (
        "0...1:0.1",
        (0...10).map {
          Double($0) * 0.1
        }
      ), ("-1,0.5", [-1, 0.5]), ("0...2.5", [0, 1, 2]),
    ])
  func realLists(_ text: String, _ expected: [Double]) throws {
    #expect(try NumberSyntax.numbers(text) == expected)
  }

  @Test(
    "Malformed ranges are refused, never read as something else",
    arguments: [
      ("0....5", NumberSyntax.Error.notANumber(".5")),
      ("0.....5", .notANumber("..5")),
      ("1...2...3", .malformedRange("1...2...3")),
      ("...3", .malformedRange("...3")),
      ("1...", .malformedRange("1...")),
      ("0...2:", .malformedRange("0...2:")),
      ("0...3,5", .malformedRange("0...3,5")),
      ("3...1", .reversedRange("3...1")),
      ("0...2:0", .nonPositiveStep("0...2:0")),
      ("0...2:-1", .nonPositiveStep("0...2:-1")),
      ("0...2:1:2", .notANumber("1:2")),
      ("1,,2", .emptyItem("1,,2")),
      ("1,", .emptyItem("1,")),
    ])
  func malformed(_ text: String, _ error: NumberSyntax.Error) {
    #expect(throws: error) { try NumberSyntax.numbers(text) }
    #expect(throws: (any Error).self) { try NumberSyntax.wholeNumbers(text) }
  }

  @Test("0....5 is an error for counts, not [0]")
  func fourDots() {
    #expect(throws: NumberSyntax.Error.notANumber(".5")) { try NumberSyntax.wholeNumbers("0....5") }
  }

  @Test("A range whose step is below the spacing of doubles is refused, never repeated")
  func repeatedValues() throws {
    let range = "1e16...1.0000000000000002e16:1"
    #expect(throws: NumberSyntax.Error.repeatedValue(range: range, value: 1e16)) {
      try NumberSyntax.numbers(range)
    }
    #expect(
      "\(NumberSyntax.Error.repeatedValue(range: range, value: 1e16))"
        == "the step of 1e16...1.0000000000000002e16:1 is below the spacing of doubles near "
        + "1e+16 (2), so two of its values would both be 1e+16; use a larger step.")
    #expect(try NumberSyntax.numbers("1e16...1.0000000000000002e16:2") == [1e16, 1e16 + 2])
  }

  @Test("The number of values is capped, with the count in the message")
  func cap() {
    #expect(throws: NumberSyntax.Error.tooManyValues("0...1e9", count: 1e9 + 1)) {
      try NumberSyntax.numbers("0...1e9")
    }
    #expect(throws: NumberSyntax.Error.tooManyValues("0...1000000", count: 1_000_001)) {
      try NumberSyntax.wholeNumbers("0...1000000")
    }
    #expect((try? NumberSyntax.wholeNumbers("1...1000000"))?.count == NumberSyntax.limit)
    #expect(throws: NumberSyntax.Error.self) { try NumberSyntax.numbers("-1e308...1e308:1e-300") }
    #expect(
      "\(NumberSyntax.Error.tooManyValues("0...1e9", count: 1e9 + 1))"
        == "0...1e9 gives 1000000001 values, more than the 1000000 one run may print.")
  }

  @Test("Every error is one sentence on one line")
  func oneLine() {
    let errors: [NumberSyntax.Error] = [
      .empty, .notANumber("x"), .emptyItem("1,,2"), .overflow("1e400"), .underflow("1e-400"),
      .notWhole("0.5"), .beyondExactWholeNumbers("1e16"), .outside("0", .positive),
      .malformedRange("1..."), .reversedRange("3...1"), .nonPositiveStep("0...1:0"),
      .tooManyValues("0...1e9", count: 1e9), .repeatedValue(range: "r", value: 1e16),
      .notSingle("1,2"),
    ]
    for error in errors {
      let text = "\(error)"
      #expect(!text.contains("\n") && text.hasSuffix("."), "\(text)")
    }
  }
}
