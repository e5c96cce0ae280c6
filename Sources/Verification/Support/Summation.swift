/// Accurate sums of long sequences of floating-point terms.
enum Summation {
  /// Sums with Neumaier's compensation, so long sums of small terms stay accurate.
  static func compensated<S: Sequence>(_ terms: S) -> Double where S.Element == Double {
    var sum = 0.0
    var carry = 0.0
    for term in terms {
      let t = sum + term
      if abs(sum) >= abs(term) {
        carry += (sum - t) + term
      } else {
        carry += (term - t) + sum
      }
      sum = t
    }
    return sum + carry
  }
}
