import Testing
import Verification

@Suite("Strict JSON vectors and matrices")
struct JSONNumbersTests {
  @Test("Vectors and matrices of numbers, with JSON whitespace")
  func reads() throws {
    #expect(try JSONNumbers.matrix(" [[2, 1],\n [1, 3e0]] ") == [[2, 1], [1, 3]])
    #expect(try JSONNumbers.vector("[-0.5]") == [-0.5])
    #expect(try JSONNumbers.value("[1,2]") == .vector([1, 2]))
    #expect(try JSONNumbers.value("[[1],[2]]") == .matrix([[1], [2]]))
  }

  @Test(
    "Anything else is refused",
    arguments: [
      "[[true,1],[1,3]]", "[1,2,]", "[[1,2],[3,4],]", "[1,,2]", "[1] x", "[.5]", "[+1]",
      "[\"1\"]", "[null]", "", "[", "[1 2]", "[[[1]]]", "1", "[1,[2]]", "[[1],2]", "[0x10]",
      "[NaN]", "[Infinity]", "{}", "[1e]",
    ])
  func refuses(_ text: String) {
    #expect(throws: JSONNumbers.Error.self) { try JSONNumbers.value(text) }
  }

  @Test("Numbers beyond the doubles are refused with their place")
  func outOfRange() {
    #expect(throws: JSONNumbers.Error.number(.overflow("1e400"), position: 2)) {
      try JSONNumbers.vector("[1e400]")
    }
    #expect(throws: JSONNumbers.Error.number(.underflow("1e-400"), position: 5)) {
      try JSONNumbers.matrix("[[1,1e-400]]")
    }
  }

  @Test("Matrices are rectangular and non-empty")
  func rectangular() {
    #expect(throws: JSONNumbers.Error.ragged(row: 2, count: 1, expected: 2)) {
      try JSONNumbers.matrix("[[2,1],[1]]")
    }
    #expect(throws: JSONNumbers.Error.empty("row 1")) { try JSONNumbers.matrix("[[]]") }
    #expect(throws: JSONNumbers.Error.empty("the array at character 1")) {
      try JSONNumbers.vector("[]")
    }
  }

  @Test("A vector is not a matrix and a matrix is not a vector")
  func shapes() {
    #expect(throws: JSONNumbers.Error.self) { try JSONNumbers.matrix("[1,2]") }
    #expect(throws: JSONNumbers.Error.self) { try JSONNumbers.vector("[[1,2]]") }
  }

  @Test("Errors name the character")
  func messages() {
    #expect(
      "\(JSONNumbers.Error.syntax("a trailing comma", position: 6))"
        == "not a JSON array of numbers: a trailing comma at character 6.")
    #expect(throws: JSONNumbers.Error.syntax("a trailing comma", position: 5)) {
      try JSONNumbers.vector("[1,2,]")
    }
    #expect(throws: JSONNumbers.Error.syntax("expected a number or '['", position: 3)) {
      try JSONNumbers.matrix("[[true,1],[1,3]]")
    }
  }
}
