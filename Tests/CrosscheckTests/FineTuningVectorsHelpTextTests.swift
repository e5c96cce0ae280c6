import ArgumentParser
import Testing

@testable import crosscheck

@Suite("Help text of the fine-tuning vectors")
struct FineTuningVectorsHelpTextTests {
  @Test("vectors prefix-attention gives its outputs, tolerances, limits and an example")
  func prefixAttention() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.PrefixAttentionCommand.self, columns: 80)
        == #"""
        OVERVIEW: Scaled dot-product attention of one query with prefix keys and
        values, and the prefix's share lambda of the softmax.

        Outputs: output, attention over [prefix; keys] with scores q . k / sqrt(d), as
        torch's scaled_dot_product_attention; lambda, the prefix's share of the softmax
        mass; plain_output, attention over the keys alone (null without keys);
        prefix_output, over the prefix alone (null without a prefix); output = (1 -
        lambda) plain_output + lambda prefix_output.

        Tolerances: for each element, the first-order rounding bound of a
        max-subtracted softmax in the chosen precision (it grows with the largest
        score), plus the same bound in double for these values; lambda's is the weight
        bound times lambda plus the least normal number. The inputs are rounded to the
        precision first.

        Limits: the query has d >= 1 entries; keys and prefix keys are rows of d,
        values and prefix values rows of one common length, as many as their keys; []
        is an empty key set, but not both; every number is finite in the precision.

        Example:
          crosscheck vectors prefix-attention --query '[1,2]' --keys '[[1,0],[0,1]]' \
            --values '[[1,2],[3,4]]' --prefix-keys '[[1,1]]' --prefix-values '[[0,-1]]'

        USAGE: crosscheck vectors prefix-attention --query <json> --keys <json> --values <json> --prefix-keys <json> --prefix-values <json> [--precision <precision>] [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --query <json>          The query as JSON, e.g. [1,2].
          --keys <json>           The context keys as JSON rows, or [] for none.
          --values <json>         The context values as JSON rows, or [] for none.
          --prefix-keys <json>    The prefix keys as JSON rows, or [] for none.
          --prefix-values <json>  The prefix values as JSON rows, or [] for none.
          --precision <precision> The precision of the implementation compared: double
                                  or float. (values: double, float; default: double)
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }

  @Test("vectors adapter gives its outputs, tolerances, limits and an example")
  func adapter() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.AdapterCommand.self, columns: 80) == #"""
        OVERVIEW: The output h + f(h W_down + b1) W_up + b2 of a bottleneck adapter.

        Outputs: output, the adapter's output for the hidden state h (length d),
        computed in double. The activation f is relu, gelu (x Phi(x), with erf) or
        gelu-tanh (the tanh approximation with 0.044715).

        Tolerances: for each element, twice the first-order rounding bound of a double
        evaluation (inner products of k terms cost (k + 1) u of their magnitude sums,
        the activation 8 u of |z| + |f(z)| with slope at most 1.2, the residual add u
        |h + y|): once for these values, once for the implementation compared with
        them.

        Limits: h has d entries; the down-projection is d x m (d rows of m), its bias
        m; the up-projection is m x d, its bias d; every number is finite.

        Example:
          crosscheck vectors adapter --hidden '[1,-2]' --down '[[0.5],[0.25]]' \
            --down-bias '[0.1]' --up '[[1,-1]]' --up-bias '[0,0]' --activation gelu

        USAGE: crosscheck vectors adapter --hidden <json> --down <json> --down-bias <json> --up <json> --up-bias <json> [--activation <activation>] [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --hidden <json>         The hidden state h as JSON, e.g. [1,-2].
          --down <json>           W_down as JSON rows (d x m).
          --down-bias <json>      b1 as JSON (m entries).
          --up <json>             W_up as JSON rows (m x d).
          --up-bias <json>        b2 as JSON (d entries).
          --activation <activation>
                                  The activation: relu, gelu or gelu-tanh. (values:
                                  relu, gelu, gelu-tanh; default: relu)
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
