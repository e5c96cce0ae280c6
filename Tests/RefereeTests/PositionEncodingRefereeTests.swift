import Referee
import Testing

@Suite("Referee: rotations, frequencies and buckets of position encodings")
struct PositionEncodingRefereeTests {
  @Test("An exact rotation by position 3, frequency 10000^(-2/8), matches mpmath")
  func rotation() throws {
    // mpmath, 40 digits: (3, 4) turned by 3 * 10000^(-1/4).
    let (a, b) = try Referee.rotate(
      3, 4, position: 3, frequency: .power(base: 10000, numerator: 2, denominator: 8))
    #expect(a == 1.6839286407314597585)
    #expect(b == 4.7079065764864428039)
  }

  @Test("Frequencies, the decay indicator and YaRN's published values")
  func values() throws {
    #expect(
      try Referee.frequency(.power(base: 10000, numerator: 126, denominator: 128))
        == 1.1547819846894582e-4)  // mpmath: 10^(-63/16), correctly rounded
    #expect(try Referee.decayIndicator(distance: 0, dimension: 128) == 32.5)
    let yarn = try Referee.yarnFrequencies(
      rotaryDimension: 128, base: 10000, factor: 4, originalMaximum: 4096)
    #expect(abs(yarn.attentionFactor - 1.1386294361119891) < 1e-16)
    #expect(abs(yarn.frequencies[63] - 2.88695496172e-5) < 1e-15)
    #expect(throws: Referee.Error.self) {
      try Referee.rotate(1, .nan, position: 1, frequency: .given(1))
    }
  }

  @Test("T5 and DeBERTa buckets at their boundaries")
  func buckets() throws {
    for (rp, bucket) in [(0, 0), (-91, 15), (-90, 14), (91, 31), (1, 17)] {
      #expect(
        try Referee.t5Bucket(rp, bidirectional: true, buckets: 32, maxDistance: 128) == bucket)
    }
    #expect(try Referee.t5Bucket(-113, bidirectional: false, buckets: 32, maxDistance: 128) == 31)
    #expect(try Referee.debertaLogBucket(300, bucketSize: 256, maxPosition: 512) == 207)
    #expect(try Referee.debertaLogBucket(-511, bucketSize: 256, maxPosition: 512) == -255)
  }
}
