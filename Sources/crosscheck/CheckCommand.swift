import ArgumentParser
import Foundation
import SpecEngine
import Verification

extension Crosscheck {
  /// Runs claims and prints one line per claim.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the claims of the specs and print one line per claim.",
      discussion: """
        Exits with status 1 when a claim fails or a spec has an error. A failing property \
        prints a replay token; pass it to --replay to run exactly that case again.
        """
    )

    @OptionGroup var selection: SpecSelection

    @Option(
      name: .customLong("claim"),
      help: ArgumentHelp(
        "Run only this claim, map item, section or table row (repeatable), e.g. A9.1.5, A9.1, "
          + "A9.1.7/count=3.", valueName: "id"))
    var claims: [String] = []

    @Option(help: ArgumentHelp("Replay one failing case from its token.", valueName: "token"))
    var replay: String?

    func validate() throws {
      if let replay, ReplayToken(parsing: replay) == nil {
        throw ValidationError(
          "'\(replay)' is not a replay token (expected ID@SEED#CASE as a failure prints it, "
            + "SEED 16 lowercase hexadecimal digits).")
      }
      if replay != nil, !claims.isEmpty {
        throw ValidationError(
          "--claim cannot be used with --replay: the token names the one claim it replays.")
      }
    }

    func run() throws {
      let verifier = Verifier.standard
      let token = replay.flatMap(ReplayToken.init(parsing:))
      let filter = ClaimFilter(claims)
      var failed = false
      var matchedAny = false
      var ranAny = false
      let files = try selection.files()
      guard !files.isEmpty else {
        throw CommandError("No specs found in '\(selection.directory)'.")
      }
      for message in Self.duplicateClaimIDs(in: files, verifier: verifier) {
        printError(message)
        failed = true
      }
      for file in files {
        let loaded = verifier.load(file: file)
        for d in loaded.diagnostics { printError(d.description) }
        // A spec with errors is not run: its claims may be half read.
        guard let spec = loaded.spec, !loaded.hasErrors else {
          failed = true
          continue
        }
        ranAny = true
        let selected =
          token.map { token in spec.claims.filter { $0.id == token.claimID } }
          ?? filter.apply(to: spec.claims)
        matchedAny = matchedAny || !selected.isEmpty
        for claim in selected {
          if token != nil, claim.kind == .narrative {
            throw CommandError(
              "Claim \(claim.id) is narrative: it runs nothing, so there is no case to replay.")
          }
          let result = verifier.run(claim, replay: token)
          print(CheckLine.format(result, kind: claim.kind))
          // A table cut down to some rows prints each row it ran.
          let allRows = spec.claim(withID: claim.id)?.table?.rows.count ?? 0
          if let rows = claim.table?.rows, rows.count < allRows {
            for row in result.rows {
              print("    \(row.verdict.mark) \(row.id): \(row.summary)")
            }
          }
          for detail in result.details where result.verdict == .failed || result.verdict == .error {
            print("    \(detail)")
          }
          if let replay = result.replay {
            print("    replay: crosscheck check \(file) --replay '\(replay)'")
          }
          if result.verdict == .failed || result.verdict == .error { failed = true }
        }
      }
      if let token, ranAny, !matchedAny {
        throw CommandError("No claim has the ID \(token.claimID) of the replay token.")
      }
      if token == nil, ranAny, !claims.isEmpty, !matchedAny {
        throw CommandError("No claim matches \(claims.joined(separator: ", ")).")
      }
      if failed { throw ExitCode(1) }
    }
  }
}

extension Crosscheck.Check {
  /// One error for each claim ID that two of the files bind, naming both files.
  ///
  /// Claim IDs are global: two specs that bind the same ID would make `--claim`, `--replay`
  /// and the reports ambiguous.
  static func duplicateClaimIDs(in files: [String], verifier: Verifier) -> [String] {
    var owners: [String: String] = [:]
    var messages: [String] = []
    for file in files {
      for claim in verifier.load(file: file).spec?.claims ?? [] {
        if let other = owners[claim.id], other != file {
          messages.append(
            "\(claim.location): error: claim ID \(claim.id) is bound in both \(other) and \(file)")
        } else {
          owners[claim.id] = file
        }
      }
    }
    return messages
  }
}

/// Formats the one-line summary of a claim result.
enum CheckLine {
  static func format(_ result: ClaimResult, kind: Claim.Kind) -> String {
    let id = result.id.padding(toLength: 22, withPad: " ", startingAt: 0)
    let verdict = result.verdict.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
    let kindText = kind.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
    return "\(result.verdict.mark) \(id) \(verdict) \(kindText) \(result.summary)"
  }
}
