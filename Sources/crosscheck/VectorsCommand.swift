import ArgumentParser
import Foundation
import ReferenceNumerics
import SpecEngine
import Verification

extension Crosscheck {
  /// Exports golden vectors computed by the reference kernels.
  struct Vectors: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Export golden vectors computed by the verified reference kernels.",
      discussion: """
        Numbers are written in the shortest form that reads back as the same double, so the \
        vectors round-trip exactly. JSON writes values that are not finite as null; CSV writes \
        them as inf, -inf and nan.
        """,
      subcommands: [
        PoissonVectors.self, ExponentialVectors.self, RandomWalkVectors.self,
        RandomWalkReturnVectors.self, QuadraticVectors.self,
      ]
    )
  }

  /// Options every vector set shares.
  struct VectorOutput: ParsableArguments {
    /// The output formats of `vectors`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case json, csv
    }

    @Option(help: "Output format: json or csv.")
    var format: Format = .json

    @Option(
      name: .customLong("specs-dir"),
      help: "The folder of specs whose claims verify these kernels (for provenance).")
    var specsDirectory: String = "Specs"
  }

  /// `crosscheck vectors poisson`.
  struct PoissonVectors: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "poisson",
      abstract: "Poisson pmf, log-pmf, cdf and survival P(N > k) at the given counts.")

    @Option(parsing: .unconditional, help: "The mean (positive and finite).")
    var mean: String

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Counts: a comma-separated list (0,1,5) or a closed range (0...10).", valueName: "list"))
    var count: String

    @OptionGroup var output: VectorOutput

    func run() throws {
      let mean = try NumberList.positive(self.mean, name: "--mean")
      let counts = try NumberList.integers(count, name: "--count")
      let poisson = try Poisson<Double>(mean: mean)
      let set = VectorSet(
        name: "poisson", parameters: [("mean", mean)],
        outputs: [
          ("k", counts.map(Double.init)),
          ("pmf", counts.map { poisson.probability(of: $0) }),
          ("logpmf", counts.map { poisson.logProbability(of: $0) }),
          ("cdf", counts.map { poisson.cumulativeProbability(through: $0) }),
          ("sf", counts.map { poisson.survivalProbability(after: $0) }),
        ],
        claims: Provenance.claims(checkPrefix: "poisson.", in: output.specsDirectory))
      print(set.render(output.format), terminator: "")
    }
  }

  /// `crosscheck vectors exponential`.
  struct ExponentialVectors: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "exponential",
      abstract: "Exponential pdf, cdf and survival P(X > t) at the given times.")

    @Option(parsing: .unconditional, help: "The rate (positive and finite); the mean is 1/rate.")
    var rate: String

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Times: a comma-separated list (0,0.25,1) or a closed range with step 1 (0...4), or "
          + "with a step (0...4:0.5).", valueName: "list"))
    var time: String

    @OptionGroup var output: VectorOutput

    func run() throws {
      let rate = try NumberList.positive(self.rate, name: "--rate")
      let times = try NumberList.reals(time, name: "--time")
      let exponential = try Exponential<Double>(rate: rate)
      let set = VectorSet(
        name: "exponential", parameters: [("rate", rate)],
        outputs: [
          ("t", times),
          ("pdf", times.map { exponential.density(at: $0) }),
          ("cdf", times.map { exponential.cumulativeProbability(through: $0) }),
          ("sf", times.map { exponential.survivalProbability(after: $0) }),
        ],
        claims: Provenance.claims(checkPrefix: "exponential.", in: output.specsDirectory))
      print(set.render(output.format), terminator: "")
    }
  }
}

/// Reads the LIST arguments of `vectors`.
enum NumberList {
  /// The most values one list may produce.
  static let limit = 1_000_000

  /// Reads one positive, finite number.
  static func positive(_ text: String, name: String) throws -> Double {
    let value = try number(text, name: name)
    guard value > 0 else {
      throw CommandError(
        "\(name) must be positive and finite; got \(text.trimmingCharacters(in: .whitespaces)).")
    }
    return value
  }

  /// Reads whole numbers: `0,1,5` or `0...10`.
  static func integers(_ text: String, name: String) throws -> [Int] {
    try reals(text, name: name).map { value in
      guard value == value.rounded() else {
        throw CommandError("\(name) takes whole numbers; got \(NumberFormatting.exact(value)).")
      }
      guard value.magnitude <= 0x1p53 else {
        throw CommandError(
          "\(name) takes whole numbers up to 2^53 in magnitude; got \(NumberFormatting.exact(value))."
        )
      }
      return Int(value)
    }
  }

  /// Reads numbers: `0,0.5,2`, `0...4` (step 1) or `0...4:0.5`.
  static func reals(_ text: String, name: String) throws -> [Double] {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { throw CommandError("\(name) is empty.") }
    if let range = trimmed.range(of: "...") {
      let lowText = String(trimmed[..<range.lowerBound])
      var rest = String(trimmed[range.upperBound...])
      var step = 1.0
      if let colon = rest.firstIndex(of: ":") {
        step = try number(String(rest[rest.index(after: colon)...]), name: name)
        rest = String(rest[..<colon])
        guard step > 0 else {
          throw CommandError(
            "\(name): the step must be positive; got \(NumberFormatting.exact(step)).")
        }
      }
      let low = try number(lowText, name: name)
      let high = try number(rest, name: name)
      guard low <= high else {
        throw CommandError("\(name): the range \(trimmed) is reversed (empty).")
      }
      let n = ((high - low) / step * (1 + 1e-12)).rounded(.down) + 1
      guard n <= Double(limit) else {
        throw CommandError("\(name): the range \(trimmed) has more than \(limit) values.")
      }
      return (0..<Int(n)).map { low + Double($0) * step }
    }
    let values = try trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
      try number(String($0), name: name)
    }
    guard values.count <= limit else {
      throw CommandError("\(name) has more than \(limit) values.")
    }
    return values
  }

  static func number(_ text: String, name: String) throws -> Double {
    let t = text.trimmingCharacters(in: .whitespaces)
    // Decimal notation only: Double(_:) would also read hexadecimal (0x10) and "infinity".
    let decimal =
      !t.isEmpty && t.unicodeScalars.allSatisfy { "0123456789+-.eE".unicodeScalars.contains($0) }
    guard decimal, let value = Double(t), value.isFinite else {
      throw CommandError("\(name): '\(t)' is not a finite number.")
    }
    return value
  }
}

/// A golden-vector set and its renderings.
struct VectorSet {
  var name: String
  var parameters: [(String, Double)]
  var outputs: [(String, [Double])]
  var claims: [String]

  func render(_ format: Crosscheck.VectorOutput.Format) -> String {
    switch format {
    case .json: json
    case .csv: csv
    }
  }

  private func jsonNumber(_ x: Double) -> String {
    x.isFinite ? VectorSet.number(x) : "null"
  }

  /// Writes whole numbers below 2^53 without a fraction (`3`), others in shortest round-trip form.
  static func number(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), x.magnitude < 0x1p53 { return String(Int64(x)) }
    return NumberFormatting.exact(x)
  }

  private func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  var json: String {
    let params = parameters.map { "\(jsonString($0.0)): \(jsonNumber($0.1))" }
      .joined(separator: ", ")
    let outs = outputs.map { key, values in
      "    \(jsonString(key)): [\(values.map(jsonNumber).joined(separator: ", "))]"
    }.joined(separator: ",\n")
    let info = RunInfoProvider.current(version: CrosscheckVersion.current)
    return """
      {
        "set": \(jsonString(name)),
        "parameters": {\(params)},
        "outputs": {
      \(outs)
        },
        "provenance": {
          "crosscheck": \(jsonString(info.crosscheckVersion)),
          "commit": \(jsonString(info.commit)),
          "claims": [\(claims.map(jsonString).joined(separator: ", "))]
        }
      }

      """
  }

  var csv: String {
    var out = outputs.map(\.0).joined(separator: ",") + "\n"
    let rows = outputs.first?.1.count ?? 0
    for i in 0..<rows {
      out += outputs.map { VectorSet.number($0.1[i]) }.joined(separator: ",") + "\n"
    }
    return out
  }
}

/// The claims that verify a family of kernels, read from the specs.
enum Provenance {
  static func claims(checkPrefix: String, in directory: String) -> [String] {
    let verifier = Verifier.standard
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    var ids: [String] = []
    for name in names.sorted() where name.hasSuffix(".md") && name != "README.md" {
      guard let spec = verifier.load(file: "\(directory)/\(name)").spec else { continue }
      ids += spec.claims.filter { $0.check.hasPrefix(checkPrefix) }.map(\.id)
    }
    return ids
  }
}
