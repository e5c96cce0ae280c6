internal import CMPFR

/// A pointer to one initialised MPFR variable (`mpfr_ptr`).
typealias BigNumber = UnsafeMutablePointer<__mpfr_struct>

extension Referee {
  /// Calls `body` with `count` MPFR variables of `precision` bits, cleared afterwards.
  ///
  /// The variables live in one buffer: `numbers[0]`, `numbers[1]`, ... are passed
  /// as `numbers + i`. They are initialised to NaN by `mpfr_init2`.
  static func withNumbers<Result, Failure: Swift.Error>(
    _ count: Int,
    precision: Int,
    _ body: (BigNumber) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let numbers = BigNumber.allocate(capacity: count)
    for index in 0..<count {
      mpfr_init2(numbers + index, mpfr_prec_t(precision))
    }
    defer {
      for index in 0..<count {
        mpfr_clear(numbers + index)
      }
      numbers.deallocate()
    }
    return try body(numbers)
  }

  /// Throws unless `precision` is in `minimumPrecision ... maximumPrecision`.
  static func validate(precision: Int) throws(Error) {
    guard (minimumPrecision...maximumPrecision).contains(precision) else {
      throw .invalidPrecision(precision)
    }
  }

  /// Returns the number of bits above the binary point of `magnitude` (0 when it is below 1).
  ///
  /// A formula whose terms reach `magnitude` before cancelling to a result of order 1
  /// loses this many bits, so the working precision is raised by it.
  static func bitsAbove(_ magnitude: Double) -> Int {
    guard magnitude.isFinite else { return 1100 }
    return magnitude < 1 ? 0 : Int(magnitude.exponent) + 1
  }

  /// Returns the nearest Double to `number` (`mpfr_get_d` with `MPFR_RNDN`).
  static func nearestDouble(_ number: BigNumber) -> Double {
    mpfr_get_d(number, MPFR_RNDN)
  }
}
