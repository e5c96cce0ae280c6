import ReferenceNumerics
import SpecEngine

extension Article {
  /// Article 6: parameter-efficient fine-tuning with LoRA, AdaLoRA and QLoRA (NF4).
  public static let lora = Article(
    number: 6, title: "LoRA, AdaLoRA and QLoRA", spec: "06-lora.md",
    checks: LoRAChecks.all + LoRAFactorizationChecks.all + AdaLoRAChecks.all
      + QuantizationChecks.all + [LoRAArithmetic.check])
}

/// The counts and memory figures of article 6, from the kernels' arithmetic against exact
/// integer and rational arithmetic (A6.0.1, A6.1.6, A6.1.7, A6.3.4, A6.3.6).
enum LoRAArithmetic {
  static let quantity = CheckParameter.text("quantity", help: "which figure (see the summary)")

  /// The kernel's value and the exact one (a ratio of integers, rounded once), by name.
  static func values(_ name: String) throws -> (kernel: Double, exact: Double)? {
    func adapted(_ r: Int) -> Int {
      // 192 adapted 12288 x 12288 matrices: count the factors' entries of one adapter.
      192
        * (Matrix<Double>.zeros(rows: 12288, columns: r).elements.count
          + Matrix<Double>.zeros(rows: r, columns: 12288).elements.count)
    }
    let gpt3 = { (r: Int) in
      Double(try FineTuningMemory.loraParameters(modelWidth: 12288, adaptedMatrices: 192, rank: r))
    }
    let doubleQuantized = try FineTuningMemory.constantBitsPerParameter(
      blockSize: 64, secondBits: 8, secondBlockSize: 256)
    let plain = try FineTuningMemory.constantBitsPerParameter(blockSize: 64)
    switch name {
    case "gpt3-r1": return (try gpt3(1), Double(adapted(1)))
    case "gpt3-r4": return (try gpt3(4), Double(adapted(4)))
    case "gpt3-r8": return (try gpt3(8), Double(adapted(8)))
    case "square-r8":
      return (
        Double(try LowRankAdapter<Double>.parameterCount(rows: 4096, columns: 4096, rank: 8)),
        Double(8 * 4096 * 2)
      )
    case "square-full": return (Double(4096 * 4096), Double(4096 * 4096))
    case "square-share-percent":
      let share = Double(
        try LowRankAdapter<Double>.parameterCount(rows: 4096, columns: 4096, rank: 8))
      return (100 * share / Double(4096 * 4096), 100.0 * 65_536 / 16_777_216)
    case "checkpoint-mb":
      return (
        FineTuningMemory.gigabytes(parameters: try gpt3(4), bytesPerParameter: 2) * 1e3,
        Double(2 * 18_874_368) / 1e6
      )
    case "checkpoint-mib": return (try gpt3(4) * 2 / 1_048_576, Double(2 * 18_874_368) / 1_048_576)
    case "trainable-ratio": return (try 175e9 / gpt3(4), 175e9 / 18_874_368)
    case "qwen7b-gb":
      return (
        FineTuningMemory.gigabytes(
          parameters: 7.7e9, bytesPerParameter: Double(FineTuningMemory.mixedPrecisionAdamBytes)),
        Double(77 * (2 + 2 + 4 + 4 + 4)) / 10
      )
    case "qwen72b-gb":
      return (
        FineTuningMemory.gigabytes(
          parameters: 72.3e9, bytesPerParameter: Double(FineTuningMemory.mixedPrecisionAdamBytes)),
        Double(723 * 16) / 10
      )
    case "budget-ratio": return (1600.0 / 160, 10)
    case "constant-bits": return (plain, 0.5)
    case "double-quantized-bits": return (doubleQuantized, Double(8 * 256 + 32) / 16384)
    case "saving-bits": return (plain - doubleQuantized, Double(8192 - 2080) / 16384)
    case "saving-65b-gb":
      return (
        FineTuningMemory.gigabytes(
          parameters: 65e9, bytesPerParameter: (plain - doubleQuantized) / 8),
        Double(65 * 6112) / Double(16384 * 8)
      )
    case "65b-16bit-gb":
      return (
        FineTuningMemory.gigabytes(
          parameters: 65e9, bytesPerParameter: Double(FineTuningMemory.sixteenBitAdamBytes)),
        Double(65 * 12)
      )
    case "65b-nf4-gb":
      return (
        FineTuningMemory.gigabytes(parameters: 65e9, bytesPerParameter: (4 + doubleQuantized) / 8),
        Double(65 * (4 * 16384 + 2080)) / Double(8 * 16384)
      )
    default: return nil
    }
  }

  static let check = Check(
    name: "lora.arithmetic", kind: .table,
    summary: "A count or memory figure of the article (gpt3-r1/4/8, square-r8, square-full, "
      + "square-share-percent, checkpoint-mb, checkpoint-mib, trainable-ratio, qwen7b-gb, "
      + "qwen72b-gb, budget-ratio, constant-bits, double-quantized-bits, saving-bits, "
      + "saving-65b-gb, 65b-16bit-gb, 65b-nf4-gb) from the kernels, against integer arithmetic "
      + "(GPT-3 counts: entries of actual adapter factors).",
    parameters: [quantity, ParameterSchema.expected("the figure")], oracles: .exact
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let name = try row[quantity]
      guard let (kernel, exact) = try values(name) else {
        throw VerificationError.invalidInput(
          name: "quantity", value: name, reason: "not a figure this check knows",
          at: row.given("quantity")?.location ?? row.row.location)
      }
      return RowValue(kernel: kernel, reference: ("exact", exact))
    }
  }
}
