import Foundation
import SpecEngine
import Testing
import Verification

@Suite("Finding the checkout and commit of an executable")
struct SourceCheckoutTests {
  let commitA = "0123456789abcdef0123456789abcdef01234567"
  let commitB = "89abcdef0123456789abcdef0123456789abcdef"

  /// Makes a fresh folder with the given files (paths relative to it) and returns its path.
  func folder(_ files: [String: String]) throws -> String {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-checkout-\(UUID().uuidString)").path
    for (path, text) in files {
      let url = URL(fileURLWithPath: "\(root)/\(path)")
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return root
  }

  @Test("A branch in a loose ref, found from a file deep inside the checkout")
  func looseReference() throws {
    let root = try folder([
      ".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": commitA + "\n",
      ".build/debug/crosscheck": "",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let checkout = try SourceCheckout.containing("\(root)/.build/debug/crosscheck")
    #expect(checkout.root == URL(fileURLWithPath: root).resolvingSymlinksInPath().path)
    #expect(try checkout.commit() == commitA)
  }

  @Test("A branch in packed-refs, and a detached HEAD")
  func packedAndDetached() throws {
    let packed = try folder([
      ".git/HEAD": "ref: refs/heads/topic\n",
      ".git/packed-refs": "# pack-refs with: peeled\n\(commitA) refs/heads/main\n"
        + "\(commitB) refs/heads/topic\n^\(commitA)\n",
    ])
    let detached = try folder([".git/HEAD": commitB + "\n"])
    defer {
      try? FileManager.default.removeItem(atPath: packed)
      try? FileManager.default.removeItem(atPath: detached)
    }
    #expect(try SourceCheckout(root: packed).commit() == commitB)
    #expect(try SourceCheckout(root: detached).commit() == commitB)
  }

  @Test("A worktree: .git is a file naming the git folder, whose commondir holds the refs")
  func worktree() throws {
    let root = try folder([
      "main/.git/refs/heads/feature": commitB,
      "main/.git/worktrees/w/HEAD": "ref: refs/heads/feature",
      "main/.git/worktrees/w/commondir": "../..",
      "w/.git": "gitdir: ../main/.git/worktrees/w\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(try SourceCheckout(root: "\(root)/w").commit() == commitB)
  }

  @Test("No checkout, a branch without a commit, and a broken HEAD are errors, not 'unknown'")
  func failures() throws {
    let outside = try folder(["bin/crosscheck": ""])
    let unborn = try folder([".git/HEAD": "ref: refs/heads/new\n"])
    let broken = try folder([".git/HEAD": "garbage\n"])
    defer {
      for path in [outside, unborn, broken] { try? FileManager.default.removeItem(atPath: path) }
    }
    #expect(throws: SourceCheckout.Error.self) {
      try SourceCheckout.containing("\(outside)/bin/crosscheck")
    }
    #expect(throws: SourceCheckout.Error.unresolvedReference("refs/heads/new")) {
      try SourceCheckout(root: unborn).commit()
    }
    #expect(throws: SourceCheckout.Error.unreadable("\(broken)/.git/HEAD")) {
      try SourceCheckout(root: broken).commit()
    }
  }

  @Test("The test executable's checkout is this repository, whatever the current folder")
  func runningExecutable() throws {
    let checkout = try SourceCheckout.ofRunningExecutable()
    #expect(FileManager.default.fileExists(atPath: "\(checkout.root)/Specs/README.md"))
    let commit = try checkout.commit()
    #expect(commit.count == 40 && commit.allSatisfy(\.isHexDigit))
    #expect(try RunInfoProvider.commit().get() == commit)
    #expect(RunInfoProvider.current(version: "0.1.0").commit == commit)
  }
}
