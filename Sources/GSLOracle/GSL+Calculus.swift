internal import CGSL

extension GSL {
  /// Returns the integral of `f` from `lower` to `upper` and GSL's error estimate.
  ///
  /// Uses adaptive Gauss-Kronrod quadrature with extrapolation: `gsl_integration_qags`
  /// on a finite interval, `gsl_integration_qagiu` when `upper` is +infinity,
  /// `gsl_integration_qagil` when `lower` is -infinity, and `gsl_integration_qagi`
  /// when both are infinite. The closure reaches GSL through the `params` pointer
  /// of a `gsl_function`; nothing is stored globally.
  ///
  /// - Parameters:
  ///   - lower: The lower limit, not NaN and not +infinity.
  ///   - upper: The upper limit, not NaN and not -infinity.
  ///   - relativeTolerance: The requested relative error, at least `50 * Double.ulpOfOne`.
  ///   - absoluteTolerance: The requested absolute error, non-negative.
  ///   - f: The integrand.
  /// - Returns: The value and GSL's estimate of its absolute error.
  /// - Throws: `GSLError.domain` for bad limits or tolerances, or the status GSL
  ///   returns (`GSLError.roundoff`, `GSLError.maximumIterations`, ...).
  public static func integrate(
    from lower: Double,
    to upper: Double,
    relativeTolerance: Double = 1e-10,
    absoluteTolerance: Double = 0,
    _ f: (Double) -> Double
  ) throws(GSLError) -> (value: Double, error: Double) {
    prepare()
    let context = "integrate(from: \(lower), to: \(upper), relativeTolerance: \(relativeTolerance))"
    guard !lower.isNaN, !upper.isNaN, lower != .infinity, upper != -.infinity,
      relativeTolerance >= 50 * Double.ulpOfOne, relativeTolerance < 1,
      absoluteTolerance >= 0, absoluteTolerance.isFinite
    else { throw .domain(context) }
    let limit = 1000
    guard let workspace = gsl_integration_workspace_alloc(limit) else {
      throw GSLError(rawValue: Int32(GSL_ENOMEM), context: context)
    }
    defer { gsl_integration_workspace_free(workspace) }
    var value = 0.0
    var error = 0.0
    let status = withGSLFunction(f) { function in
      switch (lower.isFinite, upper.isFinite) {
      case (true, true):
        gsl_integration_qags(
          function, lower, upper, absoluteTolerance, relativeTolerance, limit, workspace,
          &value, &error)
      case (true, false):
        gsl_integration_qagiu(
          function, lower, absoluteTolerance, relativeTolerance, limit, workspace,
          &value, &error)
      case (false, true):
        gsl_integration_qagil(
          function, upper, absoluteTolerance, relativeTolerance, limit, workspace,
          &value, &error)
      case (false, false):
        gsl_integration_qagi(
          function, absoluteTolerance, relativeTolerance, limit, workspace, &value, &error)
      }
    }
    try GSLError.check(status, context)
    return (value, error)
  }

  /// Returns the derivative of `f` at `x` by central differences, and GSL's error estimate.
  ///
  /// Calls `gsl_deriv_central`, which evaluates `f` at `x +- step`, `x +- step / 2`
  /// and adapts the step to balance truncation and roundoff error.
  ///
  /// - Parameters:
  ///   - f: The function to differentiate.
  ///   - x: The point, finite.
  ///   - step: The initial step, positive and finite.
  /// - Returns: The value and GSL's estimate of its absolute error.
  /// - Throws: `GSLError.domain` for bad arguments, or the status GSL returns.
  public static func derivative(
    of f: (Double) -> Double, at x: Double, step: Double = 1e-8
  ) throws(GSLError) -> (value: Double, error: Double) {
    prepare()
    let context = "gsl_deriv_central(x: \(x), step: \(step))"
    guard x.isFinite, step.isFinite, step > 0 else { throw .domain(context) }
    var value = 0.0
    var error = 0.0
    let status = withGSLFunction(f) { function in
      gsl_deriv_central(function, x, step, &value, &error)
    }
    try GSLError.check(status, context)
    return (value, error)
  }

  /// Calls `body` with a `gsl_function` that evaluates `f` through its `params` pointer.
  static func withGSLFunction(
    _ f: (Double) -> Double,
    _ body: (UnsafeMutablePointer<gsl_function>) -> Int32
  ) -> Int32 {
    withoutActuallyEscaping(f) { escapable in
      var closure = escapable
      return withUnsafeMutablePointer(to: &closure) { closurePointer in
        var function = gsl_function(
          function: { x, params in
            guard let params else { return .nan }
            return params.assumingMemoryBound(to: ((Double) -> Double).self).pointee(x)
          },
          params: UnsafeMutableRawPointer(closurePointer)
        )
        return withUnsafeMutablePointer(to: &function) { body($0) }
      }
    }
  }
}
