public import ArgumentParser
public import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 10.
  static let hippo: [any VectorCommand.Type] = [
    HiPPOCommand.self, HiPPODiscreteCommand.self, HiPPOLegSCommand.self,
  ]

  /// `crosscheck vectors hippo`.
  struct HiPPOCommand: VectorCommand {
    static let article = Article.hippo

    static let configuration = CommandConfiguration(
      commandName: "hippo",
      abstract: "HiPPO transition matrix A and input vector B of x' = A x + B u.",
      discussion: """
        Outputs: A (N x N, the code's sign: the paper's matrix is -A) and B (N entries). \
        LegS's system is x' = (A x + B u) / t. legt is state-spaces/s4's normalisation at \
        the default window 2; hippo-code's legt is --window 1, exactly twice it. Tolerances: \
        4 u |value| per entry (u = 2^-53). In CSV the set is long (output,row,column,value).

        Limits: N is a whole number from 1 to 4096; the window is positive and finite \
        (used by legt and lmu only).

        Example:
          crosscheck vectors hippo --measure legs --size 4
        """)

    @Option(help: "The measure: legs, legt, lmu, lagt or fourier.")
    var measure: HiPPOVectors.Measure

    @Option(
      parsing: .unconditional, help: "The state size N (1 to 4096).",
      transform: Parse.nonNegativeWholeNumber)
    var size: Int

    @Option(
      parsing: .unconditional, help: "The window theta of legt and lmu (positive).",
      transform: Parse.positive)
    var window: Double = 2

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try HiPPOVectors.matrices(measure: measure, size: size, window: window)
    }
  }

  /// `crosscheck vectors hippo-discrete`.
  struct HiPPODiscreteCommand: VectorCommand {
    static let article = Article.hippo

    static let configuration = CommandConfiguration(
      commandName: "hippo-discrete",
      abstract: "Discretised HiPPO matrices Ad and Bd of x(k+1) = Ad x(k) + Bd u(k).",
      discussion: """
        Outputs: Ad (N x N) and Bd (N entries) for the step dt. gbt is (I - alpha dt \
        A)^-1 (I + (1 - alpha) dt A) and (I - alpha dt A)^-1 dt B; forward-euler, \
        backward-euler and bilinear are alpha 0, 1 and 1/2; zoh is exp(dt A) and A^-1 \
        (exp(dt A) - I) B, both taken from the exponential of dt [[A, B], [0, 0]]. \
        Tolerances: 16 N (1 + dt |A|_inf) u times the largest magnitude of each output.

        Limits: N from 1 to 4096; the step and window are positive and finite; alpha is in \
        [0, 1] (gbt only, default 1/2).

        Example:
          crosscheck vectors hippo-discrete --measure legt --size 4 --step 0.1 \\
            --method bilinear
        """)

    @Option(help: "The measure: legs, legt, lmu, lagt or fourier.")
    var measure: HiPPOVectors.Measure

    @Option(
      parsing: .unconditional, help: "The state size N (1 to 4096).",
      transform: Parse.nonNegativeWholeNumber)
    var size: Int

    @Option(
      parsing: .unconditional, help: "The step dt (positive).", transform: Parse.positive)
    var step: Double

    @Option(help: "forward-euler, backward-euler, bilinear, zoh or gbt.")
    var method: HiPPOVectors.Method

    @Option(
      parsing: .unconditional, help: "The gbt alpha, in [0, 1].", transform: Parse.probability)
    var alpha: Double?

    @Option(
      parsing: .unconditional, help: "The window theta of legt and lmu (positive).",
      transform: Parse.positive)
    var window: Double = 2

    @OptionGroup var output: VectorOutput

    func validate() throws {
      if alpha != nil && method != .gbt { throw ValidationError("--alpha needs --method gbt.") }
    }

    func vectors() throws -> VectorSet {
      try HiPPOVectors.discrete(
        measure: measure, size: size, window: window, step: step, method: method, alpha: alpha)
    }
  }

  /// `crosscheck vectors hippo-legs`.
  struct HiPPOLegSCommand: VectorCommand {
    static let article = Article.hippo

    static let configuration = CommandConfiguration(
      commandName: "hippo-legs",
      abstract: "States of the scaled HiPPO-LegS recurrence, one row per sample.",
      discussion: """
        Outputs: states, an L x N matrix: row k is the state after sample k. The step at \
        time t uses A / t and B / t with a unit step; zero-state starts from 0 and takes \
        sample k at t = k + 1, first-sample sets the state to f(0) e(0) and takes sample k \
        at t = k. bilinear, euler and backward-euler run in O(N) per step; zoh (exact in \
        log time) forms an exponential per step. Tolerances: 16 N L u times the largest \
        state magnitude (at least 1); euler is unstable once N > 2t, and its bound holds \
        only while the states stay bounded.

        Limits: N from 1 to 4096; the signal is a JSON array of finite numbers.

        Example:
          crosscheck vectors hippo-legs --size 4 --signal '[1,-0.5,0.25,2,0,-1]'
        """)

    @Option(
      parsing: .unconditional, help: "The state size N (1 to 4096).",
      transform: Parse.nonNegativeWholeNumber)
    var size: Int

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The samples as JSON, e.g. [1,-0.5,2].", valueName: "json"),
      transform: Parse.vector)
    var signal: [Double]

    @Option(help: "bilinear, euler, backward-euler or zoh.")
    var method: HiPPOVectors.LegSMethod = .bilinear

    @Option(name: .customLong("first-step"), help: "zero-state or first-sample.")
    var firstStep: HiPPOVectors.FirstStep = .zeroState

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try HiPPOVectors.legS(size: size, signal: signal, method: method, firstStep: firstStep)
    }
  }
}

extension HiPPOVectors.Measure: ExpressibleByArgument {}
extension HiPPOVectors.Method: ExpressibleByArgument {}
extension HiPPOVectors.LegSMethod: ExpressibleByArgument {}
extension HiPPOVectors.FirstStep: ExpressibleByArgument {}
