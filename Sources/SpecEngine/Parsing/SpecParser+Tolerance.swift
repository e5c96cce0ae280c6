extension SpecParsing {
  /// The unit words a tolerance may use.
  static let toleranceUnits: Set<String> = [
    "ulp", "ulps", "rel", "relative", "abs", "absolute", "alpha",
  ]

  /// Reads `<bound> [against <reference>]` with its reason; reports what is wrong.
  mutating func readTolerance(
    _ value: LocatedText, because: LocatedText?, kind: Claim.Kind?
  ) -> Tolerance? {
    let words = value.words()
    var boundText = value
    var reference: String?
    if let againstIndex = words.firstIndex(where: { $0.text == "against" }) {
      boundText = value.slice(0, words[againstIndex].column - value.column).trimmed()
      let names = words[(againstIndex + 1)...]
      if names.count == 1, let name = names.first {
        reference = name.text
      } else {
        error(words[againstIndex].location(in: file), Messages.badAgainst)
      }
    }
    guard !boundText.text.isEmpty else {
      error(value.location(in: file), Messages.missingToleranceBound)
      return nil
    }
    guard let bound = Tolerance.Bound(parsing: boundText.text) else {
      reportBadBound(boundText)
      return nil
    }
    let location = value.location(in: file)
    if kind == .statistical, case .falseFailureRate = bound {
    } else if kind == .statistical {
      error(location, Messages.statisticalNeedsAlpha(boundText.text))
    } else if case .falseFailureRate = bound, kind != nil {
      error(location, Messages.alphaOnlyForStatistical)
    }
    return Tolerance(
      bound: bound, reference: reference, reason: because?.text ?? "", location: location)
  }

  /// Says why a bound could not be read: no unit, an unknown unit, or a bad number.
  private mutating func reportBadBound(_ text: LocatedText) {
    for part in text.split(on: "+") {
      let words = part.words()
      let units = words.filter { SpecParsing.toleranceUnits.contains($0.text.lowercased()) }
      let numbers = words.filter { StatedNumber(parsing: $0.text) != nil }
      if words.count == 1, numbers.count == 1 {
        error(part.location(in: file), Messages.missingToleranceUnit(part.text))
        return
      }
      if words.count == 2, units.isEmpty, numbers.count == 1,
        let unit = words.first(where: { StatedNumber(parsing: $0.text) == nil })
      {
        error(unit.location(in: file), Messages.unknownToleranceUnit(unit.text))
        return
      }
      if words.count == 2, units.count == 1,
        let number = words.first(where: {
          !SpecParsing.toleranceUnits.contains($0.text.lowercased())
        })
      {
        if let n = StatedNumber(parsing: number.text), let unit = units.first {
          if unit.text.lowercased() == "alpha" {
            error(number.location(in: file), Messages.badAlpha(number.text))
          } else if !(n.value >= 0 && n.value.isFinite) {
            error(number.location(in: file), Messages.negativeTolerance(number.text))
          } else {
            continue
          }
        } else {
          error(number.location(in: file), Messages.notANumber(number.text))
        }
        return
      }
    }
    error(text.location(in: file), Messages.badTolerance(text.text))
  }
}
