import Foundation
import Testing

/// The spec files in `Fixtures/`, read from the test bundle.
enum ParsingFixtures {
  /// Returns the path of a fixture file copied into the test bundle.
  static func path(_ name: String) throws -> String {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
      "fixture \(name) is missing from the bundle")
    return url.path
  }

  /// Returns the text of a fixture file.
  static func text(_ name: String) throws -> String {
    try String(contentsOfFile: path(name), encoding: .utf8)
  }
}
