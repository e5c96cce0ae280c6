extension SpecParsing {
  /// Builds the sections from the headings and infers their IDs from the claims inside.
  ///
  /// The text before the first level-2 heading is the introduction, `A<n>.0`. A level-2 section
  /// takes the section part of its first claim's ID; a section without claims takes the number
  /// after the previous section's. Level-3 and deeper headings are subsections, listed with the
  /// ID of the level-2 section above them.
  ///
  /// - Returns: The level-1 heading's text, if there is one, and the sections in order.
  mutating func readSections(in document: MarkdownDocument) -> (String?, [Section]) {
    let headings = document.blocks.compactMap { block -> MarkdownHeading? in
      if case .heading(let h) = block { return h }
      return nil
    }
    let lastLine = max(1, lines.count)
    let titleHeading = headings.first { $0.level == 1 }
    let article = frontMatter.article.map(String.init) ?? "?"
    let firstSection = headings.first { $0.level >= 2 }
    let introEnd = firstSection.map { max(1, $0.line - 1) } ?? lastLine
    let introHeading = titleHeading.map { $0.line <= introEnd ? $0 : nil } ?? nil
    let introText = introHeading?.text ?? frontMatter.value("title")
    let (introOriginal, introEnglish) = SpecParsing.splitHeading(introText)
    var sections = [
      Section(
        id: "A\(article).0", heading: introText, originalHeading: introOriginal,
        englishHeading: introEnglish, level: 1, lineRange: 1...introEnd,
        location: location(introHeading?.line ?? 1, introHeading?.column ?? 1))
    ]
    let members = sectionMembers()
    checkSectionIDs(members.within(1...introEnd), expected: ("A\(article).0", nil))

    var previousNumber = 0
    var currentTopID = "A\(article).0"
    var usedIDs: [String: Int] = [:]
    for (index, heading) in headings.enumerated() where heading.level >= 2 {
      let end =
        headings[(index + 1)...].first { $0.level <= heading.level }.map { $0.line - 1 } ?? lastLine
      let range = heading.line...max(heading.line, end)
      let (original, english) = SpecParsing.splitHeading(heading.text)
      var id = currentTopID
      if heading.level == 2 {
        let inside = members.within(range)
        if let first = inside.first {
          id = SpecParsing.sectionPart(of: first.id)
          checkSectionIDs(inside, expected: (id, first))
        } else {
          id = "A\(article).\(previousNumber + 1)"
        }
        if let number = id.split(separator: ".").last.flatMap({ Int($0) }) {
          previousNumber = number
        }
        if let line = usedIDs[id] {
          error(location(heading.line, heading.column), Messages.duplicateSection(id, line))
        } else {
          usedIDs[id] = heading.line
        }
        currentTopID = id
      }
      sections.append(
        Section(
          id: id, heading: heading.text, originalHeading: original, englishHeading: english,
          level: heading.level, lineRange: range,
          location: location(heading.line, heading.column)))
    }
    return (titleHeading?.text, sections)
  }

  /// The IDs that name a section (the claims' IDs and `id`-column row IDs), each with the line
  /// of its claim, in the claims' order (which is the order of their lines).
  struct SectionMembers {
    var members: [(line: Int, id: String, location: SourceLocation)] = []

    /// Returns the members whose claims start in `range`.
    ///
    /// - Complexity: O(log n + k) for n members, k of them in the range.
    func within(_ range: ClosedRange<Int>) -> ArraySlice<
      (
        line: Int, id: String, location: SourceLocation
      )
    > {
      var low = 0
      var high = members.count
      while low < high {
        let middle = (low + high) / 2
        if members[middle].line < range.lowerBound { low = middle + 1 } else { high = middle }
      }
      var end = low
      while end < members.count, members[end].line <= range.upperBound { end += 1 }
      return members[low..<end]
    }
  }

  /// Lists every ID that names a section, once for the whole spec.
  private func sectionMembers() -> SectionMembers {
    var result = SectionMembers()
    let ordered = claims.enumerated().sorted {
      ($0.element.location.line, $0.offset) < ($1.element.location.line, $1.offset)
    }
    for claim in ordered.map(\.element) {
      let line = claim.location.line
      result.members.append((line, claim.id, claim.location))
      // Rows named by an `id` column belong to the section too (when their IDs are sound).
      guard let table = claim.table,
        let cell = table.columns.firstIndex(where: { $0.binding == "id" })
      else { continue }
      let article = claim.id.dropFirst().split(separator: ".").first
      for row in table.rows
      where SpecParsing.isWellFormedID(row.id) && row.id != claim.id
        && row.id.dropFirst().split(separator: ".").first == article && cell < row.cells.count
      {
        result.members.append((line, row.id, row.cells[cell].location))
      }
    }
    return result
  }

  /// Reports every member of the range whose section part is not `expected`.
  private mutating func checkSectionIDs(
    _ members: ArraySlice<(line: Int, id: String, location: SourceLocation)>,
    expected: (id: String, from: (line: Int, id: String, location: SourceLocation)?)
  ) {
    for member in members {
      let part = SpecParsing.sectionPart(of: member.id)
      guard part != expected.id else { continue }
      if let from = expected.from {
        error(
          member.location,
          Messages.wrongSection(member.id, part, expected.id, from.id, from.location.line))
      } else {
        error(member.location, Messages.claimInIntroduction(member.id, part, expected.id))
      }
    }
  }

  /// Returns `A9.1` for `A9.1.5` and for `A9.1.5/n=3`.
  static func sectionPart(of id: String) -> String {
    let base = id.split(separator: "/").first.map(String.init) ?? id
    let parts = base.split(separator: ".")
    return parts.count >= 2 ? parts.prefix(2).joined(separator: ".") : base
  }

  /// Splits a heading at ` · ` into the article's heading and the English one.
  ///
  /// `一、泊松分布 · The Poisson distribution` gives `一、泊松分布` and `The Poisson distribution`;
  /// a heading without the separator is both.
  static func splitHeading(_ heading: String) -> (original: String, english: String) {
    let text = LocatedText(text: heading, line: 1, column: 1)
    guard let separator = text.offset(of: " \u{B7} ") else { return (heading, heading) }
    return (text.slice(0, separator).trimmed().text, text.dropping(separator + 3).trimmed().text)
  }

  /// Reports every `map-claims` ID that no claim, narrative item or table row binds.
  mutating func checkMap() {
    // An unclosed claim comment hides what follows it; its own error says so, and listing every
    // map ID it swallowed would bury that error.
    guard !sawUnclosedComment else { return }
    for item in frontMatter.mapClaims where boundIDs[item.id] == nil {
      error(item.location, Messages.unboundMapID(item.id))
    }
  }
}
