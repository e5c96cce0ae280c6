import SpecEngine

/// A small hand-built spec and results that exercise every kind of claim the renderer draws.
///
/// The spec is reconstructed; it has a table claim with two rows (the second fails), a failing
/// property with measurements and a replay token, a figure the article map does not list, a
/// property with no result, and a narrative item.
enum RenderingFixtures {
  static let file = "Specs/09-poisson.md"

  static let lines: [String] = [
    "---",  // 1
    "article: 9",
    "title: The Poisson distribution in brief",
    "original-title: 泊松分布",
    "author: Ruan Yifeng",  // 5
    "source: https://example.org/poisson",
    "status: reconstructed",
    "map-claims: A9.0.1 A9.1.1-2 A9.2.1",
    "---",
    "",  // 10
    "# The Poisson distribution",
    "",
    "<!-- narrative A9.0.1: the author's motivation; nothing to check -->",
    "",
    "## 一、泊松分布 · The Poisson distribution",  // 15
    "",
    "At three births an hour, two quiet hours are unlikely:",
    "",
    "<!-- claim A9.1.1 table",
    "check: poisson.probability",  // 20
    "columns: rate, hours, count, expected",
    "tolerance: 4 ulp against referee",
    "because: Loader's saddle-point pmf is accurate to a few ulps",
    "-->",
    "| rate | hours | $n$ | probability |",  // 25
    "|---:|---:|---:|---:|",
    "| 3 | 2 | 0 | 0.0025 |",
    "| 3 | 1 | 1 | 0.1500 |",
    "",
    "The probabilities add up to one:",  // 30
    "",
    "```claim A9.1.2 property",
    "The probabilities over all counts add up to one.",
    "check: poisson.normalization",
    "mean: log-uniform 1e-3 ... 1e6",  // 35
    "cases: 200",
    "tolerance: 64 ulp against exact",
    "because: the sum of up to 1e4 terms, each good to a few ulps",
    "```",
    "",  // 40
    "```claim A9.1.3 figure",
    "The pmf of Poisson(3).",
    "check: poisson.figure",
    "tolerance: 4 ulp against gsl",
    "because: the same kernel as the table",  // 45
    "```",
    "",
    "## 二、指数分布 · The exponential distribution",
    "",
    "```claim A9.2.1 property",  // 50
    "The mean gap is 1/rate.",
    "check: exponential.mean",
    "```",
    "",
    "Closing prose.",  // 55
  ]

  static func at(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

  static func tolerance(_ bound: Tolerance.Bound, _ reference: String, _ reason: String, line: Int)
    -> Tolerance
  {
    Tolerance(bound: bound, reference: reference, reason: reason, location: at(line))
  }

  static var spec: Spec {
    let entries = lines[1...7].enumerated().map { offset, line in
      let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
      return FrontMatter.Entry(
        key: parts[0], value: parts.count > 1 ? String(parts[1].dropFirst()) : "",
        location: at(offset + 2))
    }
    let front = FrontMatter(
      article: 9, title: "The Poisson distribution in brief", originalTitle: "泊松分布",
      author: "Ruan Yifeng", source: "https://example.org/poisson", status: .reconstructed,
      mapClaims: ["A9.0.1", "A9.1.1", "A9.1.2", "A9.2.1"], entries: entries)
    let sections = [
      Section(
        id: "A9.0", heading: "The Poisson distribution",
        originalHeading: "The Poisson distribution",
        englishHeading: "The Poisson distribution", level: 1, lineRange: 11...14, location: at(11)),
      Section(
        id: "A9.1", heading: "一、泊松分布 · The Poisson distribution", originalHeading: "一、泊松分布",
        englishHeading: "The Poisson distribution", level: 2, lineRange: 15...47, location: at(15)),
      Section(
        id: "A9.2", heading: "二、指数分布 · The exponential distribution",
        originalHeading: "二、指数分布", englishHeading: "The exponential distribution", level: 2,
        lineRange: 48...55, location: at(48)),
    ]
    let columns = ["rate", "hours", "count", "expected"].enumerated().map { i, binding in
      Table.Column(header: binding, binding: binding, location: at(25))
    }
    let rows = [
      Table.Row(
        id: "A9.1.1/1",
        cells: ["3", "2", "0", "0.0025"].map { Table.Cell(text: $0, location: at(27)) },
        location: at(27)),
      Table.Row(
        id: "A9.1.1/2",
        cells: ["3", "1", "1", "0.1500"].map { Table.Cell(text: $0, location: at(28)) },
        location: at(28)),
    ]
    let claims = [
      Claim(
        id: "A9.0.1", kind: .narrative, check: "",
        statement: "the author's motivation; nothing to check", location: at(13),
        lineRange: 13...13),
      Claim(
        id: "A9.1.1", kind: .table, check: "poisson.probability", statement: "",
        tolerance: tolerance(
          .ulps(4), "referee", "Loader's saddle-point pmf is accurate to a few ulps", line: 22),
        table: Table(columns: columns, rows: rows, lineRange: 25...28), location: at(19),
        lineRange: 19...28),
      Claim(
        id: "A9.1.2", kind: .property, check: "poisson.normalization",
        statement: "The probabilities over all counts add up to one.",
        tolerance: tolerance(
          .ulps(64), "exact", "the sum of up to 1e4 terms, each good to a few ulps", line: 37),
        location: at(32), lineRange: 32...39),
      Claim(
        id: "A9.1.3", kind: .figure, check: "poisson.figure", statement: "The pmf of Poisson(3).",
        tolerance: tolerance(.ulps(4), "gsl", "the same kernel as the table", line: 44),
        location: at(41), lineRange: 41...46),
      Claim(
        id: "A9.2.1", kind: .property, check: "exponential.mean",
        statement: "The mean gap is 1/rate.", location: at(50), lineRange: 50...53),
    ]
    return Spec(
      file: file, lines: lines, frontMatter: front, title: "The Poisson distribution",
      sections: sections, claims: claims)
  }

  static let figure = Figure(
    title: "Poisson(3) <pmf> & friends", xLabel: "count n", yLabel: "P(N = n)",
    series: [
      Figure.Series(
        name: "kernel", style: .bars, x: [0, 1, 2, 3, 4],
        y: [0.049787, 0.149361, 0.224042, 0.224042, 0.168031]),
      Figure.Series(
        name: "GSL", style: .points, x: [0, 1, 2, 3, 4],
        y: [0.049787, 0.149361, 0.224042, 0.224042, 0.168031]),
    ])

  static var results: [String: ClaimResult] {
    let ulpReferee = { (value: Double) in
      Measurement(label: "kernel vs referee", value: value, bound: 4, unit: "ulp", passed: true)
    }
    let table = ClaimResult(
      id: "A9.1.1", verdict: .failed, summary: "1 of 2 rows failed",
      measurements: [ulpReferee(1.1)],
      rows: [
        RowResult(
          id: "A9.1.1/1", verdict: .passed,
          summary: "0.002478752177 rounds to 0.0025; 0.4 ulp vs referee (≤ 4)",
          measurements: [ulpReferee(0.4)], location: at(27)),
        RowResult(
          id: "A9.1.1/2", verdict: .failed,
          summary: "0.1493612051 does not round to 0.1500; 1.1 ulp vs referee (≤ 4)",
          measurements: [ulpReferee(1.1)], location: at(28)),
      ],
      details: ["A9.1.1/2: stated 0.1500, computed 0.1493612051"], location: at(19))
    let property = ClaimResult(
      id: "A9.1.2", verdict: .failed, summary: "3 of 200 cases exceed the bound",
      measurements: [
        Measurement(label: "kernel vs exact", value: 71.5, bound: 64, unit: "ulp", passed: false),
        Measurement(label: "GSL vs referee", value: 0.62, unit: "ulp"),
      ],
      details: ["input: mean = 951234.5", "shrunk: mean = 1e6"],
      replay: "A9.1.2@9e8eeb7a86a6019a#417",
      location: at(32))
    let figureResult = ClaimResult(
      id: "A9.1.3", verdict: .passed, summary: "5 points agree with GSL",
      measurements: [
        Measurement(label: "kernel vs gsl", value: 0.5, bound: 4, unit: "ulp", passed: true)
      ],
      figure: figure, location: at(41))
    return ["A9.1.1": table, "A9.1.2": property, "A9.1.3": figureResult]
  }

  static let run = RunInfo(
    crosscheckVersion: "0.1.0", commit: "abc1234", swiftVersion: "6.3.1", gslVersion: "2.7.1",
    mpfrVersion: "4.2.1", platform: "Linux x86_64")

  /// A stand-in for cmark: wraps the Markdown in `<pre>` and turns placeholder lines into `<p>`.
  static func fakeHTML(_ markdown: String) -> String {
    markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let text = line.hasPrefix("> ") ? String(line.dropFirst(2)) : String(line)
      return text.hasPrefix("CROSSCHECK-FIGURE-") ? "<p>\(text)</p>" : "<pre>\(text)</pre>"
    }.joined(separator: "\n")
  }
}
