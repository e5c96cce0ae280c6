extension Article {
  /// Every article with a spec, in the map's order: the one list a new article joins.
  public static let all: [Article] = [
    .rotaryEmbedding,
    .positionEncodings,
    .randomWalk,
    .lora,
    .quadraticForm,
    .directionalDerivative,
    .poissonExponential,
  ]
}
