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
  ///
  /// Each entry is summed over j in order, as the textbook loop does; four rows are summed at
  /// once, so their additions overlap instead of waiting on each other.
  public static func * (a: Matrix, x: [Double]) -> [Double] {
    precondition(a.columns == x.count, "Matrix × vector: \(a.rows)×\(a.columns) times \(x.count)")
    let (rows, columns) = (a.rows, a.columns)
    return [Double](unsafeUninitializedCapacity: rows) { result, initialized in
      a.elements.withUnsafeBufferPointer { m in
        x.withUnsafeBufferPointer { x in
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
      }
      initialized = rows
    }
  }

  /// The matrix product `A·B`.
  ///
  /// Each entry is summed over k in order, as the textbook loop does. The entries are computed in
  /// blocks of 4 rows × 4 columns held in registers for the whole sum, so each entry of A and B
  /// read serves four products and C is written once.
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    precondition(
      a.columns == b.rows, "Matrix × Matrix: \(a.rows)×\(a.columns) times \(b.rows)×\(b.columns)")
    let (rows, inner, columns) = (a.rows, a.columns, b.columns)
    let entries = [Double](unsafeUninitializedCapacity: rows * columns) { c, initialized in
      a.elements.withUnsafeBufferPointer { a in
        b.elements.withUnsafeBufferPointer { b in
          var i = 0
          while i < rows {
            let height = min(4, rows - i)
            var j = 0
            while j + 4 <= columns {
              productBlock(
                a, b, c, row: i, column: j, height: height, inner: inner, columns: columns)
              j += 4
            }
            while j < columns {
              // A last column or three: the block's rows summed side by side, as above.
              var sums = SIMD4<Double>()
              for k in 0..<inner {
                let bk = b[k * columns + j]
                for r in 0..<height { sums[r] += a[(i + r) * inner + k] * bk }
              }
              for r in 0..<height { c[(i + r) * columns + j] = sums[r] }
              j += 1
            }
            i += height
          }
        }
      }
      initialized = rows * columns
    }
    return Matrix(rows: rows, columns: columns, elements: entries)
  }

  /// Rows `row..<row + height` (height ≤ 4), columns `column..<column + 4` of C = A·B: one
  /// accumulator of four columns per row, summed over k in order.
  @inline(__always)
  private static func productBlock(
    _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
    _ c: UnsafeMutableBufferPointer<Double>, row: Int, column: Int, height: Int, inner: Int,
    columns: Int
  ) {
    let a0 = a.baseAddress! + row * inner
    let b0 = UnsafeRawPointer(b.baseAddress! + column)
    let stride = columns * MemoryLayout<Double>.stride
    var sums = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
    switch height {
    case 4:
      for k in 0..<inner {
        let bk = b0.loadUnaligned(fromByteOffset: k * stride, as: SIMD4<Double>.self)
        sums.0 += a0[k] * bk
        sums.1 += a0[inner + k] * bk
        sums.2 += a0[2 * inner + k] * bk
        sums.3 += a0[3 * inner + k] * bk
      }
    default:
      for k in 0..<inner {
        let bk = b0.loadUnaligned(fromByteOffset: k * stride, as: SIMD4<Double>.self)
        sums.0 += a0[k] * bk
        if height > 1 { sums.1 += a0[inner + k] * bk }
        if height > 2 { sums.2 += a0[2 * inner + k] * bk }
      }
    }
    let c0 = UnsafeMutableRawPointer(c.baseAddress! + row * columns + column)
    c0.storeBytes(of: sums.0, as: SIMD4<Double>.self)
    if height > 1 { c0.storeBytes(of: sums.1, toByteOffset: stride, as: SIMD4<Double>.self) }
    if height > 2 { c0.storeBytes(of: sums.2, toByteOffset: 2 * stride, as: SIMD4<Double>.self) }
    if height > 3 { c0.storeBytes(of: sums.3, toByteOffset: 3 * stride, as: SIMD4<Double>.self) }
  }

  public var description: String {
    (0..<rows).map { "[" + row($0).map { "\($0)" }.joined(separator: ", ") + "]" }
      .joined(separator: "\n")
  }
}
