import ReferenceNumerics

/// A token that replays one case of a property or statistical claim: `A9.1.3@5f1c2a9e0b7d3c41#417`.
///
/// The claim ID, the claim's seed in hexadecimal and the 0-based case index. Case `i` draws its
/// inputs from a generator seeded with `ReplayToken.caseSeed(seed, i)`, so one case replays without
/// drawing the cases before it.
public struct ReplayToken: Sendable, Hashable, CustomStringConvertible {
  /// The claim's ID.
  public var claimID: String
  /// The claim's seed.
  public var seed: UInt64
  /// The case to replay.
  public var caseIndex: Int

  /// Creates a token.
  public init(claimID: String, seed: UInt64, caseIndex: Int) {
    self.claimID = claimID
    self.seed = seed
    self.caseIndex = caseIndex
  }

  /// Reads a token in the form it is printed in; returns nil when the text is not one.
  ///
  /// The form is `ID@SEED#CASE`: a non-empty claim ID, the seed as exactly 16 lowercase
  /// hexadecimal digits, and the case index in decimal without a sign or leading zeros. Only
  /// that form is read, so a token that reads prints back as the same text.
  public init?(parsing text: String) {
    guard let at = text.lastIndex(of: "@"), let hash = text.lastIndex(of: "#"), at < hash else {
      return nil
    }
    let id = String(text[..<at])
    let seedText = text[text.index(after: at)..<hash].utf8
    let caseText = text[text.index(after: hash)...].utf8
    let isHexDigit = { (c: UInt8) in (48...57).contains(c) || (97...102).contains(c) }
    let isDigit = { (c: UInt8) in (48...57).contains(c) }
    guard !id.isEmpty, seedText.count == 16, seedText.allSatisfy(isHexDigit),
      let first = caseText.first, caseText.allSatisfy(isDigit),
      first != UInt8(ascii: "0") || caseText.count == 1,
      let seed = UInt64(Substring(seedText), radix: 16), let index = Int(Substring(caseText))
    else { return nil }
    self.init(claimID: id, seed: seed, caseIndex: index)
  }

  public var description: String {
    let hex = String(seed, radix: 16)
    let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    return "\(claimID)@\(padded)#\(caseIndex)"
  }

  /// The seed a claim's cases derive from: a hash of its ID, so every run draws the same inputs.
  public static func seed(forClaim id: String) -> UInt64 { SeededGenerator.seed(from: id) }

  /// The seed of case `index` of a claim with seed `seed`.
  public static func caseSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
    // One SplitMix64 output step over seed + (index + 1) * golden gamma.
    var z = seed &+ UInt64(truncatingIfNeeded: index &+ 1) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
