// SPDX-License-Identifier: GPL-3.0-or-later

/// A fully fine-tuned weight delta compressed to low rank by its singular value decomposition.
///
/// The compromise the adapter survey mentions: fine-tune every weight, keep only the rank-`r`
/// truncation of the delta `D = W_tuned - W`, and add it back at inference. By Eckart and Young
/// (1936) the truncation `D_r = U_r diag(sigma_1 ... sigma_r) V_r^T` is the closest rank-`r`
/// matrix in the Frobenius norm, and
///
///     ||D - D_r||_F = sqrt(sum over i > r of sigma_i^2)
///
/// The decomposition is ``SingularValueDecomposition`` (one-sided Jacobi).
public enum DeltaCompression {
  /// Describes why a delta could not be compressed.
  public enum Error: Swift.Error, Hashable, CustomStringConvertible {
    /// The rank is negative or above min(m, n).
    case invalidRank(Int, maximum: Int)

    public var description: String {
      switch self {
      case .invalidRank(let r, let maximum): "The rank must be in 0 ... \(maximum); got \(r)."
      }
    }
  }

  /// Returns the rank-`rank` truncation of `delta` and all its singular values, descending.
  ///
  /// - Throws: `Error.invalidRank` for a rank outside 0 ... min(m, n).
  public static func truncated<Scalar: ReferenceScalar>(_ delta: Matrix<Scalar>, rank: Int)
    throws(Error) -> (approximation: Matrix<Scalar>, singularValues: [Scalar])
  {
    let k = min(delta.rows, delta.columns)
    guard (0...k).contains(rank) else { throw .invalidRank(rank, maximum: k) }
    let svd = SingularValueDecomposition(validated: delta)
    var elements = [Scalar](repeating: 0, count: delta.rows * delta.columns)
    for i in 0..<delta.rows {
      for j in 0..<delta.columns {
        var sum: Scalar = 0
        for t in 0..<rank { sum += svd.u[i, t] * svd.singularValues[t] * svd.v[j, t] }
        elements[i * delta.columns + j] = sum
      }
    }
    return (Matrix(unchecked: delta.rows, delta.columns, elements), svd.singularValues)
  }
}
