extension Article {
  /// Article 10: HiPPO, high-order polynomial projection operators.
  public static let hippo = Article(
    number: 10, title: "HiPPO: polynomial projection memories", spec: "10-hippo.md",
    checks: HiPPOPropertyChecks.all + HiPPODiscreteChecks.all + HiPPOFigureChecks.all)
}
