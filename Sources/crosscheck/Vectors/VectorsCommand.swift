import ArgumentParser
import Foundation
import SpecEngine
import Verification

extension Crosscheck {
  /// Exports golden vectors computed by the reference kernels, grouped by article.
  struct Vectors: ParsableCommand {
    /// Each article's vectors subcommands, in the map's order: the one list an article joins.
    static let byArticle: [[any VectorCommand.Type]] = [
      rotaryEmbedding,
      positionEncodings,
      randomWalk,
      lora,
      quadraticForm,
      directionalDerivative,
      poissonExponential,
    ]

    /// The subcommands under each article's title, for `crosscheck vectors --help`.
    static var groups: [CommandGroup] {
      byArticle.compactMap { commands in
        commands.first.map { first in
          CommandGroup(
            name: "\(first.article.title) (article \(first.article.number))",
            subcommands: commands)
        }
      }
    }

    static let configuration = CommandConfiguration(
      abstract: "Export golden vectors computed by the verified reference kernels.",
      discussion: """
        Every subcommand prints one envelope. In JSON: "set" (the subcommand), "parameters" \
        (the inputs as read), "outputs" (the kernels' values: numbers, lists, matrices, words, \
        or null where a quantity does not exist), "tolerances" (the bound within which a sound \
        double-precision implementation agrees with each output, with the same keys and shapes \
        as "outputs"; an output without an entry has no bound defined yet) and "provenance" \
        (the crosscheck version, the commit, the checks and the claims that verify the \
        kernels, and "warnings" naming anything that could not be found, also printed on \
        standard error).

        Numbers are written in the shortest form that reads back as the same double, whole \
        numbers without a fraction. A value that overflows is an error, never a null; the one \
        infinity written is an exact log 0 (null in JSON, -inf in CSV).

        CSV holds the outputs only. When every output is a list of one length, it has one \
        column per output and one row per index; otherwise (numbers, matrices, words) it is \
        long: output,row,column,value, one line per number, with 0-based row and column left \
        empty where they do not apply.

        The commit and the default specs folder are those of the checkout that built this \
        executable, found from its own path, so the vectors are the same from any folder.
        """,
      groupedSubcommands: groups
    )
  }
}

/// A `crosscheck vectors` subcommand: it computes one vector set; the envelope is shared.
///
/// Conforming types parse their options into typed values (transforms and `validate()`), and
/// `vectors()` only computes. ``run()`` adds the provenance and writes JSON or CSV.
protocol VectorCommand: ParsableCommand {
  /// The article whose kernels the vectors come from; its title heads the help group.
  static var article: Article { get }
  /// The shared format and specs-folder options.
  var output: VectorOutput { get }
  /// Computes the vector set from the parsed options.
  func vectors() throws -> VectorSet
}

extension VectorCommand {
  func run() throws {
    let (text, warnings) = try render()
    for warning in warnings { printError("warning: \(warning)") }
    print(text, terminator: "")
  }

  /// Returns the output text and the provenance warnings.
  func render() throws -> (text: String, warnings: [String]) {
    let set = try vectors()
    let provenance = try VectorProvenance.find(
      checks: set.checks, version: CrosscheckVersion.current,
      specsDirectory: output.specsDirectory)
    switch output.format {
    case .json: return (set.json(provenance: provenance), provenance.warnings)
    case .csv: return (set.csv, provenance.warnings)
    }
  }
}

/// The options every vector set shares.
struct VectorOutput: ParsableArguments {
  /// The output formats of `vectors`.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json, csv
  }

  @Option(help: "Output format: json or csv.")
  var format: Format = .json

  @Option(
    name: .customLong("specs-dir"),
    help: ArgumentHelp(
      "The folder of specs whose claims verify these kernels (for provenance); default: the "
        + "Specs folder of the checkout that built crosscheck.", valueName: "dir"))
  var specsDirectory: String?
}

/// The transforms that turn option text into typed values, through ``NumberSyntax`` and
/// ``JSONNumbers``; their errors name the offending text.
enum Parse {
  static func positive(_ text: String) throws -> Double {
    try NumberSyntax.number(text, within: .positive)
  }

  static func number(_ text: String) throws -> Double { try NumberSyntax.number(text) }

  static func probability(_ text: String) throws -> Double {
    try NumberSyntax.number(text, within: .unit)
  }

  static func numbers(_ text: String) throws -> [Double] { try NumberSyntax.numbers(text) }

  static func wholeNumbers(_ text: String) throws -> [Int] { try NumberSyntax.wholeNumbers(text) }

  static func positiveWholeNumber(_ text: String) throws -> Int {
    try NumberSyntax.wholeNumber(text, within: .positive)
  }

  static func nonNegativeWholeNumber(_ text: String) throws -> Int {
    try NumberSyntax.wholeNumber(text, within: .nonNegative)
  }

  static func nonNegativeWholeNumbers(_ text: String) throws -> [Int] {
    try NumberSyntax.wholeNumbers(text, within: .nonNegative)
  }

  static func vector(_ text: String) throws -> [Double] { try JSONNumbers.vector(text) }

  static func matrix(_ text: String) throws -> [[Double]] { try JSONNumbers.matrix(text) }

  /// Reads one vector as a matrix of one row, or a matrix of rows.
  static func rows(_ text: String) throws -> [[Double]] {
    switch try JSONNumbers.value(text) {
    case .vector(let v): [v]
    case .matrix(let m): m
    }
  }
}
