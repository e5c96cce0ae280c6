public import ReferenceNumerics

/// The golden vectors of article 4: the output of a bottleneck adapter.
public enum AdaptersVectors {
  /// The checks whose claims verify the adapter kernel.
  public static let checks = [
    "adapter.forward", "adapter.identity-init", "adapter.placement", "adapter.fusion",
  ]

  /// Returns `output = h + f(h down + downBias) up + upBias`, computed in Double, with its
  /// tolerance: twice the first-order bound of a Double evaluation (``DenseBound``: inner
  /// products of k terms cost (k + 1) u of their magnitude sums, the activation 8 u of
  /// |z| + |f(z)| with slope at most 1.2, the residual add u |h + y|), once for the reference
  /// and once for the implementation compared with it.
  ///
  /// - Throws: `BottleneckAdapter.Error` for shapes that do not fit or a value that is not
  ///   finite.
  public static func adapter(
    hidden: [Double], down: [[Double]], downBias: [Double], up: [[Double]], upBias: [Double],
    activation: AdapterActivation
  ) throws -> VectorSet {
    let adapter = try BottleneckAdapter(
      down: down, downBias: downBias, up: up, upBias: upBias, activation: activation)
    let output = try adapter(hidden)
    let (lipschitz, rounding) = DenseBound.constants(activation)
    let bound = DenseBound.chain(
      hidden,
      [
        .init(
          weights: down, bias: downBias, activation: { activation($0) }, lipschitz: lipschitz,
          rounding: rounding),
        .init(weights: up, bias: upBias, activation: { $0 }, lipschitz: 1, rounding: 0),
      ], residual: true, u: Double.ulpOfOne / 2)
    return try VectorSet(
      name: "adapter",
      parameters: [
        .init("hidden", .numbers(hidden)), .init("down", .matrix(down)),
        .init("down_bias", .numbers(downBias)), .init("up", .matrix(up)),
        .init("up_bias", .numbers(upBias)), .init("activation", .text(activation.rawValue)),
      ],
      outputs: [.init("output", .numbers(output))],
      tolerances: [.init("output", .numbers(bound.map { 2 * $0 }))], checks: checks)
  }
}
