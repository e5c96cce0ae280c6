import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes report files into one directory, each atomically.
///
/// Each file is first written to a unique temporary file in the same directory
/// (`name.tmp-XXXXXX`, created with `mkstemp`) and then renamed over the final name, so a reader
/// never sees a half-written report and a failed run leaves the previous one in place. The
/// directory and its parents are created when missing. Files are made readable by everyone
/// (mode 0644).
public struct ReportWriter: Sendable {
  /// Describes why a report file could not be written.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The output directory could not be created, or the path is not a directory.
    case cannotCreateDirectory(path: String, reason: String)
    /// A file name was empty, `.` or `..`, or contained `/` or a NUL character.
    case invalidFileName(String)
    /// The temporary file could not be created or written.
    case cannotWrite(path: String, reason: String)
    /// The temporary file could not be renamed to its final name.
    case cannotRename(from: String, to: String, reason: String)

    public var description: String {
      switch self {
      case .cannotCreateDirectory(let path, let reason):
        "Cannot create the report directory '\(path)': \(reason)."
      case .invalidFileName(let name):
        "'\(name)' is not a plain file name (it must be non-empty, not '.' or '..', without '/')."
      case .cannotWrite(let path, let reason):
        "Cannot write the report file '\(path)': \(reason)."
      case .cannotRename(let from, let to, let reason):
        "Cannot rename '\(from)' to '\(to)': \(reason)."
      }
    }
  }

  /// The directory the files are written into.
  public let directory: String

  /// Creates a writer for a directory; nothing is touched until the first write.
  public init(directory: String) {
    self.directory = directory
  }

  /// Writes a report as `<baseName>.md` and `<baseName>.html`, and its assets beside them.
  ///
  /// - Returns: the paths written, in the order written: Markdown, HTML, then the assets.
  /// - Throws: ``Error`` naming the path that failed; files written before it stay written.
  @discardableResult
  public func write(_ report: RenderedReport, baseName: String) throws(Error) -> [String] {
    try write(
      [
        RenderedReport.Asset(name: "\(baseName).md", contents: report.markdown),
        RenderedReport.Asset(name: "\(baseName).html", contents: report.html),
      ] + report.assets)
  }

  /// Writes each file under its name.
  ///
  /// - Returns: the paths written, in the order given.
  /// - Throws: ``Error`` naming the path that failed; files written before it stay written.
  @discardableResult
  public func write(_ files: [RenderedReport.Asset]) throws(Error) -> [String] {
    for file in files { try ReportWriter.checkName(file.name) }
    try createDirectory()
    var paths: [String] = []
    for file in files { paths.append(try write(file.contents, named: file.name)) }
    return paths
  }

  /// Writes one file atomically and returns its path.
  ///
  /// - Throws: ``Error`` naming the path that failed.
  @discardableResult
  public func write(_ contents: String, named name: String) throws(Error) -> String {
    try write(bytes: Array(contents.utf8), named: name)
  }

  /// Writes one file of bytes (a font, say) atomically and returns its path.
  ///
  /// - Throws: ``Error`` naming the path that failed.
  @discardableResult
  public func write(bytes: [UInt8], named name: String) throws(Error) -> String {
    try ReportWriter.checkName(name)
    try createDirectory()
    let path = self.path(of: name)
    var template = Array("\(path).tmp-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard descriptor >= 0 else {
      throw .cannotWrite(path: path, reason: ReportWriter.lastErrorText())
    }
    let temporary = String(
      decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var written = 0
    var failure: String?
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { chunk -> Int in
        guard let base = chunk.baseAddress else { return 0 }
        return systemWrite(descriptor, base, chunk.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        failure = ReportWriter.lastErrorText()
        break
      }
      written += count
    }
    if failure == nil && fchmod(descriptor, 0o644) != 0 { failure = ReportWriter.lastErrorText() }
    if close(descriptor) != 0 && failure == nil { failure = ReportWriter.lastErrorText() }
    if let failure {
      unlink(temporary)
      throw .cannotWrite(path: path, reason: failure)
    }
    guard rename(temporary, path) == 0 else {
      let reason = ReportWriter.lastErrorText()
      unlink(temporary)
      throw .cannotRename(from: temporary, to: path, reason: reason)
    }
    return path
  }

  /// Returns the path of a file in the directory.
  public func path(of name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  private func createDirectory() throws(Error) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw .cannotCreateDirectory(path: directory, reason: "a file is in the way")
      }
      return
    }
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreateDirectory(path: directory, reason: "\(error.localizedDescription)")
    }
  }

  private static func checkName(_ name: String) throws(Error) {
    if name.isEmpty || name == "." || name == ".." || name.contains("/")
      || name.unicodeScalars.contains("\u{0}")
    {
      throw .invalidFileName(name)
    }
  }

  private static func lastErrorText() -> String {
    let code = errno
    guard let text = strerror(code) else { return "errno \(code)" }
    return String(cString: text)
  }
}

/// Calls the C library's `write`, whose name the writer's own methods shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
  #elseif canImport(Musl)
    Musl.write(descriptor, buffer, count)
  #else
    Darwin.write(descriptor, buffer, count)
  #endif
}
