public import ArgumentParser
public import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 8.
  static let directionalDerivative: [any VectorCommand.Type] = [DirectionalDerivativeCommand.self]

  /// `crosscheck vectors directional-derivative`.
  struct DirectionalDerivativeCommand: VectorCommand {
    static let article = Article.directionalDerivative

    static let configuration = CommandConfiguration(
      commandName: "directional-derivative",
      abstract: "Value, gradient and directional derivatives of a function of two variables "
        + "at a point, by dual numbers.",
      discussion: """
        The functions are spec 08's: squares, x^2 + y^2; wave, sin(x) exp(y); logarithm, \
        log(1 + x^2 + 3 y^2); cubic, x^3 y - 2 x y^2.

        Outputs: value, f(p); gradient, (df/dx, df/dy); and one entry per direction v: \
        unit_direction, u = v / |v| (a matrix, one row per direction); \
        directional_derivative, D_u f = grad f . u; derivative_along_given, grad f . v, which \
        is the directional derivative only when |v| = 1 (the pitfall of spec 08). In CSV the \
        set is long (output,row,column,value).

        Limits: the point has 2 coordinates; each direction has 2 finite components and is \
        not zero; every result must be finite.

        Example:
          crosscheck vectors directional-derivative --function squares --point '[1,2]' \\
            --direction '[[3,4],[1,0]]'
        """)

    @Option(help: "The function: squares, wave, logarithm or cubic.")
    var function: DirectionalDerivativeVectors.Function = .squares

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The point as JSON, e.g. [1,2].", valueName: "json"),
      transform: Parse.vector)
    var point: [Double]

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "One direction as JSON, e.g. [3,4], or several as rows, e.g. [[3,4],[1,0]].",
        valueName: "json"),
      transform: Parse.rows)
    var direction: [[Double]]

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try DirectionalDerivativeVectors.derivatives(of: function, at: point, along: direction)
    }
  }
}

extension DirectionalDerivativeVectors.Function: ExpressibleByArgument {}
