extension Article {
  /// Article 4: bottleneck adapters, AdapterFusion and AdapterDrop.
  public static let adapters = Article(
    number: 4, title: "Adapters", spec: "04-adapters.md",
    checks: AdapterChecks.all + AdapterTableChecks.all)
}
