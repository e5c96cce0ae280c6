import Foundation
import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Checks of QLoRA's NF4 and absmax quantisation (A6.3).
enum QuantizationChecks {
  static let all: [Check] = [levels, levelsFigure, quantize, example, absmaxInt8]

  /// The thresholds of `dQuantizeNF4` as written in bitsandbytes' `csrc/kernels.cu`, read at run
  /// time with the C library's correctly rounded `strtof` (not the kernel's compile-time table).
  static let cudaThresholds: [Float] =
    ([
      "-0.8480964004993439", "-0.6106329262256622", "-0.4599952697753906", "-0.33967943489551544",
      "-0.23460740596055984", "-0.13791173323988914", "-0.04552501812577248", "0.03979014977812767",
      "0.1202552504837513", "0.2035212516784668", "0.2920137718319893", "0.3893125355243683",
      "0.5016634166240692", "0.6427869200706482", "0.8614784181118011",
    ] as [String]).map { strtof($0, nil) }

  /// bitsandbytes' table (`get_4bit_type("nf4")`), read with `strtof`.
  static let shippedLevels: [Float] =
    ([
      "-1.0", "-0.6961928009986877", "-0.5250730514526367", "-0.39491748809814453",
      "-0.28444138169288635", "-0.18477343022823334", "-0.09105003625154495", "0.0",
      "0.07958029955625534", "0.16093020141124725", "0.24611230194568634", "0.33791524171829224",
      "0.44070982933044434", "0.5626170039176941", "0.7229568362236023", "1.0",
    ] as [String]).map { strtof($0, nil) }

  /// The code CUDA's decision tree gives a scaled value: a binary search for the number of
  /// thresholds strictly below it (NaN is above none).
  static func oracleCode(_ y: Float) -> UInt8 {
    var low = 0
    var high = cudaThresholds.count
    while low < high {
      let middle = (low + high) / 2
      if y > cudaThresholds[middle] { low = middle + 1 } else { high = middle }
    }
    return UInt8(low)
  }

  /// The NF4 levels regenerated from GSL's normal quantiles, as `create_normal_map` builds
  /// them (offset 0.9677083, 8 positive and 7 negative quantiles, an exact 0, scaled to 1).
  static func regeneratedLevels() throws -> [Double] {
    let offset = 0.9677083
    let positive = try (0..<8).map { i in
      try GSL.normalQuantile(offset + (0.5 - offset) * Double(i) / 8)
    }
    let negative = try (0..<7).map { i in
      -(try GSL.normalQuantile(offset + (0.5 - offset) * Double(i) / 7))
    }
    let largest = positive[0]
    return (negative + [0] + positive).sorted().map { $0 / largest }
  }

  // MARK: - A6.3.3: the levels

  static let code = CheckParameter.integer("code", in: 0...15, help: "the NF4 code")

  static let levels = Check(
    name: "nf4.levels", kind: .table,
    summary: "The shipped float32 NF4 level of a code against the level regenerated from GSL's "
      + "gsl_cdf_ugaussian_Pinv with bitsandbytes' construction (offset 0.9677083).",
    parameters: [code, ParameterSchema.expected("the level")], oracles: .gsl
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      let c = try row[code]
      let regenerated = try regeneratedLevels()
      return RowValue(
        kernel: Double(NormalFloat4.levels[c]), reference: ("gsl", regenerated[c]))
    }
  }

  static let levelsFigure = Check(
    name: "nf4.levels-figure", kind: .figure,
    summary: "The 16 shipped NF4 levels against the normal quantiles regenerated with GSL (and "
      + "the 15 thresholds); every level held against GSL's.",
    parameters: [], oracles: .gsl
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let regenerated = try regeneratedLevels()
      let kernel = NormalFloat4.levels.map { Double($0) }
      let codes = (0..<16).map(Double.init)
      let figure = Figure(
        title: "NF4 levels: bitsandbytes' table and GSL's normal quantiles", xLabel: "code",
        yLabel: "level",
        series: [
          .init(name: "shipped table (float32)", style: .points, x: codes, y: kernel),
          .init(name: "GSL quantiles, scaled", style: .line, x: codes, y: regenerated),
          .init(
            name: "thresholds (between codes)", style: .points,
            x: (0..<15).map { Double($0) + 0.5 },
            y: NormalFloat4.midpoints.map { Double($0) }),
        ])
      return FigureSupport.result(
        claim, figure: figure, kernel: kernel, oracle: regenerated, oracleName: "gsl",
        tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }

  // MARK: - A6.3.2, A6.3.3: block-wise quantisation, bit for bit

  /// The kind of values `nf4.quantize` draws.
  enum Values: String, ParameterChoice {
    /// Uniform values of random scale, some blocks all zero.
    case random
    /// Values whose scaled images fall exactly on thresholds, and their neighbours.
    case ties
  }
  static let values = CheckParameter<Values>.choice("values", help: "random or ties")
  static let blockSize = CheckParameter.range(
    "block-size", within: 1...4096, wholeNumbers: true, help: "the block sizes drawn")

  static let quantize = Check(
    name: "nf4.quantize", kind: .property,
    summary: "Codes, absmax and dequantised values of the kernel's NF4 quantisation against an "
      + "independent transcription of bitsandbytes' float32 semantics (absmax, multiply by the "
      + "float32 reciprocal, CUDA's thresholds read by strtof and searched with strict >, "
      + "level * absmax rounded once), counted in mismatching elements; packing puts element "
      + "2j in the high nibble; the round trip stays within absmax (0.1519036 + 2^-22).",
    parameters: [values, blockSize, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    let kind: Values
    do { kind = try claim[values] } catch { return .error(claim, error) }
    let inputs = { () throws -> [InputDraw] in
      [try claim[blockSize], InputDraw(name: "seed", distribution: .uniform, lower: 0, upper: 1)]
    }
    return PropertySupport.run(claim, replay, inputs: inputs) { tolerance, drawn in
      var g = SeededGenerator(seed: drawn["seed"].bitPattern)
      let size = Int(drawn[blockSize].rounded())
      let blocks = 1 + Int(g.next() % 4)
      let count = (blocks - 1) * size + 1 + Int(g.next() % UInt64(size))
      var x: [Float] = []
      while x.count < count {
        let scale = Float(RandomMatrices.uniform(1e-3, 1e3, &g))
        let room = min(size, count - x.count)
        var block: [Float] = []
        if kind == .random {
          if g.next() % 8 == 0 {
            block = [Float](repeating: 0, count: room)
          } else {
            block = (0..<room).map { _ in Float(RandomMatrices.uniform(-1, 1, &g)) * scale }
          }
        } else {
          block.append(g.next() & 1 == 0 ? scale : -scale)
          let reciprocal = 1 / scale
          while block.count < room {
            let m = cudaThresholds[Int(g.next() % 15)]
            var candidate = Float(Double(m) * Double(scale))
            for _ in 0..<8 where candidate * reciprocal != m {
              candidate = candidate * reciprocal < m ? candidate.nextUp : candidate.nextDown
            }
            for value in [candidate, candidate.nextUp, candidate.nextDown] where block.count < room
            {
              block.append(value)
            }
          }
        }
        x += block
      }
      let q = try NormalFloat4.quantize(x, blockSize: size)
      let allDequantized = q.dequantized
      var codeMismatches = 0
      var absmaxMismatches = 0
      var valueMismatches = 0
      var onThreshold = 0
      var notNearest = 0
      var worstError = 0.0
      for b in 0..<((count + size - 1) / size) {
        let range = (b * size)..<min((b + 1) * size, count)
        let absmax = Float(range.map { abs(Double(x[$0])) }.max() ?? 0)
        if b >= q.absmax.count || q.absmax[b] != absmax { absmaxMismatches += 1 }
        let reciprocal = 1 / absmax
        for i in range {
          let y = x[i] * reciprocal
          let c = oracleCode(y)
          if cudaThresholds.contains(y) { onThreshold += 1 }
          if q.codes[i] != c { codeMismatches += 1 }
          let value = Float(Double(shippedLevels[Int(c)]) * Double(absmax))
          let dequantized = allDequantized[i]
          if !(dequantized == value && dequantized.sign == value.sign) { valueMismatches += 1 }
          // The nearest level in exact arithmetic (ties to the lower code), for information.
          let distances = shippedLevels.map { abs(Double($0) - Double(y)) }
          if let nearest = distances.indices.min(by: { distances[$0] < distances[$1] }),
            !y.isNaN, nearest != Int(c)
          {
            notNearest += 1
          }
          if absmax > 0 {
            worstError = max(worstError, abs(Double(x[i]) - Double(dequantized)) / Double(absmax))
          }
        }
      }
      var outcome = CaseOutcome()
      outcome.compare(
        "codes differing from the oracle", Double(codeMismatches), against: 0, within: tolerance)
      outcome.compare(
        "absmax differing from the oracle", Double(absmaxMismatches), against: 0,
        within: tolerance)
      outcome.compare(
        "dequantised values differing from the oracle", Double(valueMismatches), against: 0,
        within: tolerance)
      let packed = q.packed
      var packMismatches = 0
      for j in 0..<((count + 1) / 2) {
        let high = Int(q.codes[2 * j])
        let low = 2 * j + 1 < count ? Int(q.codes[2 * j + 1]) : 0
        if Int(packed[j]) != high * 16 + low { packMismatches += 1 }
      }
      outcome.compare(
        "packed bytes differing (element 2j high)", Double(packMismatches), against: 0,
        within: tolerance)
      let halfGap = Double(NormalFloat4.largestHalfGap)
      outcome.require(
        worstError <= halfGap + 0x1p-22, "round trip within absmax (0.1519036 + 2^-22)",
        note: "an element is off by \(worstError) absmax")
      outcome.inform(
        "worst round-trip error / absmax", worstError, against: 0, unit: .absolute(0))
      outcome.inform(
        "scaled values exactly on a threshold", Double(onThreshold), against: 0,
        unit: .absolute(0))
      outcome.inform(
        "codes that are not the exact nearest level", Double(notNearest), against: 0,
        unit: .absolute(0))
      outcome.context.append("\(count) values, block \(size)")
      return outcome
    }
  }

  // MARK: - The worked block

  static let block = CheckParameter.text(
    "block", help: "the repeated values of one block, as a JSON list")
  static let position = CheckParameter.integer("position", in: 0...4095, help: "the element")

  static let example = Check(
    name: "nf4.example", kind: .table,
    summary: "The code of one element of a block made of a list repeated to 64 values, against "
      + "the independent transcription of CUDA's decision (thresholds by strtof).",
    parameters: [block, position, ParameterSchema.expected("the code")], oracles: .exact
  ) { claim, _ in
    TableRunner(claim: claim).run { row in
      guard let data = try row[block].data(using: .utf8),
        let list = try? JSONSerialization.jsonObject(with: data) as? [NSNumber], !list.isEmpty
      else {
        throw VerificationError.invalidInput(
          name: "block", value: try row[block], reason: "write a JSON list of numbers",
          at: row.row.location)
      }
      let pattern = list.map { Float($0.doubleValue) }
      let values = (0..<64).map { pattern[$0 % pattern.count] }
      let i = try row[position]
      guard i < values.count else {
        throw VerificationError.invalidInput(
          name: "position", value: "\(i)", reason: "the block has 64 elements",
          at: row.row.location)
      }
      let q = try NormalFloat4.quantize(values)
      let absmax = values.map(abs).max() ?? 0
      return RowValue(
        kernel: Double(q.codes[i]),
        reference: ("exact", Double(oracleCode(values[i] * (1 / absmax)))))
    }
  }

  // MARK: - A6.3.2: int8 absmax

  static let absmaxInt8 = Check(
    name: "int8.absmax", kind: .property,
    summary: "Block-wise absmax quantisation round(127 x / absmax) in float32 and back: every "
      + "element within absmax / 254 plus float32 rounding; the measured value is the excess of "
      + "max |x - y| / absmax over 1/254.",
    parameters: [blockSize, PropertySupport.cases], oracles: .exact
  ) { claim, replay in
    let inputs = { () throws -> [InputDraw] in
      [try claim[blockSize], InputDraw(name: "seed", distribution: .uniform, lower: 0, upper: 1)]
    }
    return PropertySupport.run(claim, replay, inputs: inputs) { tolerance, drawn in
      var g = SeededGenerator(seed: drawn["seed"].bitPattern)
      let size = Int(drawn[blockSize].rounded())
      let scale = RandomMatrices.uniform(1e-3, 1e3, &g)
      let x = (0..<size).map { _ in Float(RandomMatrices.uniform(-scale, scale, &g)) }
      let (codes, absmax) = try AbsmaxInt8.quantize(x)
      let y = AbsmaxInt8.dequantize(codes, absmax: absmax)
      let worst = zip(x, y).map { abs(Double($0) - Double($1)) }.max() ?? 0
      let relative = absmax > 0 ? worst / Double(absmax) : worst
      var outcome = CaseOutcome()
      // The half step absmax / 254 is attained by design; what rounding adds beyond it is
      // the measured quantity.
      outcome.compare(
        "excess of max |x - y| / absmax over 1/254", max(0, relative - 1.0 / 254), against: 0,
        within: tolerance)
      outcome.inform("max |x - y| / absmax", relative, against: 0, unit: .absolute(0))
      outcome.require(
        codes.allSatisfy { (-127...127).contains($0) }, "codes in -127 ... 127",
        note: "a code left the range")
      return outcome
    }
  }
}
