internal import CMPFR

/// A high-precision referee: probabilities computed with MPFR and rounded once to Double.
///
/// Each function takes Double arguments, computes at `precision` bits (256 by
/// default) plus whatever extra bits the cancellation in its formula needs, and
/// rounds the high-precision result to the nearest Double with `mpfr_get_d`.
/// The referee therefore returns the correctly rounded value whenever the exact
/// result is not within about 2^-precision (relatively) of a rounding boundary.
///
/// Functions that sum a series (the Poisson cumulative probabilities) have a term
/// budget; outside it they throw `Referee.Error.outOfRange` rather than return a
/// value that might be wrong.
///
/// The referee keeps no global state and never changes MPFR's exponent range or
/// default rounding: every MPFR call is given `MPFR_RNDN` and its own variables,
/// which are cleared before the function returns. With MPFR built thread-safe
/// (`Referee.isThreadSafe`, true for Debian's libmpfr6), calls may run concurrently.
public enum Referee {
  /// The default working precision in bits.
  public static let defaultPrecision = 256

  /// The smallest precision a caller may ask for.
  public static let minimumPrecision = 128

  /// The largest precision a caller may ask for.
  public static let maximumPrecision = 1 << 16

  /// The most series terms a cumulative probability may sum before it throws.
  public static let maximumTerms = 2_000_000

  /// The version of the MPFR library linked at run time (`mpfr_get_version`).
  public static var version: String {
    String(cString: mpfr_get_version())
  }

  /// A Boolean value that tells whether MPFR was built with thread-local state
  /// (`mpfr_buildopt_tls_p`), so that concurrent calls are safe.
  public static var isThreadSafe: Bool {
    mpfr_buildopt_tls_p() != 0
  }
}

extension Referee {
  /// Describes why the referee could not give a value.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible, Sendable {
    /// An argument was outside the function's domain; carries its name, value and requirement.
    case invalidArgument(name: String, value: Double, requirement: String)
    /// The requested precision was outside `minimumPrecision ... maximumPrecision`.
    case invalidPrecision(Int)
    /// The arguments are valid but outside the range where the referee is known to be accurate.
    case outOfRange(function: String, reason: String)

    public var description: String {
      switch self {
      case .invalidArgument(let name, let value, let requirement):
        "The argument \(name) must be \(requirement); got \(value)."
      case .invalidPrecision(let bits):
        "The referee precision must be in \(Referee.minimumPrecision) ... "
          + "\(Referee.maximumPrecision) bits; got \(bits)."
      case .outOfRange(let function, let reason):
        "The referee cannot evaluate \(function) accurately: \(reason)."
      }
    }
  }
}
