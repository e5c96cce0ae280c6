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

  /// Returns the commit of the checkout that built this executable, or why it is unknown.
  ///
  /// The checkout is found from the executable's own path (see ``SourceCheckout``), never from
  /// the current folder, so running from another folder records the same commit.
  public static func commit() -> Result<String, SourceCheckout.Error> {
    Result { () throws(SourceCheckout.Error) in try SourceCheckout.ofRunningExecutable().commit() }
  }
}
