extension Article {
  /// Article 2: the survey of Transformer position encodings.
  public static let positionEncodings = Article(
    number: 2, title: "Transformer position encodings", spec: "02-position-encodings.md",
    checks: SinusoidalChecks.all + RelativePositionChecks.all + AttentionChecks.all)
}
