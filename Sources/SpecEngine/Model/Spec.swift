/// A parsed spec: front matter, sections, claims and the source text they came from.
///
/// A spec is a Markdown file whose sections mirror one source article. The engine reads its
/// structure and its claims; it knows nothing about the mathematics the claims check.
public struct Spec: Sendable {
  /// The path of the file, as given to the parser.
  public var file: String
  /// The spec's source text, split into lines (without line terminators).
  public var lines: [String]
  /// The metadata between the leading `---` fences.
  public var frontMatter: FrontMatter
  /// The text of the level-1 heading, or the front matter's title when there is none.
  public var title: String
  /// The sections in document order, the part before the first level-2 heading included.
  public var sections: [Section]
  /// Every claim and narrative item, in document order.
  public var claims: [Claim]

  /// Creates a spec from its parts.
  public init(
    file: String, lines: [String], frontMatter: FrontMatter, title: String,
    sections: [Section], claims: [Claim]
  ) {
    self.file = file
    self.lines = lines
    self.frontMatter = frontMatter
    self.title = title
    self.sections = sections
    self.claims = claims
  }

  /// The short name of the spec: its file name without folder and extension.
  public var name: String {
    let last = file.split(separator: "/").last.map(String.init) ?? file
    return last.hasSuffix(".md") ? String(last.dropLast(3)) : last
  }

  /// The claims that run (everything but narrative items).
  public var executableClaims: [Claim] { claims.filter { $0.kind != .narrative } }

  /// Returns the claim with the given ID, if the spec has one.
  public func claim(withID id: String) -> Claim? { claims.first { $0.id == id } }

  /// Returns the section a claim belongs to.
  public func section(of claim: Claim) -> Section? {
    sections.first { $0.lineRange.contains(claim.location.line) }
  }
}

/// The metadata of a spec, from its front matter.
public struct FrontMatter: Sendable, Hashable {
  /// Whether the article was read in full or rebuilt from other sources.
  public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
    /// The original article was read.
    case originalRead = "original read"
    /// Parts of the article were rebuilt from other sources.
    case partlyReconstructed = "partly reconstructed"
    /// The article was rebuilt from the primary papers or standard mathematics.
    case reconstructed = "reconstructed"
  }

  /// The article's number in the article map.
  public var article: Int
  /// The English title.
  public var title: String
  /// The title as the article gives it.
  public var originalTitle: String
  /// The article's author.
  public var author: String
  /// Where the article was published.
  public var source: String
  /// Whether the original was read.
  public var status: Status
  /// The claim IDs that the article map lists for this article; every one must appear.
  public var mapClaims: [String]
  /// Every key and value, in order, for rendering.
  public var entries: [Entry]

  /// One `key: value` line of front matter.
  public struct Entry: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value, trimmed.
    public var value: String
    /// Where the line is.
    public var location: SourceLocation

    /// Creates an entry.
    public init(key: String, value: String, location: SourceLocation) {
      self.key = key
      self.value = value
      self.location = location
    }
  }

  /// Creates front matter.
  public init(
    article: Int, title: String, originalTitle: String, author: String, source: String,
    status: Status, mapClaims: [String], entries: [Entry]
  ) {
    self.article = article
    self.title = title
    self.originalTitle = originalTitle
    self.author = author
    self.source = source
    self.status = status
    self.mapClaims = mapClaims
    self.entries = entries
  }

  /// Returns the value of a key, if present.
  public subscript(key: String) -> String? { entries.first { $0.key == key }?.value }
}

/// A part of a spec under one heading, mirroring one section of the article.
public struct Section: Sendable, Hashable {
  /// The section ID, such as `A9.1`; the intro before the first level-2 heading is `A<n>.0`.
  public var id: String
  /// The heading as written, without the `#` marks.
  public var heading: String
  /// The article's own heading (the part before ` · `), or the whole heading.
  public var originalHeading: String
  /// The English heading (the part after ` · `), or the whole heading.
  public var englishHeading: String
  /// The heading level (1 for the title, 2 for sections, 3 and deeper for subsections).
  public var level: Int
  /// The lines the section spans, heading included.
  public var lineRange: ClosedRange<Int>
  /// Where the heading is.
  public var location: SourceLocation

  /// Creates a section.
  public init(
    id: String, heading: String, originalHeading: String, englishHeading: String, level: Int,
    lineRange: ClosedRange<Int>, location: SourceLocation
  ) {
    self.id = id
    self.heading = heading
    self.originalHeading = originalHeading
    self.englishHeading = englishHeading
    self.level = level
    self.lineRange = lineRange
    self.location = location
  }
}
