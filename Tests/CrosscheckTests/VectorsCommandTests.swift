import ArgumentParser
import Foundation
import SpecEngine
import Testing
import Verification

@testable import crosscheck

@Suite("Vectors: one envelope for every subcommand")
struct VectorsCommandTests {
  @Test("Every article has its vectors group, and every group's commands belong to its article")
  func everyArticleHasItsGroup() throws {
    let groups = Crosscheck.Vectors.byArticle
    #expect(groups.map { $0.first?.article.number } == Article.all.map(\.number))
    for commands in groups {
      let numbers = Set(commands.map { $0.article.number })
      #expect(numbers.count == 1, "a group mixes articles \(numbers.sorted())")
    }
    let help = Crosscheck.helpMessage(for: Crosscheck.Vectors.self, columns: 200)
    for article in Article.all {
      #expect(help.contains("\(article.title) (article \(article.number))".uppercased()))
    }
    let names = groups.flatMap { $0 }.map { $0.configuration.commandName ?? "" }
    #expect(Set(names).count == names.count, "two vectors subcommands share a name")
  }

  /// A complete command line for every subcommand, with the outputs it must print.
  static let everySubcommand: [([String], [String])] = [
    (["rope", "--dim", "4", "--vector", "[1,2,3,4]", "--positions", "0,1"], ["theta", "rotated"]),
    (["rope-frequencies", "--dim", "8"], ["theta", "attention_factor"]),
    (["rope-decay", "--dim", "8", "--distances", "0,1"], ["distance", "indicator"]),
    (["sinusoidal", "--dim", "4", "--positions", "0,1"], ["encoding"]),
    (["t5-bucket", "--relative-positions=-8,0,8"], ["relative_position", "bucket"]),
    (["poisson", "--mean", "3", "--count", "0...2"], ["k", "pmf", "logpmf", "cdf", "sf"]),
    (["exponential", "--rate", "3", "--time", "0,0.5"], ["t", "pdf", "cdf", "sf"]),
    (
      ["random-walk", "--steps", "4", "--position", "-4...4"], ["k", "pmf", "logpmf", "cdf", "sf"]
    ),
    (["random-walk-return", "--steps", "0...6"], ["n", "return", "first_return"]),
    (
      [
        "lora", "--weight", "[[1,2],[3,4]]", "--down", "[[1,0]]", "--up", "[[1],[2]]", "--alpha",
        "8", "--input", "[1,1]",
      ],
      ["scaling", "merged", "output"]
    ),
    (
      ["lora-factorize", "--delta", "[[3,1],[1,2],[0,1]]", "--rank", "1"],
      ["singular_values", "reconstruction", "error"]
    ),
    (["nf4", "--values", "[0.5,-1,0]"], ["levels", "codes", "absmax", "dequantized"]),
    (
      [
        "quadratic", "--matrix", "[[2,1],[1,3]]", "--linear", "[-1,-2]", "--constant", "0.5",
        "--point", "[1,1]", "--direction", "[3,4]",
      ],
      [
        "classification", "stationary_point", "stationary_value", "eigenvalues", "hessian",
        "value", "gradient", "directional_derivative",
      ]
    ),
    (
      ["directional-derivative", "--point", "[1,2]", "--direction", "[[3,4],[1,0]]"],
      ["value", "gradient", "unit_direction", "directional_derivative", "derivative_along_given"]
    ),
  ]

  @Test(
    "Every subcommand prints the same envelope, with complete provenance",
    arguments: everySubcommand)
  func envelope(_ arguments: [String], _ outputs: [String]) throws {
    let text = try vectorsOutput(["vectors"] + arguments)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(json.keys.sorted() == ["outputs", "parameters", "provenance", "set", "tolerances"])
    #expect(json["set"] as? String == arguments[0])
    #expect((json["outputs"] as? [String: Any])?.keys.sorted() == outputs.sorted())
    // Tolerances, where a set fills them, are keyed by its outputs.
    let tolerances = (json["tolerances"] as? [String: Any])?.keys.map { $0 } ?? []
    #expect(Set(tolerances).isSubset(of: outputs))
    let provenance = try #require(json["provenance"] as? [String: Any])
    #expect(provenance["crosscheck"] as? String == CrosscheckVersion.current)
    let commit = try #require(provenance["commit"] as? String)
    #expect(commit.count == 40 && commit.allSatisfy(\.isHexDigit))
    #expect((provenance["claims"] as? [String])?.isEmpty == false)
    #expect((provenance["warnings"] as? [String])?.isEmpty == true)
    // The outputs appear in the documented order.
    let positions = outputs.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
    #expect(positions == positions.sorted() && positions.count == outputs.count)
  }

  @Test("Every subcommand writes CSV too", arguments: everySubcommand)
  func csv(_ arguments: [String], _ outputs: [String]) throws {
    let text = try vectorsOutput(["vectors"] + arguments + ["--format", "csv"])
    let header = text.prefix { $0 != "\n" }
    let columns = header.split(separator: ",").filter { !$0.hasSuffix("_tolerance") }
    #expect(
      columns.joined(separator: ",") == outputs.joined(separator: ",")
        || header.hasPrefix("output,row,column,value"))
    #expect(!text.contains("nan") && !text.contains("null"))
  }

  @Test("quadratic keeps its numbers inside the envelope")
  func quadratic() throws {
    let text = try vectorsOutput([
      "vectors", "quadratic", "--matrix", "[[2,1],[1,3]]", "--linear", "[-1,-2]", "--constant",
      "0.5", "--point", "[1,1]", "--direction", "[3,4]",
    ])
    #expect(
      text.hasPrefix(
        """
        {
          "set": "quadratic",
          "parameters": {"matrix": [[2, 1], [1, 3]], "linear": [-1, -2], "constant": 0.5, \
        "convention": "half", "point": [1, 1], "direction": [3, 4]},
          "outputs": {
            "classification": "minimum",
            "stationary_point": [0.2, 0.6],
            "stationary_value": -0.19999999999999996,
            "eigenvalues": [1.381966011250105, 3.618033988749895],
            "hessian": [[2, 1], [1, 3]],
            "value": 1,
            "gradient": [2, 2],
            "directional_derivative": 2.8
          },
          "tolerances": {},
        """))
    let none = try vectorsOutput([
      "vectors", "quadratic", "--matrix", "[[1,0],[0,0]]", "--linear", "[0,1]", "--constant", "0",
    ])
    #expect(none.contains("\"classification\": \"no-stationary-point\",\n"))
    #expect(none.contains("\"stationary_point\": null,\n    \"stationary_value\": null,\n"))
  }

  @Test("directional-derivative gives the worked example of spec 08 and its pitfall")
  func directionalDerivative() throws {
    let text = try vectorsOutput([
      "vectors", "directional-derivative", "--point", "[1,2]", "--direction", "[[3,4],[1,0]]",
    ])
    #expect(
      text.contains(
        """
          "outputs": {
            "value": 5,
            "gradient": [2, 4],
            "unit_direction": [[0.6, 0.8], [1, 0]],
            "directional_derivative": [4.4, 2],
            "derivative_along_given": [22, 2]
          },
        """))
    let one = try vectorsOutput([
      "vectors", "directional-derivative", "--function", "wave", "--point", "[0,0]",
      "--direction", "[0,2]",
    ])
    #expect(one.contains("\"directional_derivative\": [0]"))
    #expect(one.contains("\"gradient\": [1, 0]"))
  }

  @Test("Existing subcommands keep their numbers")
  func sameNumbers() throws {
    #expect(
      try vectorsOutput([
        "vectors", "poisson", "--mean", "3", "--count", "0...2", "--format", "csv",
      ])
        == """
        k,pmf,logpmf,cdf,sf
        0,0.049787068367863944,-3,0.049787068367863944,0.950212931632136
        1,0.14936120510359185,-1.9013877113318902,0.19914827347145575,0.8008517265285442
        2,0.22404180765538773,-1.4959226032237258,0.42319008112684364,0.5768099188731564

        """)
    #expect(
      try vectorsOutput([
        "vectors", "exponential", "--rate", "3", "--time", "0...0.5:0.25", "--format", "csv",
      ])
        == """
        t,pdf,cdf,sf
        0,3,0,1
        0.25,1.417099658223044,0.5276334472589853,0.4723665527410147
        0.5,0.6693904804452895,0.7768698398515702,0.22313016014842982

        """)
  }

  /// Splits a shell command line with single quotes and backslash-newline continuations.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for c in line.replacing("\\\n", with: " ") {
      if c == "'" {
        quoted.toggle()
        started = true
      } else if c == " " && !quoted {
        if started { words.append(current) }
        current = ""
        started = false
      } else {
        current.append(c)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }

  @Test("Every subcommand's help gives its outputs, its limits and an example that runs")
  func examplesRun() throws {
    for command in Crosscheck.Vectors.byArticle.flatMap({ $0 }) {
      let discussion = command.configuration.discussion
      #expect(discussion.hasPrefix("Outputs") || discussion.contains("\n\nOutputs"))
      #expect(discussion.contains("\n\nLimits: "))
      let example = try #require(discussion.range(of: "Example:\n"))
      let line = String(discussion[example.upperBound...])
      let words = Self.words(line.trimmingCharacters(in: .whitespacesAndNewlines))
      #expect(words.first == "crosscheck" && words.dropFirst().first == "vectors")
      #expect(words.dropFirst(2).first == command.configuration.commandName)
      let text = try vectorsOutput(Array(words.dropFirst()))
      #expect(!text.isEmpty)
    }
  }

  @Test("list --format json and list --checks --format json print JSON")
  func listJSON() throws {
    let specsDirectory = try SourceCheckout.ofRunningExecutable().root + "/Specs"
    let specs = try Crosscheck.parseAsRoot([
      "list", "--format", "json", "--specs-dir", specsDirectory,
    ])
    let specsText = try #require((specs as? Crosscheck.List)?.render().text)
    let decodedSpecs =
      try JSONSerialization.jsonObject(with: Data(specsText.utf8)) as? [String: Any]
    #expect((decodedSpecs?["specs"] as? [Any])?.count == Article.all.count)
    let checks = try Crosscheck.parseAsRoot(["list", "--checks", "--format", "json"])
    let checksText = try #require((checks as? Crosscheck.List)?.render().text)
    let decoded = try JSONSerialization.jsonObject(with: Data(checksText.utf8)) as? [String: Any]
    let entries = try #require(decoded?["checks"] as? [[String: Any]])
    #expect(entries.count == Verifier.standard.checks.count)
    let parameter = try #require((entries.first?["parameters"] as? [[String: Any]])?.first)
    #expect(
      parameter.keys.sorted() == [
        "accepts", "choices", "default", "help", "limits", "name", "required", "source",
      ])
  }

  @Test("list --checks prints a parameter's choices, limits and default when the schema has them")
  func checkDetails() {
    let p = CheckCatalog.Parameter(
      ParameterSchema(
        "signs", accepts: [.text], isRequired: false, help: "the signs",
        choices: ["positive", "negative"], limits: 0...Double.infinity, defaultValue: "positive"))
    #expect(p.details == "choices: positive, negative; limits: 0 ... inf; default: positive")
    #expect(
      CheckCatalog.Parameter(ParameterSchema("x", accepts: [.number], help: "x")).details == nil)
  }

  @Test("The built executable, run from another folder, finds its commit and claims")
  func fromAnotherFolder() throws {
    let checkout = try SourceCheckout.ofRunningExecutable()
    let executable = URL(fileURLWithPath: try SourceCheckout.executablePath())
      .deletingLastPathComponent()
    // The test bundle sits beside the crosscheck executable in the build folder.
    var folder = executable
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("crosscheck").path)
      && folder.path.hasPrefix(checkout.root) && folder.path != checkout.root
    {
      folder.deleteLastPathComponent()
    }
    let binary = folder.appendingPathComponent("crosscheck")
    try #require(
      FileManager.default.isExecutableFile(atPath: binary.path),
      "no crosscheck executable near \(executable.path); build it with swift build")
    let process = Process()
    process.executableURL = binary
    process.arguments = ["vectors", "poisson", "--mean", "3", "--count", "1"]
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let warnings = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(warnings.isEmpty, "\(String(decoding: warnings, as: UTF8.self))")
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let provenance = try #require(json?["provenance"] as? [String: Any])
    #expect(provenance["commit"] as? String == (try checkout.commit()))
    #expect((provenance["claims"] as? [String])?.contains("A9.1.7") == true)
  }
}
