extension Article {
  /// Article 3: prefix tuning, prompt tuning and P-tuning.
  public static let promptTuning = Article(
    number: 3, title: "Prefix tuning, prompt tuning and P-tuning",
    spec: "03-prompt-tuning.md",
    checks: PrefixAttentionChecks.all + PrefixTuningChecks.all + PromptCountChecks.all)
}
