import Foundation
import SpecEngine

/// Where a vector set comes from: the crosscheck version, the commit, and the verifying claims.
///
/// Provenance never empties silently: what could not be found is named in ``warnings`` (which
/// the JSON records and the CLI prints on standard error), and ``commit`` is `nil` rather than
/// a made-up value.
public struct VectorProvenance: Sendable, Hashable {
  /// The crosscheck version, built in.
  public var version: String
  /// The commit of the checkout that built the executable, or `nil` when it cannot be found.
  public var commit: String?
  /// The checks whose claims verify the kernels.
  public var checks: [String]
  /// The IDs of the claims, in the specs, that name one of ``checks``, in spec order.
  public var claims: [String]
  /// What could not be found, one sentence each; empty when the provenance is complete.
  public var warnings: [String]

  /// Creates a provenance record.
  public init(
    version: String, commit: String?, checks: [String], claims: [String], warnings: [String]
  ) {
    self.version = version
    self.commit = commit
    self.checks = checks
    self.claims = claims
    self.warnings = warnings
  }

  /// Describes a specs folder that was named but cannot be read.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The folder given with `--specs-dir` does not exist or cannot be listed.
    case noSpecsFolder(String)

    public var description: String {
      switch self {
      case .noSpecsFolder(let path):
        "--specs-dir: there is no folder of specs at '\(path)'."
      }
    }
  }

  /// Finds the provenance of a set whose kernels the given checks verify.
  ///
  /// The commit and the default specs folder (`Specs/` of the checkout) come from the running
  /// executable's checkout, not from the current folder.
  ///
  /// - Parameters:
  ///   - checks: The checks whose claims verify the kernels.
  ///   - version: The crosscheck version.
  ///   - specsDirectory: A folder of specs the user named, or `nil` for the checkout's.
  ///   - checkout: The checkout to use; by default the running executable's.
  /// - Returns: The provenance, with a warning for each thing that could not be found.
  /// - Throws: `Error.noSpecsFolder` when `specsDirectory` is given and cannot be listed.
  public static func find(
    checks: [String], version: String, specsDirectory: String?,
    checkout: Result<SourceCheckout, SourceCheckout.Error> = Result {
      () throws(SourceCheckout.Error) in try SourceCheckout.ofRunningExecutable()
    }
  ) throws(Error) -> VectorProvenance {
    var warnings: [String] = []
    var commit: String?
    switch checkout {
    case .success(let found):
      do {
        commit = try found.commit()
      } catch {
        warnings.append("The commit is unknown: \(error)")
      }
    case .failure(let error):
      warnings.append("The commit is unknown: \(error)")
    }
    let folder: String
    if let specsDirectory {
      folder = specsDirectory
      guard (try? FileManager.default.contentsOfDirectory(atPath: folder)) != nil else {
        throw .noSpecsFolder(folder)
      }
    } else if case .success(let found) = checkout {
      folder = "\(found.root)/Specs"
    } else {
      warnings.append(
        "The claims are unknown: this executable is not inside a checkout, so pass --specs-dir.")
      return VectorProvenance(
        version: version, commit: commit, checks: checks, claims: [], warnings: warnings)
    }
    var claims: [String] = []
    if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
      let wanted = Set(checks)
      let verifier = Verifier.standard
      for name in names.sorted() where name.hasSuffix(".md") && name != "README.md" {
        let loaded = verifier.load(file: "\(folder)/\(name)")
        guard let spec = loaded.spec, !loaded.hasErrors else {
          warnings.append("The spec '\(folder)/\(name)' has errors; its claims are not listed.")
          continue
        }
        claims += spec.claims.filter { $0.kind != .narrative && wanted.contains($0.check) }
          .map(\.id)
      }
      if claims.isEmpty {
        warnings.append(
          "No claim in '\(folder)' names the checks " + checks.joined(separator: ", ") + ".")
      }
    } else {
      warnings.append(
        "The claims are unknown: there is no folder of specs at '\(folder)'; pass --specs-dir.")
    }
    return VectorProvenance(
      version: version, commit: commit, checks: checks, claims: claims, warnings: warnings)
  }
}
