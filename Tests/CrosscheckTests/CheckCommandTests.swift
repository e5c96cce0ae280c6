import ArgumentParser
import Foundation
import Testing
import Verification

@testable import crosscheck

/// `crosscheck check` refuses what it cannot do, with a message, instead of exiting 0.
@Suite("The check command's refusals")
struct CheckCommandTests {
  /// The repository root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static func temporaryFolder(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "crosscheck-\(name)-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test("An empty specs folder is an error, not a silent success")
  func emptySpecsFolder() throws {
    let empty = try Self.temporaryFolder("empty")
    defer { try? FileManager.default.removeItem(atPath: empty) }
    let command = try Crosscheck.Check.parse(["--specs-dir", empty])
    #expect {
      try command.run()
    } throws: { error in
      "\(error)".contains("No specs found")
    }
  }

  @Test("--claim beside --replay is refused")
  func claimWithReplay() {
    #expect(throws: (any Error).self) {
      try Crosscheck.Check.parse(["--claim", "A5.1", "--replay", "A5.1.1@0000000000000001#0"])
    }
  }

  @Test("Replaying a narrative claim is an error")
  func replayNarrative() throws {
    let spec = Self.root + "/Specs/05-random-walk.md"
    let command = try Crosscheck.Check.parse([spec, "--replay", "A5.1.2@0000000000000001#0"])
    #expect {
      try command.run()
    } throws: { error in
      "\(error)".contains("narrative")
    }
  }

  @Test("Two specs that bind the same claim IDs give an error naming both")
  func duplicateIDs() throws {
    let folder = try Self.temporaryFolder("duplicates")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let source = Self.root + "/Tests/SpecEngineTests/Fixtures/good.md"
    let first = folder + "/09-a.md"
    let second = folder + "/09-b.md"
    try FileManager.default.copyItem(atPath: source, toPath: first)
    try FileManager.default.copyItem(atPath: source, toPath: second)
    let messages = Crosscheck.Check.duplicateClaimIDs(
      in: [first, second], verifier: Verifier.standard)
    #expect(!messages.isEmpty)
    #expect(messages.allSatisfy { $0.contains(first) && $0.contains(second) })
    #expect(Crosscheck.Check.duplicateClaimIDs(in: [first], verifier: .standard).isEmpty)
  }
}
