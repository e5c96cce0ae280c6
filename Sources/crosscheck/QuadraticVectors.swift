import ArgumentParser
import Foundation
import ReferenceNumerics
import SpecEngine

extension Crosscheck {
  /// `crosscheck vectors quadratic`.
  struct QuadraticVectors: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "quadratic",
      abstract: "Classification, stationary point and value of a quadratic form; optionally "
        + "f, its gradient and a directional derivative at a point.",
      discussion: """
        A must be exactly symmetric: a non-symmetric A is refused, not symmetrised. An \
        eigenvalue counts as zero when |lambda| <= 16 n eps max|lambda|, and b is in the range \
        of A when its null-space component is at most 16 n eps |b|.
        """)

    @Option(parsing: .unconditional, help: "A as JSON, e.g. [[2,1],[1,3]].")
    var matrix: String

    @Option(parsing: .unconditional, help: "b as JSON, e.g. [-1,-2].")
    var linear: String

    @Option(parsing: .unconditional, help: "The constant c.")
    var constant: String

    @Option(help: "half (f = x^T A x / 2 + b^T x + c) or plain (f = x^T A x + b^T x + c).")
    var convention: String = "half"

    @Option(parsing: .unconditional, help: "A point as JSON, for value and gradient.")
    var point: String?

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "A direction as JSON, for the directional derivative; it is normalised to length 1 "
          + "first, so [3,4] and [0.6,0.8] give the same derivative."))
    var direction: String?

    @Option(help: "Output format: json.")
    var format: String = "json"

    /// Reads a JSON array of numbers, or of such arrays, strictly (see ``NumberArray``).
    static func json(_ text: String, name: String) throws -> NumberArray {
      do {
        return try NumberArray(parsing: text)
      } catch {
        throw CommandError("\(name): \(error)")
      }
    }

    static func numbers(_ value: NumberArray, name: String) throws -> [Double] {
      guard case .array(let items) = value, !items.isEmpty else {
        throw CommandError("\(name) must be a non-empty JSON array of numbers.")
      }
      return try items.map { item in
        guard case .number(let x) = item else {
          throw CommandError("\(name) must be a non-empty JSON array of numbers.")
        }
        return x
      }
    }

    /// Renders finite values; a result that overflowed is an error, never a silent null.
    static func render(_ x: Double, _ what: String) throws -> String {
      guard x.isFinite else { throw CommandError("The \(what) overflowed double precision.") }
      return VectorSet.number(x)
    }

    static func render(_ v: [Double], _ what: String) throws -> String {
      "[" + (try v.map { try render($0, what) }).joined(separator: ", ") + "]"
    }

    func run() throws {
      guard format == "json" else { throw CommandError("--format must be json; got \(format).") }
      guard let convention = QuadraticForm<Double>.Convention(rawValue: convention) else {
        throw CommandError("--convention must be half or plain; got \(convention).")
      }
      guard case .array(let rows) = try Self.json(matrix, name: "--matrix"), !rows.isEmpty else {
        throw CommandError("--matrix must be a JSON array of rows.")
      }
      let a = try rows.map { try Self.numbers($0, name: "--matrix rows") }
      let b = try Self.numbers(try Self.json(linear, name: "--linear"), name: "--linear")
      let c = try NumberList.number(constant, name: "--constant")
      let form: QuadraticForm<Double>
      do {
        form = try QuadraticForm(matrix: Matrix(a), linear: b, constant: c, convention: convention)
      } catch {
        throw CommandError("\(error)")
      }
      var fields: [(String, String)] = [
        ("classification", "\"\(form.classification.rawValue)\""),
        (
          "stationary_point",
          try form.stationaryPoint.map { try Self.render($0, "stationary point") } ?? "null"
        ),
        (
          "stationary_value",
          try form.stationaryValue.map { try Self.render($0, "stationary value") } ?? "null"
        ),
        ("eigenvalues", try Self.render(form.eigenvalues, "eigenvalues")),
        (
          "hessian",
          "["
            + (try (0..<form.dimension).map { try Self.render(form.hessian.row($0), "Hessian") })
            .joined(separator: ", ") + "]"
        ),
      ]
      if let point {
        let x = try Self.numbers(try Self.json(point, name: "--point"), name: "--point")
        do {
          fields.append(("value", try Self.render(try form.value(at: x), "value")))
          fields.append(("gradient", try Self.render(try form.gradient(at: x), "gradient")))
          if let direction {
            let v = try Self.numbers(
              try Self.json(direction, name: "--direction"), name: "--direction")
            let d = try Differentiation.directionalDerivative(
              of: { form.evaluate($0) }, at: x, along: v)
            fields.append(
              ("directional_derivative", try Self.render(d, "directional derivative")))
          }
        } catch let error as CommandError {
          throw error
        } catch {
          throw CommandError("\(error)")
        }
      } else if direction != nil {
        throw CommandError("--direction needs --point.")
      }
      let body = fields.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n")
      print("{\n\(body)\n}")
    }
  }
}

/// A JSON number or array of such values, read strictly: no other JSON types, no trailing
/// commas, numbers that are finite doubles.
enum NumberArray: Equatable {
  case number(Double)
  case array([NumberArray])

  /// Describes where the text stops being a JSON array of numbers.
  struct SyntaxError: Error, CustomStringConvertible {
    var description: String
  }

  /// Reads the text; throws a ``SyntaxError`` that names the offending character's offset.
  init(parsing text: String) throws {
    var reader = Reader(scalars: Array(text.unicodeScalars))
    self = try reader.value(depth: 0)
    reader.skipSpaces()
    guard reader.index == reader.scalars.count else {
      throw reader.error("unexpected text after the value")
    }
  }

  private struct Reader {
    var scalars: [Unicode.Scalar]
    var index = 0

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    func error(_ what: String) -> SyntaxError {
      SyntaxError(description: "not a JSON array of numbers: \(what) at character \(index + 1)")
    }

    mutating func skipSpaces() {
      while index < scalars.count, " \t\n\r".unicodeScalars.contains(scalars[index]) { index += 1 }
    }

    mutating func value(depth: Int) throws -> NumberArray {
      guard depth < 16 else { throw error("arrays nested too deep") }
      skipSpaces()
      guard index < scalars.count else { throw error("the text ends early") }
      if scalars[index] == "[" {
        index += 1
        var items: [NumberArray] = []
        skipSpaces()
        if index < scalars.count, scalars[index] == "]" {
          index += 1
          return .array(items)
        }
        while true {
          items.append(try value(depth: depth + 1))
          skipSpaces()
          guard index < scalars.count else { throw error("the text ends inside an array") }
          if scalars[index] == "]" {
            index += 1
            return .array(items)
          }
          guard scalars[index] == "," else { throw error("expected ',' or ']'") }
          index += 1
        }
      }
      let start = index
      while index < scalars.count, "+-.0123456789eE".unicodeScalars.contains(scalars[index]) {
        index += 1
      }
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars[start..<index])
      guard !text.isEmpty, !text.hasPrefix("+"), !text.hasPrefix("."), let x = Double(text) else {
        index = start
        throw error("expected a number or '['")
      }
      guard x.isFinite else {
        index = start
        throw error("the number \(text) is not a finite double")
      }
      return .number(x)
    }
  }
}
