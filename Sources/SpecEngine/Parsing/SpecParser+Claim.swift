extension SpecParsing {
  /// One `key: value` line of a claim body (with its continuation lines joined to the value).
  struct Entry {
    var key: LocatedText
    var value: LocatedText
  }

  /// Reads one claim or narrative item: its header, statement, keys, tolerance and table.
  mutating func readClaim(
    header: LocatedText, body: [LocatedText], location: SourceLocation,
    blockLines: ClosedRange<Int>, table: MarkdownTable?
  ) {
    let words = header.words()
    if words.first?.text == "narrative" {
      readNarrative(header: header, body: body, location: location, blockLines: blockLines)
      return
    }
    var usable = true
    var id: LocatedText?
    var kind: Claim.Kind?
    if words.count < 3 {
      error(location, Messages.malformedClaimHeader)
      usable = false
    } else {
      id = words[1]
      if let k = Claim.Kind(rawValue: words[2].text) {
        kind = k
      } else {
        error(location, Messages.unknownKind(words[2].text))
        usable = false
      }
      if words.count > 3 {
        let extra = header.dropping(words[3].column - header.column).trimmed()
        error(words[3].location(in: file), Messages.extraHeaderText(extra.text))
      }
    }
    if let id, !checkID(id.text, at: id.location(in: file)) { usable = false }
    if let id, !register(id.text, at: id.location(in: file)) { usable = false }

    let (statement, entries) = readBody(body)
    let claimID = id?.text ?? "?"
    var check = ""
    var tolerance: LocatedText?
    var because: LocatedText?
    var columns: LocatedText?
    var rowID: LocatedText?
    var parameters: [Parameter] = []
    var seen: [String: Int] = [:]
    for entry in entries {
      let key = entry.key.text
      if let line = seen[key] {
        error(entry.key.location(in: file), Messages.duplicateKey(key, line))
        continue
      }
      seen[key] = entry.key.line
      switch key {
      case "check": check = entry.value.text
      case "tolerance": tolerance = entry.value
      case "because": because = entry.value
      case "columns": columns = entry.value
      case "row-id": rowID = entry.value
      default:
        if key == "expect", entry.value.text != "holds", entry.value.text != "refuted" {
          error(entry.value.location(in: file), Messages.badExpect(entry.value.text))
        }
        let value = ParameterValue.parse(entry.value, file: file, diagnostics: &diagnostics)
        parameters.append(
          Parameter(
            name: key, value: value, text: entry.value.text,
            location: entry.value.location(in: file)))
      }
    }
    if kind != nil, kind != .narrative, check.isEmpty {
      error(location, Messages.missingCheck(claimID))
    }
    var parsedTolerance: Tolerance?
    if let tolerance {
      parsedTolerance = readTolerance(tolerance, because: because, kind: kind)
      if because?.text.isEmpty ?? true,
        let key = entries.first(where: { $0.key.text == "tolerance" })
      {
        error(key.key.location(in: file), Messages.toleranceWithoutBecause)
      }
    } else if let because, let key = entries.first(where: { $0.key.text == "because" }) {
      _ = because
      warning(key.key.location(in: file), Messages.becauseWithoutTolerance)
    }
    var boundTable: Table?
    var lastLine = blockLines.upperBound
    if kind == .table {
      if let table {
        if let owner = boundTables[table.lines.lowerBound] {
          error(location, Messages.tableAlreadyBound(table.lines.lowerBound, owner))
        } else {
          boundTables[table.lines.lowerBound] = claimID
          boundTable = readTable(
            table, claimID: claimID, columns: columns, rowID: rowID, location: location)
          lastLine = max(lastLine, table.lines.upperBound)
        }
      } else {
        error(location, Messages.tableClaimWithoutTable(claimID))
      }
    } else if kind != nil {
      for key in ["columns", "row-id"] {
        if let entry = entries.first(where: { $0.key.text == key }) {
          error(entry.key.location(in: file), Messages.tableOnlyKey(key))
        }
      }
    }
    guard usable, let id, let kind else { return }
    claims.append(
      Claim(
        id: id.text, kind: kind, check: check, statement: statement, parameters: parameters,
        tolerance: parsedTolerance, table: boundTable, location: location,
        lineRange: location.line...max(location.line, lastLine)))
  }

  /// Reads `narrative <ID>: <reason>`, the reason possibly continued on the following lines.
  private mutating func readNarrative(
    header: LocatedText, body: [LocatedText], location: SourceLocation,
    blockLines: ClosedRange<Int>
  ) {
    let rest = header.dropping("narrative".unicodeScalars.count).trimmed()
    let idText: LocatedText
    var reasonParts: [String] = []
    if let colon = rest.offset(of: ":") {
      idText = rest.slice(0, colon).trimmed()
      reasonParts.append(rest.dropping(colon + 1).trimmed().text)
    } else {
      let words = rest.words()
      idText = words.first ?? rest
      if let first = words.first {
        reasonParts.append(
          rest.dropping(first.column - rest.column + first.text.count).trimmed().text)
      }
    }
    reasonParts += body.map { $0.trimmed().text }
    let reason = reasonParts.filter { !$0.isEmpty }.joined(separator: " ")
    guard !idText.text.isEmpty, !idText.text.contains(" ") else {
      error(location, Messages.malformedNarrative)
      return
    }
    let idLocation = idText.location(in: file)
    guard checkID(idText.text, at: idLocation) else { return }
    guard register(idText.text, at: idLocation) else { return }
    if reason.isEmpty { error(location, Messages.narrativeWithoutReason(idText.text)) }
    claims.append(
      Claim(
        id: idText.text, kind: .narrative, check: "", statement: reason, location: location,
        lineRange: location.line...max(location.line, blockLines.upperBound)))
  }

  /// Splits a claim body into the statement (the lines before the first key) and its entries.
  ///
  /// After the first key, a line that is not a key continues the previous value.
  private mutating func readBody(_ body: [LocatedText]) -> (statement: String, entries: [Entry]) {
    var statement: [String] = []
    var entries: [Entry] = []
    for raw in body {
      let line = raw.trimmed()
      if line.text.isEmpty { continue }
      if let colon = line.offset(of: ":"), SpecParsing.isKey(line.slice(0, colon).text),
        line.slice(colon + 1, colon + 2).text.allSatisfy(\.isWhitespace)
      {
        var value = line.dropping(colon + 1)
        let valueStart = value.column
        value = value.trimmed()
        if value.text.isEmpty { value.column = valueStart }
        entries.append(Entry(key: line.slice(0, colon), value: value))
      } else if entries.isEmpty {
        statement.append(line.text)
      } else if let colon = line.offset(of: ":"), colon > 0,
        !line.slice(0, colon).text.contains(" "),
        line.slice(colon + 1, colon + 2).text.allSatisfy(\.isWhitespace)
      {
        error(line.location(in: file), Messages.malformedKey(line.slice(0, colon).text))
      } else if let last = entries.indices.last {
        entries[last].value.appendLine(line)
      }
    }
    return (statement.joined(separator: " "), entries)
  }

  /// Checks an ID's form and article; reports it and returns false when it is wrong.
  mutating func checkID(_ id: String, at location: SourceLocation) -> Bool {
    guard SpecParsing.isWellFormedID(id) else {
      error(location, Messages.malformedID(id))
      return false
    }
    return checkArticle(of: id, at: location)
  }

  /// Records an ID; reports it and returns false when it is already taken.
  mutating func register(_ id: String, at location: SourceLocation) -> Bool {
    if let previous = boundIDs[id] {
      error(location, Messages.duplicateID(id, previous.line))
      return false
    }
    boundIDs[id] = location
    return true
  }
}
