import Foundation
import GSLOracle
import Referee
public import SpecEngine

/// Gathers what a report's header records: versions, commit and platform.
public enum RunInfoProvider {
  /// Returns the run information of this process.
  ///
  /// The commit comes from `git rev-parse HEAD` in the current folder, or `unknown`.
  public static func current(version: String) -> RunInfo {
    RunInfo(
      crosscheckVersion: version, commit: gitCommit(), swiftVersion: swiftVersion,
      gslVersion: GSL.version, mpfrVersion: Referee.version, platform: platform)
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

  static func gitCommit() -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "rev-parse", "HEAD"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else { return "unknown" }
      let text = String(decoding: data, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      return text.count == 40 ? text : "unknown"
    } catch {
      return "unknown"
    }
  }
}
