public import SpecEngine

/// The inputs of one table row: cells of bound columns first, then the claim's parameters.
public struct RowInputs: Sendable {
  /// The claim.
  public var claim: Claim
  /// The row.
  public var row: Table.Row
  /// The table.
  public var table: Table

  /// Returns the text given for `name`, from the row's cell or the claim's parameter.
  func text(_ name: String) throws(VerificationError) -> (String, SourceLocation) {
    if let cell = table.cell(name, in: row) { return (cell.text, cell.location) }
    if let p = claim.parameter(name) { return (p.text, p.location) }
    throw .missingInput(name, at: row.location)
  }

  /// Returns the number given for `name`, with the precision it was written to.
  func stated(_ name: String) throws(VerificationError) -> StatedNumber {
    let (text, location) = try self.text(name)
    guard let n = StatedNumber(parsing: text, allowGrouping: true) else {
      throw .notANumber(name: name, text: text, at: location)
    }
    return n
  }
}

/// What a table check computes for one row.
public struct RowValue: Sendable {
  /// The kernel's value.
  public var kernel: Double
  /// The reference the tolerance applies to, and its name (`referee`, `gsl`, `exact`).
  public var reference: (label: String, value: Double)
  /// Other oracles to show beside it (GSL against the referee), compared informationally.
  public var others: [(label: String, value: Double)]

  /// Creates a row value.
  public init(
    kernel: Double, reference: (label: String, value: Double),
    others: [(label: String, value: Double)] = []
  ) {
    self.kernel = kernel
    self.reference = reference
    self.others = others
  }
}

/// Runs a table claim: each row's stated value must be reproduced at its stated precision (or
/// refuted, where the spec says the article is wrong), and the kernel must agree with the oracle.
public struct TableRunner: Sendable {
  /// The claim being run.
  public var claim: Claim

  /// Creates a runner.
  public init(claim: Claim) { self.claim = claim }

  /// Runs every row through `evaluate`.
  public func run(_ evaluate: (RowInputs) throws -> RowValue) -> ClaimResult {
    guard let table = claim.table else {
      return ClaimResult(
        id: claim.id, verdict: .error, summary: "no table to run", location: claim.location)
    }
    guard let tolerance = claim.tolerance else {
      return ClaimResult(
        id: claim.id, verdict: .error, summary: "no tolerance declared",
        location: claim.location)
    }
    var rows: [RowResult] = []
    for row in table.rows {
      rows.append(runRow(RowInputs(claim: claim, row: row, table: table), tolerance, evaluate))
    }
    let measurements = rows.flatMap(\.measurements).worstPerLabel().droppingHeldFacts()
    let verdict: Verdict =
      rows.contains { $0.verdict == .error }
      ? .error : rows.allSatisfy { $0.verdict == .passed } ? .passed : .failed
    let passed = rows.filter { $0.verdict == .passed }.count
    let summary =
      ([rows.count == 1 ? "\(passed) of 1 row holds" : "\(passed) of \(rows.count) rows hold"]
      + measurements.filter { $0.unit != "failures" }.map { describe($0, prefix: "max ") })
      .joined(separator: "; ")
    let details = rows.filter { $0.verdict != .passed }.map { "\($0.id): \($0.summary)" }
    return ClaimResult(
      id: claim.id, verdict: verdict, summary: summary, measurements: measurements, rows: rows,
      details: details, location: claim.location)
  }

  private func runRow(
    _ inputs: RowInputs, _ tolerance: Tolerance, _ evaluate: (RowInputs) throws -> RowValue
  ) -> RowResult {
    let row = inputs.row
    do {
      let expected = try inputs.stated("expected")
      let refuted = try expectsRefutation(inputs)
      let value = try evaluate(inputs)
      var outcome = CaseOutcome()
      let reproduced = expected.isReproduced(by: value.kernel)
      let shown = NumberFormatting.short(value.kernel, digits: 10)
      var text: String
      if refuted {
        outcome.require(
          !reproduced, "refuted",
          note: "\(shown) rounds to the stated \(expected.text), which the spec says is wrong")
        text =
          reproduced
          ? "expected a refutation, but \(shown) rounds to \(expected.text)"
          : "refuted: the stated \(expected.text) is wrong; the value is \(shown)"
      } else {
        outcome.require(
          reproduced, "stated value",
          note: "\(shown) does not round to the stated \(expected.text)")
        text =
          reproduced
          ? "\(shown) rounds to \(expected.text)"
          : "expected \(expected.text), got \(shown)"
      }
      let label = "kernel vs \(value.reference.label)"
      outcome.compare(label, value.kernel, against: value.reference.value, within: tolerance)
      var parts = [text]
      if let m = outcome.measurements.last {
        parts.append(
          "\(NumberFormatting.short(m.value, digits: 2)) \(m.unit) vs \(value.reference.label) "
            + "(≤ \(NumberFormatting.short(tolerance.bound.limit)))")
      }
      for other in value.others {
        outcome.inform(
          other.label, other.value, against: value.reference.value, unit: tolerance.bound)
        if let m = outcome.measurements.last {
          parts.append("\(other.label): \(NumberFormatting.short(m.value, digits: 2)) \(m.unit)")
        }
      }
      if !outcome.passed, let note = outcome.notes.first, !parts.contains(note) {
        parts.append(note)
      }
      return RowResult(
        id: row.id, verdict: outcome.passed ? .passed : .failed,
        summary: parts.joined(separator: "; "), measurements: outcome.measurements,
        location: row.location)
    } catch {
      return RowResult(
        id: row.id, verdict: .error, summary: "\(error)", measurements: [],
        location: row.location)
    }
  }

  private func expectsRefutation(_ inputs: RowInputs) throws(VerificationError) -> Bool {
    guard inputs.given("expect") != nil else { return false }
    let (text, location) = try inputs.text("expect")
    switch text.lowercased() {
    case "holds", "": return false
    case "refuted": return true
    default:
      throw .invalidInput(
        name: "expect", value: text, reason: "write 'holds' or 'refuted'", at: location)
    }
  }
}
