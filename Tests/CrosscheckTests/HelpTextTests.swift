import ArgumentParser
import Testing

@testable import crosscheck

@Suite("Help text")
struct HelpTextTests {
  @Test("The root command lists every subcommand")
  func root() {
    #expect(
      Crosscheck.helpMessage(columns: 80) == """
        OVERVIEW: Run the literate specs, write their reports and export golden
        vectors.

        Every checkable claim of a spec under Specs/ is computed by a pure-Swift
        reference kernel, recomputed by GSL (and, where GSL is not accurate enough, by
        an MPFR referee) and compared within the tolerance the spec declares.

        USAGE: crosscheck <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          report                  Run every claim and write a Markdown and an HTML
                                  report per spec, and an index.
          check                   Run the claims of the specs and print one line per
                                  claim.
          list                    List specs, sections and claims with their kind,
                                  status and coverage.
          cite                    Print how to cite Crosscheck, or one claim's verdict,
                                  as BibTeX or CFF.
          vectors                 Export golden vectors computed by the verified
                                  reference kernels.

          See 'crosscheck help <subcommand>' for detailed help.
        """)
  }

  @Test("check explains selection and replay")
  func check() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Check.self, columns: 80) == """
        OVERVIEW: Run the claims of the specs and print one line per claim.

        Exits with status 1 when a claim fails or a spec has an error. A failing
        property prints a replay token; pass it to --replay to run exactly that case
        again.

        USAGE: crosscheck check [<spec> ...] [--specs-dir <specs-dir>] [--claim <id> ...] [--replay <token>]

        ARGUMENTS:
          <spec>                  Specs to run, by path or by name (e.g.
                                  09-poisson-exponential or 09); default: all.

        OPTIONS:
          --specs-dir <specs-dir> The folder that holds the specs. (default: Specs)
          --claim <id>            Run only this claim, map item, section or table row
                                  (repeatable), e.g. A9.1.5, A9.1, A9.1.7/count=3.
          --replay <token>        Replay one failing case from its token.
          --version               Show the version.
          -h, --help              Show help information.

        """)
  }

  @Test("report names its outputs, the spec selection and the JUnit option")
  func report() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Report.self, columns: 80) == """
        OVERVIEW: Run every claim and write a Markdown and an HTML report per spec, and
        an index.

        Writes <spec>.md, <spec>.html and the figures (SVG) of each spec, index.md,
        index.html and verdicts.json into the output folder, and KaTeX's files into
        assets/katex/ so that the HTML renders its formulas offline; each file is
        written atomically. Two runs of the same sources give identical bytes. Exits
        with status 1 when a claim fails or a spec has an error.

        USAGE: crosscheck report [<spec> ...] [--specs-dir <specs-dir>] [--out <dir>] [--junit <file>] [--quiet]

        ARGUMENTS:
          <spec>                  Specs to run, by path or by name (e.g.
                                  09-poisson-exponential or 09); default: all.

        OPTIONS:
          --specs-dir <specs-dir> The folder that holds the specs. (default: Specs)
          --out <dir>             The output folder. (default: Reports)
          --junit <file>          Also write the verdicts as JUnit XML to this file,
                                  one test case per claim.
          --quiet                 Print no progress on standard error.
          --version               Show the version.
          -h, --help              Show help information.

        """)
  }
}
