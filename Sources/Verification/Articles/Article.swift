/// One source article: its number, its title and the checks its spec's claims name.
///
/// An article lives in one folder under `Sources/Verification/Articles/`, which holds its checks
/// and the value that lists them. ``Article/all`` is the only list an article adds itself to.
public struct Article: Sendable {
  /// The article's number in the map, as the spec's front matter gives it (`article: 9`).
  public var number: Int
  /// The title used in `crosscheck vectors --help` and `crosscheck list --checks`.
  public var title: String
  /// The spec file under `Specs/`, such as `09-poisson-exponential.md`.
  public var spec: String
  /// The checks this article's claims run.
  public var checks: [Check]

  /// Creates an article.
  public init(number: Int, title: String, spec: String, checks: [Check]) {
    self.number = number
    self.title = title
    self.spec = spec
    self.checks = checks
  }
}
