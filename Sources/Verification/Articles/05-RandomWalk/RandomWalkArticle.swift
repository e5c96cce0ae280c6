extension Article {
  /// Article 5: the one-dimensional random walk by generating functions.
  public static let randomWalk = Article(
    number: 5, title: "The random walk", spec: "05-random-walk.md",
    checks: RandomWalkTableChecks.all + RandomWalkPropertyChecks.all
      + RandomWalkStatisticalChecks.all)
}
