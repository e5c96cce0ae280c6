import ReferenceNumerics
public import SpecEngine

/// Runs a property claim: draws every case from seeds derived from the claim ID, measures each
/// case, shrinks the first failure towards simple inputs and gives the token that replays it.
public struct PropertyRunner: Sendable {
  /// The claim being run.
  public var claim: Claim
  /// The inputs drawn for each case, in order.
  public var inputs: [InputDraw]
  /// How many cases to draw.
  public var cases: Int
  /// When set, only this case runs.
  public var replay: ReplayToken?

  /// The most evaluations a shrink may spend.
  static let shrinkBudget = 300

  /// Creates a runner.
  public init(claim: Claim, inputs: [InputDraw], cases: Int, replay: ReplayToken? = nil) {
    self.claim = claim
    self.inputs = inputs
    self.cases = cases
    self.replay = replay
  }

  /// Runs every case through `body`, which measures one case from its drawn inputs.
  public func run(_ body: (CaseValues) -> CaseOutcome) -> ClaimResult {
    let seed = replay?.seed ?? ReplayToken.seed(forClaim: claim.id)
    if let replay, replay.caseIndex >= cases {
      return ClaimResult(
        id: claim.id, verdict: .error,
        summary:
          "The replay token names case \(replay.caseIndex), but the claim has \(cases) cases "
          + "(0 to \(cases - 1)).", location: claim.location)
    }
    let indices = replay.map { [$0.caseIndex] } ?? Array(0..<cases)
    var all: [Measurement] = []
    var failures = 0
    var errors: [(index: Int, values: [Double], message: String)] = []
    var first: (index: Int, values: [Double], outcome: CaseOutcome)?
    var worst: (value: Double, values: [Double], context: [String])?
    let primary = { (o: CaseOutcome) in o.measurements.first { $0.bound != nil } }

    for index in indices {
      var generator = SeededGenerator(seed: ReplayToken.caseSeed(seed, index))
      let values = inputs.map { $0.draw(using: &generator) }
      let outcome = body(named(values))
      all += outcome.measurements
      if let m = primary(outcome), m.value > (worst?.value ?? -.infinity) || m.value.isNaN {
        worst = (m.value, values, outcome.context)
      }
      if outcome.isError {
        errors.append((index, values, outcome.errors.joined(separator: "; ")))
      } else if !outcome.passed {
        failures += 1
        if first == nil { first = (index, values, outcome) }
      }
    }

    let measurements = all.worstPerLabel().droppingHeldFacts()
    var details: [String] = []
    var token: String?
    let count = indices.count
    if let first {
      let shrunk = shrink(first.values, body)
      details.append(
        "case \(first.index) fails at \(format(first.values, first.outcome.context))")
      details += first.outcome.notes.prefix(3)
      if shrunk != first.values {
        let again = body(named(shrunk))
        details.append("shrunk to \(format(shrunk, again.context))")
        details += again.notes.prefix(3)
      }
      token = ReplayToken(claimID: claim.id, seed: seed, caseIndex: first.index).description
      details.append("\(failures) of \(count) cases fail")
    } else if let worst, count > 1 {
      details.append("worst case: \(format(worst.values, worst.context))")
    }
    if let error = errors.first {
      details.append(
        "case \(error.index) cannot be decided at \(format(error.values)): \(error.message)")
      details.append("\(errors.count) of \(count) cases cannot be decided")
      if first == nil {
        token = ReplayToken(claimID: claim.id, seed: seed, caseIndex: error.index).description
      }
    }
    let parts = measurements.map { describe($0, prefix: count > 1 ? "max " : "") }
    let noun = count == 1 ? "case" : "cases"
    var summary = (["\(count) \(noun)"] + parts).joined(separator: "; ")
    if let error = errors.first, first == nil {
      summary = "\(errors.count) of \(count) \(noun) cannot be decided: \(error.message)"
    }
    let verdict: Verdict = first != nil ? .failed : errors.isEmpty ? .passed : .error
    return ClaimResult(
      id: claim.id, verdict: verdict, summary: summary,
      measurements: measurements, details: details, replay: token, location: claim.location)
  }

  private func named(_ values: [Double]) -> CaseValues {
    var out: [String: Double] = [:]
    for (input, value) in zip(inputs, values) { out[input.name] = value }
    return CaseValues(values: out)
  }

  private func format(_ values: [Double], _ context: [String] = []) -> String {
    let shown = zip(inputs, values).map { "\($0.name) = \(NumberFormatting.plain($1))" }
      .joined(separator: ", ")
    return context.isEmpty ? shown : "\(shown) (\(context.joined(separator: ", ")))"
  }

  /// Greedily replaces each input by a simpler value while the case still fails.
  private func shrink(_ start: [Double], _ body: (CaseValues) -> CaseOutcome) -> [Double] {
    var current = start
    var budget = Self.shrinkBudget
    var improved = true
    while improved && budget > 0 {
      improved = false
      for j in current.indices {
        for candidate in inputs[j].simplerCandidates(than: current[j]) where budget > 0 {
          budget -= 1
          var trial = current
          trial[j] = candidate
          if !body(named(trial)).passed {
            current = trial
            improved = true
            break
          }
        }
      }
    }
    return current
  }
}

/// The inputs drawn for one case of a property, read by the parameter that declared them.
public struct CaseValues: Sendable {
  /// The drawn values by input name.
  public var values: [String: Double]

  /// Creates the values of a case.
  public init(values: [String: Double]) { self.values = values }

  /// The value drawn for a declared range.
  public subscript(_ parameter: CheckParameter<InputDraw>) -> Double {
    values[parameter.name] ?? .nan
  }

  /// The value drawn for an input the check draws itself (not a claim parameter).
  public subscript(_ internalInput: String) -> Double { values[internalInput] ?? .nan }
}
