/// Why a factorization or a solve stopped, with the index a learner needs to find the cause.
public enum MatrixError: Error, Equatable, CustomStringConvertible {
  /// The operation needs a square matrix.
  case notSquare(rows: Int, columns: Int)
  /// Cholesky met a pivot ≤ 0 on diagonal entry `pivot` (from 0): the matrix is not positive
  /// definite, so a Newton step with it need not be a descent direction.
  case notPositiveDefinite(pivot: Int)
  /// Elimination found no usable pivot in `column` (from 0): the matrix is singular to working
  /// precision.
  case singular(column: Int)

  public var description: String {
    switch self {
    case .notSquare(let rows, let columns):
      "matrix is \(rows)×\(columns), not square"
    case .notPositiveDefinite(let pivot):
      "matrix is not positive definite (Cholesky pivot \(pivot) is ≤ 0)"
    case .singular(let column):
      "matrix is singular to working precision (no usable pivot in column \(column))"
    }
  }
}
