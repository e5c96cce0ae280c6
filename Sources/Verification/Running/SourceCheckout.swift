import Foundation

/// The git checkout that holds a file, found by walking up from it, and the commit it is at.
///
/// Used to find the commit and the specs of the checkout that built the running executable
/// (under its `.build` folder), whatever the current folder is. Git's files are read directly
/// (`HEAD`, loose refs, `packed-refs`, and the `gitdir:` and `commondir` links of worktrees), so
/// no `git` process runs.
public struct SourceCheckout: Sendable, Hashable {
  /// Describes why a checkout or its commit could not be found.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The running executable's path could not be read.
    case noExecutablePath
    /// No folder above the path holds a `.git` entry.
    case notInCheckout(String)
    /// A git file is missing or does not say what it should.
    case unreadable(String)
    /// `HEAD` names a branch that has no commit in the loose refs or `packed-refs`.
    case unresolvedReference(String)

    public var description: String {
      switch self {
      case .noExecutablePath:
        "the running executable's path cannot be read."
      case .notInCheckout(let path):
        "'\(path)' is not inside a git checkout."
      case .unreadable(let path):
        "the git file '\(path)' cannot be read."
      case .unresolvedReference(let name):
        "the branch '\(name)' has no commit."
      }
    }
  }

  /// The checkout's top folder, the one that holds `.git`.
  public let root: String

  /// Creates a checkout value for a top folder that holds `.git`.
  public init(root: String) {
    self.root = root
  }

  /// Returns the checkout that holds `path`, the nearest folder above it with a `.git` entry.
  ///
  /// - Throws: `Error.notInCheckout` when no folder above `path` has one.
  public static func containing(_ path: String) throws(Error) -> SourceCheckout {
    var url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    while url.path != "/" && !url.path.isEmpty {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
        return SourceCheckout(root: url.path)
      }
      url.deleteLastPathComponent()
    }
    throw .notInCheckout(path)
  }

  /// Returns the path of the running executable, with symbolic links resolved.
  public static func executablePath() throws(Error) -> String {
    #if os(Linux)
      if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return path
      }
    #endif
    guard let path = Bundle.main.executablePath ?? CommandLine.arguments.first, !path.isEmpty
    else { throw .noExecutablePath }
    return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }

  /// Returns the checkout that holds the running executable.
  public static func ofRunningExecutable() throws(Error) -> SourceCheckout {
    try containing(executablePath())
  }

  /// Returns the 40-hex-digit commit the checkout's `HEAD` is at.
  public func commit() throws(Error) -> String {
    let gitDirectory = try self.gitDirectory()
    let head = try Self.read("\(gitDirectory)/HEAD")
    if Self.isCommit(head) { return head }
    guard head.hasPrefix("ref: ") else { throw .unreadable("\(gitDirectory)/HEAD") }
    let name = String(head.dropFirst(5)).trimmingCharacters(in: .whitespaces)
    // A worktree keeps its HEAD in its own folder and the refs in the common one.
    let common = (try? Self.read("\(gitDirectory)/commondir")).map {
      $0.hasPrefix("/") ? $0 : "\(gitDirectory)/\($0)"
    }
    for folder in [gitDirectory] + (common.map { [$0] } ?? []) {
      if let loose = try? Self.read("\(folder)/\(name)"), Self.isCommit(loose) { return loose }
      if let packed = try? Self.read("\(folder)/packed-refs") {
        for line in packed.split(whereSeparator: \.isNewline) {
          let fields = line.split(separator: " ")
          if fields.count == 2, fields[1] == name, Self.isCommit(String(fields[0])) {
            return String(fields[0])
          }
        }
      }
    }
    throw .unresolvedReference(name)
  }

  /// The `.git` folder: `.git` itself, or the folder a `.git` file's `gitdir:` line names.
  func gitDirectory() throws(Error) -> String {
    let dotGit = "\(root)/.git"
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dotGit, isDirectory: &isDirectory) else {
      throw .notInCheckout(root)
    }
    if isDirectory.boolValue { return dotGit }
    let link = try Self.read(dotGit)
    guard link.hasPrefix("gitdir: ") else { throw .unreadable(dotGit) }
    let target = String(link.dropFirst(8)).trimmingCharacters(in: .whitespaces)
    return target.hasPrefix("/") ? target : "\(root)/\(target)"
  }

  static func read(_ path: String) throws(Error) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func isCommit(_ text: String) -> Bool {
    text.unicodeScalars.count == 40
      && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
  }
}
