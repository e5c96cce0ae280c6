public import ArgumentParser
public import Verification

extension Crosscheck.Vectors {
  /// The vectors of article 6.
  static let lora: [any VectorCommand.Type] = [
    LoRACommand.self, LoRAFactorizeCommand.self, NF4Command.self,
  ]

  /// `crosscheck vectors lora`.
  struct LoRACommand: VectorCommand {
    static let article = Article.lora

    static let configuration = CommandConfiguration(
      commandName: "lora",
      abstract: "Scale, merged weight and (with --input) output of a LoRA adapter in PEFT's "
        + "layout.",
      discussion: """
        Outputs: scaling, alpha / r (or alpha / sqrt(r) with --rslora); merged, \
        W + scaling * up * down; with --input, output, W x + scaling * up * (down * x), \
        unmerged. With --precision float the inputs are rounded to float32 and the kernel \
        runs in float32. Layouts as HF PEFT stores them: weight d x k (out x in), down = \
        lora_A r x k, up = lora_B d x r.

        Tolerances, entry by entry, with u the unit roundoff of the precision (2^-53 or \
        2^-24): twice the first-order rounding bound, since the reference and a sound \
        implementation may each be off by it: scaling 2 u |s|; merged \
        2 (u |W| + (r + 4) u |s| |B| |A|); output \
        2 ((k + 1) u |W| |x| + (k + r + 4) u |s| |B| |A| |x|).

        Limits: the matrices are non-empty and rectangular, with shapes that fit; alpha and \
        every entry are finite (and within float32 range for --precision float); every \
        result must be finite.

        Example:
          crosscheck vectors lora --weight '[[1,2,3],[4,5,6]]' \\
            --down '[[0.5,-1,0.25],[2,0,-0.5]]' --up '[[1,0.5],[-1,2]]' --alpha 16 \\
            --input '[1,-2,0.5]'
        """)

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The frozen weight W, d x k, as JSON rows.", valueName: "json"),
      transform: Parse.matrix)
    var weight: [[Double]]

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The down projection A (lora_A), r x k, as JSON rows.", valueName: "json"),
      transform: Parse.matrix)
    var down: [[Double]]

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The up projection B (lora_B), d x r, as JSON rows.", valueName: "json"),
      transform: Parse.matrix)
    var up: [[Double]]

    @Option(parsing: .unconditional, help: "lora_alpha.", transform: Parse.number)
    var alpha: Double

    @Flag(help: "Scale by alpha / sqrt(r) (rsLoRA) instead of alpha / r.")
    var rslora = false

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("An input vector of length k, as JSON.", valueName: "json"),
      transform: Parse.vector)
    var input: [Double]?

    @Option(help: "double or float.")
    var precision: LoRAVectors.Precision = .double

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try LoRAVectors.lora(
        weight: weight, down: down, up: up, alpha: alpha, rankStabilized: rslora, input: input,
        precision: precision)
    }
  }

  /// `crosscheck vectors lora-factorize`.
  struct LoRAFactorizeCommand: VectorCommand {
    static let article = Article.lora

    static let configuration = CommandConfiguration(
      commandName: "lora-factorize",
      abstract: "Singular values, best rank-R approximation and its Frobenius error "
        + "(Eckart-Young) of a weight update.",
      discussion: """
        Outputs: singular_values, all min(d, k) of them, descending; reconstruction, the \
        best rank-R approximation U_R diag(sigma_R) V_R^T; error, ||delta - reconstruction||_F \
        = sqrt(sum of the discarded sigma^2).

        Tolerances, from two backward-stable SVDs with backward error eps = 2 p u ||delta||_F \
        each (p = max(d, k), u = 2^-53): singular_values 2 eps per value (Weyl); error 2 eps \
        (Mirsky); reconstruction 2 eps (1 + 2 sigma_1 / gap) per entry (Wedin), gap = \
        sigma_R - sigma_(R+1) in 1-based counting, floored at 2 eps, so that where the \
        approximation is not unique the bound is about 2 sigma_1.

        Limits: delta is a non-empty rectangular matrix of finite entries; R is a whole \
        number in 1 ... min(d, k).

        Example:
          crosscheck vectors lora-factorize --delta '[[3,1,0,2],[1,2,1,0],[0,1,4,1]]' --rank 2
        """)

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The update, d x k, as JSON rows.", valueName: "json"),
      transform: Parse.matrix)
    var delta: [[Double]]

    @Option(
      parsing: .unconditional, help: "The rank R, in 1 ... min(d, k).",
      transform: Parse.positiveWholeNumber)
    var rank: Int

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try LoRAVectors.factorize(delta: delta, rank: rank)
    }
  }

  /// `crosscheck vectors nf4`.
  struct NF4Command: VectorCommand {
    static let article = Article.lora

    static let configuration = CommandConfiguration(
      commandName: "nf4",
      abstract: "The 16 NF4 levels and (with --values) codes, absmax and dequantised values as "
        + "bitsandbytes computes them in float32.",
      discussion: """
        Outputs: levels, the 16 float32 levels bitsandbytes ships, ascending (index = code). \
        With --values (rounded to float32): codes, one per element, unpacked (bitsandbytes \
        packs element 2j in the high nibble); absmax, one per block of --block-size \
        elements, the last block possibly partial; dequantized, level[code] * absmax. The \
        scaled value is x * fl32(1 / absmax), and its code is the number of CUDA thresholds \
        strictly below it, so a value on a threshold goes to the lower code; an all-zero \
        block gets codes 0 and dequantises to -0.

        Tolerances: 0 everywhere; these are exact functions of float32 inputs.

        Limits: values are finite and within float32 range; the block size is a positive \
        whole number (bitsandbytes accepts 32 ... 4096).

        Example:
          crosscheck vectors nf4 --values '[0.5,-1,0.03979014977812767,0]' --block-size 64
        """)

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The values to quantise, as a JSON list.", valueName: "json"),
      transform: Parse.vector)
    var values: [Double]?

    @Option(
      name: .customLong("block-size"), parsing: .unconditional,
      help: "Elements per block (default 64).", transform: Parse.positiveWholeNumber)
    var blockSize: Int = 64

    @OptionGroup var output: VectorOutput

    func vectors() throws -> VectorSet {
      try LoRAVectors.nf4(values: values, blockSize: blockSize)
    }
  }
}

extension LoRAVectors.Precision: ExpressibleByArgument {}
