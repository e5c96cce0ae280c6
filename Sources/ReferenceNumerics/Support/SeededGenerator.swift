// SPDX-License-Identifier: GPL-3.0-or-later

/// A seeded, reproducible random number generator (SplitMix64) for tests and sampling.
///
/// SplitMix64 advances a 64-bit state by the golden-ratio increment and scrambles it with two
/// multiply-xorshift rounds:
///
///     state  = state + 0x9E37_79B9_7F4A_7C15
///     z      = (state ^ (state >> 30)) * 0xBF58_476D_1CE4_E5B9
///     z      = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB
///     output = z ^ (z >> 31)
///
/// The same seed always gives the same sequence, on every platform. It is not a cryptographic
/// generator. See Steele, Lea and Flood (2014), "Fast splittable pseudorandom number
/// generators", https://doi.org/10.1145/2714064.2660195
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
  /// The internal state, advanced by one increment per output.
  public private(set) var state: UInt64

  /// Creates a generator whose sequence is fixed by `seed`.
  ///
  /// - Parameter seed: Any 64-bit value; zero is allowed.
  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// Returns a uniform `Double` in the open interval (0, 1) with 53 random bits.
  ///
  /// The value is `(n + 0.5) / 2^53` for a uniform integer `n` in `0 ..< 2^53`, so neither 0 nor
  /// 1 can occur and `log` of the result is always finite.
  public mutating func nextOpenUnitInterval() -> Double {
    Self.openUnitInterval(from: next())
  }

  /// Derives a 64-bit seed from text, such as a claim ID.
  ///
  /// The seed is the 64-bit FNV-1a hash of the UTF-8 bytes of `text`, followed by one SplitMix64
  /// step to spread the bits:
  ///
  ///     h = 0xCBF2_9CE4_8422_2325
  ///     for each byte b: h = (h ^ b) * 0x0000_0100_0000_01B3   (mod 2^64)
  ///     seed = mix(h + 0x9E37_79B9_7F4A_7C15)
  ///
  /// - Parameter text: The text to hash; the empty string is allowed.
  /// - Returns: A seed that depends on every byte of `text`.
  public static func seed(from text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return mix(hash &+ 0x9E37_79B9_7F4A_7C15)
  }

  /// Scrambles a 64-bit value with the SplitMix64 output function.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Maps 64 random bits to a `Double` in (0, 1) using the top 53 bits.
  static func openUnitInterval(from bits: UInt64) -> Double {
    (Double(bits >> 11) + 0.5) * 0x1p-53
  }
}

extension RandomNumberGenerator {
  /// Returns a uniform `Double` in the open interval (0, 1) with 53 random bits.
  mutating func nextOpenUnitDouble() -> Double {
    SeededGenerator.openUnitInterval(from: next())
  }
}
