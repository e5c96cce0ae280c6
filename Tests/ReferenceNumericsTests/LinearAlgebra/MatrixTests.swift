// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule
import ReferenceNumerics
import Testing

@Suite("Matrix value type")
struct MatrixTests {
  @Test("Row arrays and row-major elements give the same matrix")
  func initializers() throws {
    let a = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
    let b = try Matrix<Double>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    #expect(a == b)
    #expect(a.rows == 2 && a.columns == 3)
    #expect(a[1, 2] == 6)
    #expect(a.row(1) == [4, 5, 6])
    #expect(a.column(2) == [3, 6])
    #expect(!a.isSquare)
    #expect(a.description == "2 x 3 [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]")
  }

  @Test("Bad shapes, ragged rows and non-finite entries throw")
  func rejectsInvalidInput() {
    #expect(throws: Matrix<Double>.Error.invalidShape(rows: 2, columns: 2, count: 3)) {
      try Matrix<Double>(rows: 2, columns: 2, elements: [1, 2, 3])
    }
    #expect(throws: Matrix<Double>.Error.invalidShape(rows: -1, columns: -1, count: 1)) {
      try Matrix<Double>(rows: -1, columns: -1, elements: [1])
    }
    #expect(throws: Matrix<Double>.Error.raggedRows(row: 1, expected: 2, got: 1)) {
      try Matrix<Double>([[1, 2], [3]])
    }
    #expect(throws: Matrix<Double>.Error.invalidShape(rows: 0, columns: 0, count: 0)) {
      try Matrix<Double>([])
    }
    #expect(throws: Matrix<Double>.Error.invalidShape(rows: 1, columns: 0, count: 0)) {
      try Matrix<Double>([[]])
    }
    #expect(throws: Matrix<Float>.Error.nonFinite) { try Matrix<Float>([[1, .nan]]) }
    #expect(throws: Matrix<Double>.Error.nonFinite) {
      try Matrix<Double>(rows: 1, columns: 1, elements: [.infinity])
    }
  }

  @Test("Empty shapes are allowed through the flat initializer")
  func emptyShapes() throws {
    let empty = try Matrix<Double>(rows: 0, columns: 3, elements: [])
    #expect(empty.transposed.shape == [3, 0])
    let product = try empty.transposed.multiplied(by: empty)
    #expect(product == Matrix<Double>.zeros(rows: 3, columns: 3))
    #expect(Matrix<Double>.identity(0).elements.isEmpty)
    #expect(empty.frobeniusNorm == 0 && empty.maxAbs == 0)
  }

  @Test("Products, sums and transposes obey their identities")
  func arithmetic() throws {
    let a = try Matrix<Double>([[1, 2], [3, 4], [5, 6]])
    let b = try Matrix<Double>([[7, 8, 9], [10, 11, 12]])
    let product = try a.multiplied(by: b)
    #expect(product == (try Matrix([[27, 30, 33], [61, 68, 75], [95, 106, 117]])))
    // (A B)^T = B^T A^T
    #expect(product.transposed == (try b.transposed.multiplied(by: a.transposed)))
    #expect(try a.multiplied(by: [1, -1]) == [-1, -1, -1])
    #expect(try Matrix<Double>.identity(3).multiplied(by: a) == a)
    let sum = try a + a
    #expect(sum == (try a.scaled(by: 2)))
    #expect(try (sum - a) == a)
    #expect(a.maxAbs == 6)
    #expect(a.frobeniusNorm.isApproximatelyEqual(to: 91.0.squareRoot()))
    #expect(a.oneNorm == 12 && a.infinityNorm == 11)
  }

  @Test("Shape mismatches and overflow throw")
  func arithmeticErrors() throws {
    let a = try Matrix<Double>([[1, 2], [3, 4], [5, 6]])
    #expect(
      throws: Matrix<Double>.Error.shapeMismatch(
        operation: "multiply", left: [3, 2], right: [3, 2])
    ) { try a.multiplied(by: a) }
    #expect(
      throws: Matrix<Double>.Error.shapeMismatch(
        operation: "multiply", left: [3, 2], right: [3])
    ) { try a.multiplied(by: [1, 2, 3]) }
    #expect(
      throws: Matrix<Double>.Error.shapeMismatch(
        operation: "add", left: [3, 2], right: [2, 3])
    ) { try a + a.transposed }
    #expect(throws: Matrix<Double>.Error.nonFinite) {
      try a.scaled(by: .greatestFiniteMagnitude)
    }
    #expect(throws: Matrix<Double>.Error.nonFinite) { try a.multiplied(by: [.nan, 1]) }
    #expect(throws: Matrix<Double>.Error.notSquare(rows: 3, columns: 2)) {
      try a.symmetrized()
    }
  }

  @Test("Symmetry test and symmetric part")
  func symmetry() throws {
    let a = try Matrix<Float>([[1, 2], [2.5, 3]])
    #expect(!a.isSymmetric())
    #expect(a.isSymmetric(tolerance: 0.5))
    let s = try a.symmetrized()
    #expect(s.isSymmetric())
    #expect(s[0, 1] == 2.25)
    #expect(!(try Matrix<Float>([[1, 2]])).isSymmetric(tolerance: 10))
  }

  @Test("The Frobenius norm neither overflows nor underflows needlessly")
  func scaledNorm() throws {
    let big = try Matrix<Float>([[3e30, 4e30]])
    #expect(big.frobeniusNorm.isApproximatelyEqual(to: 5e30))
    let tiny = try Matrix<Double>([[3e-300, 4e-300]])
    #expect(tiny.frobeniusNorm.isApproximatelyEqual(to: 5e-300))
  }
}
