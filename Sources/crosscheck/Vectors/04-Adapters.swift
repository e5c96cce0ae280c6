public import ArgumentParser
public import ReferenceNumerics
import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 4.
  static let adapters: [any VectorCommand.Type] = [AdapterCommand.self]

  /// `crosscheck vectors adapter`.
  struct AdapterCommand: VectorCommand {
    static let article = Article.adapters

    static let configuration = CommandConfiguration(
      commandName: "adapter",
      abstract: "The output h + f(h W_down + b1) W_up + b2 of a bottleneck adapter.",
      discussion: """
        Outputs: output, the adapter's output for the hidden state h (length d), computed in \
        double. The activation f is relu, gelu (x Phi(x), with erf) or gelu-tanh (the tanh \
        approximation with 0.044715).

        Tolerances: for each element, twice the first-order rounding bound of a double \
        evaluation (inner products of k terms cost (k + 1) u of their magnitude sums, the \
        activation 8 u of |z| + |f(z)| with slope at most 1.2, the residual add u |h + y|): \
        once for these values, once for the implementation compared with them.

        Limits: h has d entries; the down-projection is d x m (d rows of m), its bias m; the \
        up-projection is m x d, its bias d; every number is finite.

        Example:
          crosscheck vectors adapter --hidden '[1,-2]' --down '[[0.5],[0.25]]' \\
            --down-bias '[0.1]' --up '[[1,-1]]' --up-bias '[0,0]' --activation gelu
        """)

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The hidden state h as JSON, e.g. [1,-2].", valueName: "json"),
      transform: Parse.vector)
    var hidden: [Double]

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("W_down as JSON rows (d x m).", valueName: "json"),
      transform: Parse.rows)
    var down: [[Double]]

    @Option(
      name: .customLong("down-bias"), parsing: .unconditional,
      help: ArgumentHelp("b1 as JSON (m entries).", valueName: "json"), transform: Parse.vector)
    var downBias: [Double]

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("W_up as JSON rows (m x d).", valueName: "json"),
      transform: Parse.rows)
    var up: [[Double]]

    @Option(
      name: .customLong("up-bias"), parsing: .unconditional,
      help: ArgumentHelp("b2 as JSON (d entries).", valueName: "json"), transform: Parse.vector)
    var upBias: [Double]

    @Option(help: "The activation: relu, gelu or gelu-tanh.")
    var activation: AdapterActivation = .relu

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try AdaptersVectors.adapter(
        hidden: hidden, down: down, downBias: downBias, up: up, upBias: upBias,
        activation: activation)
    }
  }
}

extension AdapterActivation: ExpressibleByArgument {}
