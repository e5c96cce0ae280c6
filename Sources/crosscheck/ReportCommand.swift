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
        Writes <spec>.md, <spec>.html and the figures (SVG) of each spec, index.md, index.html \
        and verdicts.json into the output folder, and KaTeX's files into assets/katex/ so that \
        the HTML renders its formulas offline; each file is written atomically. Two runs of the \
        same sources give identical bytes. Exits with status 1 when a claim fails or a spec \
        has an error.
        """
    )

    @OptionGroup var selection: SpecSelection

    @Option(name: .customLong("out"), help: ArgumentHelp("The output folder.", valueName: "dir"))
    var output: String = "Reports"

    @Option(
      help: ArgumentHelp(
        "Also write the verdicts as JUnit XML to this file, one test case per claim.",
        valueName: "file"))
    var junit: String?

    @Flag(help: "Print no progress on standard error.")
    var quiet = false

    /// The folder of KaTeX's files inside the output folder, relative to the reports.
    static let katexFolder = "assets/katex"

    func validate() throws {
      if let junit, junit.isEmpty || junit.hasSuffix("/") {
        throw ValidationError("--junit needs a file name, not a folder: '\(junit)'.")
      }
    }

    func run() async throws {
      let verifier = Verifier.standard
      let run = RunInfoProvider.current(version: CrosscheckVersion.current)
      if case .failure(let error) = RunInfoProvider.commit() {
        printError("warning: the reports record commit unknown: \(error)")
      }
      let writer = ReportWriter(directory: output)
      let files = try selection.files()
      try Self.prepare(output)
      let math = try Self.copyKaTeX(into: writer.path(of: Self.katexFolder))
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
          for: spec, results: results, run: run, markdownToHTML: MarkdownHTML.render, math: math)
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
        for: entries, run: run, unreadable: unreadable, markdownToHTML: MarkdownHTML.render,
        math: math)
      var written = try writer.write(index, baseName: "index")
      let verdicts = VerdictsDocument(entries: entries, run: run)
      written.append(try writer.write(verdicts.json(), named: "verdicts.json"))
      if let junit {
        let slash = junit.lastIndex(of: "/")
        let folder = slash.map { junit[..<$0].isEmpty ? "/" : String(junit[..<$0]) } ?? "."
        let name = slash.map { String(junit[junit.index(after: $0)...]) } ?? junit
        written.append(
          try ReportWriter(directory: folder).write(JUnitReport.xml(verdicts), named: name))
      }
      if !quiet { printError("wrote \(written.joined(separator: ", "))") }
      if failed { throw ExitCode(1) }
    }

    /// Copies KaTeX into the reports and returns how the HTML renders math.
    ///
    /// Without KaTeX the reports are still written, with the formulas as TeX source, and a
    /// warning says so.
    ///
    /// - Parameters:
    ///   - folder: where the copy goes.
    ///   - source: the KaTeX installation (Debian's by default).
    /// - Returns: ``MathRendering/katex(folder:)`` once copied, ``MathRendering/source`` without
    ///   KaTeX.
    /// - Throws: ``ReportWriter/Error`` when the copy cannot be written.
    static func copyKaTeX(into folder: String, from source: String = KaTeXAssets.debianFolder)
      throws -> MathRendering
    {
      let assets: KaTeXAssets
      do {
        assets = try KaTeXAssets(folder: source)
      } catch {
        printError(
          "warning: \(error) The HTML reports show the formulas as TeX source.")
        return .source
      }
      try assets.write(into: folder)
      return .katex(folder: katexFolder)
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
