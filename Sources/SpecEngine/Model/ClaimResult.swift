/// The outcome of a claim.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
  /// Every check of the claim held.
  case passed
  /// A check failed: the claim, or our implementation of it, is wrong.
  case failed
  /// The claim could not be run (a malformed spec, an oracle error).
  case error
  /// A narrative item: listed with its reason, not run.
  case narrative

  /// A mark for reports: ✅, ❌, ⚠️ or 📝.
  public var mark: String {
    switch self {
    case .passed: "✅"
    case .failed: "❌"
    case .error: "⚠️"
    case .narrative: "📝"
    }
  }
}

/// One measured error and the bound it is held to.
public struct Measurement: Sendable, Hashable, Codable {
  /// What was compared, such as `kernel vs referee` or `GSL vs referee`.
  public var label: String
  /// The measured error in `unit`, or the statistic (a p-value, a chi-square value).
  public var value: Double
  /// The bound, if this measurement is held to one.
  public var bound: Double?
  /// The unit: `ulp`, `rel`, `abs`, `of allowance`, `p-value`, ...
  public var unit: String
  /// Whether the measurement met its bound (nil when informational).
  public var passed: Bool?

  /// Creates a measurement.
  public init(label: String, value: Double, bound: Double? = nil, unit: String, passed: Bool? = nil)
  {
    self.label = label
    self.value = value
    self.bound = bound
    self.unit = unit
    self.passed = passed
  }
}

/// The outcome of one table row.
public struct RowResult: Sendable, Hashable, Codable {
  /// The row's ID.
  public var id: String
  /// The row's verdict.
  public var verdict: Verdict
  /// A short text for the report's verdict cell, such as `0.002478752177 rounds to 0.0025`.
  public var summary: String
  /// What was measured for the row.
  public var measurements: [Measurement]
  /// Where the row is.
  public var location: SourceLocation

  /// Creates a row result.
  public init(
    id: String, verdict: Verdict, summary: String, measurements: [Measurement],
    location: SourceLocation
  ) {
    self.id = id
    self.verdict = verdict
    self.summary = summary
    self.measurements = measurements
    self.location = location
  }
}

/// The outcome of a claim: verdict, measured errors against bounds, and what a reader needs on failure.
public struct ClaimResult: Sendable, Hashable, Codable {
  /// The claim's ID.
  public var id: String
  /// The overall verdict (for tables, failed if any row failed).
  public var verdict: Verdict
  /// One line for the report and the `check` command.
  public var summary: String
  /// The measurements, worst first where it matters.
  public var measurements: [Measurement]
  /// Row results, for table claims.
  public var rows: [RowResult]
  /// Further lines: failing input, shrunk input, statistics, expected against actual.
  public var details: [String]
  /// The figure a figure claim drew.
  public var figure: Figure?
  /// The token that replays a failing case, such as `A9.1.3@1f2e3d4c5b6a7988#417`.
  public var replay: String?
  /// Where the claim is.
  public var location: SourceLocation

  /// Creates a claim result.
  public init(
    id: String, verdict: Verdict, summary: String, measurements: [Measurement] = [],
    rows: [RowResult] = [], details: [String] = [], figure: Figure? = nil, replay: String? = nil,
    location: SourceLocation
  ) {
    self.id = id
    self.verdict = verdict
    self.summary = summary
    self.measurements = measurements
    self.rows = rows
    self.details = details
    self.figure = figure
    self.replay = replay
    self.location = location
  }
}

/// A plot's data, computed by a run, which the renderer draws as SVG.
public struct Figure: Sendable, Hashable, Codable {
  /// How a series is drawn.
  public enum Style: String, Sendable, Hashable, Codable {
    /// Vertical bars from zero.
    case bars
    /// A polyline through the points.
    case line
    /// Markers without lines.
    case points
  }

  /// One named series of points.
  public struct Series: Sendable, Hashable, Codable {
    /// The legend name.
    public var name: String
    /// How it is drawn.
    public var style: Style
    /// The x coordinates.
    public var x: [Double]
    /// The y coordinates, one per x.
    public var y: [Double]

    /// Creates a series.
    public init(name: String, style: Style, x: [Double], y: [Double]) {
      self.name = name
      self.style = style
      self.x = x
      self.y = y
    }
  }

  /// The title above the plot.
  public var title: String
  /// The x-axis label.
  public var xLabel: String
  /// The y-axis label.
  public var yLabel: String
  /// Whether the x axis is logarithmic.
  public var logX: Bool
  /// Whether the y axis is logarithmic.
  public var logY: Bool
  /// Whether one unit is as long on the y axis as on the x axis (linear axes only).
  ///
  /// Angles and shapes then look as they are: a circle is round and a gradient meets its level
  /// curve at a right angle. The shorter data range is widened about its centre to fit.
  public var equalAspect: Bool
  /// The series, drawn in order.
  public var series: [Series]

  /// Creates a figure.
  public init(
    title: String, xLabel: String, yLabel: String, logX: Bool = false, logY: Bool = false,
    equalAspect: Bool = false, series: [Series]
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logX = logX
    self.logY = logY
    self.equalAspect = equalAspect
    self.series = series
  }
}

/// What a report's header records about the run that produced it.
public struct RunInfo: Sendable, Hashable, Codable {
  /// The crosscheck version.
  public var crosscheckVersion: String
  /// The git commit of the sources, or `unknown`.
  public var commit: String
  /// The Swift compiler version.
  public var swiftVersion: String
  /// The GSL version.
  public var gslVersion: String
  /// The MPFR version of the referee.
  public var mpfrVersion: String
  /// The platform, such as `Linux x86_64`.
  public var platform: String
  /// Each article's mutant score from the catalogue's last full run (`make mutants`), by
  /// article number, such as `17 of 17 mutants killed (catalogue run of 2026-12-04, commit
  /// abc1234)`; empty when there is no results file.
  public var mutantScores: [Int: String] = [:]

  /// The keys of `verdicts.json`'s `run` object; the mutant scores are shown in the reports'
  /// headers, not recorded there.
  enum CodingKeys: String, CodingKey {
    case crosscheckVersion, commit, swiftVersion, gslVersion, mpfrVersion, platform
  }

  /// Creates run information.
  public init(
    crosscheckVersion: String, commit: String, swiftVersion: String, gslVersion: String,
    mpfrVersion: String, platform: String, mutantScores: [Int: String] = [:]
  ) {
    self.mutantScores = mutantScores
    self.crosscheckVersion = crosscheckVersion
    self.commit = commit
    self.swiftVersion = swiftVersion
    self.gslVersion = gslVersion
    self.mpfrVersion = mpfrVersion
    self.platform = platform
  }
}
