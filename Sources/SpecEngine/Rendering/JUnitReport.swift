/// Writes the verdicts of a run as JUnit XML, which CI systems show as test results.
///
/// The shape is the common JUnit one: a `<testsuites>` root, one `<testsuite>` per spec (its
/// name is the spec's name, its properties the run's versions and commit), and one
/// `<testcase>` per claim, named by claim ID, kind and statement, with `classname`
/// `crosscheck.<spec>`, `file` and `line`. A failed claim has a `<failure>`, a claim in error
/// an `<error>`, each with the summary as its `message` and the measurements, failing rows and
/// replay token as its text; a narrative item is `<skipped>` with its reason. Times are not
/// recorded, so the same run gives the same bytes.
public enum JUnitReport {
  /// Returns the XML document of `document`'s verdicts, ending with a newline.
  public static func xml(_ document: VerdictsDocument) -> String {
    var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
    let all = Counts(document.claims)
    lines.append(
      "<testsuites name=\"crosscheck\" \(all.attributes)>")
    for spec in document.specs {
      let claims = document.claims.filter { $0.spec == spec.name }
      let counts = Counts(claims)
      lines.append(
        "  <testsuite name=\(attribute(spec.name)) \(counts.attributes) "
          + "file=\(attribute(spec.file))>")
      lines.append("    <properties>")
      let run = document.run
      for (name, value) in [
        ("crosscheck.version", run.crosscheckVersion), ("commit", run.commit),
        ("swift", run.swiftVersion), ("gsl", run.gslVersion), ("mpfr", run.mpfrVersion),
        ("platform", run.platform),
      ] {
        lines.append("      <property name=\(attribute(name)) value=\(attribute(value))/>")
      }
      lines.append("    </properties>")
      for claim in claims { lines += testCase(claim, file: spec.file) }
      lines.append("  </testsuite>")
    }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func testCase(_ claim: VerdictsDocument.Claim, file: String) -> [String] {
    var name = "\(claim.id) \(claim.kind)"
    if !claim.statement.isEmpty { name += ": \(claim.statement)" }
    let open =
      "    <testcase name=\(attribute(name)) classname=\(attribute("crosscheck.\(claim.spec)")) "
      + "file=\(attribute(file)) line=\"\(claim.line)\""
    switch claim.verdict {
    case .passed:
      return [open + "/>"]
    case .narrative:
      return [
        open + ">", "      <skipped message=\(attribute(claim.summary))/>", "    </testcase>",
      ]
    case .failed, .error:
      let element = claim.verdict == .failed ? "failure" : "error"
      return [
        open + ">",
        "      <\(element) message=\(attribute(claim.summary)) type=\"\(claim.verdict.rawValue)\">"
          + text(details(claim, file: file)) + "</\(element)>",
        "    </testcase>",
      ]
    }
  }

  /// Returns the lines that explain a failure: measurements, failing rows, the replay token.
  static func details(_ claim: VerdictsDocument.Claim, file: String) -> String {
    var lines: [String] = []
    for m in claim.measurements { lines.append(describe(m)) }
    for row in claim.rows where row.verdict == .failed || row.verdict == .error {
      lines.append("\(row.id): \(row.verdict.rawValue): \(row.summary)")
    }
    if let replay = claim.replay {
      lines.append("replay: crosscheck check \(file) --replay '\(replay)'")
    }
    return lines.joined(separator: "\n")
  }

  static func describe(_ m: VerdictsDocument.Measurement) -> String {
    let label = m.label.isEmpty ? "" : "\(m.label): "
    var text = "\(label)measured \(NumberFormatting.short(m.value, digits: 3)) \(m.unit)"
    if let bound = m.bound { text += " (bound \(NumberFormatting.short(bound, digits: 3)))" }
    if m.passed == false { text += " exceeds its bound" }
    return text
  }

  /// The tallies a suite's attributes give.
  private struct Counts {
    var tests = 0
    var failures = 0
    var errors = 0
    var skipped = 0

    init(_ claims: [VerdictsDocument.Claim]) {
      tests = claims.count
      failures = claims.count { $0.verdict == .failed }
      errors = claims.count { $0.verdict == .error }
      skipped = claims.count { $0.verdict == .narrative }
    }

    var attributes: String {
      "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
    }
  }

  /// Returns a quoted XML attribute value.
  static func attribute(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n": out += "&#10;"
      case "\t": out += "&#9;"
      case "\r": out += "&#13;"
      default: if isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }

  /// Returns XML character data, escaped.
  static func text(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: if isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  /// Whether XML 1.0 allows the character (control characters other than tab, LF, CR do not).
  private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
  }
}
