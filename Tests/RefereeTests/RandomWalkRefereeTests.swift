import Referee
import Testing

@Suite("Referee random-walk values equal mpmath, correctly rounded")
struct RefereeRandomWalkTests {
  // mpmath at 45 digits, summing the smaller tail outward: (n, p, k, P(S <= k), P(S > k)).
  static let tails: [(Int, Double, Int, Double, Double)] = [
    (37, 0.9, 22, 0.027441359964751521165, 0.97255864003524847884),
    (12345, 0.3, -5142, 0.022358151500569108979, 0.97764184849943089102),
    (12345, 0.3, -7993, 9.8048109253958834012e-219, 1.0),
    (10_000_000, 0.5, -6325, 0.022742538103474798349, 0.97725746189652520165),
  ]

  @Test("Walk cdf and survival")
  func tailsMatch() throws {
    for (n, p, k, lower, upper) in Self.tails {
      #expect(try Referee.randomWalkCumulative(k, steps: n, upProbability: p) == lower)
      #expect(try Referee.randomWalkSurvival(k, steps: n, upProbability: p) == upper)
    }
  }

  @Test("Return and first-return probabilities")
  func returns() throws {
    // mpmath at 45 digits: C(2m, m) / 4^m and that over (2m - 1).
    #expect(try Referee.randomWalkReturnProbability(steps: 20000) == 0.00564182531222042006)
    #expect(try Referee.randomWalkFirstReturnProbability(steps: 20000) == 2.8210537087956498125e-7)
    #expect(try Referee.randomWalkFirstReturnProbability(steps: 6) == 0.0625)
    #expect(try Referee.randomWalkFirstReturnProbability(steps: 7) == 0)
    #expect(try Referee.randomWalkProbability(1, steps: 4) == 0)
  }

  @Test("Refuses bad arguments and sums beyond the term limit")
  func refuses() {
    #expect(throws: Referee.Error.self) { try Referee.randomWalkProbability(0, steps: -2) }
    #expect(throws: Referee.Error.self) {
      try Referee.randomWalkCumulative(0, steps: 4, upProbability: 1.5)
    }
    #expect(throws: Referee.Error.self) {
      try Referee.randomWalkCumulative(0, steps: 1_000_000_000_000)
    }
  }
}
