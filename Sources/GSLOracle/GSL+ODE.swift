internal import CGSL

extension GSL {
  /// Returns the solution at `end` of the linear system `dy/dt = A y` with `y(start) = initial`.
  ///
  /// Integrates with GSL's adaptive Runge-Kutta-Prince-Dormand (8, 9) stepper through
  /// `gsl_odeiv2_driver_apply`. The matrix reaches the right-hand side through the system's
  /// `params` pointer; nothing is stored globally.
  ///
  /// - Parameters:
  ///   - matrix: The `n x n` matrix `A`, row-major as rows.
  ///   - initial: `y(start)`, of length `n`.
  ///   - start: The initial time.
  ///   - end: The final time.
  ///   - relativeTolerance: The driver's relative error target per step.
  ///   - absoluteTolerance: The driver's absolute error target per step.
  /// - Returns: `y(end)`.
  /// - Throws: `GSLError.domain` for shapes that do not fit or non-finite inputs, or the
  ///   status GSL returns.
  public static func solveLinearSystem(
    _ matrix: [[Double]], initial: [Double], from start: Double, to end: Double,
    relativeTolerance: Double = 1e-13, absoluteTolerance: Double = 1e-15
  ) throws(GSLError) -> [Double] {
    prepare()
    let n = initial.count
    let context = "solveLinearSystem(n: \(n), from: \(start), to: \(end))"
    guard n > 0, matrix.count == n, matrix.allSatisfy({ $0.count == n }),
      start.isFinite, end.isFinite, initial.allSatisfy(\.isFinite),
      matrix.allSatisfy({ $0.allSatisfy(\.isFinite) }), relativeTolerance > 0,
      absoluteTolerance > 0
    else { throw .domain(context) }
    // params carries n first, then the entries of A row by row.
    var packed = [Double(n)] + matrix.flatMap { $0 }
    var y = initial
    var t = start
    let status = packed.withUnsafeMutableBufferPointer { p -> Int32 in
      var system = gsl_odeiv2_system(
        function: { _, y, dydt, params in
          guard let y, let dydt, let params else { return Int32(GSL_EBADFUNC) }
          let a = params.assumingMemoryBound(to: Double.self)
          let n = Int(a[0])
          for i in 0..<n {
            var sum = 0.0
            for j in 0..<n { sum += a[1 + i * n + j] * y[j] }
            dydt[i] = sum
          }
          return Int32(GSL_SUCCESS)
        }, jacobian: nil, dimension: n, params: nil)
      system.params = UnsafeMutableRawPointer(p.baseAddress)
      let step = (end - start) / 1000
      guard
        let driver = gsl_odeiv2_driver_alloc_y_new(
          &system, crosscheck_odeiv2_rk8pd(), step == 0 ? 1e-6 : step, absoluteTolerance,
          relativeTolerance)
      else { return Int32(GSL_ENOMEM) }
      defer { gsl_odeiv2_driver_free(driver) }
      return y.withUnsafeMutableBufferPointer { yp in
        gsl_odeiv2_driver_apply(driver, &t, end, yp.baseAddress)
      }
    }
    try GSLError.check(status, context)
    return y
  }
}
