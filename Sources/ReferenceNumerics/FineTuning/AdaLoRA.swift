// SPDX-License-Identifier: GPL-3.0-or-later

/// An AdaLoRA update in SVD form, `P * diag(lambda * mask) * Q`, on a frozen weight.
///
/// The roles and the paper's symbols ([Zhang et al. 2023], section 3.1), with PEFT's names:
///
///     left    P, d x r   lora_B
///     lambda  Λ, r       lora_E (one singular value per triplet)
///     right   Q, r x k   lora_A
///     W = W0 + s * P diag(lambda) Q
///
/// The paper has `s = 1`; PEFT multiplies by `lora_alpha / (ranknum + 1e-5)` with `ranknum`
/// frozen at the initial rank, so masking triplets never changes the scale. A masked triplet
/// (`mask[i] == false`) contributes exactly nothing: its `lambda` is replaced by zero, so the
/// merged weight does not depend on `P[:, i]` or `Q[i, :]` at all.
///
/// [Zhang et al. 2023]: https://arxiv.org/abs/2303.10512
public struct AdaLoRATriplets<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The frozen weight `W0`, d x k.
  public let weight: Matrix<Scalar>
  /// `P`, d x r.
  public let left: Matrix<Scalar>
  /// `lambda`, r entries.
  public let lambda: [Scalar]
  /// `Q`, r x k.
  public let right: Matrix<Scalar>
  /// Which triplets are kept (`true`) or masked (`false`).
  public let mask: [Bool]
  /// The scale `s` in front of `P diag(lambda) Q`.
  public let scaling: Scalar

  /// Creates the triplets after checking shapes and values.
  ///
  /// - Parameters:
  ///   - weight: `W0`, d x k, non-empty.
  ///   - left: `P`, d x r with r >= 1.
  ///   - lambda: r finite values.
  ///   - right: `Q`, r x k.
  ///   - mask: r flags; all kept by default.
  ///   - scaling: A finite scale (1 in the paper).
  /// - Throws: `LowRankAdapter.Error` naming the part that does not fit.
  public init(
    weight: Matrix<Scalar>, left: Matrix<Scalar>, lambda: [Scalar], right: Matrix<Scalar>,
    mask: [Bool]? = nil, scaling: Scalar = 1
  ) throws(LowRankAdapter<Scalar>.Error) {
    guard weight.rows >= 1, weight.columns >= 1 else {
      throw .emptyWeight(rows: weight.rows, columns: weight.columns)
    }
    let r = lambda.count
    guard r >= 1 else { throw .zeroRank }
    guard left.rows == weight.rows, left.columns == r else {
      throw .shapeMismatch(role: "left (P)", expected: [weight.rows, r], got: left.shape)
    }
    guard right.rows == r, right.columns == weight.columns else {
      throw .shapeMismatch(role: "right (Q)", expected: [r, weight.columns], got: right.shape)
    }
    guard lambda.allSatisfy(\.isFinite) else {
      throw .invalidAlpha(Double(lambda.first { !$0.isFinite } ?? .nan))
    }
    guard scaling.isFinite else { throw .invalidAlpha(Double(scaling)) }
    let flags = mask ?? [Bool](repeating: true, count: r)
    guard flags.count == r else {
      throw .shapeMismatch(role: "mask", expected: [r, 1], got: [flags.count, 1])
    }
    self.weight = weight
    self.left = left
    self.lambda = lambda
    self.right = right
    self.mask = flags
    self.scaling = scaling
  }

  /// The number of triplets r.
  public var rank: Int { lambda.count }

  /// The same triplets with another mask.
  public func masked(_ mask: [Bool]) throws(LowRankAdapter<Scalar>.Error) -> Self {
    try Self(
      weight: weight, left: left, lambda: lambda, right: right, mask: mask, scaling: scaling)
  }

  /// The update `s * P diag(lambda * mask) Q`, d x k.
  public func delta() throws(Matrix<Scalar>.Error) -> Matrix<Scalar> {
    let d = weight.rows
    let k = weight.columns
    var elements = [Scalar](repeating: 0, count: d * k)
    for l in 0..<rank where mask[l] {
      for i in 0..<d {
        let factor = left[i, l] * lambda[l]
        if factor == 0 { continue }
        for j in 0..<k { elements[i * k + j] += factor * right[l, j] }
      }
    }
    return try Matrix(rows: d, columns: k, elements: elements).scaled(by: scaling)
  }

  /// The merged weight `W0 + delta()`.
  public func merged() throws(Matrix<Scalar>.Error) -> Matrix<Scalar> {
    try weight + delta()
  }

  /// Returns the output `W0 x + s * P (diag(lambda * mask) (Q x))` without merging.
  public func output(for input: [Scalar]) throws(Matrix<Scalar>.Error) -> [Scalar] {
    let frozen = try weight.multiplied(by: input)
    let projected = try right.multiplied(by: input)
    let weighted = (0..<rank).map { mask[$0] ? lambda[$0] * projected[$0] : 0 }
    let adapted = try left.multiplied(by: weighted)
    return zip(frozen, adapted).map { $0 + scaling * $1 }
  }

  /// The norm used by the orthogonality regulariser.
  public enum PenaltyNorm: String, Sendable, Hashable, CaseIterable {
    /// The paper's `||P^T P - I||_F^2 + ||Q Q^T - I||_F^2` (equation 4).
    case squaredFrobenius
    /// The code's `||P^T P - I||_F + ||Q Q^T - I||_F` (PEFT `AdaLoraModel.forward` and the
    /// original `compute_orth_regu`; PEFT averages it over the adapted matrices).
    case frobenius
  }

  /// The orthogonality regulariser `R(P, Q)` in the chosen norm; 0 exactly when P has
  /// orthonormal columns and Q orthonormal rows.
  public func orthogonalityPenalty(_ norm: PenaltyNorm) -> Scalar {
    let p = Self.gramDeviation(left.transposed)
    let q = Self.gramDeviation(right)
    switch norm {
    case .squaredFrobenius: return p * p + q * q
    case .frobenius: return p + q
    }
  }

  /// Returns `||M M^T - I||_F` for an r x n matrix M (the rows' Gram matrix).
  static func gramDeviation(_ m: Matrix<Scalar>) -> Scalar {
    let r = m.rows
    var entries = [Scalar]()
    entries.reserveCapacity(r * r)
    for a in 0..<r {
      for b in 0..<r {
        var dot: Scalar = 0
        for t in 0..<m.columns { dot += m[a, t] * m[b, t] }
        entries.append(dot - (a == b ? 1 : 0))
      }
    }
    return Matrix(unchecked: r, r, entries).frobeniusNorm
  }
}

/// The smoothed importance of one parameter in AdaLoRA: exponential moving averages of its
/// sensitivity and of the sensitivity's deviation.
///
/// At each step t >= 1, from the sensitivity `I(t) = |w * dL/dw|` (0-based in code, the paper
/// counts from 1):
///
///     Ibar(t) = beta1 * Ibar(t - 1) + (1 - beta1) * I(t)
///     Ubar(t) = beta2 * Ubar(t - 1) + (1 - beta2) * |I(t) - Ibar(t)|
///     s(t)    = Ibar(t) * Ubar(t)
///
/// with the deviation taken from the new `Ibar(t)`, as PEFT's `RankAllocator.update_ipt`
/// does. Unrolled, `Ibar(t) = beta1^t * Ibar(0) + (1 - beta1) * sum over s in 1 ... t of
/// beta1^(t - s) * I(s)`; so for a constant sensitivity c from `Ibar(0) = 0`,
/// `Ibar(t) = c * (1 - beta1^t)`, which tends to c.
public struct ImportanceScore<Scalar: ReferenceScalar>: Sendable, Hashable {
  /// The smoothing factor of the sensitivity, in [0, 1).
  public let beta1: Scalar
  /// The smoothing factor of the uncertainty, in [0, 1).
  public let beta2: Scalar
  /// The smoothed sensitivity `Ibar`.
  public private(set) var sensitivity: Scalar
  /// The smoothed uncertainty `Ubar`.
  public private(set) var uncertainty: Scalar

  /// Creates the averages, by default from zero (PEFT's start).
  ///
  /// - Throws: `ImportanceScore.Error.invalidBeta` for a factor outside [0, 1).
  public init(
    beta1: Scalar = 0.85, beta2: Scalar = 0.85, sensitivity: Scalar = 0, uncertainty: Scalar = 0
  ) throws(Error) {
    guard beta1 >= 0, beta1 < 1 else { throw .invalidBeta(Double(beta1)) }
    guard beta2 >= 0, beta2 < 1 else { throw .invalidBeta(Double(beta2)) }
    self.beta1 = beta1
    self.beta2 = beta2
    self.sensitivity = sensitivity
    self.uncertainty = uncertainty
  }

  /// The importance score `s = Ibar * Ubar`.
  public var score: Scalar { sensitivity * uncertainty }

  /// Advances one step with the sensitivity `I(t)`.
  public mutating func update(_ current: Scalar) {
    sensitivity = beta1 * sensitivity + (1 - beta1) * current
    uncertainty = beta2 * uncertainty + (1 - beta2) * abs(current - sensitivity)
  }

  /// Returns the sensitivity of a parameter, `|w * gradient|`.
  public static func sensitivity(weight: Scalar, gradient: Scalar) -> Scalar {
    abs(weight * gradient)
  }

  /// Returns the triplet score `S_i = s(lambda_i) + mean_j s(P[j, i]) + mean_j s(Q[i, j])`.
  ///
  /// - Parameters:
  ///   - lambda: The score of the singular value.
  ///   - leftColumn: The scores of column i of P (d of them).
  ///   - rightRow: The scores of row i of Q (k of them).
  /// - Returns: The sum of the three; an empty list counts as mean 0.
  public static func tripletScore(
    lambda: Scalar, leftColumn: [Scalar], rightRow: [Scalar]
  ) -> Scalar {
    func mean(_ values: [Scalar]) -> Scalar {
      values.isEmpty ? 0 : values.reduce(0, +) / Scalar(values.count)
    }
    return lambda + mean(leftColumn) + mean(rightRow)
  }

  /// Describes why the averages could not be created.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A smoothing factor was outside [0, 1).
    case invalidBeta(Double)

    public var description: String {
      switch self {
      case .invalidBeta(let value): "A smoothing factor must be in [0, 1); got \(value)."
      }
    }
  }
}

/// AdaLoRA's cubic rank budget: full for a warm-up, then falling as a cubic to the target, then
/// held for a final phase.
///
/// The paper's schedule (equation 11), with the total budget `b0`, the target `bT`, warm-up
/// `ti`, final phase `tf` and T steps in all:
///
///     b(t) = b0                                               for t < ti
///     b(t) = bT + (b0 - bT) * (1 - (t - ti) / (T - ti - tf))^3  for ti <= t < T - tf
///     b(t) = bT                                               for t >= T - tf
///
/// It is continuous at both joins (the cubic is b0 at `t = ti` and bT at `t = T - tf`) and
/// non-increasing. PEFT's `RankAllocator.budget_schedule` truncates the middle branch to an
/// integer, `int(...)`, uses `step <= tinit` and `step > total - tfinal` for the two ends, and
/// masks only every `deltaT` steps in the middle phase (always in the final one).
public struct BudgetSchedule: Sendable, Hashable {
  /// The initial budget b0 (the sum of the initial ranks).
  public let initial: Int
  /// The target budget bT.
  public let target: Int
  /// The warm-up steps ti.
  public let warmup: Int
  /// The final steps tf.
  public let final: Int
  /// The total steps T.
  public let total: Int
  /// PEFT's masking interval deltaT.
  public let interval: Int

  /// Creates a schedule.
  ///
  /// - Throws: `BudgetSchedule.Error` unless `0 <= target <= initial`, `warmup, final >= 0`,
  ///   `warmup + final < total` and `interval >= 1`.
  public init(
    initial: Int, target: Int, warmup: Int, final: Int, total: Int, interval: Int = 1
  ) throws(Error) {
    guard target >= 0, target <= initial else { throw .budgets(initial: initial, target: target) }
    // warmup + final < total, written so that it cannot overflow.
    guard warmup >= 0, final >= 0, warmup < total, final < total - warmup else {
      throw .phases(warmup: warmup, final: final, total: total)
    }
    guard interval >= 1 else { throw .interval(interval) }
    self.initial = initial
    self.target = target
    self.warmup = warmup
    self.final = final
    self.total = total
    self.interval = interval
  }

  /// The paper's real-valued budget b(t).
  public func budget(at t: Double) -> Double {
    let b0 = Double(initial)
    let bT = Double(target)
    if t < Double(warmup) { return b0 }
    if t >= Double(total - final) { return bT }
    let x = 1 - (t - Double(warmup)) / Double(total - warmup - final)
    return bT + (b0 - bT) * x * x * x
  }

  /// PEFT's integer budget at `step` and whether it masks at that step.
  public func peftBudget(step: Int) -> (budget: Int, masks: Bool) {
    if step <= warmup { return (initial, false) }
    if step > total - final { return (target, true) }
    let x = 1 - Double(step - warmup) / Double(total - final - warmup)
    let value = Double(initial - target) * x * x * x + Double(target)
    return (Int(value), step % interval == 0)
  }

  /// Describes why a schedule could not be created.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The target was negative or above the initial budget.
    case budgets(initial: Int, target: Int)
    /// The phases did not fit in the total steps.
    case phases(warmup: Int, final: Int, total: Int)
    /// The masking interval was below 1.
    case interval(Int)

    public var description: String {
      switch self {
      case .budgets(let initial, let target):
        "The target budget must be in 0...initial; got target \(target), initial \(initial)."
      case .phases(let warmup, let final, let total):
        "Warm-up and final phases must be non-negative and shorter than the total together; "
          + "got \(warmup) + \(final) for \(total) steps."
      case .interval(let value):
        "The masking interval must be at least 1; got \(value)."
      }
    }
  }
}

extension BudgetSchedule {
  /// Returns which triplets survive a budget, as PEFT's `mask_to_budget` decides.
  ///
  /// With n scores and a budget b < n, the threshold is the (n - b)-th smallest score
  /// (`kthvalue`), and every triplet whose score is at most the threshold is masked; so with
  /// distinct scores exactly the b largest survive, and ties at the threshold can mask more.
  /// A budget of n or more masks nothing; a budget of 0 or less masks everything.
  ///
  /// - Parameters:
  ///   - scores: The triplet scores (NaN counts as below every number).
  ///   - budget: How many to keep.
  /// - Returns: One flag per score, `true` for kept.
  public static func keep<Scalar: ReferenceScalar>(_ scores: [Scalar], budget: Int) -> [Bool] {
    let n = scores.count
    guard budget < n else { return [Bool](repeating: true, count: n) }
    guard budget > 0 else { return [Bool](repeating: false, count: n) }
    let sorted = scores.sorted { a, b in a.isNaN ? !b.isNaN : a < b }
    let threshold = sorted[n - budget - 1]
    return scores.map { !($0.isNaN || $0 <= threshold) }
  }
}
