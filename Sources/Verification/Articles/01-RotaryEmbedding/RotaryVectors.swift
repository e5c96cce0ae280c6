import RealModule
public import ReferenceNumerics

/// The golden vectors of articles 1 and 2: rotations, frequencies, the decay indicator,
/// sinusoidal encodings and T5 buckets, each with the per-element bound a sound implementation
/// meets (the error analysis of the claims that verify the kernels).
public enum RotaryVectors {
  /// The checks whose claims verify the rotation kernel.
  public static let ropeChecks = [
    "rotary.accuracy", "rotary.relative", "rotary.orthogonal", "rotary.forms",
    "rotary.complex-score", "rotary.layout-permutation", "rotary.frequencies",
  ]
  /// The checks whose claims verify the frequencies and the attention factor.
  public static let frequencyChecks = ["rotary.frequencies", "rotary.attention-factor"]
  /// The checks whose claims verify the decay indicator.
  public static let decayChecks = ["rotary.decay", "rotary.decay-figure", "rotary.decay-trend"]
  /// The checks whose claims verify the sinusoidal encoding.
  public static let sinusoidalChecks = [
    "sinusoidal.encoding", "sinusoidal.properties", "sinusoidal.floater",
  ]
  /// The checks whose claims verify T5's buckets.
  public static let t5Checks = ["t5.bucket", "t5.bucket-agreement"]

  /// The per-element bound on a frequency: `4 eps (1 + |ln theta|) theta`, the rounding of the
  /// exponent amplified by `|ln theta|`, plus the power and the division.
  static func frequencyBound(_ theta: Double, eps: Double) -> Double {
    4 * eps * (1 + abs(Double.log(theta))) * theta
  }

  static func entries(_ prefix: String, _ scaling: RotaryScaling) -> [VectorSet.Entry] {
    switch scaling {
    case .none: [.init(prefix, .text("none"))]
    case .linear(let s): [.init(prefix, .text("linear")), .init("factor", .number(s))]
    case .dynamic(let s, let original, let length):
      [
        .init(prefix, .text("dynamic")), .init("factor", .number(s)),
        .init("original_max_positions", .number(Double(original))),
        .init("sequence_length", .number(Double(length))),
      ]
    case .yarn(let s, let original, let fast, let slow, _, _):
      [
        .init(prefix, .text("yarn")), .init("factor", .number(s)),
        .init("original_max_positions", .number(Double(original))),
        .init("beta_fast", .number(fast)), .init("beta_slow", .number(slow)),
      ]
    case .llama3(let s, let original, let low, let high):
      [
        .init(prefix, .text("llama3")), .init("factor", .number(s)),
        .init("original_max_positions", .number(Double(original))),
        .init("low_freq_factor", .number(low)), .init("high_freq_factor", .number(high)),
      ]
    }
  }

  /// Returns `theta` and one rotated row per position: `R_m x`, scaled by the attention factor.
  ///
  /// With `precision` float the whole pipeline runs in `Float`, as an fp32 implementation does.
  /// Tolerances: `theta` within `4 eps (1 + |ln theta|) theta`; each rotated element within
  /// `4 eps (1 + |m| theta_max) |x|`, the rounding of the angle `m theta` (eps of the
  /// precision).
  ///
  /// - Throws: `RotaryEmbedding.Error` for a bad dimension, fraction, scaling or vector length.
  public static func rope(
    dimension: Int, base: Double, layout: RotaryEmbedding<Double>.Layout, rotaryFraction: Double,
    precision: Precision, scaling: RotaryScaling, vector: [Double], positions: [Double]
  ) throws -> VectorSet {
    // Parameters first, so their errors come before the vector's length.
    _ = try RotaryEmbedding<Double>(
      dimension: dimension, base: base, rotaryFraction: rotaryFraction, layout: layout,
      scaling: scaling)
    guard vector.count == dimension else {
      throw RotaryEmbedding<Double>.Error.wrongLength(vector.count, expected: dimension)
    }
    let theta: [Double]
    let rows: [[Double]]
    let eps: Double
    if precision == .double {
      let rope = try RotaryEmbedding<Double>(
        dimension: dimension, base: base, rotaryFraction: rotaryFraction, layout: layout,
        scaling: scaling)
      theta = rope.frequencies
      rows = try positions.map { try rope.rotate(vector, at: $0) }
      eps = Double.ulpOfOne
    } else {
      let kind: RotaryEmbedding<Float>.Layout = layout == .interleaved ? .interleaved : .halfSplit
      let rope = try RotaryEmbedding<Float>(
        dimension: dimension, base: Float(base), rotaryFraction: rotaryFraction, layout: kind,
        scaling: scaling)
      theta = rope.frequencies.map(Double.init)
      let x = vector.map(Float.init)
      rows = try positions.map { try rope.rotate(x, at: Float($0)).map(Double.init) }
      eps = Double(Float.ulpOfOne)
    }
    let size = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let largest = theta.max() ?? 1
    let rowBounds = positions.map { m in
      [Double](repeating: 4 * eps * (1 + abs(m) * largest) * size, count: dimension)
    }
    return try VectorSet(
      name: "rope",
      parameters: [
        .init("dim", .number(Double(dimension))), .init("base", .number(base)),
        .init("layout", .text(layout.rawValue)), .init("rotary_fraction", .number(rotaryFraction)),
        .init("precision", .text(precision.rawValue)),
      ] + entries("scaling", scaling) + [
        .init("vector", .numbers(vector)), .init("positions", .numbers(positions)),
      ],
      outputs: [.init("theta", .numbers(theta)), .init("rotated", .matrix(rows))],
      tolerances: [
        .init("theta", .numbers(theta.map { frequencyBound($0, eps: eps) })),
        .init("rotated", .matrix(rowBounds)),
      ],
      checks: ropeChecks)
  }

  /// Returns the scaled frequencies `theta` and the attention factor.
  ///
  /// Tolerances: `theta` within `4 eps (1 + |ln theta|) theta`, the factor within `2 eps a`.
  ///
  /// - Throws: `RotaryEmbedding.Error` for bad parameters.
  public static func frequencies(
    dimension: Int, base: Double, rotaryFraction: Double, scaling: RotaryScaling
  ) throws -> VectorSet {
    let rope = try RotaryEmbedding<Double>(
      dimension: dimension, base: base, rotaryFraction: rotaryFraction, scaling: scaling)
    let eps = Double.ulpOfOne
    return try VectorSet(
      name: "rope-frequencies",
      parameters: [
        .init("dim", .number(Double(dimension))), .init("base", .number(base)),
        .init("rotary_fraction", .number(rotaryFraction)),
      ] + entries("scaling", scaling),
      outputs: [
        .init("theta", .numbers(rope.frequencies)),
        .init("attention_factor", .number(rope.attentionFactor)),
      ],
      tolerances: [
        .init("theta", .numbers(rope.frequencies.map { frequencyBound($0, eps: eps) })),
        .init("attention_factor", .number(2 * eps * rope.attentionFactor)),
      ],
      checks: frequencyChecks)
  }

  /// Returns one sinusoidal encoding row per position (paper layout).
  ///
  /// Tolerance: each element within `2 eps (2 + |k|)`, the rounding of the angle `k omega`
  /// (omega at most 1) and of one sine or cosine.
  ///
  /// - Throws: `SinusoidalEncoding.Error` for an odd or non-positive dimension or a bad base.
  public static func sinusoidal(dimension: Int, base: Double, positions: [Double]) throws
    -> VectorSet
  {
    let rows = try positions.map {
      try SinusoidalEncoding.encoding(position: $0, dimension: dimension, base: base)
    }
    let bounds = positions.map { k in
      [Double](repeating: 2 * Double.ulpOfOne * (2 + abs(k)), count: dimension)
    }
    return try VectorSet(
      name: "sinusoidal",
      parameters: [
        .init("dim", .number(Double(dimension))), .init("base", .number(base)),
        .init("positions", .numbers(positions)),
      ],
      outputs: [.init("encoding", .matrix(rows))],
      tolerances: [.init("encoding", .matrix(bounds))],
      checks: sinusoidalChecks)
  }

  /// Returns T5's buckets of relative positions `memory - query`, the log in float32 as HF.
  ///
  /// Tolerance: 0 for every bucket (integers; the claims find float32, double and 256-bit logs
  /// in agreement).
  ///
  /// - Throws: `RelativePosition.Error` when the buckets leave no log range.
  public static func t5Bucket(
    relativePositions: [Int], bidirectional: Bool, buckets: Int, maxDistance: Int
  ) throws -> VectorSet {
    let values = try relativePositions.map {
      try RelativePosition.t5Bucket(
        $0, bidirectional: bidirectional, buckets: buckets, maxDistance: maxDistance,
        in: Float.self)
    }
    return try VectorSet(
      name: "t5-bucket",
      parameters: [
        .init("direction", .text(bidirectional ? "bidirectional" : "unidirectional")),
        .init("buckets", .number(Double(buckets))),
        .init("max_distance", .number(Double(maxDistance))),
      ],
      outputs: [
        .init("relative_position", .numbers(relativePositions.map(Double.init))),
        .init("bucket", .numbers(values.map(Double.init))),
      ],
      tolerances: [.init("bucket", .numbers(values.map { _ in 0 }))],
      checks: t5Checks)
  }

  /// Returns the decay indicator `F(r)` at the distances.
  ///
  /// Tolerance: `64 eps F(r)`, the rounding of 64 partial sums of unit phasors (d = 128).
  ///
  /// - Throws: `RotaryEmbedding.Error` for a bad dimension or base.
  public static func decay(dimension: Int, base: Double, distances: [Double]) throws
    -> VectorSet
  {
    let rope = try RotaryEmbedding<Double>(dimension: dimension, base: base)
    let values = distances.map {
      RotaryDecay.indicator(distance: $0, frequencies: rope.frequencies)
    }
    let terms = Double(dimension / 2)
    return try VectorSet(
      name: "rope-decay",
      parameters: [.init("dim", .number(Double(dimension))), .init("base", .number(base))],
      outputs: [
        .init("distance", .numbers(distances)), .init("indicator", .numbers(values)),
      ],
      tolerances: [
        .init("indicator", .numbers(values.map { terms * Double.ulpOfOne * $0 }))
      ],
      checks: decayChecks)
  }
}
