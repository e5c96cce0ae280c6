import Testing

@testable import SpecEngine

@Suite("Number formatting")
struct NumberFormattingTests {
  @Test("Subnormal and tiny numbers keep a finite mantissa (5e-324 printed as infe-324)")
  func tiny() {
    // Subnormal literals do not compile; build them from their bit patterns.
    let smallest = Double(bitPattern: 1)  // 4.9406564584124654e-324
    let subnormal = Double(sign: .plus, exponent: -1030, significand: 1)  // 8.69e-311
    #expect(NumberFormatting.short(smallest) == "4.941e-324")
    #expect(NumberFormatting.short(-smallest) == "-4.941e-324")
    #expect(NumberFormatting.short(subnormal) == "8.692e-311")
    #expect(NumberFormatting.short(2.2250738585072014e-308) == "2.225e-308")
    #expect(NumberFormatting.short(1e-300) == "1e-300")
    #expect(NumberFormatting.short(1.5e308) == "1.5e+308")
  }
}
