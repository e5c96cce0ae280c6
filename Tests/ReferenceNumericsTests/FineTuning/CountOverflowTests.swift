// SPDX-License-Identifier: GPL-3.0-or-later

import ReferenceNumerics
import Testing

/// Parameter counts and memory figures at sizes whose products do not fit in `Int`, and with
/// negative sizes: each must throw a typed error, never trap (before, `r * (d + k)` and the
/// others were plain `Int` products, which trap on overflow, and AdapterDrop looped once per
/// layer).
@Suite("Parameter counts at huge sizes")
struct CountOverflowTests {
  @Test("Counts that overflow Int throw overflow")
  func overflow() {
    let huge = 1 << 40
    #expect(throws: FineTuningMemory.Error.self) {
      try FineTuningMemory.loraParameters(modelWidth: huge, adaptedMatrices: 1 << 20, rank: 64)
    }
    #expect(throws: FineTuningMemory.Error.self) {
      try LowRankAdapter<Double>.parameterCount(rows: Int.max, columns: 1, rank: 1)
    }
    #expect(throws: FineTuningMemory.Error.self) {
      try BottleneckAdapter<Double>.parameterCount(width: huge, bottleneck: huge)
    }
    #expect(throws: FineTuningMemory.Error.self) {
      try AdapterPlacement.houlsby.parameterCount(layers: huge, width: huge, bottleneck: 1)
    }
    #expect(throws: FineTuningMemory.Error.self) {
      try PrefixEncoder<Double>.parameterCount(tokens: huge, layers: huge, width: 1)
    }
    #expect(throws: FineTuningMemory.Error.self) {
      try PromptTuning.parameterCount(length: huge, width: huge)
    }
  }

  @Test("Large counts that fit are exact")
  func exactLarge() throws {
    // 2^31 x 2^31 matrices at rank 2^20 (2^52 parameters) and a 2^62 prompt table.
    #expect(
      try LowRankAdapter<Double>.parameterCount(rows: 1 << 31, columns: 1 << 31, rank: 1 << 20)
        == 1 << 52)
    #expect(try PromptTuning.parameterCount(length: 1 << 31, width: 1 << 31) == 1 << 62)
  }

  @Test("Negative sizes throw invalidCount naming the size")
  func negative() {
    #expect(throws: FineTuningMemory.Error.invalidCount(name: "rank", value: -1)) {
      try LowRankAdapter<Double>.parameterCount(rows: 8, columns: 8, rank: -1)
    }
    #expect(throws: FineTuningMemory.Error.invalidCount(name: "block size", value: 0)) {
      try FineTuningMemory.constantBitsPerParameter(blockSize: 0)
    }
  }

  @Test("AdapterDrop answers at once for Int.max layers, and throws when the count overflows")
  func adapterDrop() throws {
    let kept = try AdapterDrop.adapterOperations(
      layers: Int.max, dropped: Int.max - 3, placement: .pfeiffer, width: 768, bottleneck: 64)
    #expect(kept == 3 * 2 * 768 * 64)
    #expect(throws: FineTuningMemory.Error.self) {
      try AdapterDrop.savedOperations(
        layers: Int.max, dropped: 1, placement: .houlsby, width: 768, bottleneck: 64)
    }
  }

  @Test("Double-quantisation bits with block sizes whose product overflows Int")
  func constantBits() throws {
    let bits = try FineTuningMemory.constantBitsPerParameter(
      blockSize: 1 << 40, secondBits: 8, secondBlockSize: 1 << 40)
    #expect(bits == 8.0 / 0x1p40 + 32.0 / 0x1p80)
  }
}

/// Sizes past `Int` in the constructors that count before they allocate.
@Suite("Adapter and schedule sizes past Int")
struct SizeOverflowTests {
  @Test("A rank whose down factor cannot be counted throws tooLarge")
  func initializedRank() throws {
    let weight = try Matrix<Double>(rows: 1, columns: 2, elements: [1, 2])
    var generator = SeededGenerator(seed: 1)
    #expect(throws: LowRankAdapter<Double>.Error.tooLarge(rank: Int.max, columns: 2)) {
      try LowRankAdapter<Double>.initialized(
        weight: weight, rank: Int.max, alpha: 1, generator: &generator)
    }
  }

  @Test("Warm-up and final phases whose sum overflows throw phases")
  func schedulePhases() {
    #expect(throws: BudgetSchedule.Error.phases(warmup: Int.max, final: Int.max, total: 10)) {
      try BudgetSchedule(initial: 4, target: 2, warmup: Int.max, final: Int.max, total: 10)
    }
    #expect(throws: BudgetSchedule.Error.phases(warmup: 5, final: Int.max - 2, total: Int.max)) {
      try BudgetSchedule(initial: 4, target: 2, warmup: 5, final: Int.max - 2, total: Int.max)
    }
  }
}
