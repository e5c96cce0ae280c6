extension ClaimSchema {
  /// Keys every claim may have whatever its check: they are not the check's parameters.
  static let reservedParameters: Set<String> = ["expect"]

  /// Returns every problem of a parsed spec's claims against the checks' schemas.
  ///
  /// Reports an unknown check (suggesting the closest name), a check run by the wrong kind of
  /// claim, an unknown parameter or column binding, a missing required input, an input given
  /// twice (as a parameter and as a column), a value of the wrong shape, and each table cell that
  /// is not a number in a numeric column. Narrative items are not checked. What the parser
  /// already reported (a mistyped number, a broken range, a table claim without a table) is not
  /// reported again.
  ///
  /// - Returns: The diagnostics in order of place.
  public static func validate(_ spec: Spec, against schema: ClaimSchema) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for claim in spec.claims where claim.kind != .narrative {
      diagnostics += schema.validate(claim)
    }
    return SpecParser.ordered(diagnostics)
  }

  private func validate(_ claim: Claim) -> [Diagnostic] {
    var found: [Diagnostic] = []
    func report(_ location: SourceLocation, _ message: String) {
      found.append(Diagnostic(.error, at: location, message))
    }
    guard !claim.check.isEmpty else { return [] }
    let checkLocation = claim.location
    guard let check = checks[claim.check] else {
      report(checkLocation, Messages.unknownCheck(claim.check, suggestion(for: claim.check)))
      return found
    }
    if check.kind != claim.kind {
      report(claim.location, Messages.wrongKind(check.name, check.kind, claim.kind))
    }
    let known = check.parameters.map(\.name).joined(separator: ", ")
    var given: [String: SourceLocation] = [:]
    for parameter in claim.parameters where !ClaimSchema.reservedParameters.contains(parameter.name)
    {
      given[parameter.name] = parameter.location
      guard let input = check.parameter(parameter.name) else {
        report(parameter.location, Messages.unknownParameter(parameter.name, check.name, known))
        continue
      }
      guard input.allowsParameter else {
        report(parameter.location, Messages.columnOnly(parameter.name, check.name))
        continue
      }
      if let message = ClaimSchema.typeProblem(of: parameter, for: input)
        ?? ClaimSchema.valueProblem(of: parameter, for: input)
      {
        report(parameter.location, message)
      }
    }
    for column in claim.table?.columns ?? [] where column.binding != "-" && column.binding != "id" {
      guard let input = check.parameter(column.binding) else {
        report(column.location, Messages.unknownColumn(column.binding, check.name, known))
        continue
      }
      guard input.allowsColumn else {
        report(column.location, Messages.parameterOnly(column.binding, check.name))
        continue
      }
      if given[column.binding] != nil {
        report(column.location, Messages.givenTwice(column.binding))
      }
      given[column.binding] = column.location
      for row in claim.table?.rows ?? [] {
        guard let cell = claim.table?.cell(column.binding, in: row) else { continue }
        if let message = ClaimSchema.typeProblem(ofCell: cell.text, for: input)
          ?? ClaimSchema.valueProblem(ofCell: cell.text, for: input)
        {
          report(cell.location, message)
        }
      }
    }
    if let oracle = claim.tolerance?.reference, !check.oracles.contains(oracle.lowercased()),
      let at = claim.tolerance?.location
    {
      report(at, Messages.unknownOracle(oracle, check.name, check.oracles))
    }
    // A table claim without a table has been reported by the parser; its columns are not missing.
    let columnsKnown = claim.kind != .table || claim.table != nil
    for input in check.parameters where input.isRequired && given[input.name] == nil {
      if input.source == .column, !columnsKnown { continue }
      let message =
        input.source == .column
        ? Messages.missingColumn(claim.id, input.name, check.name)
        : Messages.missingParameter(claim.id, input.name, check.name)
      report(claim.location, message)
    }
    return found
  }

  /// Returns why a parameter's value does not fit the input, or nil when it does.
  static func typeProblem(of parameter: Parameter, for input: ParameterSchema) -> String? {
    let accepts = input.accepts
    if accepts.contains(.text) { return nil }
    switch parameter.value {
    case .number(let n):
      if accepts.contains(.number) || accepts.contains(.list) { return nil }
      if accepts.contains(.integer), n.isInteger { return nil }
      if accepts.contains(.integer), !accepts.contains(.range) {
        return Messages.notAnInteger(parameter.text)
      }
    case .list:
      if accepts.contains(.list) { return nil }
    case .range:
      if accepts.contains(.range) { return nil }
    case .text(let text):
      // Text the parser has already reported (a mistyped number, a broken range) is not
      // reported again.
      if parserReportsProblem(in: text) { return nil }
      if text.contains("...") || text.contains("\u{2026}") || text.contains(",") {
        return Messages.wrongShape(parameter.name, input.acceptedDescription, text)
      }
      return Messages.notANumber(text)
    }
    return Messages.wrongShape(parameter.name, input.acceptedDescription, parameter.text)
  }

  /// Returns why a well-shaped value is not one the input takes: a word outside its choices, a
  /// number or a range end outside its limits, a reversed or non-positive log-uniform range.
  static func valueProblem(of parameter: Parameter, for input: ParameterSchema) -> String? {
    let name = parameter.name
    if let choices = input.choices {
      guard choices.contains(parameter.text) else {
        let near = choices.min {
          editDistance(parameter.text, $0) < editDistance(parameter.text, $1)
        }
        let close = near.map { editDistance(parameter.text, $0) <= max(2, $0.count / 3) } ?? false
        return Messages.notAChoice(name, parameter.text, choices, close ? near : nil)
      }
      return nil
    }
    var numbers: [Double] = []
    switch parameter.value {
    case .number(let n): numbers = [n.value]
    case .list(let items): numbers = items.map(\.value)
    case .range(let distribution, let low, let high):
      guard low.value.isFinite, high.value.isFinite, low.value <= high.value else {
        return Messages.reversedRange(name, parameter.text)
      }
      if distribution == .logUniform, !(low.value > 0) {
        return Messages.nonPositiveLogRange(name, parameter.text)
      }
      numbers = [low.value, high.value]
    case .text: return nil
    }
    return limitProblem(numbers, name: name, text: parameter.text, for: input)
  }

  /// Returns why a table cell's number is outside the input's limits or choices, if it is.
  static func valueProblem(ofCell text: String, for input: ParameterSchema) -> String? {
    if let choices = input.choices, !choices.contains(text) {
      return Messages.notAChoice(input.name, text, choices, nil)
    }
    guard let number = StatedNumber(parsing: text, allowGrouping: true) else { return nil }
    return limitProblem([number.value], name: input.name, text: text, for: input)
  }

  private static func limitProblem(
    _ numbers: [Double], name: String, text: String, for input: ParameterSchema
  ) -> String? {
    guard let limits = input.limits, numbers.contains(where: { !limits.contains($0) }) else {
      return nil
    }
    return Messages.outsideLimits(
      name, text, NumberFormatting.short(limits.lowerBound, digits: 3),
      NumberFormatting.short(limits.upperBound, digits: 3))
  }

  /// Returns whether reading `text` as a parameter value gives the parser something to report.
  static func parserReportsProblem(in text: String) -> Bool {
    var scratch: [Diagnostic] = []
    _ = ParameterValue.parse(
      LocatedText(text: text, line: 1, column: 1), file: "", diagnostics: &scratch)
    return !scratch.isEmpty
  }

  /// Returns why a table cell does not fit the input, or nil when it does.
  static func typeProblem(ofCell text: String, for input: ParameterSchema) -> String? {
    let accepts = input.accepts
    guard !accepts.contains(.text), accepts.contains(.number) || accepts.contains(.integer)
    else { return nil }
    if StatedNumber.looksMistyped(text) { return nil }
    guard let number = StatedNumber(parsing: text, allowGrouping: true) else {
      return Messages.notANumber(text)
    }
    if !accepts.contains(.number), !number.isInteger { return Messages.notAnInteger(text) }
    return nil
  }

  /// Returns the known check name closest to `name` by edit distance, if there is any check.
  ///
  /// A name more than twice as long as every check name gets no suggestion: none is close.
  ///
  /// - Complexity: O(n * m * c) for a name of n scalars and c checks of at most m, with n at
  ///   most 2m.
  func suggestion(for name: String) -> String? {
    let longest = names.map(\.scalars.count).max() ?? 0
    let scalars = Array(name.unicodeScalars)
    guard scalars.count <= 2 * longest else { return nil }
    // The first name (in order) at the least distance. The distance is at least the difference
    // in length, so a name whose length differs by as much as the best distance so far cannot
    // win and is not compared.
    var best: (name: String, distance: Int)?
    for candidate in names {
      if let best, abs(candidate.scalars.count - scalars.count) >= best.distance { continue }
      let distance = editDistance(scalars, candidate.scalars)
      if best.map({ distance < $0.distance }) ?? true { best = (candidate.name, distance) }
    }
    return best?.name
  }
}

/// Returns the Levenshtein distance between two strings, counted in Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
  editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
}

/// Returns the Levenshtein distance between two sequences of scalars.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
  guard !a.isEmpty else { return b.count }
  guard !b.isEmpty else { return a.count }
  var previous = Array(0...b.count)
  var current = Array(repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
