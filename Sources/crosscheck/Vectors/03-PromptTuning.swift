import ArgumentParser
import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 3.
  static let promptTuning: [any VectorCommand.Type] = [PrefixAttentionCommand.self]

  /// `crosscheck vectors prefix-attention`.
  struct PrefixAttentionCommand: VectorCommand {
    static let article = Article.promptTuning

    /// The precisions of the attention vectors.
    enum Precision: String, ExpressibleByArgument, CaseIterable {
      case double, float
    }

    static let configuration = CommandConfiguration(
      commandName: "prefix-attention",
      abstract: "Scaled dot-product attention of one query with prefix keys and values, and "
        + "the prefix's share lambda of the softmax.",
      discussion: """
        Outputs: output, attention over [prefix; keys] with scores q . k / sqrt(d), as \
        torch's scaled_dot_product_attention; lambda, the prefix's share of the softmax mass; plain_output, attention over the keys alone \
        (null without keys); prefix_output, over the prefix alone (null without a prefix); \
        output = (1 - lambda) plain_output + lambda prefix_output.

        Tolerances: for each element, the first-order rounding bound of a max-subtracted \
        softmax in the chosen precision (it grows with the largest score), plus the same \
        bound in double for these values; lambda's is the weight bound times lambda plus the \
        least normal number. The inputs are rounded to the precision first.

        Limits: the query has d >= 1 entries; keys and prefix keys are rows of d, values and \
        prefix values rows of one common length, as many as their keys; [] is an empty key \
        set, but not both; every number is finite in the precision.

        Example:
          crosscheck vectors prefix-attention --query '[1,2]' --keys '[[1,0],[0,1]]' \\
            --values '[[1,2],[3,4]]' --prefix-keys '[[1,1]]' --prefix-values '[[0,-1]]'
        """)

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The query as JSON, e.g. [1,2].", valueName: "json"),
      transform: Parse.vector)
    var query: [Double]

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The context keys as JSON rows, or [] for none.", valueName: "json"),
      transform: PrefixAttentionCommand.rows)
    var keys: [[Double]]

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The context values as JSON rows, or [] for none.", valueName: "json"),
      transform: PrefixAttentionCommand.rows)
    var values: [[Double]]

    @Option(
      name: .customLong("prefix-keys"), parsing: .unconditional,
      help: ArgumentHelp("The prefix keys as JSON rows, or [] for none.", valueName: "json"),
      transform: PrefixAttentionCommand.rows)
    var prefixKeys: [[Double]]

    @Option(
      name: .customLong("prefix-values"), parsing: .unconditional,
      help: ArgumentHelp("The prefix values as JSON rows, or [] for none.", valueName: "json"),
      transform: PrefixAttentionCommand.rows)
    var prefixValues: [[Double]]

    @Option(help: "The precision of the implementation compared: double or float.")
    var precision: Precision = .double

    @OptionGroup var output: VectorOutput

    /// Reads JSON rows, or `[]` for none.
    static func rows(_ text: String) throws -> [[Double]] {
      text.filter { !$0.isWhitespace } == "[]" ? [] : try Parse.rows(text)
    }

    func vectors() throws -> VectorSet {
      try PromptTuningVectors.prefixAttention(
        query: query, keys: keys, values: values, prefixKeys: prefixKeys,
        prefixValues: prefixValues, precision: precision == .double ? .double : .float)
    }
  }
}
