import Foundation
import SpecEngine
import Testing

@Suite("Report rendering")
struct ReportRendererTests {
  static let report = ReportRenderer.report(
    for: RenderingFixtures.spec, results: RenderingFixtures.results, run: RenderingFixtures.run,
    markdownToHTML: RenderingFixtures.fakeHTML)

  @Test("The Markdown report weaves verdicts into the spec's own text")
  func markdownGolden() {
    #expect(Self.report.markdown == Self.expectedMarkdown)
  }

  @Test("The index gives totals and a row per spec and per section")
  func indexGolden() {
    let index = ReportRenderer.index(
      for: [(RenderingFixtures.spec, RenderingFixtures.results)], run: RenderingFixtures.run,
      markdownToHTML: RenderingFixtures.fakeHTML)
    #expect(index.markdown == Self.expectedIndex)
    #expect(index.assets.isEmpty)
    #expect(index.html.contains("<pre>| [9 · The Poisson distribution](09-poisson.html) |"))
  }

  static let expectedMarkdown =   #"""
    # The Poisson distribution

    > ⚠️ **Reconstructed.** This spec was not written from a reading of the original article: it was rebuilt from the primary papers or standard mathematics. The verdicts check the reconstruction, not the article's own words.

    - **Article 9:** *泊松分布* by Ruan Yifeng (<https://example.org/poisson>)
    - **Status:** reconstructed
    - **Run:** crosscheck 0.1.0 · commit `abc1234` · Swift 6.3.1 · GSL 2.7.1 · MPFR 4.2.1 · Linux x86_64
    - **Spec:** `Specs/09-poisson.md`

    | claims | executable | narrative | ✅ passed | ❌ failed | ⚠️ errors | ⚠️ not run | worst error against its bound |
    |---|---:|---:|---:|---:|---:|---:|---|
    | 5 | 4 | 1 | 1 | 2 | 0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |

    **Needs attention:**

    - ❌ **A9.1.1/2** 0.1493612051 does not round to 0.1500; 1.1 ulp vs referee (≤ 4)
    - ❌ **A9.1.2** 3 of 200 cases exceed the bound
    - ⚠️ **A9.2.1** not run: no result was recorded.

    > 📝 **A9.0.1** not checked: the author's motivation; nothing to check

    ## 一、泊松分布 · The Poisson distribution

    At three births an hour, two quiet hours are unlikely:

    | rate | hours | $n$ | probability | verdict |
    |---:|---:|---:|---:| --- |
    | 3 | 2 | 0 | 0.0025 | ✅ 0.002478752177 rounds to 0.0025; 0.4 ulp vs referee (≤ 4) |
    | 3 | 1 | 1 | 0.1500 | ❌ 0.1493612051 does not round to 0.1500; 1.1 ulp vs referee (≤ 4) |

    > ❌ **A9.1.1** table
    >
    > 1 of 2 rows failed
    >
    > - kernel vs referee: measured 1.1 ulp (bound 4 ulp)
    > - A9.1.1/2: stated 0.1500, computed 0.1493612051
    >
    > Check `poisson.probability`; bound 4 ulp against referee: Loader's saddle-point pmf is accurate to a few ulps.

    The probabilities add up to one:

    > ❌ **A9.1.2** property — The probabilities over all counts add up to one.
    >
    > 3 of 200 cases exceed the bound
    >
    > - kernel vs exact: measured 71.5 ulp (bound 64 ulp) ❌
    > - GSL vs referee: measured 0.62 ulp
    > - input: mean = 951234.5
    > - shrunk: mean = 1e6
    >
    > Replay: `crosscheck check --replay A9.1.2@5f1c2a9e#417`
    >
    > Check `poisson.normalization`; bound 64 ulp against exact: the sum of up to 1e4 terms, each good to a few ulps.

    > ✅ **A9.1.3** figure · *added by Crosscheck* — The pmf of Poisson(3).
    >
    > 5 points agree with GSL
    >
    > ![Poisson(3) \<pmf\> & friends](09-poisson-A9.1.3.svg)
    >
    > - kernel vs gsl: measured 0.5 ulp (bound 4 ulp)
    >
    > Check `poisson.figure`; bound 4 ulp against gsl: the same kernel as the table.

    ## 二、指数分布 · The exponential distribution

    > ⚠️ **A9.2.1** property — The mean gap is 1/rate.
    >
    > Not run: no result was recorded for this claim.
    >
    > Check `exponential.mean`.

    Closing prose.

    ---

    ## Coverage

    | section | heading | executable | narrative | ✅ passed | ❌ failed | ⚠️ errors | ⚠️ not run | worst error against its bound |
    |---|---|---:|---:|---:|---:|---:|---:|---|
    | A9.0 | Introduction | 0 | 1 | 0 | 0 | 0 | 0 | – |
    | A9.1 | The Poisson distribution | 3 | 0 | 1 | 2 | 0 | 0 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |
    | A9.2 | The exponential distribution | 1 | 0 | 0 | 0 | 0 | 1 | – |
    | **total** | | 4 | 1 | 1 | 2 | 0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |

    ### Not checked

    - 📝 **A9.0.1**: the author's motivation; nothing to check

    """#

  static let expectedIndex =   #"""
    # Crosscheck reports

    Each report re-renders one article's spec with the verdict of every claim woven into the text: the measured error of each claim beside the bound the spec declares.

    - **Run:** crosscheck 0.1.0 · commit `abc1234` · Swift 6.3.1 · GSL 2.7.1 · MPFR 4.2.1 · Linux x86_64
    - **Specs:** 1

    | claims | executable | narrative | ✅ passed | ❌ failed | ⚠️ errors | ⚠️ not run | worst error against its bound |
    |---|---:|---:|---:|---:|---:|---:|---|
    | 5 | 4 | 1 | 1 | 2 | 0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |

    ## By spec and section

    | article | section | executable | narrative | ✅ passed | ❌ failed | ⚠️ errors | ⚠️ not run | worst error against its bound |
    |---|---|---:|---:|---:|---:|---:|---:|---|
    | [9 · The Poisson distribution](09-poisson.md) | all · ⚠️ reconstructed | 4 | 1 | 1 | 2 | 0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |
    | | A9.0 Introduction | 0 | 1 | 0 | 0 | 0 | 0 | – |
    | | A9.1 The Poisson distribution | 3 | 0 | 1 | 2 | 0 | 0 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |
    | | A9.2 The exponential distribution | 1 | 0 | 0 | 0 | 0 | 1 | – |
    | **total** | 1 spec | 4 | 1 | 1 | 2 | 0 | 1 | 71.5 ulp of 64 ulp (112 %) in A9.1.2 |

    """#
}
