import Foundation
import Testing

@Suite("T2 Linear convergence on strongly convex quadratics", .graded)
struct ExT2_ConvergenceRateTests {
  @Test("(a) create_quadratic: the document's own matrix, from np.random.seed(42)")
  func documentsMatrix() {
    // np.random.seed(42); create_quadratic(1, 10, dim=4), as numpy 2.4 computes it.
    var random = NumpyRandomState(seed: 42)
    let a = createQuadratic(m: 1, L: 10, dim: 4, random: &random)
    let numpy = [
      5.54070057315862, 1.6514924000943916, 3.8801961178277877, -0.1945552520770789,
      1.6514924000943918, 6.193262003634171, -0.9419112877228414, -0.1921913191336058,
      3.8801961178277877, -0.9419112877228412, 6.304968830745217, 1.416117261198927,
      -0.19455525207707894, -0.19219131913360576, 1.416117261198927, 3.9610685924619897,
    ]
    TestSupport.expectClose(
      a.elements, numpy, tolerance: 1e-11,
      "A = QΛQᵀ with Λ = diag(linspace(1, 10, 4)) and Q from QR(randn(4, 4)), entries row by row")
    // The document draws x0 right after: the generator must have used exactly dim² normals.
    TestSupport.expectClose(
      random.randn(4),
      [-1.0128311203344238, 0.3142473325952739, -0.9080240755212109, -1.4123037013352915],
      tolerance: 0, "the next np.random.randn(4) after create_quadratic: exactly dim² normals drawn"
    )
  }

  @Test(
    "(a) A is symmetric, with eigenvalues spread evenly from m to L",
    arguments: [(1.0, 10.0, 5), (0.5, 50.0, 3), (2.0, 2.0, 4), (1.0, 100.0, 8)])
  func spectrum(m: Double, L: Double, dim: Int) throws {
    var random = NumpyRandomState(seed: 7)
    let a = createQuadratic(m: m, L: L, dim: dim, random: &random)
    try #require(
      a.rows == dim && a.columns == dim, "A is \(dim) × \(dim), got \(a.rows) × \(a.columns)")
    TestSupport.expectClose(
      a.elements, a.transposed.elements, tolerance: 1e-12 * L, "A − Aᵀ: QΛQᵀ is symmetric")
    let expected = (0..<dim).map { m + (L - m) * Double($0) / Double(dim - 1) }
    TestSupport.expectClose(
      a.symmetricEigenvalues(), expected, tolerance: 1e-9 * L,
      "the eigenvalues of A, sorted: linspace(\(TestSupport.format(m)), \(TestSupport.format(L)), \(dim))"
    )
  }

  @Test("(a) dim is 10 unless given")
  func defaultDimension() {
    var random = NumpyRandomState(seed: 1)
    let a = createQuadratic(m: 1, L: 10, random: &random)
    #expect(a.rows == 10 && a.columns == 10)
  }

  @Test(
    "(b) gd_quadratic: ‖x_t‖² after each step of x ← x − ηAx, ‖x₀‖² first",
    arguments: [
      (Matrix([[1, 0], [0, 3]]), [2.0, -1.0], 0.25, 6),
      (Matrix([[2, 1], [1, 2]]), [1.0, 1.0], 0.1, 10),
      (Matrix([[2, 1], [1, 2]]), [1.0, -1.0], 0.9, 5),
      (Matrix([[1, 0], [0, 3]]), [2.0, -1.0], 0.25, 0),
    ])
  func trajectory(a: Matrix, x0: [Double], eta: Double, steps: Int) throws {
    let squared = gdQuadratic(A: a, x0: x0, learningRate: eta, nIterations: steps)
    try #require(
      squared.count == steps + 1,
      "\(steps) steps give \(steps + 1) distances, ‖x₀‖² first; got \(squared.count)")
    // In A's eigenvectors each component is multiplied by 1 − ηλ per step.
    let expected: [Double] =
      a == Matrix([[1, 0], [0, 3]])
      ? (0...steps).map { t in
        let (u, v) = (pow(1 - eta, Double(t)) * x0[0], pow(1 - 3 * eta, Double(t)) * x0[1])
        return u * u + v * v
      }
      : (0...steps).map { t in
        // x0 = (1, ±1) is an eigenvector with eigenvalue 3 or 1.
        let lambda = x0[0] == x0[1] ? 3.0 : 1.0
        return 2 * pow(1 - eta * lambda, Double(2 * t))
      }
    TestSupport.expectClose(
      squared, expected, tolerance: 1e-14, relativeTolerance: 1e-12,
      "‖x_t‖² for t = 0…\(steps) from x₀ = \(TestSupport.format(x0)) with η = \(TestSupport.format(eta))"
    )
  }

  /// (m, L, η, max|1 − ηλ|): η = 1/L, the best η = 2/(m + L), and others.
  static let rates: [(Double, Double, Double, Double)] = [
    (1, 10, 0.1, 0.9), (1, 100, 0.01, 0.99), (1, 10, 2.0 / 11.0, 9.0 / 11.0),
    (1, 100, 2.0 / 101.0, 99.0 / 101.0), (2, 4, 0.1, 0.8), (1, 10, 0.25, 1.5), (1, 10, 0.05, 0.95),
  ]

  @Test(
    "(c) the theoretical rate max|1 − ηλ|, for η = 1/L, the best η = 2/(m + L), and others",
    arguments: rates)
  func theory(m: Double, L: Double, eta: Double, expected: Double) {
    TestSupport.expectClose(
      theoreticalRate(m: m, L: L, learningRate: eta), expected, tolerance: 1e-12,
      """
      the worst contraction per step with m = \(TestSupport.format(m)), L = \(TestSupport.format(L)), \
      η = \(TestSupport.format(eta)): each eigen-direction is multiplied by 1 − ηλ, and λ runs from m to L \
      (1 − m/L holds for η = 1/L only)
      """)
  }

  @Test(
    "(d) the measured rate is the last step's √(d_n / d_{n−1})",
    arguments: [([1.0, 0.81, 0.6561], 0.9), ([4.0, 1.0], 0.5), ([1.0, 0.25, 0.2025], 0.9)])
  func measured(trajectory: [Double], expected: Double) {
    TestSupport.expectClose(
      measuredRate(trajectory: trajectory), expected, tolerance: 1e-12,
      "the contraction of the distance (not its square) in the last step of \(TestSupport.format(trajectory))"
    )
  }

  @Test(
    "(d) practice problem 1: for κ = 10 and 100 the measured rate is the theory's",
    arguments: [(10.0, false), (10.0, true), (100.0, false), (100.0, true)])
  func practiceProblem(kappa: Double, optimal: Bool) {
    var random = NumpyRandomState(seed: 42)
    let a = createQuadratic(m: 1, L: kappa, random: &random)
    let eta = optimal ? 2 / (1 + kappa) : 1 / kappa
    let run = gdQuadratic(A: a, x0: random.randn(10), learningRate: eta, nIterations: 300)
    TestSupport.expectClose(
      measuredRate(trajectory: run), theoreticalRate(m: 1, L: kappa, learningRate: eta),
      tolerance: 1e-3,
      """
      κ = \(TestSupport.format(kappa)), η = \(optimal ? "2/(m + L)" : "1/L"): the rate measured after 300 steps \
      against the theory (\(optimal ? "(κ − 1)/(κ + 1)" : "1 − 1/κ"))
      """)
  }
}
