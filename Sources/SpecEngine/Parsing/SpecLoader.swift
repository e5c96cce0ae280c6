import Foundation

/// Reads spec files from disk and parses them.
public enum SpecLoader {
  /// Reads and parses the spec at `file`; an unreadable file is a diagnostic at `file:1:1`.
  ///
  /// - Parameter file: The path, relative to the current directory or absolute; diagnostics
  ///   name it as given.
  /// - Returns: The spec, if one could be built, and every diagnostic (see ``SpecParser``).
  public static func load(file: String) -> (spec: Spec?, diagnostics: [Diagnostic]) {
    let start = SourceLocation(file: file, line: 1, column: 1)
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    let problem: String? =
      if !files.fileExists(atPath: file, isDirectory: &isDirectory) {
        "no such file"
      } else if isDirectory.boolValue {
        "it is a directory"
      } else if !files.isReadableFile(atPath: file) {
        "permission denied"
      } else {
        nil
      }
    if let problem {
      return (nil, [Diagnostic(.error, at: start, Messages.unreadableFile(problem))])
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: file))
    } catch {
      let reason = error.localizedDescription
      return (nil, [Diagnostic(.error, at: start, Messages.unreadableFile(reason))])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return (nil, [Diagnostic(.error, at: start, Messages.notUTF8)])
    }
    return SpecParser.parse(text, file: file)
  }

  /// Reads, parses and validates the spec at `file` against `schema`.
  ///
  /// The schema is checked only when the spec could be built; its diagnostics are merged with
  /// the parser's in order of place.
  public static func load(
    file: String, schema: ClaimSchema
  ) -> (spec: Spec?, diagnostics: [Diagnostic]) {
    let (spec, diagnostics) = load(file: file)
    guard let spec else { return (nil, diagnostics) }
    return (spec, SpecParser.ordered(diagnostics + ClaimSchema.validate(spec, against: schema)))
  }
}
