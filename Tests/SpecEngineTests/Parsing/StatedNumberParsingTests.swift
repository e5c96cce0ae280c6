import Testing

@testable import SpecEngine

@Suite("Stated numbers and tolerances as a spec writes them")
struct StatedNumberParsingTests {
  /// Whether `x` is within 4 ulps of `reference`: percentages scale by 0.01, which is inexact,
  /// and SpecEngineTests does not link RealModule's `isApproximatelyEqual`.
  private func isWithinFourUlps(_ x: Double, of reference: Double) -> Bool {
    abs(x - reference) <= 4 * reference.magnitude.ulp
  }

  @Test(
    "Reads a number with the unit of its last stated place",
    arguments: [
      ("0.0025", 0.0025, 1e-4 as Double?),
      ("25%", 0.25, 0.01),
      ("0.25 %", 0.0025, 1e-4),
      ("1.234e-4", 1.234e-4, 1e-7),
      ("1.234E4", 12340, 10),
      ("3", 3, 1),
      ("-0.5", -0.5, 0.1),
      ("\u{2212}0.5", -0.5, 0.1),
      ("$0.224042$", 0.224042, 1e-6),
      ("1e-300", 1e-300, 1e-300),
    ])
  func readsStatedPrecision(text: String, value: Double, unit: Double?) throws {
    let number = try #require(StatedNumber(parsing: text))
    #expect(isWithinFourUlps(number.value, of: value))
    let parsedUnit = try #require(number.unit)
    let expectedUnit = try #require(unit)
    #expect(isWithinFourUlps(parsedUnit, of: expectedUnit))
  }

  @Test("Reads a fraction as an exact value with no unit")
  func readsFraction() throws {
    let number = try #require(StatedNumber(parsing: "22/5"))
    #expect(number.value == 4.4)
    #expect(number.unit == nil)
    #expect(number.text == "22/5")
  }

  @Test("Reads thousands grouping only when asked")
  func readsGrouping() throws {
    let number = try #require(StatedNumber(parsing: "4,718,592", allowGrouping: true))
    #expect(number.value == 4_718_592)
    #expect(number.unit == 1)
    #expect(StatedNumber(parsing: "4,718,592") == nil)
    #expect(StatedNumber(parsing: "4,71,8592", allowGrouping: true) == nil)
  }

  @Test(
    "Rejects text that is not a number",
    arguments: ["O.0025", "", "abc", "1.2.3", "1e", "22/0", "2.5/3", "--1"])
  func rejectsNonNumbers(text: String) {
    #expect(StatedNumber(parsing: text) == nil)
  }

  @Test(
    "Flags a number with a letter typed for a digit",
    arguments: [
      ("O.0025", true), ("1O", true), ("l.5", true), ("abc", false), ("mean", false),
      ("0.0025", false), ("v2", false),
    ])
  func flagsMistypedNumbers(text: String, mistyped: Bool) {
    #expect(StatedNumber.looksMistyped(text) == mistyped)
  }

  @Test(
    "Reads every form of tolerance bound",
    arguments: [
      ("4 ulp", Tolerance.Bound.ulps(4)),
      ("4 ulps", .ulps(4)),
      ("rel 1e-12", .relative(1e-12)),
      ("1e-12 rel", .relative(1e-12)),
      ("relative 1e-12", .relative(1e-12)),
      ("abs 1e-15", .absolute(1e-15)),
      ("absolute 1e-15", .absolute(1e-15)),
      ("abs 1e-300 + rel 1e-12", .mixed(absolute: 1e-300, relative: 1e-12)),
      ("rel 1e-12 + abs 1e-300", .mixed(absolute: 1e-300, relative: 1e-12)),
      ("alpha 1e-6", .falseFailureRate(1e-6)),
    ])
  func readsToleranceBounds(text: String, bound: Tolerance.Bound) {
    #expect(Tolerance.Bound(parsing: text) == bound)
  }

  @Test(
    "Rejects malformed tolerance bounds",
    arguments: ["4", "4 ulpz", "rel", "abs 1e-15 + abs 1e-12", "alpha 2", "-4 ulp", "rel x"])
  func rejectsToleranceBounds(text: String) {
    #expect(Tolerance.Bound(parsing: text) == nil)
  }

  @Test("A whole number is exact: 0 does not accept 0.49, nor 22 accept 22.3")
  func wholeNumbersAreExact() throws {
    let zero = try #require(StatedNumber(parsing: "0"))
    #expect(zero.isReproduced(by: 0))
    #expect(!zero.isReproduced(by: 0.3))
    #expect(!zero.isReproduced(by: 1e-300))
    let twentyTwo = try #require(StatedNumber(parsing: "22"))
    #expect(twentyTwo.isReproduced(by: 22.000000000000004))
    #expect(!twentyTwo.isReproduced(by: 22.3))
    // Decimals keep their half unit.
    let rate = try #require(StatedNumber(parsing: "22.0"))
    #expect(rate.isReproduced(by: 22.04))
  }
}
