import ArgumentParser
import Foundation
import Testing

@testable import crosscheck

/// Runs the commands the README shows, so that the README cannot drift from the tool.
///
/// Every `crosscheck ...` line in a `sh` block is run in-process and must succeed. Every
/// `crosscheck ...` line in a `text` block is a synopsis: its subcommand must exist, and every
/// `--option` it names must be one that subcommand has.
@Suite("The README's commands", .serialized)
struct ReadmeCommandTests {
  /// The repository's root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// A `crosscheck` line from a fenced block, with its 1-based line number and the block's info.
  struct Line: CustomTestStringConvertible, Sendable {
    var text: String
    var number: Int
    var info: String
    var testDescription: String { "README.md:\(number): \(text)" }
  }

  /// Returns the `crosscheck` lines of the README's fenced blocks whose info is `info`.
  static func lines(info wanted: String) -> [Line] {
    guard let readme = try? String(contentsOfFile: root + "/README.md", encoding: .utf8) else {
      return []
    }
    var out: [Line] = []
    var info: String?
    var continued: Line?
    for (index, raw) in readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("```") {
        info = info == nil ? String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces) : nil
        continue
      }
      guard let current = info, current == wanted else { continue }
      var text = line
      if text.hasPrefix("swift run ") { text.removeFirst("swift run ".count) }
      if text.hasPrefix("crosscheck ") || text == "crosscheck" {
        if let done = continued { out.append(done) }
        continued = Line(text: text, number: index + 1, info: current)
      } else if var open = continued, !text.isEmpty, raw.hasPrefix(" ") {
        // An indented line continues the synopsis above it.
        open.text += " " + text
        continued = open
      } else if let done = continued {
        out.append(done)
        continued = nil
      }
    }
    if let done = continued { out.append(done) }
    return out
  }

  /// Splits a command line as a shell would: on spaces, with '...' and "..." quoting.
  static func words(_ text: String) -> [String] {
    var words: [String] = []
    var word = ""
    var quote: Character?
    var inWord = false
    for character in text {
      if let open = quote {
        if character == open { quote = nil } else { word.append(character) }
      } else if character == "'" || character == "\"" {
        quote = character
        inWord = true
      } else if character == "#" && !inWord {
        break
      } else if character == " " {
        if inWord { words.append(word) }
        word = ""
        inWord = false
      } else {
        word.append(character)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }

  /// Finds the subcommand a line names and the words after it.
  static func command(_ words: [String]) -> (type: any ParsableCommand.Type, rest: [String])? {
    var type: any ParsableCommand.Type = Crosscheck.self
    var rest = Array(words.dropFirst())
    while let next = rest.first,
      let sub = type.configuration.subcommands.first(where: { $0._commandName == next })
    {
      type = sub
      rest.removeFirst()
    }
    return type == Crosscheck.self ? nil : (type, rest)
  }

  @Test("The README shows commands to run and a synopsis of every subcommand")
  func found() {
    #expect(Self.lines(info: "sh").count >= 3)
    let synopsis = Set(
      Self.lines(info: "text").compactMap { Self.command(Self.words($0.text)) }
        .map { $0.type._commandName })
    for sub in Crosscheck.configuration.subcommands where sub != Crosscheck.Vectors.self {
      #expect(synopsis.contains(sub._commandName), "no synopsis of \(sub._commandName)")
    }
  }

  @Test("Every command in a sh block runs and succeeds", arguments: lines(info: "sh"))
  func runs(_ line: Line) async throws {
    if FileManager.default.currentDirectoryPath != Self.root {
      // Specs/ and Reports/ are relative to the repository, as in the README.
      _ = FileManager.default.changeCurrentDirectoryPath(Self.root)
    }
    var arguments = Array(Self.words(line.text).dropFirst())
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-readme-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    // A report goes to a scratch folder, not over the reader's Reports/.
    if arguments.first == "report" && !arguments.contains("--out") {
      arguments += ["--out", scratch, "--quiet"]
    }
    do {
      var command = try Crosscheck.parseAsRoot(arguments)
      if var async = command as? any AsyncParsableCommand {
        try await async.run()
      } else {
        try command.run()
      }
    } catch {
      let code = Crosscheck.exitCode(for: error)
      #expect(code == .success, "\(line.testDescription) failed: \(Crosscheck.message(for: error))")
    }
  }

  @Test("Every synopsis names a subcommand and only options it has", arguments: lines(info: "text"))
  func synopsis(_ line: Line) throws {
    let words = Self.words(line.text)
    let found = try #require(Self.command(words), "\(line.testDescription): no such subcommand")
    let help = Crosscheck.helpMessage(for: found.type, columns: 200)
    for word in found.rest {
      let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
      guard trimmed.hasPrefix("--") else { continue }
      let option = String(trimmed.prefix { $0 != "=" })
      #expect(
        help.contains(" \(option) ") || help.contains(" \(option)\n"),
        "\(line.testDescription): \(option)")
    }
  }
}
