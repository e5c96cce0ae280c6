import Foundation
import Testing
import Verification

@Suite("The vector-set envelope")
struct VectorSetTests {
  let provenance = VectorProvenance(
    version: "0.1.0", commit: String(repeating: "a", count: 40), checks: ["poisson.probability"],
    claims: ["A9.1.7"], warnings: [])

  @Test("Numbers round-trip: shortest exact decimals, whole numbers without a fraction")
  func numberFormats() {
    #expect(VectorSet.number(3) == "3")
    #expect(VectorSet.number(0.1) == "0.1")
    #expect(VectorSet.number(1e-300) == "1e-300")
    #expect(VectorSet.number(-0.0) == "-0")
    #expect(VectorSet.number(0x1p53) == "9007199254740992")
    #expect(VectorSet.number(0x1p53 + 2) == "9.007199254740994e+15")
    #expect(VectorSet.number(0.22404180765538773) == "0.22404180765538773")
    for x in [
      0.1 + 0.2, -0.0, 0x1p53, .greatestFiniteMagnitude, -1.5e-7, 1e16 + 2, .leastNonzeroMagnitude,
    ] {
      let y = Double(VectorSet.number(x))
      #expect(y == x && y?.sign == x.sign, "\(x)")
    }
  }

  @Test("The JSON has the documented envelope and keeps the order of keys")
  func json() throws {
    let set = try VectorSet(
      name: "poisson", parameters: [.init("mean", .number(3))],
      outputs: [
        .init("k", .numbers([0, 1])), .init("pmf", .numbers([0.049787068367863944, 0.25])),
        .init("logpmf", .numbers([-3, -.infinity]), infinityIsExact: true),
      ],
      checks: ["poisson.probability"])
    #expect(
      set.json(provenance: provenance) == """
        {
          "set": "poisson",
          "parameters": {"mean": 3},
          "outputs": {
            "k": [0, 1],
            "pmf": [0.049787068367863944, 0.25],
            "logpmf": [-3, null]
          },
          "tolerances": {},
          "provenance": {
            "crosscheck": "0.1.0",
            "commit": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "checks": ["poisson.probability"],
            "claims": ["A9.1.7"],
            "warnings": []
          }
        }

        """)
    let decoded = try JSONSerialization.jsonObject(
      with: Data(set.json(provenance: provenance).utf8))
    #expect(
      (decoded as? [String: Any])?.keys.sorted() == [
        "outputs", "parameters", "provenance", "set", "tolerances",
      ])
    #expect(set.csv == "k,pmf,logpmf\n0,0.049787068367863944,-3\n1,0.25,-inf\n")
  }

  @Test("Tolerances have the keys and shapes of outputs, and become CSV columns")
  func tolerances() throws {
    let set = try VectorSet(
      name: "s", parameters: [],
      outputs: [.init("a", .numbers([1, 2])), .init("b", .numbers([3, 4]))],
      tolerances: [.init("b", .numbers([1e-16, 2e-16]))], checks: [])
    #expect(set.csv == "a,b,b_tolerance\n1,3,1e-16\n2,4,2e-16\n")
    #expect(
      set.json(provenance: provenance).contains("\"tolerances\": {\n    \"b\": [1e-16, 2e-16]\n  }")
    )
    #expect(throws: VectorSet.Error.toleranceMismatch("b")) {
      try VectorSet(
        name: "s", parameters: [], outputs: [.init("b", .numbers([3, 4]))],
        tolerances: [.init("b", .number(1e-16))], checks: [])
    }
    #expect(throws: VectorSet.Error.toleranceMismatch("c")) {
      try VectorSet(
        name: "s", parameters: [], outputs: [.init("b", .numbers([3]))],
        tolerances: [.init("c", .numbers([1]))], checks: [])
    }
  }

  @Test("Matrices, numbers and words are written long in CSV")
  func longCSV() throws {
    let set = try VectorSet(
      name: "q", parameters: [],
      outputs: [
        .init("class", .text("a, \"b\"")), .init("point", .absent), .init("value", .number(1.5)),
        .init("v", .numbers([1, 2])), .init("m", .matrix([[1, 2], [3, 4]])),
      ],
      checks: [])
    #expect(
      set.csv == """
        output,row,column,value
        class,,,"a, ""b\"\"\"
        point,,,
        value,,,1.5
        v,0,,1
        v,1,,2
        m,0,0,1
        m,0,1,2
        m,1,0,3
        m,1,1,4

        """)
    #expect(!set.isColumnar)
  }

  @Test("An overflow or a NaN is an error, never a silent null")
  func notFinite() {
    #expect(throws: VectorSet.Error.notFinite(entry: "value", value: .infinity)) {
      try VectorSet(
        name: "q", parameters: [], outputs: [.init("value", .number(.infinity))], checks: [])
    }
    #expect(throws: VectorSet.Error.self) {
      try VectorSet(
        name: "q", parameters: [],
        outputs: [.init("logpmf", .numbers([.nan]), infinityIsExact: true)],
        checks: [])
    }
    #expect(throws: VectorSet.Error.notFinite(entry: "hessian", value: -.infinity)) {
      try VectorSet(
        name: "q", parameters: [], outputs: [.init("hessian", .matrix([[1, -.infinity]]))],
        checks: [])
    }
    #expect(
      "\(VectorSet.Error.notFinite(entry: "stationary_point", value: .infinity))"
        == "The stationary point is infinite in double precision (inf), so no vector is printed.")
  }

  @Test("Keys are unique and matrices rectangular")
  func malformed() {
    #expect(throws: VectorSet.Error.duplicateKey("k")) {
      try VectorSet(
        name: "q", parameters: [], outputs: [.init("k", .number(1)), .init("k", .number(2))],
        checks: [])
    }
    #expect(throws: VectorSet.Error.raggedMatrix("m")) {
      try VectorSet(
        name: "q", parameters: [], outputs: [.init("m", .matrix([[1], [1, 2]]))], checks: [])
    }
  }

  @Test("Strings are escaped in JSON")
  func escaping() throws {
    let set = try VectorSet(
      name: "q\"\\", parameters: [.init("f", .text("a\nb\u{1}"))], outputs: [], checks: [])
    let json = set.json(provenance: provenance)
    #expect(json.contains(#""set": "q\"\\""#))
    #expect(json.contains(#""f": "a\nb\u0001""#))
    #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
  }
}
