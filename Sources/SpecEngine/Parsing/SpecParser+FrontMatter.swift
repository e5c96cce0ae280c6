/// What the front matter says, as far as it could be read.
struct FrontMatterReading {
  /// The 1-based line of the closing `---`, when the front matter is closed.
  var closingLine: Int?
  var entries: [FrontMatter.Entry] = []
  var article: Int?
  var status: FrontMatter.Status?
  /// The `map-claims` IDs, ranges expanded, each with the place of the item it came from.
  var mapClaims: [(id: String, location: SourceLocation)] = []

  /// The keys every spec must have, in the order the README lists them.
  static let requiredKeys = [
    "article", "title", "original-title", "author", "source", "status", "map-claims",
  ]
  /// Every key the front matter may have.
  static let knownKeys = Set(requiredKeys + ["reconstructed-parts"])

  /// Returns the value of `key`, or an empty string.
  func value(_ key: String) -> String { entries.first { $0.key == key }?.value ?? "" }

  /// Returns the model, or nil when the front matter is missing or has no usable article.
  func model() -> FrontMatter? {
    guard closingLine != nil, let article else { return nil }
    return FrontMatter(
      article: article, title: value("title"), originalTitle: value("original-title"),
      author: value("author"), source: value("source"), status: status ?? .reconstructed,
      mapClaims: mapClaims.map(\.id), entries: entries)
  }
}

extension SpecParsing {
  /// Returns the 1-based line of the `---` that closes the front matter, or nil when the text
  /// does not start with front matter or never closes it.
  ///
  /// Renderers use it to skip the front matter: lines `1 ... closing` are metadata.
  static func frontMatterClosingLine(in lines: [String]) -> Int? {
    guard let first = lines.first, first.trimmingSpaces() == "---" else { return nil }
    return lines.indices.dropFirst().first { lines[$0].trimmingSpaces() == "---" }.map { $0 + 1 }
  }

  /// Reads the `key: value` lines between the leading `---` fences.
  mutating func readFrontMatter() {
    let start = location(1)
    guard let first = lines.first, first.trimmingSpaces() == "---" else {
      error(start, Messages.missingFrontMatter)
      return
    }
    guard let closingLine = SpecParsing.frontMatterClosingLine(in: lines) else {
      error(start, Messages.unclosedFrontMatter)
      return
    }
    let closing = closingLine - 1
    frontMatter.closingLine = closingLine
    var keyLocations: [String: SourceLocation] = [:]
    for index in 1..<closing {
      let line = LocatedText(text: lines[index], line: index + 1, column: 1).trimmed()
      if line.text.isEmpty { continue }
      guard let colon = line.offset(of: ":"),
        SpecParsing.isKey(line.slice(0, colon).text)
      else {
        error(line.location(in: file), Messages.malformedFrontMatterLine(line.text))
        continue
      }
      let key = line.slice(0, colon).text
      var value = line.dropping(colon + 1)
      let valueStart = value.column
      value = value.trimmed()
      if value.text.isEmpty { value.column = valueStart }
      if let previous = keyLocations[key] {
        error(line.location(in: file), Messages.duplicateFrontMatterKey(key, previous.line))
        continue
      }
      keyLocations[key] = line.location(in: file)
      frontMatter.entries.append(
        FrontMatter.Entry(key: key, value: value.text, location: line.location(in: file)))
      if !FrontMatterReading.knownKeys.contains(key) {
        warning(line.location(in: file), Messages.unknownFrontMatterKey(key))
        continue
      }
      if value.text.isEmpty {
        error(value.location(in: file), Messages.emptyFrontMatterValue(key))
        continue
      }
      readFrontMatterValue(key: key, value: value)
    }
    for key in FrontMatterReading.requiredKeys where keyLocations[key] == nil {
      error(start, Messages.missingFrontMatterKey(key))
    }
    if frontMatter.status == .partlyReconstructed, keyLocations["reconstructed-parts"] == nil {
      error(keyLocations["status"] ?? start, Messages.missingReconstructedParts)
    }
    // Now that the article is known, check the map's IDs against it.
    let mapItems = frontMatter.mapClaims
    frontMatter.mapClaims = []
    for item in mapItems where checkArticle(of: item.id, at: item.location) {
      frontMatter.mapClaims.append(item)
    }
  }

  private mutating func readFrontMatterValue(key: String, value: LocatedText) {
    switch key {
    case "article":
      if let n = Int(value.text), (1...10).contains(n) {
        frontMatter.article = n
      } else {
        error(value.location(in: file), Messages.badArticle(value.text))
      }
    case "status":
      if let status = FrontMatter.Status(rawValue: value.text) {
        frontMatter.status = status
      } else {
        error(value.location(in: file), Messages.badStatus(value.text))
      }
    case "map-claims":
      for item in value.words().flatMap({ $0.split(on: ",") }) where !item.text.isEmpty {
        guard let ids = SpecParsing.expandMapItem(item.text) else {
          error(item.location(in: file), Messages.badMapItem(item.text))
          continue
        }
        for id in ids { frontMatter.mapClaims.append((id, item.location(in: file))) }
      }
    default:
      break
    }
  }

  /// Expands a map item into the IDs it lists.
  ///
  /// A range `A9.1.1-7` gives `A9.1.1` through `A9.1.7`; a single ID gives itself.
  ///
  /// - Returns: The IDs, or nil for an item that is neither an ID nor a range.
  static func expandMapItem(_ item: String) -> [String]? {
    guard let dash = item.firstIndex(of: "-") else {
      return isWellFormedID(item) ? [item] : nil
    }
    let first = String(item[..<dash])
    let endText = item[item.index(after: dash)...]
    guard isWellFormedID(first), let lastDot = first.lastIndex(of: "."),
      let low = Int(first[first.index(after: lastDot)...]),
      !endText.isEmpty, endText.allSatisfy(\.isASCII), endText.allSatisfy(\.isNumber),
      let high = Int(endText), low <= high, high - low < 1000
    else { return nil }
    let stem = first[...lastDot]
    return (low...high).map { "\(stem)\($0)" }
  }

  /// Returns whether `text` is a key: a lowercase word with hyphens (`row-id`, `map-claims`).
  static func isKey(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return text.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
    }
  }

  /// Returns whether `id` has the form `A<article>.<section>.<item>[.<more>]`, all numbers.
  static func isWellFormedID(_ id: String) -> Bool {
    guard id.hasPrefix("A") else { return false }
    let parts = id.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
    // A<article>.<section>.<item>, then optional word parts (`A9.1.7.figure`) for further
    // claims on the same map item.
    let isNumber = { (p: Substring) in !p.isEmpty && p.allSatisfy { $0.isASCII && $0.isNumber } }
    let isWord = { (p: Substring) in
      guard let first = p.first, first.isASCII, first.isLowercase else { return false }
      return p.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
    return parts.count >= 3 && parts.prefix(3).allSatisfy(isNumber)
      && parts.dropFirst(3).allSatisfy(isWord)
  }

  /// Checks that a well-formed ID belongs to this spec's article; reports it if not.
  mutating func checkArticle(of id: String, at location: SourceLocation) -> Bool {
    guard let article = frontMatter.article else { return true }
    let idArticle = id.dropFirst().split(separator: ".").first.map(String.init) ?? ""
    guard idArticle == String(article) else {
      error(location, Messages.wrongArticle(id, idArticle, article))
      return false
    }
    return true
  }
}
