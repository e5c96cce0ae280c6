import Foundation
import SpecEngine
import Testing
import Verification

/// A spec text that grows with `n`: the front matter, a heading, then one shape repeated.
struct GrowingSpec: Sendable, CustomStringConvertible {
  /// What grows.
  var description: String
  /// The size of the smaller input; the larger has ten times as much text.
  var base: Int
  /// By how much `n` grows for ten times the text (10, or about 3.16 where the text grows as n^2).
  var growth: Double = 10
  /// The body for size `n`.
  var body: @Sendable (Int) -> String

  static let frontMatter = """
    ---
    article: 9
    title: T
    original-title: T
    author: A
    source: https://example.org/
    status: original read
    map-claims: A9.1.1
    ---

    # T

    ## One


    """

  func text(_ n: Int) -> String { GrowingSpec.frontMatter + body(n) }

  static let all: [GrowingSpec] = [
    GrowingSpec(description: "lists nested on one line (- - - x)", base: 10000) {
      String(repeating: "- ", count: $0) + "x\n"
    },
    GrowingSpec(description: "block quotes nested on one line (> > > x)", base: 10000) {
      String(repeating: "> ", count: $0) + "x\n"
    },
    // n levels take n^2 / 2 indentation: 10x the text is sqrt(10) x the levels.
    GrowingSpec(
      description: "lists nested by indentation, one level a line", base: 250,
      growth: 10.0.squareRoot()
    ) {
      n in (0..<n).map { String(repeating: "  ", count: $0) + "- <!-- claim x\n" }.joined()
    },
    GrowingSpec(description: "a long table bound to a claim", base: 300) { n in
      """
      <!-- claim A9.1.1 table
      check: poisson.probability
      columns: count, expected
      row-id: count
      mean: 3
      -->
      | k | p |
      | --- | --- |

      """ + (0..<n).map { "| \($0) | 0.5 |\n" }.joined()
    },
    GrowingSpec(description: "a very long line of words", base: 100000) {
      String(repeating: "word ", count: $0) + "\n"
    },
    GrowingSpec(description: "a very long claim header and body line", base: 2000) { n in
      "<!-- claim A9.1.1 property " + String(repeating: "x ", count: n) + "\ncheck: c\nnote: "
        + String(repeating: "a:b ", count: n) + "\n-->\n"
    },
    GrowingSpec(description: "a very long unknown check name", base: 2000) { n in
      "<!-- claim A9.1.1 property\ncheck: " + String(repeating: "poisson.", count: n) + "\n-->\n"
    },
    GrowingSpec(description: "many comments on one line", base: 2000) {
      String(repeating: "<!-- a --> ", count: $0) + "\n"
    },
    GrowingSpec(description: "many comment openings on one line, none closed", base: 2000) {
      String(repeating: "<!-- a ", count: $0) + "\n"
    },
    GrowingSpec(description: "many claims in one section", base: 100) { n in
      (1...n).map { "<!-- claim A9.1.\($0) property\ncheck: poisson.normalization\n-->\n\n" }
        .joined()
    },
    GrowingSpec(description: "many sections, a claim in each", base: 40) { n in
      (1...n).map { "## S\($0)\n\n<!-- claim A9.\($0).1 property\ncheck: c\n-->\n\n" }.joined()
    },
  ]
}

@Suite("Loading a spec takes time linear in its length", .serialized)
struct LoadComplexityTests {
  /// Returns the shortest of three timings of `repeats` loads of `text`, in seconds.
  func loadTime(_ text: String, repeats: Int) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<3 {
      let elapsed = clock.measure {
        for _ in 0..<repeats { _ = Verifier.standard.load(text: text, as: "t.md") }
      }
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      best = min(best, seconds)
    }
    return best
  }

  /// Checks that ten times the text takes about ten times as long.
  ///
  /// One load of the large text is timed against ten loads of the small one, so both timings
  /// last about as long and a busy machine slows them alike. The large load may take up to 4
  /// times the ten small ones (40 times one small load); quadratic work would take 10 times
  /// (100 times one).
  @Test("Ten times the text takes about ten times as long", arguments: GrowingSpec.all)
  func linear(_ shape: GrowingSpec) {
    let small = shape.text(shape.base)
    let large = shape.text(Int((Double(shape.base) * shape.growth).rounded()))
    let lengthRatio = Double(large.utf8.count) / Double(small.utf8.count)
    #expect(lengthRatio > 7 && lengthRatio < 13, "the shape does not grow the text 10x")
    _ = loadTime(small, repeats: 1)  // warm up caches and lazy statics
    let ratio = loadTime(large, repeats: 1) / loadTime(small, repeats: 10)
    #expect(ratio < 4, "\(shape): 10x the text took \(10 * ratio)x the time")
  }
}
