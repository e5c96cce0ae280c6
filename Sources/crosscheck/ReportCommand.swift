import ArgumentParser
import Foundation
import SpecEngine
import Verification

extension Crosscheck {
  /// Runs every claim and writes the reports.
  struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run every claim and write a Markdown and an HTML report per spec, and an index.",
      discussion: """
        Writes <spec>.md, <spec>.html and the figures of each spec, and index.md and index.html, \
        into the output folder; each file is written atomically. Two runs of the same sources \
        give identical bytes. Exits with status 1 when a claim fails or a spec has an error.
        """
    )

    @OptionGroup var selection: SpecSelection

    @Option(name: .customLong("out"), help: ArgumentHelp("The output folder.", valueName: "dir"))
    var output: String = "Reports"

    @Flag(help: "Print no progress on standard error.")
    var quiet = false

    func run() async throws {
      let verifier = Verifier.standard
      let run = RunInfoProvider.current(version: CrosscheckVersion.current)
      let writer = ReportWriter(directory: output)
      let files = try selection.files()
      try Self.prepare(output)
      var entries: [(spec: Spec, results: [String: ClaimResult])] = []
      var unreadable: [(file: String, diagnostic: String)] = []
      var failed = false
      for (number, file) in files.enumerated() {
        let started = Date()
        let loaded = verifier.load(file: file)
        for d in loaded.diagnostics { printError(d.description) }
        // A spec with errors is not run or reported: its claims may be half read.
        guard let spec = loaded.spec, !loaded.hasErrors else {
          failed = true
          let first = loaded.diagnostics.first { $0.severity == .error }
          unreadable.append(
            (
              file,
              first.map { "\($0.location.line):\($0.location.column): \($0.message)" }
                ?? "it has errors"
            ))
          if !quiet { printError("[\(number + 1)/\(files.count)] \(file): not run, it has errors") }
          continue
        }
        if !quiet {
          printError("[\(number + 1)/\(files.count)] \(spec.name): \(spec.claims.count) claims")
        }
        let results = await Self.runAll(spec.claims, with: verifier)
        let tally = ReportTally(claims: spec.claims, results: results)
        if tally.failed + tally.errors + tally.notRun > 0 { failed = true }
        entries.append((spec, results))
        let report = ReportRenderer.report(
          for: spec, results: results, run: run, markdownToHTML: MarkdownHTML.render)
        let written = try writer.write(report, baseName: ReportRenderer.reportBaseName(for: spec))
        if !quiet {
          let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
          printError(
            "    \(tally.passed) passed, \(tally.failed) failed, \(tally.errors) errors, "
              + "\(tally.narrative) narrative (\(seconds) s); wrote \(written.count) files")
          for result in results.values.sorted(by: { $0.location < $1.location })
          where result.verdict == .failed || result.verdict == .error {
            printError("    \(result.verdict.mark) \(result.id) \(result.summary)")
          }
        }
      }
      let index = ReportRenderer.index(
        for: entries, run: run, unreadable: unreadable, markdownToHTML: MarkdownHTML.render)
      let written = try writer.write(index, baseName: "index")
      if !quiet { printError("wrote \(written.joined(separator: ", "))") }
      if failed { throw ExitCode(1) }
    }

    /// Creates the output folder before any claim runs, so a bad `--out` fails at once.
    static func prepare(_ directory: String) throws {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
          throw CommandError("--out: '\(directory)' is a file, not a folder.")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
          throw CommandError("--out: the folder '\(directory)' is not writable.")
        }
        return
      }
      do {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw CommandError("--out: cannot create the folder '\(directory)'.")
      }
    }

    /// Runs claims on every core; the results are keyed by claim ID, so order does not matter.
    static func runAll(_ claims: [Claim], with verifier: Verifier) async -> [String: ClaimResult] {
      await withTaskGroup(of: ClaimResult.self) { group in
        for claim in claims { group.addTask { verifier.run(claim) } }
        var results: [String: ClaimResult] = [:]
        for await result in group { results[result.id] = result }
        return results
      }
    }
  }
}
