// SPDX-License-Identifier: GPL-3.0-or-later

/// A dense real matrix stored row-major, whose entries are always finite.
///
/// Entry `(i, j)`, with 0-based indices, is `elements[i * columns + j]`. Every initializer
/// rejects infinite and NaN entries with `Matrix.Error.nonFinite`, and every arithmetic
/// operation throws the same error when its result overflows, so the decompositions built on
/// `Matrix` (``LUDecomposition``, ``CholeskyDecomposition``, ``SymmetricEigendecomposition``,
/// ``SingularValueDecomposition``) never see a NaN. Shapes are checked: a product or sum of
/// matrices whose shapes do not fit throws `Matrix.Error.shapeMismatch`.
///
/// Matrices with zero rows or zero columns are allowed (`Matrix.identity(0)` is 0 x 0).
///
/// Products and sums are computed in `Scalar` with the textbook loops; each entry of a product
/// `C = A * B` with inner dimension `k` satisfies the standard bound
///
///     |C - fl(A * B)| <= gamma(k) * |A| * |B|,   gamma(k) = k * u / (1 - k * u)
///
/// where `u = Scalar.ulpOfOne / 2` is the unit roundoff (Golub & Van Loan, *Matrix
/// Computations*, 4th ed., 2013, section 2.7.8; Higham, *Accuracy and Stability of Numerical
/// Algorithms*, 2nd ed., 2002, section 3.5, https://doi.org/10.1137/1.9780898718027).
public struct Matrix<Scalar: ReferenceScalar>: Hashable, Sendable, CustomStringConvertible {
  /// The number of rows, non-negative.
  public let rows: Int
  /// The number of columns, non-negative.
  public let columns: Int
  /// The entries in row-major order: entry `(i, j)` is `elements[i * columns + j]`.
  public let elements: [Scalar]

  /// Creates a matrix from its shape and row-major entries.
  ///
  /// - Parameters:
  ///   - rows: The number of rows, non-negative.
  ///   - columns: The number of columns, non-negative.
  ///   - elements: `rows * columns` finite entries, row by row.
  /// - Throws: `Matrix.Error.invalidShape` if a dimension is negative or the count of
  ///   entries is not `rows * columns`; `Matrix.Error.nonFinite` if an entry is infinite or NaN.
  public init(rows: Int, columns: Int, elements: [Scalar]) throws(Error) {
    let product = rows.multipliedReportingOverflow(by: columns)
    guard rows >= 0, columns >= 0, !product.overflow, product.partialValue == elements.count
    else { throw .invalidShape(rows: rows, columns: columns, count: elements.count) }
    guard elements.allSatisfy(\.isFinite) else { throw .nonFinite }
    self.init(unchecked: rows, columns, elements)
  }

  /// Creates a matrix from an array of rows.
  ///
  /// - Parameter rowArrays: At least one row; every row has the same, nonzero length, and
  ///   every entry is finite.
  /// - Throws: `Matrix.Error.invalidShape` if there are no rows or the first row is empty;
  ///   `Matrix.Error.raggedRows` naming the first row whose length differs from the first;
  ///   `Matrix.Error.nonFinite` if an entry is infinite or NaN.
  public init(_ rowArrays: [[Scalar]]) throws(Error) {
    guard let first = rowArrays.first, !first.isEmpty else {
      throw .invalidShape(rows: rowArrays.count, columns: 0, count: 0)
    }
    for (index, row) in rowArrays.enumerated() where row.count != first.count {
      throw .raggedRows(row: index, expected: first.count, got: row.count)
    }
    try self.init(rows: rowArrays.count, columns: first.count, elements: rowArrays.flatMap { $0 })
  }

  /// Creates a matrix without checking; callers guarantee the shape and finite entries.
  init(unchecked rows: Int, _ columns: Int, _ elements: [Scalar]) {
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// Returns the `n` x `n` identity matrix.
  ///
  /// - Parameter n: The order; must be non-negative (a negative order is a programmer error
  ///   and traps, as `Array(repeating:count:)` does).
  /// - Returns: The identity; `identity(0)` is the empty 0 x 0 matrix.
  public static func identity(_ n: Int) -> Matrix {
    precondition(n >= 0, "Matrix.identity: negative order \(n)")
    var elements = [Scalar](repeating: 0, count: n * n)
    for i in 0..<n { elements[i * n + i] = 1 }
    return Matrix(unchecked: n, n, elements)
  }

  /// Returns the matrix of the given shape whose entries are all zero.
  ///
  /// - Parameters:
  ///   - rows: The number of rows; must be non-negative (traps otherwise, like `Array`).
  ///   - columns: The number of columns; must be non-negative (traps otherwise).
  /// - Returns: The zero matrix.
  public static func zeros(rows: Int, columns: Int) -> Matrix {
    precondition(rows >= 0 && columns >= 0, "Matrix.zeros: negative shape \(rows) x \(columns)")
    return Matrix(unchecked: rows, columns, [Scalar](repeating: 0, count: rows * columns))
  }

  /// Returns the square matrix with `diagonal` on its diagonal and zeros elsewhere.
  ///
  /// - Parameter diagonal: The diagonal entries, all finite.
  /// - Returns: The diagonal matrix of order `diagonal.count`.
  /// - Throws: `Matrix.Error.nonFinite` if an entry is infinite or NaN.
  public static func diagonal(_ diagonal: [Scalar]) throws(Error) -> Matrix {
    guard diagonal.allSatisfy(\.isFinite) else { throw .nonFinite }
    let n = diagonal.count
    var elements = [Scalar](repeating: 0, count: n * n)
    for i in 0..<n { elements[i * n + i] = diagonal[i] }
    return Matrix(unchecked: n, n, elements)
  }

  /// The entry in row `row` and column `column` (0-based).
  ///
  /// An index out of range is a programmer error and traps, as it does for `Array`.
  public subscript(row: Int, column: Int) -> Scalar {
    precondition(
      row >= 0 && row < rows && column >= 0 && column < columns,
      "Matrix index (\(row), \(column)) out of range for a \(rows) x \(columns) matrix")
    return elements[row * columns + column]
  }

  /// Returns row `i` (0-based); an index out of range traps, as it does for `Array`.
  ///
  /// - Parameter i: The row index, in `0 ..< rows`.
  /// - Returns: The `columns` entries of the row.
  public func row(_ i: Int) -> [Scalar] {
    precondition(i >= 0 && i < rows, "Matrix row \(i) out of range for \(rows) rows")
    return Array(elements[(i * columns)..<((i + 1) * columns)])
  }

  /// Returns column `j` (0-based); an index out of range traps, as it does for `Array`.
  ///
  /// - Parameter j: The column index, in `0 ..< columns`.
  /// - Returns: The `rows` entries of the column.
  public func column(_ j: Int) -> [Scalar] {
    precondition(j >= 0 && j < columns, "Matrix column \(j) out of range for \(columns) columns")
    return (0..<rows).map { elements[$0 * columns + j] }
  }

  /// The shape as `[rows, columns]`, as error messages print it.
  public var shape: [Int] { [rows, columns] }

  /// The transpose, with entry `(j, i)` equal to entry `(i, j)` of `self`.
  ///
  /// - Complexity: O(rows * columns).
  public var transposed: Matrix {
    var result = [Scalar](repeating: 0, count: elements.count)
    for i in 0..<rows {
      for j in 0..<columns { result[j * rows + i] = elements[i * columns + j] }
    }
    return Matrix(unchecked: columns, rows, result)
  }

  /// Whether the matrix has as many rows as columns.
  public var isSquare: Bool { rows == columns }

  /// Returns whether the matrix is square and `|a[i][j] - a[j][i]| <= tolerance` for all i, j.
  ///
  /// - Parameter tolerance: The largest absolute asymmetry accepted; 0 asks for exact symmetry.
  /// - Returns: `false` for a matrix that is not square.
  public func isSymmetric(tolerance: Scalar = 0) -> Bool {
    guard isSquare else { return false }
    for i in 0..<rows {
      for j in (i + 1)..<max(i + 1, columns)
      where abs(elements[i * columns + j] - elements[j * columns + i]) > tolerance {
        return false
      }
    }
    return true
  }

  /// Returns the symmetric part `(A + A^T) / 2` of a square matrix.
  ///
  /// Each entry is computed as `a[i][j] / 2 + a[j][i] / 2`, which cannot overflow; the result
  /// is exactly symmetric.
  ///
  /// - Returns: The symmetric part.
  /// - Throws: `Matrix.Error.notSquare` if the matrix is not square.
  public func symmetrized() throws(Error) -> Matrix {
    guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
    var result = elements
    for i in 0..<rows {
      for j in i..<columns {
        let mean = elements[i * columns + j] / 2 + elements[j * columns + i] / 2
        result[i * columns + j] = mean
        result[j * columns + i] = mean
      }
    }
    return Matrix(unchecked: rows, columns, result)
  }
}

// MARK: - Arithmetic

extension Matrix {
  /// Returns the matrix product `self * other`.
  ///
  ///     C[i][j] = sum over k in 0 ..< columns of self[i][k] * other[k][j]
  ///
  /// - Parameter other: A matrix with `self.columns` rows.
  /// - Returns: The `rows` x `other.columns` product (zero when the inner dimension is 0).
  /// - Throws: `Matrix.Error.shapeMismatch` if the inner dimensions differ;
  ///   `Matrix.Error.nonFinite` if the product overflows.
  /// - Complexity: O(rows * columns * other.columns).
  public func multiplied(by other: Matrix) throws(Error) -> Matrix {
    guard columns == other.rows else {
      throw .shapeMismatch(operation: "multiply", left: shape, right: other.shape)
    }
    let n = other.columns
    var result = [Scalar](repeating: 0, count: rows * n)
    for i in 0..<rows {
      for k in 0..<columns {
        let a = elements[i * columns + k]
        if a == 0 { continue }
        for j in 0..<n { result[i * n + j] += a * other.elements[k * n + j] }
      }
    }
    return try Matrix.checked(rows, n, result)
  }

  /// Returns the matrix-vector product `self * vector`.
  ///
  /// - Parameter vector: A vector of `columns` entries.
  /// - Returns: The `rows` entries of the product.
  /// - Throws: `Matrix.Error.shapeMismatch` if `vector.count != columns`;
  ///   `Matrix.Error.nonFinite` if an entry of `vector` or of the result is infinite or NaN.
  /// - Complexity: O(rows * columns).
  public func multiplied(by vector: [Scalar]) throws(Error) -> [Scalar] {
    guard vector.count == columns else {
      throw .shapeMismatch(operation: "multiply", left: shape, right: [vector.count])
    }
    var result = [Scalar](repeating: 0, count: rows)
    for i in 0..<rows {
      var sum: Scalar = 0
      for k in 0..<columns { sum += elements[i * columns + k] * vector[k] }
      result[i] = sum
    }
    guard vector.allSatisfy(\.isFinite), result.allSatisfy(\.isFinite) else {
      throw .nonFinite
    }
    return result
  }

  /// Returns the entrywise sum of two matrices of the same shape.
  ///
  /// - Throws: `Matrix.Error.shapeMismatch` if the shapes differ; `Matrix.Error.nonFinite`
  ///   if the sum overflows.
  public static func + (left: Matrix, right: Matrix) throws(Error) -> Matrix {
    guard left.shape == right.shape else {
      throw .shapeMismatch(operation: "add", left: left.shape, right: right.shape)
    }
    let sum = zip(left.elements, right.elements).map { $0 + $1 }
    return try checked(left.rows, left.columns, sum)
  }

  /// Returns the entrywise difference of two matrices of the same shape.
  ///
  /// - Throws: `Matrix.Error.shapeMismatch` if the shapes differ; `Matrix.Error.nonFinite`
  ///   if the difference overflows.
  public static func - (left: Matrix, right: Matrix) throws(Error) -> Matrix {
    guard left.shape == right.shape else {
      throw .shapeMismatch(operation: "subtract", left: left.shape, right: right.shape)
    }
    let difference = zip(left.elements, right.elements).map { $0 - $1 }
    return try checked(left.rows, left.columns, difference)
  }

  /// Returns the matrix with every entry multiplied by `factor`.
  ///
  /// - Parameter factor: A finite scalar.
  /// - Returns: `factor * self`.
  /// - Throws: `Matrix.Error.nonFinite` if `factor` is infinite or NaN or the result overflows.
  public func scaled(by factor: Scalar) throws(Error) -> Matrix {
    guard factor.isFinite else { throw .nonFinite }
    return try Matrix.checked(rows, columns, elements.map { factor * $0 })
  }

  /// Returns a matrix after checking that its entries are finite.
  static func checked(_ rows: Int, _ columns: Int, _ elements: [Scalar]) throws(Error) -> Matrix {
    guard elements.allSatisfy(\.isFinite) else { throw .nonFinite }
    return Matrix(unchecked: rows, columns, elements)
  }
}

// MARK: - Norms

extension Matrix {
  /// The Frobenius norm `sqrt(sum over i, j of a[i][j]^2)`, computed with scaling.
  ///
  /// The sum of squares is formed from `a[i][j] / maxAbs`, so no intermediate overflows or
  /// underflows harmfully; the result overflows to infinity only when the norm itself exceeds
  /// `Scalar.greatestFiniteMagnitude`. It is 0 for the zero and the empty matrix.
  ///
  /// - Complexity: O(rows * columns).
  public var frobeniusNorm: Scalar {
    let scale = maxAbs
    guard scale > 0 else { return 0 }
    var sum: Scalar = 0
    for x in elements {
      let y = x / scale
      sum += y * y
    }
    return scale * sum.squareRoot()
  }

  /// The largest absolute value of an entry (0 for the empty matrix).
  public var maxAbs: Scalar {
    elements.reduce(0) { max($0, abs($1)) }
  }

  /// The 1-norm: the largest sum of absolute values in a column (0 for the empty matrix).
  public var oneNorm: Scalar {
    var sums = [Scalar](repeating: 0, count: columns)
    for i in 0..<rows {
      for j in 0..<columns { sums[j] += abs(elements[i * columns + j]) }
    }
    return sums.max() ?? 0
  }

  /// The infinity-norm: the largest sum of absolute values in a row (0 for the empty matrix).
  public var infinityNorm: Scalar {
    (0..<rows).map { i in
      elements[(i * columns)..<((i + 1) * columns)].reduce(0) { $0 + abs($1) }
    }.max() ?? 0
  }
}

// MARK: - Description and errors

extension Matrix {
  /// The shape followed by the rows, such as `2 x 2 [[1.0, 2.0], [3.0, 4.0]]`.
  public var description: String {
    let body = (0..<rows).map { "\(row($0))" }.joined(separator: ", ")
    return "\(rows) x \(columns) [\(body)]"
  }

  /// Describes why a matrix could not be created, combined or decomposed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// A dimension was negative, or the number of entries was not `rows * columns`.
    case invalidShape(rows: Int, columns: Int, count: Int)
    /// A row's length differed from the first row's.
    case raggedRows(row: Int, expected: Int, got: Int)
    /// The shapes of two operands did not fit the operation.
    case shapeMismatch(operation: String, left: [Int], right: [Int])
    /// A square matrix was required.
    case notSquare(rows: Int, columns: Int)
    /// A symmetric matrix was required.
    case notSymmetric
    /// A pivot was exactly zero, so the matrix is singular (pivot index 0-based).
    case singular(pivot: Int)
    /// A Cholesky pivot was not positive (pivot index 0-based).
    case notPositiveDefinite(pivot: Int)
    /// An entry, argument or result was infinite or NaN.
    case nonFinite

    public var description: String {
      switch self {
      case .invalidShape(let rows, let columns, let count):
        "A matrix needs non-negative dimensions and rows * columns entries; got "
          + "\(rows) x \(columns) with \(count) entries."
      case .raggedRows(let row, let expected, let got):
        "Matrix rows must have equal lengths; row \(row) has \(got) entries, expected \(expected)."
      case .shapeMismatch(let operation, let left, let right):
        "Cannot \(operation) shapes \(left) and \(right)."
      case .notSquare(let rows, let columns):
        "A square matrix is required; got \(rows) x \(columns)."
      case .notSymmetric:
        "A symmetric matrix is required."
      case .singular(let pivot):
        "The matrix is singular: pivot \(pivot) is zero."
      case .notPositiveDefinite(let pivot):
        "The matrix is not positive definite: pivot \(pivot) is not positive."
      case .nonFinite:
        "Matrix entries, arguments and results must be finite; got infinity or NaN."
      }
    }
  }
}
