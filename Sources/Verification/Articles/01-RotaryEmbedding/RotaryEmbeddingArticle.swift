extension Article {
  /// Article 1: rotary position embedding (RoPE, RoFormer).
  public static let rotaryEmbedding = Article(
    number: 1, title: "Rotary position embedding", spec: "01-rotary-position-embedding.md",
    checks: RotaryPropertyChecks.all + RotaryTableChecks.all + RotaryDecayChecks.all
      + LinearAttentionChecks.all + RotaryPrecisionChecks.all)
}
