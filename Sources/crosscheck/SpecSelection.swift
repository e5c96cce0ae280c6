import ArgumentParser
import Foundation
import SpecEngine
import Verification

/// Finds the spec files a command runs: all of `Specs/`, or the names and paths given.
struct SpecSelection: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Specs to run, by path or by name (e.g. 09-poisson-exponential or 09); default: all.",
      valueName: "spec"))
  var specs: [String] = []

  @Option(name: .customLong("specs-dir"), help: "The folder that holds the specs.")
  var directory: String = "Specs"

  /// Returns the selected files, sorted, or throws a validation error naming what was not found.
  func files() throws -> [String] {
    let fm = FileManager.default
    if specs.isEmpty { return try Self.all(in: directory) }
    var out: [String] = []
    for given in specs {
      if fm.fileExists(atPath: given) {
        out.append(given)
        continue
      }
      let names = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
      let matches = names.filter {
        $0.hasSuffix(".md") && $0 != "README.md"
          && ($0 == given || $0 == given + ".md" || $0.hasPrefix(given + "-"))
      }
      guard matches.count == 1, let match = matches.first else {
        throw ValidationError(
          matches.isEmpty
            ? "No spec named '\(given)' in '\(directory)'."
            : "'\(given)' names several specs: \(matches.sorted().joined(separator: ", ")).")
      }
      out.append("\(directory)/\(match)")
    }
    return out
  }
}

extension SpecSelection {
  /// Returns every spec file in `directory`, sorted, or throws if there is no such folder.
  static func all(in directory: String) throws -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      throw ValidationError("No spec folder at '\(directory)'.")
    }
    return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
      .map { "\(directory)/\($0)" }
  }
}

/// Writes a line to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// An error a command reports in one line, `Error: <message>`, with exit status 1.
struct CommandError: Error, CustomStringConvertible {
  /// The message, one sentence.
  var description: String

  init(_ description: String) { self.description = description }
}
