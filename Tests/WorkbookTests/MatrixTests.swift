import TestSupport
import Testing
import Workbook

@Suite("Matrix")
struct MatrixTests {
  let a = Matrix([[1, 2, 3], [4, 5, 6]])

  @Test func shapeAndSubscript() {
    #expect(a.rows == 2 && a.columns == 3)
    #expect(a[0, 2] == 3 && a[1, 0] == 4)
    #expect(a.row(1) == [4, 5, 6])
    var b = a
    b[1, 2] = -1
    #expect(b.row(1) == [4, 5, -1] && b.row(0) == a.row(0))
    #expect(Matrix(rows: 2, columns: 1, repeating: 7) == Matrix([[7], [7]]))
  }

  @Test func transpose() {
    #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
    #expect(a.transposed.transposed == a)
  }

  @Test func products() {
    #expect(a * [1, 0, -1] == [-2, -2])
    #expect(a * a.transposed == Matrix([[14, 32], [32, 77]]))
    #expect(a.transposed * a == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
  }

  /// A `rows` × `columns` matrix of standard normal draws.
  private func randomMatrix(_ rows: Int, _ columns: Int, _ random: inout SeededGenerator) -> Matrix
  {
    Matrix(rows: rows, columns: columns, elements: random.gaussianVector(count: rows * columns))
  }

  /// A·B by the textbook loop: each entry summed over k in order, from 0.
  private func textbookProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    var product = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
      for j in 0..<b.columns {
        for k in 0..<a.columns { product[i, j] += a[i, k] * b[k, j] }
      }
    }
    return product
  }

  @Test("every shape of product is the textbook sum over k in order, bit for bit, and transposes")
  func blockedProducts() {
    var random = SeededGenerator(seed: 7)
    for rows in 0...9 {
      for inner in 0...6 {
        for columns in 0...9 {
          let a = randomMatrix(rows, inner, &random)
          let b = randomMatrix(inner, columns, &random)
          let textbook = textbookProduct(a, b)
          #expect(a * b == textbook, "\(rows)×\(inner) times \(inner)×\(columns)")
          #expect(
            a.transposed.transposedTimes(b) == textbook,
            "(\(inner)×\(rows))ᵀ times \(inner)×\(columns)")
          #expect(
            a.timesTransposed(b.transposed) == textbook,
            "\(rows)×\(inner) times (\(columns)×\(inner))ᵀ")
          let t = b.transposed
          #expect(t.rows == columns && t.columns == inner)
          #expect((0..<inner).allSatisfy { k in (0..<columns).allSatisfy { t[$0, k] == b[k, $0] } })
        }
      }
    }
  }

  @Test(
    "sums over more terms than a slice of the product continue across slices, bit for bit",
    arguments: [(5, 133, 7), (4, 64, 4), (3, 65, 10), (9, 200, 1), (1, 129, 6)])
  func deepProducts(rows: Int, inner: Int, columns: Int) {
    var random = SeededGenerator(seed: 11)
    let a = randomMatrix(rows, inner, &random)
    let b = randomMatrix(inner, columns, &random)
    let textbook = textbookProduct(a, b)
    #expect(a * b == textbook)
    #expect(a.transposed.transposedTimes(b) == textbook)
    #expect(a.timesTransposed(b.transposed) == textbook)
  }

  @Test func identityAndDiagonal() {
    #expect(Matrix.identity(2) == Matrix([[1, 0], [0, 1]]))
    #expect(Matrix.identity(2) * a == a && a * Matrix.identity(3) == a)
    #expect(Matrix.diagonal([2, -3]) == Matrix([[2, 0], [0, -3]]))
  }

  @Test func arithmetic() {
    let b = Matrix([[0, 1, 0], [-1, 0, 2]])
    #expect(a + b == Matrix([[1, 3, 3], [3, 5, 8]]))
    #expect(a - b == Matrix([[1, 1, 3], [5, 5, 4]]))
    #expect(2 * a == Matrix([[2, 4, 6], [8, 10, 12]]))
    #expect(outer([1, 2], [3, 4, 5]) == Matrix([[3, 4, 5], [6, 8, 10]]))
    #expect(outer([], [1]) == Matrix(rows: 0, columns: 1))
  }
}
