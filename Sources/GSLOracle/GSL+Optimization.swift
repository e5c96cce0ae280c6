internal import CGSL

extension GSL {
  /// Where a minimiser stopped, and how well.
  public struct Minimum: Sendable, Hashable {
    /// The point it stopped at.
    public var point: [Double]
    /// The function's value there.
    public var value: Double
    /// The Euclidean norm of the gradient there.
    public var gradientNorm: Double
    /// The iterations it took.
    public var iterations: Int
    /// Whether the gradient test passed; false when GSL stopped for lack of progress first.
    public var converged: Bool
  }

  /// Returns the minimum of a smooth function found by GSL's BFGS minimiser.
  ///
  /// Runs `gsl_multimin_fdfminimizer_vector_bfgs2` (Fletcher's BFGS with a line search) from
  /// `start` until `gsl_multimin_test_gradient` finds the gradient's norm below
  /// `gradientTolerance`, or GSL reports that no further progress is possible
  /// (`GSL_ENOPROG`, which happens when the gradient is already at rounding level; the result
  /// then says `converged: false`), or `maxIterations` pass. The closure gives the value and
  /// the gradient together and reaches GSL through the `params` pointer; nothing is global.
  ///
  /// - Parameters:
  ///   - start: The starting point, finite, with at least one component.
  ///   - stepSize: The first trial step, positive and finite.
  ///   - lineTolerance: The accuracy of each line search (GSL recommends 0.1), in (0, 1).
  ///   - gradientTolerance: The gradient norm that counts as converged, positive.
  ///   - maxIterations: The iteration limit, positive.
  ///   - evaluate: The function's value and gradient at a point.
  /// - Returns: Where the minimiser stopped.
  /// - Throws: `GSLError.domain` for bad arguments, `GSLError.maximumIterations` when the limit
  ///   is reached, or another status GSL returns.
  public static func minimize(
    from start: [Double], stepSize: Double = 0.1, lineTolerance: Double = 0.1,
    gradientTolerance: Double = 1e-10, maxIterations: Int = 1000,
    _ evaluate: ([Double]) -> (value: Double, gradient: [Double])
  ) throws(GSLError) -> Minimum {
    prepare()
    let context = {
      "gsl_multimin_fdfminimizer_vector_bfgs2(start: \(start), stepSize: \(stepSize), "
        + "lineTolerance: \(lineTolerance), gradientTolerance: \(gradientTolerance))"
    }
    guard !start.isEmpty, start.allSatisfy(\.isFinite), stepSize > 0, stepSize.isFinite,
      lineTolerance > 0, lineTolerance < 1, gradientTolerance > 0, gradientTolerance.isFinite,
      maxIterations > 0
    else { throw .domain(context()) }
    let n = start.count
    guard let minimizer = gsl_multimin_fdfminimizer_alloc(crosscheck_multimin_bfgs2(), n),
      let x = gsl_vector_alloc(n)
    else { throw GSLError(rawValue: Int32(GSL_ENOMEM), context: context()) }
    defer {
      gsl_multimin_fdfminimizer_free(minimizer)
      gsl_vector_free(x)
    }
    for (i, value) in start.enumerated() { gsl_vector_set(x, i, value) }
    var iterations = 0
    var converged = false
    let status: Int32 = withoutActuallyEscaping(evaluate) { escapable in
      var closure = escapable
      return withUnsafeMutablePointer(to: &closure) { closurePointer in
        var function = gsl_multimin_function_fdf(
          f: { x, params in
            guard let x, let params else { return .nan }
            return GSL.call(params, x).value
          },
          df: { x, params, gradient in
            guard let x, let params, let gradient else { return }
            GSL.store(GSL.call(params, x).gradient, in: gradient)
          },
          fdf: { x, params, value, gradient in
            guard let x, let params, let value, let gradient else { return }
            let result = GSL.call(params, x)
            value.pointee = result.value
            GSL.store(result.gradient, in: gradient)
          },
          n: n, params: UnsafeMutableRawPointer(closurePointer))
        let setStatus = gsl_multimin_fdfminimizer_set(
          minimizer, &function, x, stepSize, lineTolerance)
        guard setStatus == Int32(GSL_SUCCESS) else { return setStatus }
        while iterations < maxIterations {
          iterations += 1
          let step = gsl_multimin_fdfminimizer_iterate(minimizer)
          if step == Int32(GSL_ENOPROG) { return Int32(GSL_SUCCESS) }
          guard step == Int32(GSL_SUCCESS) else { return step }
          if gsl_multimin_test_gradient(minimizer.pointee.gradient, gradientTolerance)
            == Int32(GSL_SUCCESS)
          {
            converged = true
            return Int32(GSL_SUCCESS)
          }
        }
        return Int32(GSL_EMAXITER)
      }
    }
    try GSLError.check(status, context())
    let point = (0..<n).map { gsl_vector_get(minimizer.pointee.x, $0) }
    let gradientNorm = gsl_blas_dnrm2(minimizer.pointee.gradient)
    return Minimum(
      point: point, value: minimizer.pointee.f, gradientNorm: gradientNorm,
      iterations: iterations, converged: converged)
  }

  /// Calls the value-and-gradient closure stored at `params` on a GSL vector.
  private static func call(
    _ params: UnsafeMutableRawPointer, _ x: UnsafePointer<gsl_vector>
  ) -> (value: Double, gradient: [Double]) {
    let point = (0..<x.pointee.size).map { gsl_vector_get(x, $0) }
    let f = params.assumingMemoryBound(to: (([Double]) -> (value: Double, gradient: [Double])).self)
    return f.pointee(point)
  }

  /// Copies a gradient into a GSL vector; a gradient of the wrong length is stored as NaN.
  private static func store(_ values: [Double], in vector: UnsafeMutablePointer<gsl_vector>) {
    for i in 0..<vector.pointee.size {
      gsl_vector_set(vector, i, i < values.count ? values[i] : .nan)
    }
  }

  /// Returns the minimum of a function of one variable on an interval, by Brent's method.
  ///
  /// Runs `gsl_min_fminimizer_brent` (golden section with parabolic interpolation) until
  /// `gsl_min_test_interval` finds the bracket narrower than
  /// `absoluteTolerance + relativeTolerance * |x|`. GSL requires `f(guess)` to be below both
  /// `f(lower)` and `f(upper)`. Near a smooth minimum `f` is flat to second order, so the
  /// location is found only to about the square root of the value's precision (1e-8 for
  /// doubles), while the value is found to full precision.
  ///
  /// - Parameters:
  ///   - lower: The bracket's lower end, finite.
  ///   - upper: The bracket's upper end, finite and above `lower`.
  ///   - guess: A point strictly inside the bracket where `f` is below both ends.
  ///   - absoluteTolerance: The absolute width to stop at, non-negative.
  ///   - relativeTolerance: The relative width to stop at, non-negative.
  ///   - maxIterations: The iteration limit, positive.
  ///   - f: The function.
  /// - Returns: The point and the value.
  /// - Throws: `GSLError.domain` for bad arguments, `GSLError(GSL_EINVAL)` when the guess does
  ///   not bracket a minimum, `GSLError.maximumIterations`, or another status GSL returns.
  public static func minimize(
    from lower: Double, to upper: Double, guess: Double, absoluteTolerance: Double = 1e-12,
    relativeTolerance: Double = 0, maxIterations: Int = 500, _ f: (Double) -> Double
  ) throws(GSLError) -> (point: Double, value: Double) {
    prepare()
    let context = {
      "gsl_min_fminimizer_brent(lower: \(lower), upper: \(upper), guess: \(guess))"
    }
    guard lower.isFinite, upper.isFinite, lower < upper, guess > lower, guess < upper,
      absoluteTolerance >= 0, relativeTolerance >= 0, absoluteTolerance + relativeTolerance > 0,
      maxIterations > 0
    else { throw .domain(context()) }
    guard let minimizer = gsl_min_fminimizer_alloc(crosscheck_min_brent()) else {
      throw GSLError(rawValue: Int32(GSL_ENOMEM), context: context())
    }
    defer { gsl_min_fminimizer_free(minimizer) }
    var point = guess
    var value = Double.nan
    let status = withGSLFunction(f) { function in
      let setStatus = gsl_min_fminimizer_set(minimizer, function, guess, lower, upper)
      guard setStatus == Int32(GSL_SUCCESS) else { return setStatus }
      for _ in 0..<maxIterations {
        let step = gsl_min_fminimizer_iterate(minimizer)
        guard step == Int32(GSL_SUCCESS) else { return step }
        point = gsl_min_fminimizer_x_minimum(minimizer)
        value = gsl_min_fminimizer_f_minimum(minimizer)
        let a = gsl_min_fminimizer_x_lower(minimizer)
        let b = gsl_min_fminimizer_x_upper(minimizer)
        if gsl_min_test_interval(a, b, absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS) {
          return Int32(GSL_SUCCESS)
        }
      }
      return Int32(GSL_EMAXITER)
    }
    try GSLError.check(status, context())
    return (point, value)
  }
}
