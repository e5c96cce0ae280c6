import ArgumentParser

/// The `crosscheck` command: runs the literate specs, writes reports and exports golden vectors.
@main
struct Crosscheck: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crosscheck",
    abstract: "Run the literate specs, write their reports and export golden vectors.",
    discussion: """
      Every checkable claim of a spec under Specs/ is computed by a pure-Swift reference kernel, \
      recomputed by GSL (and, where GSL is not accurate enough, by an MPFR referee) and compared \
      within the tolerance the spec declares.
      """,
    version: CrosscheckVersion.current,
    subcommands: [Report.self, Check.self, List.self, Cite.self, Vectors.self]
  )
}

/// The version of this build of crosscheck.
enum CrosscheckVersion {
  /// The semantic version.
  static let current = "0.1.0"
  /// The day this version was released (ISO 8601), which citations give as its date and year.
  static let released = "2026-12-04"
}
