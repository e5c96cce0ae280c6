extension Article {
  /// Article 9: the Poisson and exponential distributions.
  public static let poissonExponential = Article(
    number: 9, title: "The Poisson and exponential distributions",
    spec: "09-poisson-exponential.md",
    checks: PoissonTableChecks.all + ExponentialTableChecks.all + PoissonPropertyChecks.all
      + ExponentialPropertyChecks.all + ArrivalChecks.all + PoissonExponentialFigureChecks.all)
}
