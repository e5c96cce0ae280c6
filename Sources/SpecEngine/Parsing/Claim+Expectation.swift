extension Claim {
  /// Whether the claim says `expect: refuted`: it is false, and its check must prove that.
  public var expectsRefutation: Bool { parameter("expect")?.text == "refuted" }
}
