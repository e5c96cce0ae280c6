/// A position in a spec file: the file's path as given, a 1-based line and a 1-based column.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  /// The path of the spec file, as it was given to the parser (for example `Specs/09-poisson.md`).
  public var file: String
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, counted in Unicode scalars.
  public var column: Int

  /// Creates a location; lines and columns below 1 are clamped to 1.
  public init(file: String, line: Int, column: Int = 1) {
    self.file = file
    self.line = max(1, line)
    self.column = max(1, column)
  }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}

/// A problem found in a spec, with the place it was found.
///
/// Its description has the compiler form `Specs/x.md:LINE:COL: error: message`, so editors and
/// CI logs link it to the spot.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
  /// How serious a diagnostic is.
  public enum Severity: String, Hashable, Sendable, Codable {
    /// The spec cannot be run as written.
    case error
    /// The spec runs, but something is probably wrong.
    case warning
  }

  /// Where the problem is.
  public var location: SourceLocation
  /// How serious it is.
  public var severity: Severity
  /// One sentence that says what is wrong.
  public var message: String

  /// Creates a diagnostic.
  public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  public var description: String { "\(location): \(severity.rawValue): \(message)" }

  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    (lhs.location, lhs.message) < (rhs.location, rhs.message)
  }
}
