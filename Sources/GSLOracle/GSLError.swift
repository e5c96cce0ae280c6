internal import CGSL

/// A status code reported by the GNU Scientific Library, with the call that produced it.
///
/// GSL reports failures as integer status codes (`GSL_EDOM`, `GSL_ERANGE`, ...).
/// `GSLOracle` turns GSL's aborting error handler off, so every failure reaches
/// Swift as a thrown `GSLError`; arguments GSL cannot accept are rejected in
/// Swift with `GSLError.domain` before GSL sees them.
///
/// Two errors are equal when their status codes are equal; `context` names the
/// function and the offending arguments, for messages only.
public struct GSLError: Error, RawRepresentable, Hashable, CustomStringConvertible, Sendable {
  /// The GSL status code (`GSL_EDOM` is 1, `GSL_ERANGE` is 2, ...).
  public let rawValue: Int32

  /// The GSL function and the arguments it was given, when known.
  public let context: String

  public init(rawValue: Int32) {
    self.rawValue = rawValue
    self.context = ""
  }

  /// Creates an error from a status code and the call that produced it.
  ///
  /// - Parameters:
  ///   - rawValue: The GSL status code.
  ///   - context: The GSL function and its arguments, e.g. `gsl_cdf_poisson_P(k: -1, mean: 3)`.
  public init(rawValue: Int32, context: String) {
    self.rawValue = rawValue
    self.context = context
  }

  /// The input domain error (`GSL_EDOM`): an argument is NaN or out of range.
  public static let domain = GSLError(rawValue: Int32(GSL_EDOM))
  /// The output range error (`GSL_ERANGE`): the result overflows or underflows.
  public static let range = GSLError(rawValue: Int32(GSL_ERANGE))
  /// Memory could not be allocated (`GSL_ENOMEM`).
  public static let noMemory = GSLError(rawValue: Int32(GSL_ENOMEM))
  /// The iteration limit was reached (`GSL_EMAXITER`).
  public static let maximumIterations = GSLError(rawValue: Int32(GSL_EMAXITER))
  /// Roundoff prevented the requested tolerance (`GSL_EROUND`).
  public static let roundoff = GSLError(rawValue: Int32(GSL_EROUND))
  /// The requested tolerance cannot be reached (`GSL_EBADTOL`).
  public static let badTolerance = GSLError(rawValue: Int32(GSL_EBADTOL))

  /// GSL's message for the status code (`gsl_strerror`), followed by the context.
  public var description: String {
    let message = String(cString: gsl_strerror(rawValue))
    let code = "GSL error \(rawValue): \(message)"
    return context.isEmpty ? code + "." : code + " in \(context)."
  }

  public static func == (lhs: GSLError, rhs: GSLError) -> Bool {
    lhs.rawValue == rhs.rawValue
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(rawValue)
  }
}

extension GSLError {
  /// Returns a domain error naming the call with the offending arguments.
  static func domain(_ context: String) -> GSLError {
    GSLError(rawValue: Int32(GSL_EDOM), context: context)
  }

  /// Throws the status when it is not `GSL_SUCCESS`.
  static func check(_ status: Int32, _ context: @autoclosure () -> String) throws(GSLError) {
    if status != Int32(GSL_SUCCESS) {
      throw GSLError(rawValue: status, context: context())
    }
  }
}
