import Foundation

/// The KaTeX files an HTML report needs, found in a local installation and copied beside it.
///
/// Debian's `libjs-katex` installs KaTeX in `/usr/share/javascript/katex`, and `fonts-katex`
/// its fonts, which `fonts/` there links to. Some of those files are symbolic links
/// (`katex.min.js` to `katex.js`, `fonts/` to `/usr/share/fonts/truetype/katex`), so the files
/// are read through the links and written as plain files: the copy opens from disk, with no
/// network and without the installation.
///
/// The copy holds `katex.min.css`, `katex.min.js`, `contrib/auto-render.js`, every font file
/// (`.woff2`, `.woff`, `.ttf`) and, when Debian ships it, KaTeX's licence as `LICENSE`.
public struct KaTeXAssets: Sendable, Hashable {
  /// Describes why KaTeX could not be used.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A file KaTeX needs is missing from the installation.
    case missing(path: String)
    /// A file exists but could not be read.
    case unreadable(path: String)

    public var description: String {
      switch self {
      case .missing(let path):
        "KaTeX is not installed: '\(path)' is missing (install libjs-katex and fonts-katex)."
      case .unreadable(let path):
        "Cannot read the KaTeX file '\(path)'."
      }
    }
  }

  /// One file to copy: where it goes, relative to the copy's folder, and its bytes.
  public struct File: Sendable, Hashable {
    /// The path inside the copy, such as `fonts/KaTeX_Main-Regular.woff2`.
    public var path: String
    /// The file's bytes, read through any symbolic link.
    public var bytes: [UInt8]
  }

  /// Debian's folder of KaTeX.
  public static let debianFolder = "/usr/share/javascript/katex"

  /// The folder the files were read from.
  public let source: String
  /// The files, sorted by path.
  public let files: [File]

  /// Reads KaTeX's files from an installation.
  ///
  /// - Parameter folder: the installation (Debian's by default).
  /// - Throws: ``Error`` naming the first file that is missing or unreadable; no fonts at all
  ///   counts as missing.
  public init(folder: String = KaTeXAssets.debianFolder) throws(Error) {
    let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    var files: [File] = []
    for name in ["katex.min.css", "katex.min.js", "contrib/auto-render.js"] {
      files.append(File(path: name, bytes: try Self.read("\(base)/\(name)")))
    }
    let fontFolder = "\(base)/fonts"
    let fonts =
      ((try? FileManager.default.contentsOfDirectory(atPath: fontFolder)) ?? [])
      .filter { $0.hasSuffix(".woff2") || $0.hasSuffix(".woff") || $0.hasSuffix(".ttf") }
      .sorted()
    guard !fonts.isEmpty else { throw .missing(path: "\(fontFolder)/KaTeX_Main-Regular.woff2") }
    for font in fonts {
      files.append(File(path: "fonts/\(font)", bytes: try Self.read("\(fontFolder)/\(font)")))
    }
    let licence = "/usr/share/doc/libjs-katex/copyright"
    if base == Self.debianFolder, let bytes = try? Self.read(licence) {
      files.append(File(path: "LICENSE", bytes: bytes))
    }
    self.source = base
    self.files = files.sorted { $0.path < $1.path }
  }

  /// Writes the files under `directory`, creating `contrib/` and `fonts/`.
  ///
  /// - Returns: the paths written, in the order of ``files``.
  /// - Throws: ``ReportWriter/Error`` naming the path that failed.
  @discardableResult
  public func write(into directory: String) throws(ReportWriter.Error) -> [String] {
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    var written: [String] = []
    for file in files {
      var folder = base
      var name = file.path
      if let slash = file.path.lastIndex(of: "/") {
        folder += "/" + file.path[..<slash]
        name = String(file.path[file.path.index(after: slash)...])
      }
      written.append(try ReportWriter(directory: folder).write(bytes: file.bytes, named: name))
    }
    return written
  }

  private static func read(_ path: String) throws(Error) -> [UInt8] {
    // `fileExists` follows symbolic links, so a dangling link counts as missing.
    guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path)
    }
    return [UInt8](data)
  }
}
