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
      } else if let type = (try? files.attributesOfItem(atPath: file))?[.type]
        as? FileAttributeType,
        type != .typeRegular, type != .typeSymbolicLink
      {
        // /dev/null, a pipe or a socket: Foundation's own message would be "permission denied".
        "it is not a regular file"
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
      return (nil, [Diagnostic(.error, at: firstInvalidUTF8(data, file: file), Messages.notUTF8)])
    }
    if text.isEmpty {
      return (nil, [Diagnostic(.error, at: start, Messages.unreadableFile("it is empty"))])
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

  /// The line and column (in bytes, from 1) of the first byte sequence that is not UTF-8.
  static func firstInvalidUTF8(_ data: Data, file: String) -> SourceLocation {
    var line = 1
    var lineStart = 0
    var index = 0
    let bytes = [UInt8](data)
    while index < bytes.count {
      let byte = bytes[index]
      let length =
        byte < 0x80
        ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
      let end = index + length
      let valid =
        length > 0 && end <= bytes.count
        && String(validating: bytes[index..<end], as: UTF8.self) != nil
      guard valid else { break }
      if byte == 0x0A {
        line += 1
        lineStart = end
      }
      index = end
    }
    return SourceLocation(file: file, line: line, column: index - lineStart + 1)
  }
}
