import SpecEngine
import Testing
import Verification

@Suite("Replay tokens")
struct ReplayTokenTests {
  @Test("A token reads back as itself")
  func roundTrip() throws {
    let token = ReplayToken(claimID: "A9.1.3", seed: 0x0123_4567_89AB_CDEF, caseIndex: 417)
    #expect(token.description == "A9.1.3@0123456789abcdef#417")
    #expect(ReplayToken(parsing: token.description) == token)
  }

  @Test(
    "Malformed tokens are refused",
    arguments: ["", "A9.1.3", "A9.1.3@xyz#1", "A9.1.3@12#", "A9.1.3@12#-1", "@12#1", "A9#1@12"])
  func refusesMalformed(_ text: String) {
    #expect(ReplayToken(parsing: text) == nil)
  }

  @Test("Seeds derive from the claim ID and differ between claims and cases")
  func seedsAreStable() {
    #expect(ReplayToken.seed(forClaim: "A9.1.3") == ReplayToken.seed(forClaim: "A9.1.3"))
    #expect(ReplayToken.seed(forClaim: "A9.1.3") != ReplayToken.seed(forClaim: "A9.1.4"))
    let seed = ReplayToken.seed(forClaim: "A9.1.3")
    #expect(ReplayToken.caseSeed(seed, 0) != ReplayToken.caseSeed(seed, 1))
  }
}
