import Testing

@testable import SpecEngine

@Suite("Parameter values: numbers, lists, ranges and text")
struct ParameterValueParsingTests {
  /// Parses `text` as the value of a parameter on line 1, column 7 of `t.md`.
  private func parse(_ text: String) -> (ParameterValue, [String]) {
    var diagnostics: [Diagnostic] = []
    let value = ParameterValue.parse(
      LocatedText(text: text, line: 1, column: 7), file: "t.md", diagnostics: &diagnostics)
    return (value, diagnostics.map(\.description))
  }

  @Test("Reads a number, a grouped number and a list")
  func readsNumbersAndLists() {
    #expect(parse("3").0.number?.value == 3)
    #expect(parse("4,096").0.number?.value == 4096)
    guard case .list(let items) = parse("0, 1, 2.5").0 else {
      Issue.record("expected a list")
      return
    }
    #expect(items.map(\.value) == [0, 1, 2.5])
  }

  @Test(
    "Reads ranges with and without a distribution",
    arguments: [
      ("uniform 0 ... 1", ParameterValue.Distribution.uniform, 0.0, 1.0),
      ("log-uniform 1e-3 ... 1e6", .logUniform, 1e-3, 1e6),
      ("integer 0 ... 40", .integer, 0, 40),
      ("0 ... 40", .integer, 0, 40),
      ("0...1.5", .uniform, 0, 1.5),
      ("0.5 … 2", .uniform, 0.5, 2),
    ])
  func readsRanges(text: String, distribution: ParameterValue.Distribution, a: Double, b: Double) {
    let (value, diagnostics) = parse(text)
    guard case .range(let d, let low, let high) = value else {
      Issue.record("expected a range, got \(value)")
      return
    }
    #expect(d == distribution)
    #expect(low.value == a)
    #expect(high.value == b)
    #expect(diagnostics.isEmpty)
  }

  @Test("Keeps words as text")
  func keepsText() {
    #expect(parse("poisson, then exponential") == (.text("poisson, then exponential"), []))
    #expect(parse("see the figure ... below") == (.text("see the figure ... below"), []))
    #expect(parse("referee").0 == .text("referee"))
  }

  @Test("Reports mistyped numbers and malformed ranges at their columns")
  func reportsProblems() {
    #expect(parse("O.0025").1 == ["t.md:1:7: error: cannot read 'O.0025' as a number"])
    #expect(parse("1, O.5, 2").1 == ["t.md:1:10: error: cannot read 'O.5' as a number"])
    #expect(parse("uniform 1 ... x").1 == ["t.md:1:21: error: cannot read 'x' as a number"])
    #expect(
      parse("gaussian 0 ... 1").1 == [
        "t.md:1:7: error: unknown distribution 'gaussian'"
          + " (expected uniform, log-uniform or integer)"
      ])
    #expect(
      parse("5 ... 1").1 == [
        "t.md:1:7: error: range 5 ... 1 is empty: its lower end is above its upper end"
      ])
    #expect(
      parse("log-uniform 0 ... 1").1 == [
        "t.md:1:7: error: a log-uniform range needs positive ends; got 0 ... 1"
      ])
    #expect(
      parse("integer 0 ... 1.5").1 == [
        "t.md:1:7: error: an integer range needs whole-number ends; got 0 ... 1.5"
      ])
  }
}
