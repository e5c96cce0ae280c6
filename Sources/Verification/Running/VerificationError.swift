public import SpecEngine

/// Why a claim could not be run.
public enum VerificationError: Error, Hashable, CustomStringConvertible {
  /// The claim names a check that does not exist.
  case unknownCheck(String, at: SourceLocation)
  /// An input is neither a table column nor a parameter of the claim.
  case missingInput(String, at: SourceLocation)
  /// An input's text is not a number.
  case notANumber(name: String, text: String, at: SourceLocation)
  /// An input's value is outside what the check accepts.
  case invalidInput(name: String, value: String, reason: String, at: SourceLocation)
  /// The claim needs a tolerance and has none.
  case missingTolerance(at: SourceLocation)
  /// A kernel, oracle or referee refused the input.
  case computation(String, at: SourceLocation)

  /// Where the problem is.
  public var location: SourceLocation {
    switch self {
    case .unknownCheck(_, let l), .missingInput(_, let l), .missingTolerance(let l),
      .computation(_, let l):
      l
    case .notANumber(_, _, let l), .invalidInput(_, _, _, let l): l
    }
  }

  public var description: String {
    switch self {
    case .unknownCheck(let name, _): "Unknown check '\(name)'."
    case .missingInput(let name, _):
      "The input '\(name)' is neither a column of the table nor a parameter of the claim."
    case .notANumber(let name, let text, _): "The input '\(name)' is '\(text)', not a number."
    case .invalidInput(let name, let value, let reason, _):
      "The input '\(name)' = \(value) is invalid: \(reason)."
    case .missingTolerance: "The claim declares no tolerance."
    case .computation(let message, _): message
    }
  }
}
