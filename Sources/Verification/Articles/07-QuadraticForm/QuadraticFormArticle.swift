extension Article {
  /// Article 7: the extremum of a multivariate quadratic as a quadratic form.
  public static let quadraticForm = Article(
    number: 7, title: "The optimum of a quadratic form", spec: "07-quadratic-form-optimum.md",
    checks: QuadraticChecks.all)
}
