// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("AdaLoRA: triplets, regulariser, importance and budget")
struct AdaLoRATests {
  @Test("PEFT's budget schedule (ML-CONVENTIONS 3.3): budgets and mask flags at nine steps")
  func peftSchedule() throws {
    let schedule = try BudgetSchedule(
      initial: 120, target: 80, warmup: 10, final: 20, total: 100, interval: 10)
    let steps = [0, 10, 11, 20, 50, 79, 80, 81, 100]
    let budgets = [120, 120, 118, 105, 83, 80, 80, 80, 80]
    let masks = [false, false, false, true, true, false, true, true, true]
    for (step, (budget, mask)) in zip(steps, zip(budgets, masks)) {
      let value = schedule.peftBudget(step: step)
      #expect(value.budget == budget, "step \(step)")
      #expect(value.masks == mask, "step \(step)")
    }
  }

  @Test("The paper's cubic is continuous at both joins and non-increasing")
  func cubic() throws {
    let s = try BudgetSchedule(initial: 144, target: 96, warmup: 200, final: 500, total: 3000)
    #expect(s.budget(at: 200) == 144)
    #expect(s.budget(at: 199.999) == 144)
    #expect(abs(s.budget(at: 2499.999) - 96) < 1e-9)
    #expect(s.budget(at: 2500) == 96)
    var last = Double.infinity
    for t in stride(from: 0.0, through: 3000, by: 0.5) {
      #expect(s.budget(at: t) <= last)
      last = s.budget(at: t)
    }
  }

  @Test("Masking keeps the b largest distinct scores; ties at the threshold mask more")
  func masking() {
    #expect(BudgetSchedule.keep([0.3, 0.1, 0.9, 0.5], budget: 2) == [false, false, true, true])
    #expect(BudgetSchedule.keep([0.3, 0.3, 0.9, 0.3], budget: 2) == [false, false, true, false])
    #expect(BudgetSchedule.keep([0.3, 0.1], budget: 5) == [true, true])
    #expect(BudgetSchedule.keep([0.3, 0.1], budget: 0) == [false, false])
  }

  @Test("The EMA of a constant is c (1 - beta^t); the score is Ibar Ubar")
  func importance() throws {
    var score = try ImportanceScore<Double>(beta1: 0.5, beta2: 0.5)
    score.update(2)  // Ibar = 1, Ubar = 0.5 * |2 - 1| = 0.5
    #expect(score.sensitivity == 1)
    #expect(score.uncertainty == 0.5)
    #expect(score.score == 0.5)
    score.update(2)  // Ibar = 1.5, Ubar = 0.25 + 0.5 * 0.5 = 0.5
    #expect(score.sensitivity == 1.5)
    #expect(score.uncertainty == 0.5)
    #expect(throws: ImportanceScore<Double>.Error.invalidBeta(1)) {
      try ImportanceScore<Double>(beta1: 1)
    }
    #expect(
      ImportanceScore<Double>.tripletScore(lambda: 1, leftColumn: [2, 4], rightRow: [3]) == 7)
  }

  @Test("The regulariser vanishes for orthonormal P and Q and grows after a perturbation")
  func regulariser() throws {
    let weight = Matrix<Double>.zeros(rows: 3, columns: 4)
    let p = try Matrix<Double>([[1, 0], [0, 1], [0, 0]])
    let q = try Matrix<Double>([[0, 1, 0, 0], [0, 0, 0, 1]])
    let t = try AdaLoRATriplets(weight: weight, left: p, lambda: [2, 3], right: q)
    #expect(t.orthogonalityPenalty(.squaredFrobenius) == 0)
    let bent = try AdaLoRATriplets(
      weight: weight, left: Matrix([[1, 0], [0, 2], [0, 0]]), lambda: [2, 3], right: q)
    // P^T P - I = diag(0, 3): Frobenius 3, squared 9.
    #expect(bent.orthogonalityPenalty(.squaredFrobenius) == 9)
    #expect(bent.orthogonalityPenalty(.frobenius) == 3)
  }

  @Test("A masked triplet contributes nothing; merged and unmerged outputs agree")
  func maskedTriplet() throws {
    let weight = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
    let p = try Matrix<Double>([[1, 0.5], [-1, 2]])
    let q = try Matrix<Double>([[0.5, -1, 0.25], [2, 0, -0.5]])
    let t = try AdaLoRATriplets(
      weight: weight, left: p, lambda: [3, 5], right: q, mask: [true, false])
    let other = try AdaLoRATriplets(
      weight: weight, left: Matrix([[1, 9], [-1, 7]]), lambda: [3, 5],
      right: Matrix([[0.5, -1, 0.25], [4, 4, 4]]), mask: [true, false])
    #expect(try t.merged() == other.merged())
    let x: [Double] = [1, -2, 0.5]
    #expect(try t.merged().multiplied(by: x) == t.output(for: x))
  }
}
