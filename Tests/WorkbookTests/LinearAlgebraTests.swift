import TestSupport
import Testing
import Workbook

@Suite("Matrix linear algebra")
struct LinearAlgebraTests {
  /// A random symmetric 6×6 matrix `B + Bᵀ`, `B` filled row by row with standard normals.
  static func randomSymmetric(seed: UInt64) -> Matrix {
    var generator = SeededGenerator(seed: seed)
    let b = Matrix((0..<6).map { _ in generator.gaussianVector(count: 6) })
    return b + b.transposed
  }

  @Test func choleskyOfKnownMatrix() throws {
    let l = try Matrix([[4, 2], [2, 3]]).cholesky()
    expectClose(l.elements, [2, 0, 1, 2.0.squareRoot()], tolerance: 1e-15, "L of [[4, 2], [2, 3]]")
  }

  @Test func choleskyReconstructs() throws {
    let a = Matrix([[6, 3, 4], [3, 6, 5], [4, 5, 10]])
    let l = try a.cholesky()
    #expect(l[0, 1] == 0 && l[0, 2] == 0 && l[1, 2] == 0, "L is lower triangular")
    #expect((0..<3).allSatisfy { l[$0, $0] > 0 }, "L has a positive diagonal")
    expectClose((l * l.transposed).elements, a.elements, tolerance: 1e-13, "L·Lᵀ")
  }

  @Test func choleskyReadsOnlyTheLowerTriangle() throws {
    let l = try Matrix([[4, 99], [2, 3]]).cholesky()
    #expect(l == (try Matrix([[4, 2], [2, 3]]).cholesky()))
  }

  @Test func choleskyRejects() {
    // At (0, 1) the Rosenbrock Hessian is [[−398, 0], [0, 200]]: indefinite.
    #expect(throws: MatrixError.notPositiveDefinite(pivot: 0)) {
      try rosenbrockHess([0, 1]).cholesky()
    }
    #expect(throws: MatrixError.notPositiveDefinite(pivot: 1)) {
      try Matrix([[1, 1], [1, 1]]).cholesky()
    }
    #expect(throws: MatrixError.notSquare(rows: 1, columns: 2)) {
      try Matrix([[1, 0]]).cholesky()
    }
  }

  @Test func solveKnownSystems() throws {
    let a = Matrix([[2, 1, -1], [-3, -1, 2], [-2, 1, 2]])
    expectClose(try a.solve([8, -11, -3]), [2, 3, -1], tolerance: 1e-14, "x")
    // Elimination without row swaps divides by 0 here, or by 1e-20 and loses x₁ entirely.
    #expect(try Matrix([[0, 1], [1, 0]]).solve([2, 3]) == [3, 2])
    expectClose(
      try Matrix([[1e-20, 1], [1, 1]]).solve([1, 2]), [1, 1], tolerance: 1e-15, "x with tiny a₀₀")
  }

  @Test func solveRandomSystem() throws {
    var generator = SeededGenerator(seed: 7)
    let a = Matrix((0..<6).map { _ in generator.gaussianVector(count: 6) })
    let x = generator.gaussianVector(count: 6)
    expectClose(try a.solve(a * x), x, tolerance: 0, relativeTolerance: 1e-12, "x from b = A·x")
  }

  @Test func solveDetectsSingularity() {
    #expect(throws: MatrixError.singular(column: 1)) {
      try Matrix([[1, 2], [2, 4]]).solve([1, 2])
    }
    #expect(throws: MatrixError.singular(column: 0)) {
      try Matrix(rows: 2, columns: 2).solve([0, 0])
    }
    // Invertible in exact arithmetic, but its last pivot is ε: singular to working precision.
    #expect(throws: MatrixError.singular(column: 1)) {
      try Matrix([[1, 1], [1, 1 + .ulpOfOne]]).solve([1, 2])
    }
    #expect(throws: MatrixError.notSquare(rows: 1, columns: 2)) { try Matrix([[1, 0]]).solve([1]) }
  }

  @Test func eigenvaluesOfSmallMatrices() {
    #expect(Matrix.diagonal([3, -1, 2]).symmetricEigenvalues() == [-1, 2, 3])
    expectClose(Matrix([[2, 1], [1, 2]]).symmetricEigenvalues(), [1, 3], tolerance: 1e-15, "λ")
    // numpy.linalg.eigvalsh([[802, -400], [-400, 200]])
    let rosenbrock = rosenbrockHess([1, 1]).symmetricEigenvalues()
    expectClose(rosenbrock[0], 0.3993607674876216, tolerance: 0, relativeTolerance: 1e-12, "λ₁")
    expectClose(rosenbrock[1], 1001.6006392325123, tolerance: 0, relativeTolerance: 1e-12, "λ₂")
  }

  @Test func eigenvaluesOfRandomSymmetricMatrix() throws {
    let a = Self.randomSymmetric(seed: 42)
    let lambda = a.symmetricEigenvalues()
    // numpy.linalg.eigvalsh of the same matrix, built by a Python copy of SeededGenerator.
    expectClose(
      lambda,
      [
        -3.1979437473547234, -2.402803200423733, -1.1653030884631383, -0.05215567787299771,
        1.8918867974843296, 4.466978932024395,
      ], tolerance: 0, relativeTolerance: 1e-12, "λ")
    let trace = (0..<6).reduce(0) { $0 + a[$1, $1] }
    expectClose(lambda.reduce(0, +), trace, tolerance: 1e-13, "Σλ = trace")
    expectClose(norm(lambda), norm(a.elements), tolerance: 1e-13, "‖λ‖ = Frobenius norm")
    // A − sI is positive definite exactly when s is below the smallest eigenvalue.
    let shift = { (s: Double) in a - s * Matrix.identity(6) }
    _ = try shift(lambda[0] - 1e-9).cholesky()
    #expect(throws: MatrixError.self) { try shift(lambda[0] + 1e-9).cholesky() }
  }

  @Test("QR: Q orthogonal, R upper triangular, QR = A, and numpy's Q and R")
  func qr() {
    // np.random.seed(42); np.linalg.qr(np.random.randn(3, 3))
    var random = NumpyRandomState(seed: 42)
    let a = random.randn(rows: 3, columns: 3)
    let (q, r) = a.qr()
    let numpyQ = [
      -0.22081074556662417, -0.29306608497422426, -0.9302445294008411, -0.6770520954052213,
      -0.6404717880862196, 0.36248634287796155, -0.7020278304666494, 0.7098648874986849,
      -0.05699795388229589,
    ]
    let numpyR = [
      -2.2495017248214544, -0.3496962615024811, 0.34509041293885095, 0, 0.7352641757041274,
      -0.37312081082476967, 0, 0, -0.660621089182441,
    ]
    expectClose(q.elements, numpyQ, tolerance: 1e-12, "Q")
    expectClose(r.elements, numpyR, tolerance: 1e-12, "R")
    expectClose((q.transposed * q).elements, Matrix.identity(3).elements, tolerance: 1e-14, "QᵀQ")
    expectClose((q * r).elements, a.elements, tolerance: 1e-14, "QR")
    let diagonal = Matrix([[2, 0], [0, -3]]).qr()
    #expect(
      diagonal.q == .identity(2) && diagonal.r == Matrix([[2, 0], [0, -3]]),
      "a triangular A is kept")
  }
}
