import Foundation
import GSLOracle
import Referee
public import SpecEngine

/// Gathers what a report's header records: versions, commit and platform.
public enum RunInfoProvider {
  /// Returns the run information of this process.
  ///
  /// The commit is that of the checkout that built the executable (see ``commit()``), or
  /// `unknown`; callers that can say why should report ``commit()``'s error.
  public static func current(version: String) -> RunInfo {
    RunInfo(
      crosscheckVersion: version, commit: (try? commit().get()) ?? "unknown",
      swiftVersion: swiftVersion,
      gslVersion: GSL.version, mpfrVersion: Referee.version, platform: platform,
      mutantScores: mutantScores(results: mutantResultsPath))
  }

  /// The mutant catalogue's results file of the checkout that built this executable (the
  /// current folder's when the executable is not in a checkout).
  static var mutantResultsPath: String {
    let root = (try? SourceCheckout.ofRunningExecutable())?.root ?? "."
    return root + "/Mutants/RESULTS.md"
  }

  /// Each article's score in the mutant catalogue's results file, with its date and commit.
  ///
  /// Reads the `date:` and `commit:` lines and the rows `| NN-name | mutants | killed |` that
  /// `scripts/mutants.sh` writes; a missing or unreadable file gives no scores, so reports stay
  /// deterministic for the same sources.
  static func mutantScores(results path: String) -> [Int: String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
    let lines = text.split(separator: "\n").map(String.init)
    func field(_ key: String) -> String {
      lines.first { $0.hasPrefix(key + ": ") }.map { String($0.dropFirst(key.count + 2)) }
        ?? "unknown"
    }
    let provenance = "catalogue run of \(field("date")), commit \(field("commit"))"
    var scores: [Int: String] = [:]
    for line in lines {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 3, let number = Int(cells[0].prefix(2)), cells[0].count > 3,
        let total = Int(cells[1]), let killed = Int(cells[2])
      else { continue }
      scores[number] = "\(killed) of \(total) mutants killed (\(provenance))"
    }
    return scores
  }

  /// The Swift compiler that built this binary.
  static var swiftVersion: String {
    #if compiler(>=6.4)
      "6.4 or later"
    #elseif compiler(>=6.3)
      "6.3"
    #elseif compiler(>=6.2)
      "6.2"
    #else
      "older than 6.2"
    #endif
  }

  /// The operating system and architecture.
  static var platform: String {
    #if os(Linux)
      let os = "Linux"
    #elseif os(macOS)
      let os = "macOS"
    #else
      let os = "unknown OS"
    #endif
    #if arch(x86_64)
      let arch = "x86_64"
    #elseif arch(arm64)
      let arch = "arm64"
    #else
      let arch = "unknown architecture"
    #endif
    return "\(os) \(arch)"
  }

  /// Returns the commit of the checkout that built this executable, or why it is unknown.
  ///
  /// The checkout is found from the executable's own path (see ``SourceCheckout``), never from
  /// the current folder, so running from another folder records the same commit.
  public static func commit() -> Result<String, SourceCheckout.Error> {
    Result { () throws(SourceCheckout.Error) in try SourceCheckout.ofRunningExecutable().commit() }
  }
}
