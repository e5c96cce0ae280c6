/// A set of golden vectors: what was asked, what the kernels computed, and how close to hold.
///
/// Every `crosscheck vectors` subcommand prints one, in the same envelope:
///
///     set          the subcommand's name
///     parameters   the inputs as read (numbers, lists, matrices or words)
///     outputs      the kernels' values, each a number, a list, a matrix, a word or null
///     tolerances   the bound within which a sound implementation agrees with each output,
///                  with the same keys and shapes as `outputs`; an output without an entry
///                  has no bound defined yet (the article issues fill them)
///     provenance   the crosscheck version, the commit, and the claims that verify the kernels
///
/// A set is always valid: every number is finite, except in an entry that declares its
/// infinities exact (a log-probability of an impossible event is `-inf`, exactly); an overflow
/// is an error when the set is made, never a silent `null`.
public struct VectorSet: Sendable, Hashable {
  /// One named value of the envelope.
  public struct Entry: Sendable, Hashable {
    /// The key, in snake case (`stationary_point`).
    public let name: String
    /// The value.
    public let value: VectorValue
    /// Whether an infinity in the value is the exact answer (log 0), not an overflow.
    public let infinityIsExact: Bool

    /// Creates an entry.
    public init(_ name: String, _ value: VectorValue, infinityIsExact: Bool = false) {
      self.name = name
      self.value = value
      self.infinityIsExact = infinityIsExact
    }
  }

  /// Describes why a set could not be made.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A number is infinite or NaN where that is not the exact answer.
    case notFinite(entry: String, value: Double)
    /// Two entries of one section share a key.
    case duplicateKey(String)
    /// A tolerance names no output, or differs from it in shape.
    case toleranceMismatch(String)
    /// A matrix has rows of different lengths.
    case raggedMatrix(String)

    public var description: String {
      switch self {
      case .notFinite(let entry, let value):
        "The \(entry.replacing("_", with: " ")) is \(value.isNaN ? "not a number" : "infinite") "
          + "in double precision (\(VectorSet.number(value))), so no vector is printed."
      case .duplicateKey(let key):
        "The key '\(key)' appears twice in one vector set."
      case .toleranceMismatch(let key):
        "The tolerance '\(key)' does not match an output of the same shape."
      case .raggedMatrix(let key):
        "The matrix '\(key)' has rows of different lengths."
      }
    }
  }

  /// The subcommand's name, such as `poisson`.
  public let name: String
  /// The inputs as read.
  public let parameters: [Entry]
  /// The kernels' values.
  public let outputs: [Entry]
  /// The agreement bounds, keyed and shaped as ``outputs``; empty where none is defined.
  public let tolerances: [Entry]
  /// The checks whose claims verify the kernels behind these outputs.
  public let checks: [String]

  /// Creates a set, refusing numbers that are not finite and tolerances that fit no output.
  ///
  /// - Throws: `Error.notFinite` for an overflowed or NaN number, and `Error.duplicateKey`,
  ///   `Error.toleranceMismatch` or `Error.raggedMatrix` for a malformed envelope.
  public init(
    name: String, parameters: [Entry], outputs: [Entry], tolerances: [Entry] = [],
    checks: [String]
  ) throws(Error) {
    for section in [parameters, outputs, tolerances] {
      var seen: Set<String> = []
      for entry in section {
        guard seen.insert(entry.name).inserted else { throw .duplicateKey(entry.name) }
        if case .matrix(let rows) = entry.value, Set(rows.map(\.count)).count > 1 {
          throw .raggedMatrix(entry.name)
        }
        if !entry.infinityIsExact,
          let bad = entry.value.numbers.first(where: { !$0.isFinite })
        {
          throw .notFinite(entry: entry.name, value: bad)
        }
        if entry.value.numbers.contains(where: \.isNaN) {
          throw .notFinite(entry: entry.name, value: .nan)
        }
      }
    }
    for tolerance in tolerances {
      guard let output = outputs.first(where: { $0.name == tolerance.name }),
        output.value.shape == tolerance.value.shape
      else { throw .toleranceMismatch(tolerance.name) }
    }
    self.name = name
    self.parameters = parameters
    self.outputs = outputs
    self.tolerances = tolerances
    self.checks = checks
  }

  /// Writes a double in the shortest form that reads back as exactly the same double.
  ///
  /// Whole numbers up to 2^53 in magnitude have no fraction (`3`, not `3.0`); negative zero is
  /// `-0`; infinities are `inf` and `-inf` (the CSV spelling; JSON writes an exact infinity as
  /// `null`).
  public static func number(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return x.sign == .minus ? "-0" : "0" }
    if x == x.rounded(), x.magnitude <= 0x1p53 { return String(Int64(x)) }
    return "\(x)"
  }
}

/// One value of a vector set's envelope.
public enum VectorValue: Sendable, Hashable {
  /// A single number.
  case number(Double)
  /// A list of numbers.
  case numbers([Double])
  /// A matrix, as rows of equal length.
  case matrix([[Double]])
  /// A word, such as a classification.
  case text(String)
  /// No value: the quantity does not exist for these inputs (written `null`).
  case absent

  /// Every number of the value, in order.
  public var numbers: [Double] {
    switch self {
    case .number(let x): [x]
    case .numbers(let v): v
    case .matrix(let rows): rows.flatMap(\.self)
    case .text, .absent: []
    }
  }

  /// The value's shape: `[]` for a number, `[n]` for a list, `[rows, columns]` for a matrix.
  public var shape: [Int]? {
    switch self {
    case .number: []
    case .numbers(let v): [v.count]
    case .matrix(let rows): [rows.count, rows.first?.count ?? 0]
    case .text, .absent: nil
    }
  }
}
