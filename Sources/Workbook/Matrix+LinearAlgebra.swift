import Foundation

// The factorizations and arithmetic that Newton, quasi-Newton and Lanczos exercises build on.

extension Matrix {
  /// The Cholesky factor: the lower-triangular `L` with positive diagonal and `A = L·Lᵀ`.
  ///
  /// `A` is assumed symmetric and only its lower triangle (diagonal included) is read, so an
  /// upper triangle off by rounding does not matter. Succeeding is the cheapest test that a
  /// symmetric matrix is positive definite.
  ///
  /// - Throws: ``MatrixError/notSquare(rows:columns:)``, or
  ///   ``MatrixError/notPositiveDefinite(pivot:)`` at the first pivot that is ≤ 0 (or NaN),
  ///   which includes positive semidefinite matrices whose pivot comes out exactly 0.
  public func cholesky() throws(MatrixError) -> Matrix {
    guard rows == columns else { throw .notSquare(rows: rows, columns: columns) }
    var l = Matrix(rows: rows, columns: rows)
    for j in 0..<rows {
      var pivot = self[j, j]
      for k in 0..<j { pivot -= l[j, k] * l[j, k] }
      // `!(pivot > 0)` rather than `pivot <= 0` so that NaN is rejected too.
      guard pivot > 0 else { throw .notPositiveDefinite(pivot: j) }
      l[j, j] = pivot.squareRoot()
      for i in (j + 1)..<rows {
        var sum = self[i, j]
        for k in 0..<j { sum -= l[i, k] * l[j, k] }
        l[i, j] = sum / l[j, j]
      }
    }
    return l
  }

  /// The solution `x` of `A·x = b`, by Gaussian elimination with partial pivoting.
  ///
  /// A pivot counts as zero when its magnitude is at most `n·ε` times the largest entry of `A`
  /// (`ε` = `Double.ulpOfOne`): past that point the "solution" is rounding noise, so reporting
  /// singularity is more useful than returning it. The test is relative to the largest entry,
  /// so a badly scaled but invertible matrix such as `diag(1, 1e-20)` is reported too.
  ///
  /// - Precondition: `b.count == rows`.
  /// - Throws: ``MatrixError/notSquare(rows:columns:)``, or ``MatrixError/singular(column:)``
  ///   naming the column where elimination found no usable pivot.
  public func solve(_ b: [Double]) throws(MatrixError) -> [Double] {
    guard rows == columns else { throw .notSquare(rows: rows, columns: columns) }
    precondition(b.count == rows, "solve: \(rows)×\(columns) matrix, right-hand side \(b.count)")
    let n = rows
    let tiny = Double(n) * .ulpOfOne * (elements.map(abs).max() ?? 0)
    var a = self
    var x = b
    for k in 0..<n {
      // Partial pivoting: the largest entry in the column keeps the multipliers ≤ 1 in size.
      let p = (k..<n).max { abs(a[$0, k]) < abs(a[$1, k]) }!
      guard abs(a[p, k]) > tiny else { throw .singular(column: k) }
      if p != k {
        for j in k..<n { (a[k, j], a[p, j]) = (a[p, j], a[k, j]) }
        x.swapAt(k, p)
      }
      for i in (k + 1)..<n {
        let m = a[i, k] / a[k, k]
        for j in k..<n { a[i, j] -= m * a[k, j] }
        x[i] -= m * x[k]
      }
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = x[i]
      for j in (i + 1)..<n { sum -= a[i, j] * x[j] }
      x[i] = sum / a[i, i]
    }
    return x
  }

  /// The eigenvalues of a symmetric matrix in ascending order, by the cyclic Jacobi method.
  ///
  /// Jacobi is slow for large matrices but short, and accurate to about 1e-12 relative for the
  /// small ones here (test matrices, Lanczos' tridiagonal `T`). Only the lower triangle is read,
  /// as in ``cholesky()``.
  ///
  /// - Precondition: the matrix is square.
  public func symmetricEigenvalues() -> [Double] {
    precondition(rows == columns, "symmetricEigenvalues: \(rows)×\(columns) is not square")
    let n = rows
    var a = self
    for i in 0..<n {
      for j in (i + 1)..<n { a[i, j] = a[j, i] }
    }
    let frobenius = norm(a.elements)
    // Sweeps converge quadratically (a handful suffice); the cap only stops NaN input looping.
    for _ in 0..<50 {
      var offDiagonal = 0.0
      for i in 0..<n {
        for j in 0..<i { offDiagonal += 2 * a[i, j] * a[i, j] }
      }
      // By Weyl's inequality the diagonal is then within ε‖A‖ of the eigenvalues.
      if offDiagonal.squareRoot() <= .ulpOfOne * frobenius { break }
      for p in 0..<n {
        for q in (p + 1)..<n where a[p, q] != 0 {
          // The rotation in the (p, q) plane that zeroes a[p, q] (Golub & Van Loan, §8.5.2),
          // with the smaller angle for stability.
          let theta = (a[q, q] - a[p, p]) / (2 * a[p, q])
          let t = (theta >= 0 ? 1 : -1) / (abs(theta) + hypot(theta, 1))
          let c = 1 / hypot(t, 1)
          let s = t * c
          for k in 0..<n {
            (a[k, p], a[k, q]) = (c * a[k, p] - s * a[k, q], s * a[k, p] + c * a[k, q])
          }
          for k in 0..<n {
            (a[p, k], a[q, k]) = (c * a[p, k] - s * a[q, k], s * a[p, k] + c * a[q, k])
          }
          a[p, q] = 0
          a[q, p] = 0
        }
      }
    }
    return (0..<n).map { a[$0, $0] }.sorted()
  }

  /// The QR factorization `A = QR` of a square matrix, by Householder reflections.
  ///
  /// Q is orthogonal and R upper triangular. The reflections follow LAPACK's `dgeqrf`, as
  /// `numpy.linalg.qr` does (each diagonal entry of R has the opposite sign of the column's first
  /// entry), so Q and R are numpy's up to rounding. The chapter's `create_quadratic` takes Q of a
  /// Gaussian matrix as a random rotation.
  public func qr() -> (q: Matrix, r: Matrix) {
    precondition(rows == columns, "qr: a square matrix, not \(rows)×\(columns)")
    let n = rows
    var r = self
    var q = Matrix.identity(n)
    for k in 0..<n {
      let alpha = r[k, k]
      let tail = ((k + 1)..<n).map { r[$0, k] }
      let tailNorm = tail.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard tailNorm > 0 else { continue }  // already triangular here: H = I
      // H = I − τvvᵀ, v = (1, tail/(α − β)), τ = (β − α)/β, with β = −sign(α)·‖(α, tail)‖.
      let beta = (alpha >= 0 ? -1 : 1) * (alpha * alpha + tailNorm * tailNorm).squareRoot()
      let tau = (beta - alpha) / beta
      let v = [1] + tail.map { $0 / (alpha - beta) }
      for j in 0..<n {  // R ← H·R
        let s = tau * v.indices.reduce(0) { $0 + v[$1] * r[k + $1, j] }
        for i in v.indices { r[k + i, j] -= s * v[i] }
      }
      for j in 0..<n {  // Q ← Q·H
        let s = tau * v.indices.reduce(0) { $0 + q[j, k + $1] * v[$1] }
        for i in v.indices { q[j, k + i] -= s * v[i] }
      }
      for i in (k + 1)..<n { r[i, k] = 0 }
    }
    return (q, r)
  }

  /// `A + B`, entry by entry.
  public static func + (a: Matrix, b: Matrix) -> Matrix {
    a.combined(with: b, "+", +)
  }

  /// `A − B`, entry by entry.
  public static func - (a: Matrix, b: Matrix) -> Matrix {
    a.combined(with: b, "-", -)
  }

  /// `s·A`, entry by entry, several entries per instruction (a training step's `η·∂L/∂W`).
  public static func * (s: Double, a: Matrix) -> Matrix {
    let count = a.elements.count
    let entries = [Double](unsafeUninitializedCapacity: count) { c, initialized in
      a.elements.withUnsafeBufferPointer { a in
        for i in 0..<count { c[i] = s * a[i] }
      }
      initialized = count
    }
    return Matrix(rows: a.rows, columns: a.columns, elements: entries)
  }

  /// The entries of `self` and `other` combined pairwise; inlined, so that `operation` is too and
  /// the loop runs several entries per instruction (a training step's update of every weight).
  @inline(__always)
  private func combined(
    with other: Matrix, _ symbol: String, _ operation: (Double, Double) -> Double
  ) -> Matrix {
    precondition(
      rows == other.rows && columns == other.columns,
      "Matrix \(symbol) Matrix: \(rows)×\(columns) and \(other.rows)×\(other.columns)")
    let count = elements.count
    let entries = [Double](unsafeUninitializedCapacity: count) { c, initialized in
      elements.withUnsafeBufferPointer { a in
        other.elements.withUnsafeBufferPointer { b in
          for i in 0..<count { c[i] = operation(a[i], b[i]) }
        }
      }
      initialized = count
    }
    return Matrix(rows: rows, columns: columns, elements: entries)
  }
}

/// The outer product `a·bᵀ`, the rank-one term of BFGS-style updates.
public func outer(_ a: [Double], _ b: [Double]) -> Matrix {
  var m = Matrix(rows: a.count, columns: b.count)
  for i in a.indices {
    for j in b.indices { m[i, j] = a[i] * b[j] }
  }
  return m
}
