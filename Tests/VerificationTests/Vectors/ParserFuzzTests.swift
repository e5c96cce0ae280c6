import Foundation
import Testing
import Verification

/// SplitMix64, for reproducible random texts.
private struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func text(from alphabet: [Character], maxLength: Int) -> String {
    let length = Int(next() % UInt64(maxLength + 1))
    return String((0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
  }
}

@Suite("The vector parsers on random texts")
struct ParserFuzzTests {
  static let numberAlphabet = Array("0123456789012345.-+eE,: ...9")
  static let jsonAlphabet = Array("[[]],,0123456789.-e +t")

  @Test("Numbers, lists and ranges never trap, and what they accept holds", arguments: 0..<4)
  func numberTexts(seed: UInt64) {
    var random = SplitMix64(state: seed)
    var accepted = 0
    for _ in 0..<5000 {
      let text = random.text(from: Self.numberAlphabet, maxLength: 24)
      if let x = try? NumberSyntax.number(text) {
        accepted += 1
        #expect(Double(VectorSet.number(x)) == x, "\(text)")
        #expect(Double(text.trimmingCharacters(in: [" "])) == x, "\(text)")
      }
      if let values = try? NumberSyntax.numbers(text), text.contains("...") {
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 }, "\(text)")
        #expect(values.count <= NumberSyntax.limit)
      }
      if let values = try? NumberSyntax.wholeNumbers(text) {
        #expect(values.allSatisfy { $0.magnitude <= 1 << 53 }, "\(text)")
        if !text.contains("...") {
          let items = text.split(separator: ",").map { $0.trimmingCharacters(in: [" "]) }
          #expect(zip(items, values).allSatisfy { Double($0) == Double($1) }, "\(text)")
        }
      }
    }
    #expect(accepted > 0, "the alphabet never forms a number; the test would not test")
  }

  @Test(
    "JSON arrays never trap, read back what was written, and stay rectangular", arguments: 0..<4)
  func jsonTexts(seed: UInt64) {
    var random = SplitMix64(state: seed)
    var accepted = 0
    for _ in 0..<5000 {
      // A valid vector or matrix, then (half the time) a few random edits of its characters.
      let rows = Int(random.next() % 3)
      let width = Int(random.next() % 3) + 1
      let numbers = (0..<max(rows, 1) * width).map { _ in
        Double(Int64(bitPattern: random.next()) >> 40) / 64
      }
      let written: String
      if rows == 0 {
        written = "[" + numbers.map(VectorSet.number).joined(separator: ",") + "]"
      } else {
        written =
          "["
          + (0..<rows).map { r in
            "["
              + numbers[(r * width)..<((r + 1) * width)].map(VectorSet.number)
              .joined(separator: ", ") + "]"
          }.joined(separator: ",") + "]"
      }
      var text = Array(written)
      let edits = random.next() % 2 == 0 ? 0 : Int(random.next() % 3) + 1
      for _ in 0..<edits {
        let at = Int(random.next() % UInt64(text.count))
        let c = Self.jsonAlphabet[Int(random.next() % UInt64(Self.jsonAlphabet.count))]
        switch random.next() % 3 {
        case 0: text[at] = c
        case 1: text.insert(c, at: at)
        default: text.remove(at: at)
        }
        if text.isEmpty { text = ["["] }
      }
      switch try? JSONNumbers.value(String(text)) {
      case .vector(let v)?:
        accepted += 1
        #expect(!v.isEmpty && v.allSatisfy(\.isFinite))
        if edits == 0 { #expect(rows == 0 && v == numbers, "\(written)") }
      case .matrix(let m)?:
        accepted += 1
        #expect(!m.isEmpty && Set(m.map(\.count)).count == 1 && m[0].count > 0)
        if edits == 0 { #expect(m.flatMap(\.self) == numbers, "\(written)") }
      case nil:
        #expect(edits > 0, "a written array was refused: \(written)")
      }
    }
    #expect(accepted > 0, "nothing was accepted; the test would not test")
  }
}
