import ArgumentParser
import Testing

@testable import crosscheck

@Suite("Help text of vectors")
struct VectorsHelpTextTests {
  @Test("vectors groups its subcommands under each article's title")
  func vectors() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.self, columns: 80) == #"""
        OVERVIEW: Export golden vectors computed by the verified reference kernels.

        Every subcommand prints one envelope. In JSON: "set" (the subcommand),
        "parameters" (the inputs as read), "outputs" (the kernels' values: numbers,
        lists, matrices, words, or null where a quantity does not exist), "tolerances"
        (the bound within which a sound double-precision implementation agrees with
        each output, with the same keys and shapes as "outputs"; an output without an
        entry has no bound defined yet) and "provenance" (the crosscheck version, the
        commit, the checks and the claims that verify the kernels, and "warnings"
        naming anything that could not be found, also printed on standard error).

        Numbers are written in the shortest form that reads back as the same double,
        whole numbers without a fraction. A value that overflows is an error, never a
        null; the one infinity written is an exact log 0 (null in JSON, -inf in CSV).

        CSV holds the outputs only. When every output is a list of one length, it has
        one column per output and one row per index; otherwise (numbers, matrices,
        words) it is long: output,row,column,value, one line per number, with 0-based
        row and column left empty where they do not apply.

        The commit and the default specs folder are those of the checkout that built
        this executable, found from its own path, so the vectors are the same from any
        folder.

        USAGE: crosscheck vectors <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        ROTARY POSITION EMBEDDING (ARTICLE 1) SUBCOMMANDS:
          rope                    A vector rotated by RoPE at each position, with the
                                  frequencies used.
          rope-frequencies        RoPE's frequencies and attention factor after
                                  long-context scaling.
          rope-decay              RoPE's long-range decay indicator F(r) at the given
                                  distances.

        TRANSFORMER POSITION ENCODINGS (ARTICLE 2) SUBCOMMANDS:
          sinusoidal              The sinusoidal position encoding (paper layout) at
                                  the given positions.
          t5-bucket               T5's relative position buckets (HF's
                                  _relative_position_bucket).

        THE RANDOM WALK (ARTICLE 5) SUBCOMMANDS:
          random-walk             Random-walk pmf, log-pmf, cdf P(S <= k) and survival
                                  P(S > k) at positions.
          random-walk-return      Return P(S(n) = 0) and first-return probabilities of
                                  the symmetric walk.

        LORA, ADALORA AND QLORA (ARTICLE 6) SUBCOMMANDS:
          lora                    Scale, merged weight and (with --input) output of a
                                  LoRA adapter in PEFT's layout.
          lora-factorize          Singular values, best rank-R approximation and its
                                  Frobenius error (Eckart-Young) of a weight update.
          nf4                     The 16 NF4 levels and (with --values) codes, absmax
                                  and dequantised values as bitsandbytes computes them
                                  in float32.

        THE OPTIMUM OF A QUADRATIC FORM (ARTICLE 7) SUBCOMMANDS:
          quadratic               Classification, stationary point and value of a
                                  quadratic form; optionally f, its gradient and a
                                  directional derivative at a point.

        DIRECTIONAL DERIVATIVES (ARTICLE 8) SUBCOMMANDS:
          directional-derivative  Value, gradient and directional derivatives of a
                                  function of two variables at a point, by dual numbers.

        THE POISSON AND EXPONENTIAL DISTRIBUTIONS (ARTICLE 9) SUBCOMMANDS:
          poisson                 Poisson pmf, log-pmf, cdf and survival P(N > k) at
                                  the given counts.
          exponential             Exponential pdf, cdf and survival P(X > t) at the
                                  given times.

          See 'crosscheck help vectors <subcommand>' for detailed help.
        """#)
  }

  @Test("vectors poisson gives its outputs, limits and an example")
  func poisson() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.PoissonCommand.self, columns: 80) == #"""
        OVERVIEW: Poisson pmf, log-pmf, cdf and survival P(N > k) at the given counts.

        Outputs, one list each with one entry per count: k; pmf, P(N = k); logpmf, log
        P(N = k); cdf, P(N <= k); sf, P(N > k), summed from the upper tail (not 1 -
        cdf). A negative count has pmf 0 and logpmf -inf (null in JSON, -inf in CSV).

        Limits: the mean is positive and finite; counts are whole numbers of magnitude
        at most 2^53, at most 1000000 of them.

        Example:
          crosscheck vectors poisson --mean 3 --count 0...10 --format csv

        USAGE: crosscheck vectors poisson --mean <mean> --count <list> [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --mean <mean>           The mean (positive and finite).
          --count <list>          Counts: a comma-separated list (0,1,5) or a range
                                  (0...10, or 0...10:2 with a step).
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }

  @Test("vectors exponential gives its outputs, limits and an example")
  func exponential() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.ExponentialCommand.self, columns: 80) == #"""
        OVERVIEW: Exponential pdf, cdf and survival P(X > t) at the given times.

        Outputs, one list each with one entry per time: t; pdf, the density at t; cdf,
        P(X <= t); sf, P(X > t) = exp(-rate t). A negative time has pdf 0, cdf 0 and sf
        1.

        Limits: the rate is positive and finite; at most 1000000 times, and a range's
        step must be large enough that its values are distinct doubles.

        Example:
          crosscheck vectors exponential --rate 3 --time 0...4:0.25

        USAGE: crosscheck vectors exponential --rate <rate> --time <list> [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --rate <rate>           The rate (positive and finite); the mean is 1/rate.
          --time <list>           Times: a comma-separated list (0,0.25,1) or a range
                                  with step 1 (0...4), or with a step (0...4:0.5).
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }

  @Test("vectors random-walk gives its outputs, limits and an example")
  func randomWalk() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.RandomWalkCommand.self, columns: 80) == #"""
        OVERVIEW: Random-walk pmf, log-pmf, cdf P(S <= k) and survival P(S > k) at
        positions.

        Outputs, one list each with one entry per position: k; pmf, P(S(n) = k);
        logpmf; cdf, P(S(n) <= k); sf, P(S(n) > k), both tails summed exactly. A
        position of the wrong parity or beyond the number of steps has pmf 0 and logpmf
        -inf (null in JSON, -inf in CSV).

        Limits: n is a whole number from 0 to 2^53; p is in [0, 1]; positions are whole
        numbers of magnitude at most 2^53, at most 1000000 of them, and the positions
        near the centre of a long walk may need at most 2e7 tail terms in all.

        Example:
          crosscheck vectors random-walk --steps 10 --p 0.3 --position -10...10:2

        USAGE: crosscheck vectors random-walk --steps <steps> [--p <p>] --position <list> [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --steps <steps>         The number of steps n (a whole number, at least 0).
          --p <p>                 The probability of a step up, in [0, 1]; default 0.5.
          --position <list>       Positions: a comma-separated list (-2,0,2) or a range
                                  (-10...10, or -10...10:2).
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }

  @Test("vectors random-walk-return gives its outputs, limits and an example")
  func randomWalkReturn() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.RandomWalkReturnCommand.self, columns: 80)
        == #"""
        OVERVIEW: Return P(S(n) = 0) and first-return probabilities of the symmetric
        walk.

        Outputs, one list each with one entry per n: n; return, u(n) = P(S(n) = 0);
        first_return, f(n), the probability that the walk is back at 0 for the first
        time at step n. Odd n gives 0 for both; first_return at n = 0 is 0.

        Limits: each n is a whole number from 0 to 2^53, at most 1000000 of them.

        Example:
          crosscheck vectors random-walk-return --steps 0...20:2 --format csv

        USAGE: crosscheck vectors random-walk-return --steps <list> [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --steps <list>          Numbers of steps: a comma-separated list (2,4,100) or
                                  a range (0...20).
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }

  @Test("vectors quadratic gives its outputs, limits and an example")
  func quadratic() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.QuadraticCommand.self, columns: 80) == #"""
        OVERVIEW: Classification, stationary point and value of a quadratic form;
        optionally f, its gradient and a directional derivative at a point.

        Outputs: classification (minimum, maximum, saddle, degenerate-minimum,
        degenerate-maximum, degenerate-saddle or no-stationary-point); stationary_point
        and stationary_value (null when there is none); eigenvalues (ascending);
        hessian (A, or 2A in the plain convention). With --point: value, f(x);
        gradient, H x + b; and with --direction too: directional_derivative, grad f . v
        / |v|. In CSV the set is long (output,row,column,value).

        Limits: A is square, nonzero and exactly symmetric (a non-symmetric A is
        refused, not symmetrised); b, the point and the direction have n entries; the
        direction is not zero; every result must be finite. An eigenvalue counts as
        zero when |lambda| <= 16 n eps max|lambda|, and b is in the range of A when its
        null-space component is at most 16 n eps |b|.

        Example:
          crosscheck vectors quadratic --matrix '[[2,1],[1,3]]' --linear '[-1,-2]' \
            --constant 0 --point '[1,1]' --direction '[3,4]'

        USAGE: crosscheck vectors quadratic --matrix <json> --linear <json> --constant <constant> [--convention <convention>] [--point <json>] [--direction <json>] [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --matrix <json>         A as a JSON array of rows, e.g. [[2,1],[1,3]].
          --linear <json>         b as JSON, e.g. [-1,-2].
          --constant <constant>   The constant c.
          --convention <convention>
                                  half (f = x^T A x / 2 + b^T x + c) or plain (f = x^T
                                  A x + b^T x + c). (values: half, plain; default: half)
          --point <json>          A point as JSON, for value and gradient.
          --direction <json>      A direction as JSON, for the directional derivative
                                  (needs --point).
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }

  @Test("vectors directional-derivative gives its outputs, limits and an example")
  func directionalDerivative() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.DirectionalDerivativeCommand.self, columns: 80)
        == #"""
        OVERVIEW: Value, gradient and directional derivatives of a function of two
        variables at a point, by dual numbers.

        The functions are spec 08's: squares, x^2 + y^2; wave, sin(x) exp(y);
        logarithm, log(1 + x^2 + 3 y^2); cubic, x^3 y - 2 x y^2.

        Outputs: value, f(p); gradient, (df/dx, df/dy); and one entry per direction v:
        unit_direction, u = v / |v| (a matrix, one row per direction);
        directional_derivative, D_u f = grad f . u; derivative_along_given, grad f . v,
        which is the directional derivative only when |v| = 1 (the pitfall of spec 08).
        In CSV the set is long (output,row,column,value).

        Limits: the point has 2 coordinates; each direction has 2 finite components and
        is not zero; every result must be finite.

        Example:
          crosscheck vectors directional-derivative --function squares --point '[1,2]'
        \
            --direction '[[3,4],[1,0]]'

        USAGE: crosscheck vectors directional-derivative [--function <function>] --point <json> --direction <json> [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --function <function>   The function: squares, wave, logarithm or cubic.
                                  (values: squares, wave, logarithm, cubic; default:
                                  squares)
          --point <json>          The point as JSON, e.g. [1,2].
          --direction <json>      One direction as JSON, e.g. [3,4], or several as
                                  rows, e.g. [[3,4],[1,0]].
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }
}
