import ArgumentParser
import Foundation
import SpecEngine
import Verification

extension Crosscheck {
  /// Prints how to cite Crosscheck, or one verdict with its measured error and bound.
  struct Cite: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print how to cite Crosscheck, or one claim's verdict, as BibTeX or CFF.",
      discussion: """
        Without --claim, prints a BibTeX entry (or CITATION.cff) for this version and commit. \
        With --claim, first prints the claim's verdict, its measured errors against their \
        bounds and the anchor of its verdict in the HTML report, as comment lines, then the \
        entry. The verdict comes from <reports>/verdicts.json when that file was written at \
        the current commit and holds the claim; otherwise the claim is run afresh.
        """
    )

    /// The citation formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case bibtex, cff
    }

    @Option(help: "Output format: bibtex or cff.")
    var format: Format = .bibtex

    @Option(
      help: ArgumentHelp(
        "Cite this claim or table row, e.g. A9.1.3 or A9.1.7/count=3.", valueName: "id"))
    var claim: String?

    @Option(
      name: .customLong("reports"),
      help: ArgumentHelp("The folder of the last report.", valueName: "dir"))
    var reports: String = "Reports"

    @Option(name: .customLong("specs-dir"), help: "The folder that holds the specs.")
    var directory: String = "Specs"

    func validate() throws {
      if let claim, claim.trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("--claim needs a claim ID, such as A9.1.3.")
      }
    }

    func run() throws {
      print(try output())
    }

    /// Returns what `run()` prints, without the final newline.
    func output() throws -> String {
      let run = RunInfoProvider.current(version: CrosscheckVersion.current)
      var lines: [String] = []
      if let claim {
        let cited = try Self.verdict(of: claim, run: run, reports: reports, specs: directory)
        let comment = format == .bibtex ? "% " : "# "
        lines += Citation.verdictLines(cited).map { comment + $0 }
        lines.append("")
        switch format {
        case .bibtex: lines += Citation.bibtex(run: cited.run, claim: cited)
        case .cff: lines += Citation.cff(commit: cited.run.commit)
        }
      } else {
        switch format {
        case .bibtex: lines += Citation.bibtex(run: run, claim: nil)
        case .cff: lines += Citation.cff(commit: run.commit)
        }
      }
      return lines.joined(separator: "\n")
    }

    /// Returns the verdict of `id`: from the verdicts file when it is fresh, else from a run.
    static func verdict(of id: String, run: RunInfo, reports: String, specs: String) throws
      -> CitedVerdict
    {
      let path = ReportWriter(directory: reports).path(of: "verdicts.json")
      if let data = FileManager.default.contents(atPath: path) {
        let document: VerdictsDocument
        do {
          document = try VerdictsDocument.read(json: [UInt8](data))
        } catch {
          throw CommandError("\(path): \(error)")
        }
        if document.run.commit == run.commit, run.commit != "unknown",
          let found = document.find(id)
        {
          return CitedVerdict(
            claim: found.claim, row: found.row, run: document.run,
            source: "\(path), written at this commit", reports: reports)
        }
      }
      return try freshVerdict(of: id, run: run, reports: reports, specs: specs)
    }

    /// Runs the claim or row `id` and returns its verdict.
    static func freshVerdict(of id: String, run: RunInfo, reports: String, specs: String) throws
      -> CitedVerdict
    {
      let verifier = Verifier.standard
      let files = try SpecSelection.all(in: specs)
      let filter = ClaimFilter([id])
      for file in files {
        let loaded = verifier.load(file: file)
        guard let spec = loaded.spec, !loaded.hasErrors else { continue }
        let selected = filter.apply(to: spec.claims).filter {
          $0.id == id || $0.table?.rows.contains { $0.id == id } == true
        }
        guard let claim = selected.first else { continue }
        let result = verifier.run(claim)
        let document = VerdictsDocument(entries: [(spec, [claim.id: result])], run: run)
        guard let found = document.find(id) else { continue }
        return CitedVerdict(
          claim: found.claim, row: found.row, run: run, source: "a fresh run of \(file)",
          reports: reports)
      }
      throw CommandError("No claim or table row has the ID '\(id)' in the specs under '\(specs)'.")
    }
  }
}

/// A claim's or row's verdict as `cite` prints it, and where it came from.
struct CitedVerdict {
  /// The claim, from the verdicts document.
  var claim: VerdictsDocument.Claim
  /// The row, when a table row is cited.
  var row: VerdictsDocument.Row?
  /// The run that gave the verdict.
  var run: RunInfo
  /// Where the verdict was read: the verdicts file, or a fresh run.
  var source: String
  /// The reports folder, for the link.
  var reports: String

  /// The cited ID: the row's, or the claim's.
  var id: String { row?.id ?? claim.id }
  /// The cited verdict.
  var verdict: Verdict { row?.verdict ?? claim.verdict }
  /// The cited measurements.
  var measurements: [VerdictsDocument.Measurement] { row?.measurements ?? claim.measurements }
  /// The page and anchor of the verdict, such as `Reports/09-poisson-exponential.html#A9.1.3`.
  var link: String {
    let page = claim.link.split(separator: "#").first.map(String.init) ?? claim.link
    let anchor = row?.anchor ?? claim.anchor
    return ReportWriter(directory: reports).path(of: page) + "#" + anchor
  }
}

/// The citation metadata of Crosscheck, kept equal to `CITATION.cff` by a test.
enum Citation {
  /// The text of `CITATION.cff`.
  static let cffText = """
    cff-version: 1.2.0
    message: "If you use Crosscheck, please cite it as below."
    title: Crosscheck
    type: software
    version: \(CrosscheckVersion.current)
    date-released: \(CrosscheckVersion.released)
    license: GPL-3.0-or-later
    authors:
      - name: "The Crosscheck developers"
    abstract: >-
      Crosscheck is a literate, verified reference suite. It turns technical articles on
      probability, numerical methods and machine learning into executable Markdown specs. Each
      checkable claim is computed by a pure-Swift reference kernel, recomputed independently by
      the GNU Scientific Library and, where double precision is not enough, by an MPFR referee,
      and compared within a tolerance the spec declares and justifies. A report renders every
      spec back with the verdict and the measured error of each claim.
    keywords:
      - numerical verification
      - reference implementation
      - literate programming
      - executable specification
      - Swift
      - GSL
      - MPFR
      - Poisson distribution
      - rotary position embedding
      - LoRA
    """

  /// Returns `CITATION.cff` with the commit added when it is known.
  static func cff(commit: String) -> [String] {
    var lines = cffText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if commit != "unknown", let version = lines.firstIndex(where: { $0.hasPrefix("version:") }) {
      lines.insert("commit: \"\(commit)\"", at: version + 1)
    }
    return lines
  }

  /// Returns a BibTeX entry for this version and commit, noting the claim when one is cited.
  static func bibtex(run: RunInfo, claim: CitedVerdict?) -> [String] {
    var note = "Version \(run.crosscheckVersion)"
    if run.commit != "unknown" { note += ", commit \(run.commit)" }
    if let claim {
      note += "; claim \(claim.id): \(claim.verdict.rawValue)"
      // The first error held to a bound; a stated value's bound of 0 failures says less.
      if let m = claim.measurements.first(where: { ($0.bound ?? 0) > 0 }) {
        note += ", \(measurementText(m))"
      }
      note += "; verdict at \(claim.link)"
    }
    var key = "crosscheck"
    if let claim { key += "-" + ReportRenderer.anchor(for: claim.id).lowercased() }
    return [
      "@software{\(bibtexKey(key)),",
      "  title = {Crosscheck: a literate, verified reference suite},",
      "  author = {{The Crosscheck developers}},",
      "  version = {\(run.crosscheckVersion)},",
      "  date = {\(CrosscheckVersion.released)},",
      "  year = {\(CrosscheckVersion.released.prefix(4))},",
      "  license = {GPL-3.0-or-later},",
      "  note = {\(bibtexEscape(note))},",
      "}",
    ]
  }

  /// Returns the lines that state a cited verdict: the claim, each measurement, the anchor.
  static func verdictLines(_ cited: CitedVerdict) -> [String] {
    var lines = [
      "Crosscheck \(cited.run.crosscheckVersion), commit \(cited.run.commit): claim \(cited.id) "
        + "(\(cited.claim.spec), \(cited.claim.kind)) \(cited.verdict.rawValue)."
    ]
    let summary = cited.row?.summary ?? cited.claim.summary
    if !summary.isEmpty { lines.append("  \(summary)") }
    for m in cited.measurements { lines.append("  \(measurementText(m))") }
    lines.append("  Verdict: \(cited.link)")
    lines.append("  From: \(cited.source)")
    return lines
  }

  /// Returns `kernel vs referee: measured 1 ulp against a bound of 8 ulp`.
  static func measurementText(_ m: VerdictsDocument.Measurement) -> String {
    let label = m.label.isEmpty ? "" : "\(m.label): "
    var text = "\(label)measured \(NumberFormatting.short(m.value, digits: 3)) \(m.unit)"
    if let bound = m.bound {
      text += " against a bound of \(NumberFormatting.short(bound, digits: 3)) \(m.unit)"
    }
    return text
  }

  /// Returns a BibTeX key: letters, digits and `-`, `_`, `.`, `:`.
  static func bibtexKey(_ text: String) -> String {
    String(
      text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) ? $0 : "-" })
  }

  /// Returns text with BibTeX's special characters escaped.
  static func bibtexEscape(_ text: String) -> String {
    var out = ""
    for character in text {
      if "#%&$_{}".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }
}
