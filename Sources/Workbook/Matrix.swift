/// A dense, row-major matrix of `Double`, for Hessians and the linear algebra the exercises need.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The entries, row after row.
  public private(set) var elements: [Double]

  /// A matrix of `rows × columns` entries, all equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative size \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix from its rows, written as an array literal of rows: `Matrix([[2, 0], [0, 1]])`.
  ///
  /// - Precondition: every row has the same length.
  public init(_ rowArrays: [[Double]]) {
    let columns = rowArrays.first?.count ?? 0
    precondition(
      rowArrays.allSatisfy { $0.count == columns }, "Matrix: rows of different lengths")
    self.rows = rowArrays.count
    self.columns = columns
    self.elements = rowArrays.flatMap { $0 }
  }

  /// A matrix of `rows × columns` entries taken row after row from `elements`; reshapes a vector,
  /// for example a digit's 64 pixels into its 8 × 8 image.
  ///
  /// - Precondition: `elements.count == rows · columns`.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(
      rows >= 0 && columns >= 0 && elements.count == rows * columns,
      "Matrix: \(elements.count) entries do not fill \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// The `n × n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    diagonal(Array(repeating: 1, count: n))
  }

  /// The square matrix with `d` on its diagonal and zeros elsewhere.
  public static func diagonal(_ d: [Double]) -> Matrix {
    var m = Matrix(rows: d.count, columns: d.count)
    for i in d.indices { m[i, i] = d[i] }
    return m
  }

  /// The entry in row `i`, column `j` (both from 0).
  ///
  /// Reading is inlinable, so a loop over entries in another module (a convolution in
  /// `Solutions`) runs without a call per entry.
  public subscript(i: Int, j: Int) -> Double {
    @inlinable get {
      precondition(
        i >= 0 && i < rows && j >= 0 && j < columns, "Matrix: index (\(i), \(j)) out of range")
      return elements[i * columns + j]
    }
    set {
      precondition(
        i >= 0 && i < rows && j >= 0 && j < columns, "Matrix: index (\(i), \(j)) out of range")
      elements[i * columns + j] = newValue
    }
  }

  /// Row `i` as a vector.
  @inlinable public func row(_ i: Int) -> [Double] {
    Array(elements[(i * columns)..<((i + 1) * columns)])
  }

  /// The transpose `Aᵀ`.
  public var transposed: Matrix {
    let (rows, columns) = (self.rows, self.columns)
    let entries = [Double](unsafeUninitializedCapacity: rows * columns) { t, initialized in
      elements.withUnsafeBufferPointer { a in
        for i in 0..<rows {
          for j in 0..<columns { t[j * rows + i] = a[i * columns + j] }
        }
      }
      initialized = rows * columns
    }
    return Matrix(rows: columns, columns: rows, elements: entries)
  }

  /// The matrix-vector product `A·x`.
  public static func * (a: Matrix, x: [Double]) -> [Double] {
    precondition(a.columns == x.count, "Matrix × vector: \(a.rows)×\(a.columns) times \(x.count)")
    return [Double](unsafeUninitializedCapacity: a.rows) { result, initialized in
      a.elements.withUnsafeBufferPointer { m in
        x.withUnsafeBufferPointer { x in
          product(m, rows: a.rows, columns: a.columns, x.baseAddress, into: result.baseAddress)
        }
      }
      initialized = a.rows
    }
  }

  /// `result = M·x`, M being `rows × columns` at `m`, row after row.
  ///
  /// Each entry is summed over j in order, as the textbook loop does; four rows are summed at
  /// once, so their additions overlap instead of waiting on each other.
  @inline(__always)
  private static func product(
    _ m: UnsafeBufferPointer<Double>, rows: Int, columns: Int, _ x: UnsafePointer<Double>?,
    into result: UnsafeMutablePointer<Double>?
  ) {
    guard rows > 0, let result else { return }
    guard let x else {
      result.initialize(repeating: 0, count: rows)
      return
    }
    var i = 0
    while i + 4 <= rows {
      let (r0, r1, r2, r3) = (
        i * columns, (i + 1) * columns, (i + 2) * columns, (i + 3) * columns
      )
      var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
      for j in 0..<columns {
        let xj = x[j]
        s0 += m[r0 + j] * xj
        s1 += m[r1 + j] * xj
        s2 += m[r2 + j] * xj
        s3 += m[r3 + j] * xj
      }
      (result[i], result[i + 1], result[i + 2], result[i + 3]) = (s0, s1, s2, s3)
      i += 4
    }
    while i < rows {
      var sum = 0.0
      for j in 0..<columns { sum += m[i * columns + j] * x[j] }
      result[i] = sum
      i += 1
    }
  }

  /// The matrix product `A·B`.
  ///
  /// Each entry is summed over k in order, as the textbook loop does. The entries are computed in
  /// blocks of 4 rows × 4 columns (then 2, then 1) held in registers for the whole sum, so each
  /// entry of A and B read serves several products and C is written once.
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    precondition(
      a.columns == b.rows, "Matrix × Matrix: \(a.rows)×\(a.columns) times \(b.rows)×\(b.columns)")
    return product(a, b, rows: a.rows, rowStride: a.columns, innerStride: 1)
  }

  /// The product `Aᵀ·B` without forming `Aᵀ` (a layer's weight gradient, the inputs' transpose
  /// times the gradient of its outputs): the same entries, summed in the same order, as
  /// `a.transposed * b`.
  public func transposedTimes(_ b: Matrix) -> Matrix {
    precondition(
      rows == b.rows, "Matrixᵀ × Matrix: (\(rows)×\(columns))ᵀ times \(b.rows)×\(b.columns)")
    return Matrix.product(self, b, rows: columns, rowStride: 1, innerStride: columns)
  }

  /// The product `A·Bᵀ` (inputs, one per row, times a layer's weights): the same entries, summed
  /// in the same order, as `a * b.transposed`.
  ///
  /// Fewer than four rows (a minibatch of one) are each multiplied by B as a vector, without
  /// forming Bᵀ, straight into the result's rows; more pay for the transpose once and use the
  /// blocked product.
  public func timesTransposed(_ b: Matrix) -> Matrix {
    precondition(
      columns == b.columns,
      "Matrix × Matrixᵀ: \(rows)×\(columns) times (\(b.rows)×\(b.columns))ᵀ")
    guard rows < 4 else { return self * b.transposed }
    let (rows, columns, outputs) = (self.rows, self.columns, b.rows)
    let entries = [Double](unsafeUninitializedCapacity: rows * outputs) { c, initialized in
      elements.withUnsafeBufferPointer { a in
        b.elements.withUnsafeBufferPointer { m in
          for r in 0..<rows {
            Matrix.product(
              m, rows: outputs, columns: columns, a.baseAddress.map { $0 + r * columns },
              into: c.baseAddress.map { $0 + r * outputs })
          }
        }
      }
      initialized = rows * outputs
    }
    return Matrix(rows: rows, columns: outputs, elements: entries)
  }

  /// How many terms an entry of a product sums, at most, for `product` to build C's rows as sums
  /// of B's rows (`addScaled`) rather than in register blocks, whose set-up such short sums do
  /// not repay (the outer products of a minibatch of one).
  private static let shortSum = 2

  /// How many terms of the sums over k `product` takes at a time: a slice of B this deep (at
  /// most 64 columns of doubles, 32 KB) stays in the level-1 cache.
  private static let sliceDepth = 64

  /// C = A'·B, where A' (`rows` × b.rows) has entry (i, k) at `a.elements[i · rowStride + k ·
  /// innerStride]`: A itself, or the transpose of a matrix whose rows are A's columns.
  ///
  /// Either way each entry starts at 0 and adds its products in k's order.
  @inline(__always)
  private static func product(
    _ a: Matrix, _ b: Matrix, rows: Int, rowStride: Int, innerStride: Int
  ) -> Matrix {
    let (inner, columns) = (b.rows, b.columns)
    let entries = [Double](unsafeUninitializedCapacity: rows * columns) { c, initialized in
      a.elements.withUnsafeBufferPointer { a in
        b.elements.withUnsafeBufferPointer { b in
          if inner <= shortSum, rows * columns > 0, let c0 = c.baseAddress {
            guard inner > 0 else {
              c.initialize(repeating: 0)
              return
            }
            for i in 0..<rows {
              // The first term is added to 0 as it is written, without a pass that zeroes C.
              let ci = c0 + i * columns
              let (b0, a0) = (b.baseAddress!, a[i * rowStride])
              for j in 0..<columns { ci[j] = 0 + a0 * b0[j] }
              for k in 1..<inner {
                addScaled(
                  b0 + k * columns, by: a[i * rowStride + k * innerStride], into: ci,
                  count: columns)
              }
            }
            return
          }
          // The sums over k run in slices of `sliceDepth` terms: a slice of A' and B stays in
          // the cache while every block of C takes its terms from it, then the next slice
          // continues each running sum where the last one stored it.
          var first = 0
          repeat {
            let terms = first..<min(first + sliceDepth, inner)
            let continuing = first > 0
            var i = 0
            while i < rows {
              let height = min(4, rows - i)
              let a0 = a.baseAddress! + i * rowStride
              /// The block of these rows whose columns `j` starts, as wide as `Columns`.
              @inline(__always)
              func block<Columns: SIMD>(_ width: Columns.Type, at j: Int)
              where Columns.Scalar == Double {
                productBlock(
                  width, a0, rowStride: rowStride, innerStride: innerStride, b, c, row: i,
                  column: j, height: height, terms: terms, continuing: continuing,
                  columns: columns)
              }
              var j = 0
              while j + 4 <= columns {
                block(SIMD4<Double>.self, at: j)
                j += 4
              }
              if j + 2 <= columns {
                block(SIMD2<Double>.self, at: j)
                j += 2
              }
              if j < columns {
                // A last column: the block's rows summed side by side, as above.
                var sums = SIMD4<Double>()
                if continuing {
                  for r in 0..<height { sums[r] = c[(i + r) * columns + j] }
                }
                for k in terms {
                  let bk = b[k * columns + j]
                  for r in 0..<height { sums[r] += a0[r * rowStride + k * innerStride] * bk }
                }
                for r in 0..<height { c[(i + r) * columns + j] = sums[r] }
              }
              i += height
            }
            first = terms.upperBound
          } while first < inner
        }
      }
      initialized = rows * columns
    }
    return Matrix(rows: rows, columns: columns, elements: entries)
  }

  /// Rows `row..<row + height` (height ≤ 4), columns `column..<column + Columns.scalarCount` of
  /// C = A'·B, its terms `terms` of the sums over k.
  ///
  /// One accumulator of those columns per row, summed over k in order: from 0, or, when
  /// `continuing`, from what the earlier terms left in C. `a0` points at A'[row, 0].
  @inline(__always)
  private static func productBlock<Columns: SIMD>(
    _: Columns.Type, _ a0: UnsafePointer<Double>, rowStride: Int, innerStride: Int,
    _ b: UnsafeBufferPointer<Double>, _ c: UnsafeMutableBufferPointer<Double>, row: Int,
    column: Int, height: Int, terms: Range<Int>, continuing: Bool, columns: Int
  ) where Columns.Scalar == Double {
    let b0 = UnsafeRawPointer(b.baseAddress! + column)
    let stride = columns * MemoryLayout<Double>.stride
    let c0 = UnsafeMutableRawPointer(c.baseAddress! + row * columns + column)
    var sums = (Columns(), Columns(), Columns(), Columns())
    if continuing {
      sums.0 = c0.loadUnaligned(as: Columns.self)
      if height > 1 { sums.1 = c0.loadUnaligned(fromByteOffset: stride, as: Columns.self) }
      if height > 2 { sums.2 = c0.loadUnaligned(fromByteOffset: 2 * stride, as: Columns.self) }
      if height > 3 { sums.3 = c0.loadUnaligned(fromByteOffset: 3 * stride, as: Columns.self) }
    }
    switch height {
    case 4:
      for k in terms {
        let bk = b0.loadUnaligned(fromByteOffset: k * stride, as: Columns.self)
        let ak = a0 + k * innerStride
        sums.0 += ak[0] * bk
        sums.1 += ak[rowStride] * bk
        sums.2 += ak[2 * rowStride] * bk
        sums.3 += ak[3 * rowStride] * bk
      }
    default:
      for k in terms {
        let bk = b0.loadUnaligned(fromByteOffset: k * stride, as: Columns.self)
        let ak = a0 + k * innerStride
        sums.0 += ak[0] * bk
        if height > 1 { sums.1 += ak[rowStride] * bk }
        if height > 2 { sums.2 += ak[2 * rowStride] * bk }
      }
    }
    c0.storeBytes(of: sums.0, as: Columns.self)
    if height > 1 { c0.storeBytes(of: sums.1, toByteOffset: stride, as: Columns.self) }
    if height > 2 { c0.storeBytes(of: sums.2, toByteOffset: 2 * stride, as: Columns.self) }
    if height > 3 { c0.storeBytes(of: sums.3, toByteOffset: 3 * stride, as: Columns.self) }
  }

  public var description: String {
    (0..<rows).map { "[" + row($0).map { "\($0)" }.joined(separator: ", ") + "]" }
      .joined(separator: "\n")
  }
}
