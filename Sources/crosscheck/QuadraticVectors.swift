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

    @Option(parsing: .unconditional, help: "A direction as JSON, for the directional derivative.")
    var direction: String?

    @Option(help: "Output format: json.")
    var format: String = "json"

    static func json(_ text: String, name: String) throws -> Any {
      guard let data = text.data(using: .utf8),
        let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      else { throw CommandError("\(name): '\(text)' is not valid JSON.") }
      return object
    }

    static func numbers(_ object: Any, name: String) throws -> [Double] {
      guard let values = object as? [NSNumber], !values.isEmpty else {
        throw CommandError("\(name) must be a non-empty JSON array of numbers.")
      }
      let doubles = values.map(\.doubleValue)
      guard doubles.allSatisfy(\.isFinite) else {
        throw CommandError("\(name) must hold finite numbers.")
      }
      return doubles
    }

    static func render(_ x: Double) -> String { x.isFinite ? VectorSet.number(x) : "null" }
    static func render(_ v: [Double]) -> String {
      "[" + v.map { render($0) }.joined(separator: ", ") + "]"
    }

    func run() throws {
      guard format == "json" else { throw CommandError("--format must be json; got \(format).") }
      guard let convention = QuadraticForm<Double>.Convention(rawValue: convention) else {
        throw CommandError("--convention must be half or plain; got \(convention).")
      }
      guard let rows = try Self.json(matrix, name: "--matrix") as? [Any] else {
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
        ("stationary_point", form.stationaryPoint.map { Self.render($0) } ?? "null"),
        ("stationary_value", form.stationaryValue.map { Self.render($0) } ?? "null"),
        ("eigenvalues", Self.render(form.eigenvalues)),
        (
          "hessian",
          "["
            + (0..<form.dimension).map { Self.render(form.hessian.row($0)) }.joined(separator: ", ")
            + "]"
        ),
      ]
      if let point {
        let x = try Self.numbers(try Self.json(point, name: "--point"), name: "--point")
        do {
          fields.append(("value", Self.render(try form.value(at: x))))
          fields.append(("gradient", Self.render(try form.gradient(at: x))))
          if let direction {
            let v = try Self.numbers(
              try Self.json(direction, name: "--direction"), name: "--direction")
            let d = try Differentiation.directionalDerivative(
              of: { form.evaluate($0) }, at: x, along: v)
            fields.append(("directional_derivative", Self.render(d)))
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
