/// The wording of every diagnostic the parser and the schema report, in one place.
///
/// Each message is one sentence without a final period, in the compiler's style; values from
/// the spec are quoted with single quotes.
enum Messages {
  // MARK: Front matter

  static let missingFrontMatter =
    "missing front matter: the file must start with '---', 'key: value' lines and '---'"
  static let unclosedFrontMatter = "front matter is not closed by a '---' line"
  static func malformedFrontMatterLine(_ line: String) -> String {
    "cannot read front matter line '\(line)' (expected 'key: value')"
  }
  static func duplicateFrontMatterKey(_ key: String, _ line: Int) -> String {
    "duplicate front matter key '\(key)' (first given at line \(line))"
  }
  static func unknownFrontMatterKey(_ key: String) -> String {
    "unknown front matter key '\(key)'"
  }
  static func emptyFrontMatterValue(_ key: String) -> String {
    "front matter key '\(key)' has no value"
  }
  static func missingFrontMatterKey(_ key: String) -> String {
    "front matter has no '\(key):' line"
  }
  static let missingReconstructedParts =
    "status 'partly reconstructed' needs a 'reconstructed-parts:' line"
  static func badArticle(_ text: String) -> String {
    "article must be a whole number from 1 to 10; got '\(text)'"
  }
  static func badStatus(_ text: String) -> String {
    "unknown status '\(text)' (expected original read, partly reconstructed or reconstructed)"
  }
  static func badMapItem(_ text: String) -> String {
    "cannot read '\(text)' in map-claims"
      + " (expected an ID such as A9.1.5 or a range such as A9.1.1-7)"
  }
  static func unboundMapID(_ id: String) -> String {
    "\(id) is listed in map-claims but never bound in the spec"
  }

  // MARK: Claim headers and IDs

  static let nestedClaim =
    "a claim inside a list or block quote is not read; move it to the top level"
  static let malformedClaimHeader = "claim header needs an ID and a kind: 'claim <ID> <kind>'"
  static func unknownKind(_ kind: String) -> String {
    "unknown claim kind '\(kind)' (expected table, property, statistical, figure or narrative)"
  }
  static func extraHeaderText(_ text: String) -> String {
    "unexpected '\(text)' after the claim kind"
  }
  static let malformedNarrative =
    "narrative item needs an ID and a reason: 'narrative <ID>: <reason>'"
  static func narrativeWithoutReason(_ id: String) -> String {
    "narrative item \(id) gives no reason"
  }
  static func malformedID(_ id: String) -> String {
    "malformed ID '\(id)' (expected A<article>.<section>.<item>, such as A9.1.5, optionally "
      + "followed by lowercase words, such as A9.1.7.figure)"
  }
  static func wrongArticle(_ id: String, _ idArticle: String, _ article: Int) -> String {
    "ID \(id) belongs to article \(idArticle), not to article \(article)"
  }
  static func duplicateID(_ id: String, _ line: Int) -> String {
    "duplicate ID \(id) (first bound at line \(line))"
  }
  static func wrongSection(
    _ id: String, _ part: String, _ section: String, _ from: String, _ line: Int
  ) -> String {
    "ID \(id) belongs to section \(part), but this section is \(section)"
      + " (from \(from) at line \(line))"
  }
  static func claimInIntroduction(_ id: String, _ part: String, _ intro: String) -> String {
    "ID \(id) belongs to section \(part), but it is in the introduction (section \(intro))"
  }
  static func duplicateSection(_ id: String, _ line: Int) -> String {
    "section \(id) is already the section at line \(line)"
  }

  // MARK: Claim bodies

  static func duplicateKey(_ key: String, _ line: Int) -> String {
    "duplicate key '\(key)' (first given at line \(line))"
  }
  static func malformedKey(_ key: String) -> String {
    "malformed key '\(key)' (keys are lowercase words with hyphens)"
  }
  static func missingCheck(_ id: String) -> String { "claim \(id) has no 'check:' line" }
  static func badExpect(_ text: String) -> String {
    "expect must be 'holds' or 'refuted'; got '\(text)'"
  }
  static func notANumber(_ text: String) -> String { "cannot read '\(text)' as a number" }
  static func notAnInteger(_ text: String) -> String { "cannot read '\(text)' as a whole number" }
  static func unknownDistribution(_ word: String) -> String {
    "unknown distribution '\(word)' (expected uniform, log-uniform or integer)"
  }
  static func emptyRange(_ a: String, _ b: String) -> String {
    "range \(a) ... \(b) is empty: its lower end is above its upper end"
  }
  static func logUniformNeedsPositive(_ a: String, _ b: String) -> String {
    "a log-uniform range needs positive ends; got \(a) ... \(b)"
  }
  static func integerRangeNeedsIntegers(_ a: String, _ b: String) -> String {
    "an integer range needs whole-number ends; got \(a) ... \(b)"
  }

  // MARK: Tolerances

  static let toleranceForms = "'4 ulp', 'rel 1e-12', 'abs 1e-15 + rel 1e-12' or 'alpha 1e-6'"
  static let missingToleranceBound =
    "tolerance has no bound (expected a form like \(toleranceForms))"
  static func missingToleranceUnit(_ text: String) -> String {
    "tolerance '\(text)' has no unit (expected ulp, rel, abs or alpha)"
  }
  static func unknownToleranceUnit(_ unit: String) -> String {
    "unknown tolerance unit '\(unit)' (expected ulp, rel, abs or alpha)"
  }
  static func badTolerance(_ text: String) -> String {
    "cannot read tolerance '\(text)' (expected a form like \(toleranceForms))"
  }
  static func negativeTolerance(_ text: String) -> String {
    "a tolerance must be a finite number of at least zero; got '\(text)'"
  }
  static func badAlpha(_ text: String) -> String {
    "alpha must be a number between 0 and 1; got '\(text)'"
  }
  static let badAgainst = "expected one name after 'against' (gsl, referee or exact)"
  static let toleranceWithoutBecause =
    "tolerance without 'because:' (say why the bound is what it is)"
  static let becauseWithoutTolerance = "'because:' without 'tolerance:'"
  static func statisticalNeedsAlpha(_ text: String) -> String {
    "a statistical claim's tolerance is 'alpha <rate>'; got '\(text)'"
  }
  static let alphaOnlyForStatistical = "'alpha' is a tolerance for statistical claims only"

  // MARK: Tables

  static func tableClaimWithoutTable(_ id: String) -> String {
    "table claim \(id) has no table below it"
  }
  static func tableAlreadyBound(_ line: Int, _ owner: String) -> String {
    "the table at line \(line) is already bound to claim \(owner)"
  }
  static func tableOnlyKey(_ key: String) -> String { "'\(key):' is only for table claims" }
  static func missingColumns(_ id: String) -> String { "table claim \(id) has no 'columns:' line" }
  static func columnCount(_ bound: Int, _ width: Int) -> String {
    "'columns:' binds \(bound) \(bound == 1 ? "column" : "columns") but the table has \(width)"
  }
  static func malformedBinding(_ name: String) -> String {
    "malformed column binding '\(name)' (expected a parameter name, 'id' or '-')"
  }
  static func duplicateBinding(_ name: String) -> String {
    "column binding '\(name)' appears twice"
  }
  static let rowIDWithIDColumn = "a table with an 'id' column takes no 'row-id:'"
  static func rowIDNamesNoColumn(_ name: String, _ names: String) -> String {
    "'row-id: \(name)' names no column (the columns are \(names))"
  }
  static func raggedRow(_ count: Int, _ width: Int) -> String {
    "table row has \(count) \(count == 1 ? "cell" : "cells") but the header has \(width)"
  }
  static let emptyIDCell = "empty 'id' cell"
  static func emptyRowIDCell(_ column: String) -> String {
    "empty '\(column)' cell, which names the row"
  }
}

extension Messages {
  // MARK: Schema

  static func unknownCheck(_ name: String, _ suggestion: String?) -> String {
    "unknown check '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
  }
  static func wrongKind(_ check: String, _ expected: Claim.Kind, _ actual: Claim.Kind) -> String {
    "check '\(check)' runs \(expected.rawValue) claims, not \(actual.rawValue) claims"
  }
  static func unknownParameter(_ name: String, _ check: String, _ known: String) -> String {
    "unknown parameter '\(name)' for check '\(check)' (it takes \(known.isEmpty ? "none" : known))"
  }
  static func unknownColumn(_ name: String, _ check: String, _ known: String) -> String {
    "unknown column binding '\(name)' for check '\(check)'"
      + " (it takes \(known.isEmpty ? "none" : known))"
  }
  static func columnOnly(_ name: String, _ check: String) -> String {
    "'\(name)' is a table column of check '\(check)', not a parameter"
  }
  static func parameterOnly(_ name: String, _ check: String) -> String {
    "'\(name)' is a parameter of check '\(check)', not a table column"
  }
  static func givenTwice(_ name: String) -> String {
    "'\(name)' is given both as a parameter and as a column"
  }
  static func missingParameter(_ id: String, _ name: String, _ check: String) -> String {
    "claim \(id) is missing parameter '\(name)', which check '\(check)' requires"
  }
  static func missingColumn(_ id: String, _ name: String, _ check: String) -> String {
    "claim \(id) is missing column '\(name)', which check '\(check)' requires"
  }
  static func wrongShape(_ name: String, _ expected: String, _ text: String) -> String {
    "parameter '\(name)' takes \(expected); got '\(text)'"
  }
}

extension Messages {
  // MARK: Files

  static func unreadableFile(_ reason: String) -> String { "cannot read the file: \(reason)" }
  static func unclosedComment(_ kind: String, until line: Int) -> String {
    "this \(kind) comment is never closed: '-->' is missing before line \(line), where the "
      + "next comment opens or the block ends"
  }
  static let notUTF8 = "cannot read the file: it is not valid UTF-8"

  static func notAChoice(_ name: String, _ text: String, _ choices: [String], _ suggestion: String?)
    -> String
  {
    "'\(text)' is not a choice of '\(name)' (expected \(alternatives(choices)))"
      + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
  }
  static func outsideLimits(_ name: String, _ text: String, _ low: String, _ high: String)
    -> String
  {
    "'\(name)' is '\(text)', outside what the check takes (\(low) ... \(high))"
  }
  static func nonPositiveLogRange(_ name: String, _ text: String) -> String {
    "'\(name)' is '\(text)': a log-uniform range must be positive"
  }
  static func reversedRange(_ name: String, _ text: String) -> String {
    "'\(name)' is '\(text)': the range must be finite and not reversed"
  }
  static func unknownOracle(_ oracle: String, _ check: String, _ oracles: [String]) -> String {
    oracles.isEmpty
      ? "check '\(check)' holds its kernel against no oracle; drop 'against \(oracle)'"
      : "check '\(check)' holds its kernel against \(alternatives(oracles.map { "'\($0)'" })), "
        + "not '\(oracle)'"
  }
  static func alternatives(_ words: [String]) -> String {
    guard let last = words.last else { return "nothing" }
    return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
  }
}
