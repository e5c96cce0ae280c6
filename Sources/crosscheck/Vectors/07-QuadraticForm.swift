public import ArgumentParser
public import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 7.
  static let quadraticForm: [any VectorCommand.Type] = [QuadraticCommand.self]

  /// `crosscheck vectors quadratic`.
  struct QuadraticCommand: VectorCommand {
    static let article = Article.quadraticForm

    static let configuration = CommandConfiguration(
      commandName: "quadratic",
      abstract: "Classification, stationary point and value of a quadratic form; optionally "
        + "f, its gradient and a directional derivative at a point.",
      discussion: """
        Outputs: classification (minimum, maximum, saddle, degenerate-minimum, \
        degenerate-maximum, degenerate-saddle or no-stationary-point); stationary_point and \
        stationary_value (null when there is none); eigenvalues (ascending); hessian (A, or \
        2A in the plain convention). With --point: value, f(x); gradient, H x + b; and with \
        --direction too: directional_derivative, grad f . v / |v|. In CSV the set is long \
        (output,row,column,value).

        Limits: A is square, nonzero and exactly symmetric (a non-symmetric A is refused, not \
        symmetrised); b, the point and the direction have n entries; the direction is not \
        zero; every result must be finite. An eigenvalue counts as zero when |lambda| <= \
        16 n eps max|lambda|, and b is in the range of A when its null-space component is at \
        most 16 n eps |b|.

        Example:
          crosscheck vectors quadratic --matrix '[[2,1],[1,3]]' --linear '[-1,-2]' \\
            --constant 0 --point '[1,1]' --direction '[3,4]'
        """)

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("A as a JSON array of rows, e.g. [[2,1],[1,3]].", valueName: "json"),
      transform: Parse.matrix)
    var matrix: [[Double]]

    @Option(
      parsing: .unconditional, help: ArgumentHelp("b as JSON, e.g. [-1,-2].", valueName: "json"),
      transform: Parse.vector)
    var linear: [Double]

    @Option(parsing: .unconditional, help: "The constant c.", transform: Parse.number)
    var constant: Double

    @Option(help: "half (f = x^T A x / 2 + b^T x + c) or plain (f = x^T A x + b^T x + c).")
    var convention: QuadraticFormVectors.Convention = .half

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("A point as JSON, for value and gradient.", valueName: "json"),
      transform: Parse.vector)
    var point: [Double]?

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "A direction as JSON, for the directional derivative (needs --point).",
        valueName: "json"),
      transform: Parse.vector)
    var direction: [Double]?

    @OptionGroup var output: VectorOutput

    func validate() throws {
      if direction != nil && point == nil { throw ValidationError("--direction needs --point.") }
    }

    func vectors() throws -> VectorSet {
      try QuadraticFormVectors.quadratic(
        matrix: matrix, linear: linear, constant: constant, convention: convention,
        point: point, direction: direction)
    }
  }
}

extension QuadraticFormVectors.Convention: ExpressibleByArgument {}
