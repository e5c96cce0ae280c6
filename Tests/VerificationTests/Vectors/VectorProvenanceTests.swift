import Testing
import Verification

@Suite("Provenance of vector sets")
struct VectorProvenanceTests {
  @Test("Provenance without a checkout says what is missing instead of emptying silently")
  func provenanceWarnings() throws {
    let p = try VectorProvenance.find(
      checks: ["poisson.probability"], version: "0.1.0", specsDirectory: nil,
      checkout: .failure(.notInCheckout("/usr/local/bin/crosscheck")))
    #expect(p.commit == nil && p.claims.isEmpty)
    #expect(
      p.warnings == [
        "The commit is unknown: '/usr/local/bin/crosscheck' is not inside a git checkout.",
        "The claims are unknown: this executable is not inside a checkout, so pass --specs-dir.",
      ])
    #expect(throws: VectorProvenance.Error.noSpecsFolder("/nonexistent/Specs")) {
      try VectorProvenance.find(
        checks: [], version: "0.1.0", specsDirectory: "/nonexistent/Specs",
        checkout: .failure(.noExecutablePath))
    }
  }

  @Test("Provenance from the checkout lists the claims of the named checks")
  func provenanceClaims() throws {
    let p = try VectorProvenance.find(
      checks: ["walk.return"], version: "0.1.0", specsDirectory: nil)
    #expect(p.warnings.isEmpty)
    #expect(p.commit?.count == 40)
    #expect(!p.claims.isEmpty && p.claims.allSatisfy { $0.hasPrefix("A5.") })
  }

  @Test("Every check a vector set names for provenance exists")
  func checksExist() {
    let names = Set(Verifier.standard.checks.keys)
    let lists = [
      RandomWalkVectors.walkChecks, RandomWalkVectors.returnChecks, QuadraticFormVectors.checks,
      DirectionalDerivativeVectors.checks, PoissonExponentialVectors.poissonChecks,
      PoissonExponentialVectors.exponentialChecks,
    ]
    for list in lists {
      #expect(!list.isEmpty)
      for check in list { #expect(names.contains(check), "no check named \(check)") }
    }
  }
}
