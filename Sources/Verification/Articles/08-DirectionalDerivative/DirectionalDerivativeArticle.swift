extension Article {
  /// Article 8: directional derivatives, partial derivatives and the gradient.
  public static let directionalDerivative = Article(
    number: 8, title: "Directional derivatives", spec: "08-directional-derivative.md",
    checks: GradientChecks.all)
}
