import Testing

@testable import SpecEngine

@Suite("Validating claims against the checks' schema")
struct ClaimSchemaTests {
  /// The checks the fixtures use, as Verification might declare them.
  static let schema = ClaimSchema([
    CheckSchema(
      name: "poisson.probability", kind: .table,
      parameters: [
        ParameterSchema(
          "mean", accepts: [.number], source: .parameterOrColumn, help: "the mean, lambda"),
        ParameterSchema("count", accepts: [.integer], source: .column, help: "the count n"),
        ParameterSchema(
          "expected", accepts: [.number], source: .column, role: .expected,
          help: "the stated P(N = n)"),
      ],
      summary: "P(N = n) for a Poisson count", oracles: ["referee", "gsl"]),
    CheckSchema(
      name: "poisson.normalization", kind: .property,
      parameters: [
        ParameterSchema("mean", accepts: [.number, .range], help: "the mean"),
        ParameterSchema("counts", accepts: [.list], isRequired: false, help: "counts to probe"),
        ParameterSchema("cases", accepts: [.integer], isRequired: false, help: "inputs drawn"),
      ],
      summary: "the probabilities add up to one", oracles: ["exact"]),
    CheckSchema(
      name: "poisson.goodness-of-fit", kind: .statistical,
      parameters: [
        ParameterSchema("mean", accepts: [.number], help: "the mean"),
        ParameterSchema("draws", accepts: [.integer], help: "the sample size"),
      ],
      summary: "a chi-square test of Poisson draws"),
    CheckSchema(
      name: "exponential.density-plot", kind: .figure,
      parameters: [
        ParameterSchema("rate", accepts: [.number], help: "the rate"),
        ParameterSchema("x", accepts: [.range], help: "the plotted interval"),
      ],
      summary: "a plot of the exponential density"),
    CheckSchema(
      name: "exponential.memoryless", kind: .property,
      parameters: [ParameterSchema("rate", accepts: [.number, .range], help: "the rate")],
      summary: "P(T > s + t | T > s) = P(T > t)"),
  ])

  @Test("The good fixture fits the schema")
  func goodSpecIsValid() throws {
    let text = try ParsingFixtures.text("good.md")
    let spec = try #require(SpecParser.parse(text, file: "good.md").spec)
    #expect(ClaimSchema.validate(spec, against: Self.schema) == [])
  }

  @Test("Every schema problem is reported at its place")
  func reportsEveryProblem() throws {
    let text = """
      ---
      article: 9
      title: T
      original-title: O
      author: A
      source: S
      status: original read
      map-claims: A9.1.1
      ---
      ## 一 · One
      <!-- claim A9.1.1 table
      check: poisson.probability
      columns: count, expect, mean
      mean: 3
      lambda: 2
      -->
      | $n$ | $P$ | $\\lambda$ |
      |---|---|---|
      | 0 | O.05 | 1 |
      | 1.5 | 0.1x | 1 |
      | 4,096 | 25% | one |

      ```claim A9.1.2 property
      check: poisson.normalisation
      ```

      ```claim A9.1.3 property
      check: poisson.goodness-of-fit
      mean: 0 ... 1
      draws: many
      ```

      ```claim A9.1.4 property
      check: poisson.normalization
      mean: 1, 2
      counts: 0 ... 3
      cases: 2.5
      expect: refuted
      ```
      """
    let spec = try #require(SpecParser.parse(text, file: "t.md").spec)
    let found = ClaimSchema.validate(spec, against: Self.schema).map(\.description)
    #expect(
      found == [
        "t.md:11:1: error: claim A9.1.1 is missing column 'expected', which check"
          + " 'poisson.probability' requires",
        "t.md:15:9: error: unknown parameter 'lambda' for check 'poisson.probability' (it takes"
          + " mean, count, expected)",
        "t.md:17:9: error: unknown column binding 'expect' for check 'poisson.probability'"
          + " (it takes mean, count, expected)",
        "t.md:17:15: error: 'mean' is given both as a parameter and as a column",
        "t.md:20:3: error: cannot read '1.5' as a whole number",
        "t.md:21:17: error: cannot read 'one' as a number",
        "t.md:23:1: error: unknown check 'poisson.normalisation' (did you mean"
          + " 'poisson.normalization'?)",
        "t.md:27:1: error: check 'poisson.goodness-of-fit' runs statistical claims, not property"
          + " claims",
        "t.md:29:7: error: parameter 'mean' takes a number; got '0 ... 1'",
        "t.md:30:8: error: cannot read 'many' as a number",
        "t.md:35:7: error: parameter 'mean' takes a number or a range; got '1, 2'",
        "t.md:36:9: error: parameter 'counts' takes a list of numbers; got '0 ... 3'",
        "t.md:37:8: error: cannot read '2.5' as a whole number",
      ])
  }

  @Test("Parse and schema diagnostics merge in order of place when loading with a schema")
  func loaderMergesDiagnostics() throws {
    let path = try ParsingFixtures.path("malformed.md")
    let (spec, diagnostics) = SpecLoader.load(file: path, schema: Self.schema)
    #expect(spec != nil)
    let messages = diagnostics.map(\.message)
    // The parser's mistyped number is reported once, not again by the schema.
    #expect(messages.filter { $0 == "cannot read 'O.0025' as a number" }.count == 1)
    #expect(diagnostics == SpecParser.ordered(diagnostics))
    #expect(
      messages.contains(
        "claim A9.1.8 is missing parameter 'draws', which check 'poisson.goodness-of-fit' requires")
    )
    #expect(!messages.contains { $0.contains("missing column") })
    #expect(!messages.contains { $0.contains("uniform 1 ... O.5") })
  }

  @Test("Edit distance counts insertions, deletions and substitutions")
  func editDistanceCounts() {
    #expect(editDistance("kitten", "sitting") == 3)
    #expect(editDistance("", "abc") == 3)
    #expect(editDistance("poisson.normalisation", "poisson.normalization") == 1)
  }
}
