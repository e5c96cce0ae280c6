import SpecEngine
import Testing
import Verification

/// Builds a property claim by hand.
func propertyClaim(_ id: String = "A9.9.1") -> Claim {
  Claim(
    id: id, kind: .property, check: "test", statement: "a test property",
    location: SourceLocation(file: "Specs/test.md", line: 3), lineRange: 3...8)
}

@Suite("Property runner")
struct PropertyRunnerTests {
  let input = InputDraw(name: "x", distribution: .uniform, lower: 0, upper: 1000)

  @Test("A property that holds passes and reports the worst measured error")
  func passes() {
    let result = PropertyRunner(claim: propertyClaim(), inputs: [input], cases: 50).run { v in
      var o = CaseOutcome()
      o.compare(
        "x vs x", v["x"], against: v["x"],
        within: Tolerance(
          bound: .ulps(1), reference: nil, reason: "same value",
          location: SourceLocation(file: "t", line: 1)))
      return o
    }
    #expect(result.verdict == .passed)
    #expect(result.replay == nil)
    #expect(result.summary.hasPrefix("50 cases"))
  }

  @Test("A failure is shrunk towards a simple input and gives a token that replays it")
  func failsShrinksAndReplays() throws {
    let body: (CaseValues) -> CaseOutcome = { v in
      var o = CaseOutcome()
      let x = v["x"]
      o.require(x < 123.456, "x below 123.456", note: "x = \(x)")
      return o
    }
    let claim = propertyClaim()
    let result = PropertyRunner(claim: claim, inputs: [input], cases: 200).run(body)
    #expect(result.verdict == .failed)
    // The shrinker prefers round values: the shrunk input has at most two significant digits.
    let shrunk = try #require(result.details.first { $0.hasPrefix("shrunk to x = ") })
    let value = try #require(Double(shrunk.dropFirst("shrunk to x = ".count)))
    #expect(value >= 123.456)
    #expect(value == (value / 10).rounded() * 10)
    let token = try #require(result.replay.flatMap(ReplayToken.init(parsing:)))
    #expect(token.claimID == claim.id)
    let replayed = PropertyRunner(claim: claim, inputs: [input], cases: 200, replay: token).run(
      body)
    #expect(replayed.verdict == .failed)
    #expect(replayed.summary.hasPrefix("1 case"))
  }

  @Test("Two runs draw the same inputs")
  func deterministic() {
    var first: [Double] = []
    var second: [Double] = []
    _ = PropertyRunner(claim: propertyClaim(), inputs: [input], cases: 20).run { v in
      first.append(v["x"])
      return CaseOutcome()
    }
    _ = PropertyRunner(claim: propertyClaim(), inputs: [input], cases: 20).run { v in
      second.append(v["x"])
      return CaseOutcome()
    }
    #expect(first == second)
    #expect(Set(first).count > 10)
  }

  @Test("Draws stay in their ranges, log-uniform and integer ones included")
  func drawsStayInRange() {
    let draws = [
      InputDraw(name: "a", distribution: .logUniform, lower: 1e-300, upper: 1e12),
      InputDraw(name: "b", distribution: .integer, lower: 1, upper: 1000),
      InputDraw(name: "c", distribution: .uniform, lower: -2, upper: 3),
    ]
    _ = PropertyRunner(claim: propertyClaim(), inputs: draws, cases: 500).run { v in
      var o = CaseOutcome()
      for d in draws {
        let x = v[d.name]
        o.require(d.contains(x), "\(d.name) in range", note: "\(d.name) = \(x)")
      }
      #expect(o.passed)
      return o
    }
  }
}
