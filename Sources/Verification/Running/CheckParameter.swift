public import SpecEngine

/// Anything that declares an input of a check: a schema SpecEngine validates specs against.
public protocol ParameterDeclaration: Sendable {
  /// The name, accepted shapes, choices, limits, default and help of the input.
  var schema: ParameterSchema { get }
}

/// A value as a claim or a table row gives it: its text, where it is, and how it parsed.
public struct GivenValue: Sendable {
  /// The text as written.
  public var text: String
  /// Where it is written.
  public var location: SourceLocation
  /// The parsed value.
  public var value: ParameterValue
}

/// One input of a check, declared once: the schema that specs are validated against when they
/// load, and the typed reader the check's body uses.
///
/// ```swift
/// static let rate = CheckParameter.range("rate", within: 1e-3...1e3, help: "the rates drawn")
/// ...
/// let draw = try claim[rate]          // an InputDraw, already checked against the limits
/// ```
///
/// The name, choices, limits and default are written only here: `crosscheck list --checks`
/// shows them, the loader reports a value outside them at its file:line:column before anything
/// runs, and the reader applies the same rules, so a claim built by hand is refused the same way.
public struct CheckParameter<Value: Sendable>: ParameterDeclaration {
  /// What SpecEngine validates at load time.
  public let schema: ParameterSchema
  /// Reads the value from what the claim or row gives (`nil`: nothing given).
  let read: @Sendable (GivenValue?, SourceLocation) throws(VerificationError) -> Value

  /// The name: the key of a parameter, or the binding of a column.
  public var name: String { schema.name }

  /// Creates a declaration from a schema and a reader.
  public init(
    schema: ParameterSchema,
    read: @escaping @Sendable (GivenValue?, SourceLocation) throws(VerificationError) -> Value
  ) {
    self.schema = schema
    self.read = read
  }

  /// The same input with another help phrase (a shared declaration used in another sense).
  public func help(_ text: String) -> Self {
    var schema = self.schema
    schema.help = text
    return Self(schema: schema, read: read)
  }
}

extension ParameterSchema: ParameterDeclaration {
  /// The schema itself, for inputs that need no typed reader (table columns read by the runner).
  public var schema: ParameterSchema { self }
}

/// A set of words a text input takes: `enum Signs: String, ParameterChoice`.
public protocol ParameterChoice: RawRepresentable, CaseIterable, Sendable
where RawValue == String {}

/// The floating-point type a generic kernel runs in.
public enum Precision: String, ParameterChoice {
  /// IEEE binary64.
  case double
  /// IEEE binary32, as an fp32 pipeline runs.
  case float

  /// The name reports use: `Double` or `Float`.
  public var typeName: String { self == .double ? "Double" : "Float" }

  /// Returns `label` marked with the precision, unmarked for `Double` (the default).
  public func label(_ label: String) -> String {
    self == .double ? label : "\(label) in \(typeName)"
  }
}

// MARK: - Reading

extension Claim {
  /// The value the claim gives for `name`, if any.
  func given(_ name: String) -> GivenValue? {
    parameter(name).map { GivenValue(text: $0.text, location: $0.location, value: $0.value) }
  }

  /// Reads a declared input of the claim's check.
  public subscript<Value>(_ parameter: CheckParameter<Value>) -> Value {
    get throws(VerificationError) { try parameter.read(given(parameter.name), location) }
  }
}

extension RowInputs {
  /// The value the row's cell (or else the claim's parameter) gives for `name`, if any.
  func given(_ name: String) -> GivenValue? {
    if let cell = table.cell(name, in: row) {
      let value: ParameterValue =
        StatedNumber(parsing: cell.text, allowGrouping: true).map { .number($0) }
        ?? .text(cell.text)
      return GivenValue(text: cell.text, location: cell.location, value: value)
    }
    return claim.given(name)
  }

  /// Reads a declared input from the row's cell or the claim's parameter.
  public subscript<Value>(_ parameter: CheckParameter<Value>) -> Value {
    get throws(VerificationError) { try parameter.read(given(parameter.name), row.location) }
  }

  /// Whether the row or the claim gives a value for the input.
  public func has<Value>(_ parameter: CheckParameter<Value>) -> Bool {
    given(parameter.name) != nil
  }
}

// MARK: - Declarations

extension CheckParameter {
  /// The interval in words, as messages and `list --checks` print it.
  static func describe(_ limits: ClosedRange<Double>) -> String {
    "\(NumberFormatting.short(limits.lowerBound, digits: 3)) ... "
      + "\(NumberFormatting.short(limits.upperBound, digits: 3))"
  }

  /// Words as a message lists them: `a, b or c`.
  static func alternatives(_ words: [String]) -> String {
    guard let last = words.last else { return "" }
    return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
  }
}

extension CheckParameter where Value == InputDraw {
  /// A range a property draws an input from, such as `log-uniform 1e-3 ... 1e6`.
  ///
  /// A single number is a range of one. Both ends must be finite, in order and within
  /// `limits`; a log-uniform range must be positive.
  ///
  /// - Parameters:
  ///   - name: The parameter's key.
  ///   - limits: The values the check can run.
  ///   - wholeNumbers: Whether draws are rounded to whole numbers (a count).
  ///   - fallback: The single value used when the claim gives no range.
  ///   - help: One phrase for `crosscheck list --checks`.
  /// - Returns: The declaration.
  public static func range(
    _ name: String, within limits: ClosedRange<Double>, wholeNumbers: Bool = false,
    default fallback: Double? = nil, help: String
  ) -> Self {
    let schema = ParameterSchema(
      name, accepts: [.range, .number], isRequired: fallback == nil, help: help, limits: limits,
      defaultValue: fallback.map { NumberFormatting.short($0) })
    return Self(schema: schema) { given, at throws(VerificationError) in
      guard let given else {
        guard let fallback else { throw .missingInput(name, at: at) }
        return InputDraw(name: name, distribution: .uniform, lower: fallback, upper: fallback)
      }
      let draw: InputDraw
      switch given.value {
      case .range(let distribution, let low, let high):
        guard low.value.isFinite, high.value.isFinite, low.value <= high.value else {
          throw .invalidInput(
            name: name, value: given.text, reason: "the range must be finite and not reversed",
            at: given.location)
        }
        if distribution == .logUniform, !(low.value > 0) {
          throw .invalidInput(
            name: name, value: given.text, reason: "a log-uniform range must be positive",
            at: given.location)
        }
        draw = InputDraw(
          name: name, distribution: distribution, lower: low.value, upper: high.value)
      case .number(let n):
        guard n.value.isFinite else {
          throw .invalidInput(
            name: name, value: given.text, reason: "not finite", at: given.location)
        }
        draw = InputDraw(name: name, distribution: .uniform, lower: n.value, upper: n.value)
      default:
        throw .notANumber(name: name, text: given.text, at: given.location)
      }
      guard limits.contains(draw.lower), limits.contains(draw.upper) else {
        throw .invalidInput(
          name: name, value: given.text,
          reason: "this check takes values in \(describe(limits))", at: given.location)
      }
      return wholeNumbers ? draw.roundedToWholeNumbers() : draw
    }
  }
}

extension CheckParameter where Value == Double {
  /// A single number within `limits` (when given), or `fallback` when the claim gives none.
  public static func number(
    _ name: String, within limits: ClosedRange<Double>? = nil, default fallback: Double? = nil,
    help: String
  ) -> Self {
    let schema = ParameterSchema(
      name, accepts: [.number], isRequired: fallback == nil, help: help, limits: limits,
      defaultValue: fallback.map { NumberFormatting.short($0) })
    return Self(schema: schema) { given, at throws(VerificationError) in
      guard let given else {
        if let fallback { return fallback }
        throw .missingInput(name, at: at)
      }
      guard let n = given.value.number else {
        throw .notANumber(name: name, text: given.text, at: given.location)
      }
      // A number must be finite unless the limits admit an infinity (`to: inf` for a tail).
      guard n.value.isFinite || limits?.contains(n.value) == true else {
        throw .invalidInput(name: name, value: given.text, reason: "not finite", at: given.location)
      }
      if let limits, !limits.contains(n.value) {
        throw .invalidInput(
          name: name, value: given.text, reason: "this check takes values in \(describe(limits))",
          at: given.location)
      }
      return n.value
    }
  }
}

extension CheckParameter where Value == Double? {
  /// A number a claim may leave out (one of two ways of giving an input), within `limits`.
  public static func optionalNumber(
    _ name: String, within limits: ClosedRange<Double>, help: String
  ) -> Self {
    let required = CheckParameter<Double>.number(name, within: limits, help: help)
    var schema = required.schema
    schema.isRequired = false
    return Self(schema: schema) { given, at throws(VerificationError) in
      guard let given else { return nil }
      return try required.read(given, at)
    }
  }
}

extension CheckParameter where Value == Int {
  /// A whole number in `range`, or `fallback` when the claim gives none.
  public static func integer(
    _ name: String, in range: ClosedRange<Int>, default fallback: Int? = nil, help: String
  ) -> Self {
    let limits = Double(range.lowerBound)...Double(range.upperBound)
    let schema = ParameterSchema(
      name, accepts: [.integer], isRequired: fallback == nil, help: help, limits: limits,
      defaultValue: fallback.map(String.init))
    return Self(schema: schema) { given, at throws(VerificationError) in
      guard let given else {
        if let fallback { return fallback }
        throw .missingInput(name, at: at)
      }
      guard let n = given.value.number else {
        throw .notANumber(name: name, text: given.text, at: given.location)
      }
      guard n.value == n.value.rounded(), limits.contains(n.value) else {
        throw .invalidInput(
          name: name, value: given.text,
          reason: "a whole number in \(range.lowerBound)...\(range.upperBound) is needed",
          at: given.location)
      }
      return Int(n.value)
    }
  }
}

extension CheckParameter where Value == [Int] {
  /// A comma-separated list of whole numbers in `range` (a single number is a list of one).
  public static func integers(_ name: String, in range: ClosedRange<Int>, help: String) -> Self {
    let limits = Double(range.lowerBound)...Double(range.upperBound)
    let schema = ParameterSchema(
      name, accepts: [.list], isRequired: true, help: help, limits: limits)
    return Self(schema: schema) { given, at throws(VerificationError) in
      guard let given else { throw .missingInput(name, at: at) }
      let numbers: [StatedNumber]
      switch given.value {
      case .list(let items): numbers = items
      case .number(let n): numbers = [n]
      default: throw .notANumber(name: name, text: given.text, at: given.location)
      }
      var values: [Int] = []
      for n in numbers {
        guard n.value == n.value.rounded(), limits.contains(n.value) else {
          throw .invalidInput(
            name: name, value: n.text,
            reason:
              "each value must be a whole number in \(range.lowerBound)...\(range.upperBound)",
            at: given.location)
        }
        values.append(Int(n.value))
      }
      return values
    }
  }
}

extension CheckParameter where Value == [Double] {
  /// A vector written as a JSON array of numbers (`[-1, -2]`), read by the strict reader the
  /// `vectors` commands use.
  public static func jsonVector(_ name: String, help: String) -> Self {
    let schema = ParameterSchema(name, accepts: [.text], isRequired: true, help: help)
    return Self(schema: schema) { given, at throws(VerificationError) in
      guard let given else { throw .missingInput(name, at: at) }
      do {
        return try JSONNumbers.vector(given.text)
      } catch {
        throw .invalidInput(
          name: name, value: given.text, reason: "\(error)", at: given.location)
      }
    }
  }
}

extension CheckParameter where Value == [[Double]] {
  /// A matrix written as a JSON array of equal-length rows (`[[2, 1], [1, 3]]`), read by the
  /// strict reader the `vectors` commands use.
  public static func jsonMatrix(_ name: String, help: String) -> Self {
    let schema = ParameterSchema(name, accepts: [.text], isRequired: true, help: help)
    return Self(schema: schema) { given, at throws(VerificationError) in
      guard let given else { throw .missingInput(name, at: at) }
      do {
        return try JSONNumbers.matrix(given.text)
      } catch {
        throw .invalidInput(
          name: name, value: given.text, reason: "\(error)", at: given.location)
      }
    }
  }
}

extension CheckParameter where Value == String {
  /// Free text (a matrix, a function, an event), or `fallback` when the claim gives none.
  public static func text(_ name: String, default fallback: String? = nil, help: String) -> Self {
    let schema = ParameterSchema(
      name, accepts: [.text], isRequired: fallback == nil, help: help, defaultValue: fallback)
    return Self(schema: schema) { given, at throws(VerificationError) in
      guard let given else {
        if let fallback { return fallback }
        throw .missingInput(name, at: at)
      }
      return given.text
    }
  }
}

extension CheckParameter where Value: ParameterChoice {
  /// One of the words of `Value`, or `fallback` when the claim gives none.
  public static func choice(_ name: String, default fallback: Value? = nil, help: String) -> Self {
    let words = Value.allCases.map(\.rawValue)
    let schema = ParameterSchema(
      name, accepts: [.text], isRequired: fallback == nil, help: help, choices: words,
      defaultValue: fallback?.rawValue)
    return Self(schema: schema) { given, at throws(VerificationError) in
      guard let given else {
        if let fallback { return fallback }
        throw .missingInput(name, at: at)
      }
      guard let value = Value(rawValue: given.text) else {
        throw .invalidInput(
          name: name, value: given.text,
          reason: "write \(alternatives(words))", at: given.location)
      }
      return value
    }
  }
}

extension CheckParameter where Value == Precision {
  /// The precision a generic kernel runs in: `precision: float` or `double` (the default).
  public static func precision(
    help: String = "the floating-point type the kernel runs in (double or float)"
  ) -> Self {
    .choice("precision", default: .double, help: help)
  }
}
