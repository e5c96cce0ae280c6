import Foundation

/// Every verdict of a run in machine-readable form: the contents of `Reports/verdicts.json`.
///
/// The document gives the run (crosscheck version, commit, Swift, GSL and MPFR versions,
/// platform), each spec, and for every claim and every table row its ID, spec, section, kind,
/// verdict, summary, measurements (what against what, measured value, bound, unit), replay
/// token and the anchor of its verdict in the HTML report. The schema is
/// `Docs/verdicts.schema.json` in the repository.
///
/// The JSON is deterministic: keys sorted, specs by article number then name, claims in
/// document order, rows in table order. Non-finite numbers are the strings `"nan"`, `"inf"`
/// and `"-inf"`. Every key is written, `null` where a value is absent, so every claim has the
/// same shape.
public struct VerdictsDocument: Sendable, Hashable, Codable {
  /// The name in the `format` field.
  public static let formatName = "crosscheck-verdicts"
  /// The version in the `formatVersion` field; it changes when a field changes meaning.
  public static let currentFormatVersion = 1

  /// Describes why a verdicts file could not be read.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The text is not JSON of this shape.
    case malformed(reason: String)
    /// The file is of another format or version.
    case unsupported(format: String, version: Int)

    public var description: String {
      switch self {
      case .malformed(let reason): "The verdicts file is not valid: \(reason)."
      case .unsupported(let format, let version):
        "The verdicts file has format '\(format)' version \(version); expected "
          + "'\(VerdictsDocument.formatName)' version \(VerdictsDocument.currentFormatVersion)."
      }
    }
  }

  /// One measured error against its bound.
  public struct Measurement: Sendable, Hashable, Codable {
    /// What was compared, such as `kernel vs referee`.
    public var label: String
    /// The measured value in `unit`.
    public var value: Double
    /// The bound, or nil when the measurement is informational.
    public var bound: Double?
    /// The unit: `ulp`, `rel`, `abs`, `of allowance`, `p-value`, ...
    public var unit: String
    /// Whether the value met its bound, or nil when informational.
    public var passed: Bool?

    /// Creates a measurement from a result's.
    public init(_ m: SpecEngine.Measurement) {
      self.label = m.label
      self.value = m.value
      self.bound = m.bound
      self.unit = m.unit
      self.passed = m.passed
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(label, forKey: .label)
      try c.encode(value, forKey: .value)
      try c.encode(bound, forKey: .bound)
      try c.encode(unit, forKey: .unit)
      try c.encode(passed, forKey: .passed)
    }
  }

  /// One table row's verdict.
  public struct Row: Sendable, Hashable, Codable {
    /// The row ID, such as `A9.1.7/count=3`.
    public var id: String
    /// The verdict.
    public var verdict: Verdict
    /// The text of the row's verdict cell.
    public var summary: String
    /// What was measured for the row.
    public var measurements: [Measurement]
    /// The 1-based line of the row in the spec.
    public var line: Int
    /// The anchor of the row's verdict (``ReportRenderer/anchor(for:)``).
    public var anchor: String
  }

  /// One claim's verdict.
  public struct Claim: Sendable, Hashable, Codable {
    /// The claim ID, such as `A9.1.3`.
    public var id: String
    /// The spec's name, such as `09-poisson-exponential`.
    public var spec: String
    /// The section ID, such as `A9.1`.
    public var section: String
    /// The claim kind: `table`, `property`, `statistical`, `figure` or `narrative`.
    public var kind: String
    /// The check the claim names, or nil for a narrative item.
    public var check: String?
    /// The verdict; a claim without a result is an `error`.
    public var verdict: Verdict
    /// The claim's statement, on one line.
    public var statement: String
    /// The one-line summary of the result (for a narrative item, why it is not checked).
    public var summary: String
    /// The measured errors against their bounds.
    public var measurements: [Measurement]
    /// The token that replays a failing case, or nil.
    public var replay: String?
    /// The 1-based line of the claim in the spec.
    public var line: Int
    /// The anchor of the claim's verdict (``ReportRenderer/anchor(for:)``).
    public var anchor: String
    /// The report page and anchor, such as `09-poisson-exponential.html#A9.1.3`.
    public var link: String
    /// The rows of a table claim, in table order; empty for other kinds.
    public var rows: [Row]

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(spec, forKey: .spec)
      try c.encode(section, forKey: .section)
      try c.encode(kind, forKey: .kind)
      try c.encode(check, forKey: .check)
      try c.encode(verdict, forKey: .verdict)
      try c.encode(statement, forKey: .statement)
      try c.encode(summary, forKey: .summary)
      try c.encode(measurements, forKey: .measurements)
      try c.encode(replay, forKey: .replay)
      try c.encode(line, forKey: .line)
      try c.encode(anchor, forKey: .anchor)
      try c.encode(link, forKey: .link)
      try c.encode(rows, forKey: .rows)
    }
  }

  /// One spec of the run.
  public struct SpecEntry: Sendable, Hashable, Codable {
    /// The spec's name.
    public var name: String
    /// The spec file, as given to the run.
    public var file: String
    /// The article number.
    public var article: Int
    /// The spec's title.
    public var title: String
    /// The spec's status: `original read`, `reconstructed` or `partly reconstructed`.
    public var status: String
    /// The HTML report's file name.
    public var report: String
  }

  /// Always ``formatName``.
  public var format: String
  /// Always ``currentFormatVersion`` when written by this version.
  public var formatVersion: Int
  /// The run that produced the verdicts.
  public var run: RunInfo
  /// The specs, by article number then name.
  public var specs: [SpecEntry]
  /// Every claim of every spec, spec by spec, each in document order.
  public var claims: [Claim]

  /// Creates the document of a run.
  ///
  /// - Parameters:
  ///   - entries: each spec with its results, keyed by claim ID; a claim without a result is
  ///     recorded as an `error` that was not run.
  ///   - run: the run's versions and commit.
  public init(entries: [(spec: Spec, results: [String: ClaimResult])], run: RunInfo) {
    let sorted = entries.sorted {
      ($0.spec.frontMatter.article, $0.spec.name, $0.spec.file)
        < ($1.spec.frontMatter.article, $1.spec.name, $1.spec.file)
    }
    self.format = Self.formatName
    self.formatVersion = Self.currentFormatVersion
    self.run = run
    self.specs = sorted.map { entry in
      SpecEntry(
        name: entry.spec.name, file: entry.spec.file, article: entry.spec.frontMatter.article,
        title: entry.spec.title, status: entry.spec.frontMatter.status.rawValue,
        report: ReportRenderer.reportBaseName(for: entry.spec) + ".html")
    }
    var claims: [Claim] = []
    for (spec, results) in sorted {
      let page = ReportRenderer.reportBaseName(for: spec) + ".html"
      let ordered = spec.claims.sorted {
        ($0.location.line, $0.location.column, $0.id) < (
          $1.location.line, $1.location.column, $1.id
        )
      }
      for claim in ordered {
        claims.append(Self.claim(claim, spec: spec, result: results[claim.id], page: page))
      }
    }
    self.claims = claims
  }

  private static func claim(
    _ claim: SpecEngine.Claim, spec: Spec, result: ClaimResult?, page: String
  ) -> Claim {
    let statement = ReportRenderer.oneLine(claim.statement)
    let verdict: Verdict
    let summary: String
    if claim.kind == .narrative {
      verdict = .narrative
      summary = "not checked: \(statement)"
    } else if let result {
      verdict = result.verdict
      summary = result.summary
    } else {
      verdict = .error
      summary = "not run: no result was recorded"
    }
    let rows = (result?.rows ?? []).map { row in
      Row(
        id: row.id, verdict: row.verdict, summary: row.summary,
        measurements: row.measurements.map(Measurement.init), line: row.location.line,
        anchor: ReportRenderer.anchor(for: row.id))
    }
    let anchor = ReportRenderer.anchor(for: claim.id)
    return Claim(
      id: claim.id, spec: spec.name, section: claim.sectionID, kind: claim.kind.rawValue,
      check: claim.check.isEmpty ? nil : claim.check, verdict: verdict, statement: statement,
      summary: summary, measurements: (result?.measurements ?? []).map(Measurement.init),
      replay: result?.replay, line: claim.location.line, anchor: anchor,
      link: "\(page)#\(anchor)", rows: rows)
  }

  /// Returns the document as pretty-printed JSON with sorted keys and a final newline.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    // Every value here is encodable, so encoding cannot fail; an empty object is a safe fallback.
    guard let data = try? encoder.encode(self) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Reads a document from its JSON.
  ///
  /// - Throws: ``Error/malformed(reason:)`` for text that is not such a document, and
  ///   ``Error/unsupported(format:version:)`` for another format or version.
  public static func read(json bytes: [UInt8]) throws(Error) -> VerdictsDocument {
    let data = Data(bytes)
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    struct Header: Decodable {
      var format: String
      var formatVersion: Int
    }
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: data)
    } catch {
      throw .malformed(reason: Self.reason(error))
    }
    guard header.format == formatName, header.formatVersion == currentFormatVersion else {
      throw .unsupported(format: header.format, version: header.formatVersion)
    }
    do {
      return try decoder.decode(VerdictsDocument.self, from: data)
    } catch {
      throw .malformed(reason: Self.reason(error))
    }
  }

  /// Returns one line saying where decoding failed.
  private static func reason(_ error: any Swift.Error) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      keys.isEmpty
        ? "the top level"
        : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    guard let error = error as? DecodingError else { return "it is not JSON" }
    switch error {
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "it is not JSON" : "bad value at \(path(context.codingPath))"
    case .keyNotFound(let key, let context):
      return "'\(key.stringValue)' is missing at \(path(context.codingPath))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "wrong type at \(path(context.codingPath))"
    @unknown default:
      return "it is not JSON of the expected shape"
    }
  }

  /// Returns the claim or table row with this ID: the claim and, for a row, the row.
  public func find(_ id: String) -> (claim: Claim, row: Row?)? {
    for claim in claims {
      if claim.id == id { return (claim, nil) }
      if let row = claim.rows.first(where: { $0.id == id }) { return (claim, row) }
    }
    return nil
  }
}
