import Foundation
import Testing

@Suite("N8 Hessian-vector products and curvature", .graded)
struct ExN8_HessianVectorProductsTests {
  /// A random positive definite A = MᵀM/50 + 0.1·I, M with standard normal entries (seed 42).
  static let spd: Matrix = {
    let n = 50
    var generator = SeededGenerator(seed: 42)
    let m = Matrix((0..<n).map { _ in generator.gaussianVector(count: n) })
    return (1 / Double(n)) * (m.transposed * m) + 0.1 * Matrix.identity(n)
  }()

  /// The extreme eigenvalues of ``spd``, from numpy's `eigvalsh`.
  ///
  /// numpy built the same matrix with a Python copy of SeededGenerator.
  /// `spd.symmetricEigenvalues()` agrees to 1e-14 (relative) but takes 0.2 s in a debug build.
  static let spdLambdaMin = 0.1002384708934623
  static let spdLambdaMax = 3.685462769010843

  /// A start vector for the 2-D runs (seed 8): (−0.7476, −0.8410).
  static let start2: [Double] = {
    var generator = SeededGenerator(seed: 8)
    return generator.gaussianVector(count: 2)
  }()

  /// A start vector for the 50-D runs (seed 3).
  static let start50: [Double] = {
    var generator = SeededGenerator(seed: 3)
    return generator.gaussianVector(count: 50)
  }()

  @Test("(a) hvpFiniteDiff is the forward difference (∇f(x + εv) − ∇f(x)) / ε")
  func forwardDifference() {
    // ∇f(x) = x³ component by component (f = Σ xᵢ⁴/4). With a large ε the forward quotient
    // differs visibly from H·v = 3x²·v and from every other quotient.
    var calls = 0
    let result = hvpFiniteDiff(
      gradF: { x in
        calls += 1
        return x.map { $0 * $0 * $0 }
      }, x: [1, 2], v: [1, -1], eps: 0.5)
    TestSupport.expectClose(
      result, [4.75, -9.25], tolerance: 1e-12,
      """
      hvpFiniteDiff with ∇f(x) = x³ at x = (1, 2), v = (1, −1), ε = 0.5: expected the forward \
      quotient (∇f(x + εv) − ∇f(x)) / ε (for comparison, H·v = (3, −12))
      """)
    #expect(
      calls == 2,
      """
      hvpFiniteDiff evaluated the gradient \(calls) times; the product needs exactly two, \
      ∇f(x + εv) and ∇f(x), and never the whole Hessian
      """)

    // At x = 0 the Hessian of Σxᵢ⁴/4 is 0 and ∇f(0) = 0, so the forward quotient is
    // (εv)³/ε = ε²·v³ exactly: it shows which ε the default is.
    let eps = 1e-5
    TestSupport.expectClose(
      hvpFiniteDiff(gradF: { $0.map { $0 * $0 * $0 } }, x: [0, 0], v: [1, -2]),
      [eps * eps, -8 * eps * eps], tolerance: 0, relativeTolerance: 1e-12,
      """
      hvpFiniteDiff with ∇f(x) = x³ at x = 0, v = (1, −2) and the default ε: H = 0 there, so the \
      forward quotient is ε²·v³, which the document's default ε = 1e-5 makes 1e-10·(1, −8)
      """)
  }

  @Test("(b) the product is A·v on a 50×50 quadratic and H(x)·v to O(ε) on Rosenbrock")
  func matchesExactProducts() {
    let a = Self.spd
    var generator = SeededGenerator(seed: 7)
    let b = generator.gaussianVector(count: 50)
    let x = generator.gaussianVector(count: 50)
    let v = generator.gaussianVector(count: 50)
    let quadratic = Quadratic(a: a, b: b)
    TestSupport.expectClose(
      hvpFiniteDiff(gradF: quadratic.gradient, x: x, v: v), a * v, tolerance: 0,
      relativeTolerance: 1e-8,
      """
      hvpFiniteDiff on f = ½xᵀAx − bᵀx with a 50×50 positive definite A: the gradient Ax − b is \
      linear, so the forward difference is A·v up to rounding (relative error about 2e-11)
      """)

    // Away from the minimum Rosenbrock's gradient is cubic: the forward difference's error is
    // (ε/2)·∇³f[v, v] + O(ε²), here about 3.3e-3 for ε = 1e-5.
    let point = [-1.2, 1.0]
    let direction = [0.6, -0.8]
    let exact = rosenbrockHess(point) * direction
    TestSupport.expectClose(
      hvpFiniteDiff(gradF: rosenbrockGrad, x: point, v: direction), exact, tolerance: 1e-2,
      "hvpFiniteDiff on Rosenbrock at (−1.2, 1), v = (0.6, −0.8), ε = 1e-5, against H(x)·v")
    let error3 = norm(
      adding(
        hvpFiniteDiff(gradF: rosenbrockGrad, x: point, v: direction, eps: 1e-3), exact,
        scaledBy: -1))
    let error4 = norm(
      adding(
        hvpFiniteDiff(gradF: rosenbrockGrad, x: point, v: direction, eps: 1e-4), exact,
        scaledBy: -1))
    #expect(
      error3 / error4 > 8 && error3 / error4 < 12,
      """
      the forward difference's error should be first order, O(ε): on Rosenbrock it is \
      \(TestSupport.format(error3)) at ε = 1e-3 and \(TestSupport.format(error4)) at ε = 1e-4, a ratio of \
      \(TestSupport.format(error3 / error4)) instead of about 10
      """)
  }

  @Test("(c) the power method finds λ_max = 1001.6006… of Rosenbrock's Hessian at (1, 1)")
  func powerMethodAtMinimum() {
    let h = rosenbrockHess([1, 1])
    let lambdaMax = h.symmetricEigenvalues()[1]  // 1001.6006392325…
    TestSupport.expectClose(
      powerMethod(hvp: { h * $0 }, v0: Self.start2), lambdaMax, tolerance: 0,
      relativeTolerance: 1e-10,
      "powerMethod with exact products H·v, H = [[802, −400], [−400, 200]] (Rosenbrock at (1, 1))")
    TestSupport.expectClose(
      powerMethod(
        hvp: { hvpFiniteDiff(gradF: rosenbrockGrad, x: [1, 1], v: $0) }, v0: Self.start2),
      lambdaMax, tolerance: 0, relativeTolerance: 1e-4,
      "powerMethod with hvpFiniteDiff products at (1, 1) (the document's tolerance: relative 1e-4)")

    // Exactly `iterations` products: after k of them from v0, ‖H·v‖ and the Rayleigh quotient
    // vᵀH·v of the last unit vector v = H^(k−1)v0/‖H^(k−1)v0‖ both lie in
    // [m(2k−1)/m(2k−2) … m(2k)/m(2k−1)], with the moments m(j) = v0ᵀHʲv0. The ratios
    // m(j+1)/m(j) increase with j, so these intervals, one per k, follow each other without
    // overlap: one product less or more leaves the interval.
    func window(_ eigenvalues: [Double], _ weights: [Double], products k: Int) -> ClosedRange<
      Double
    > {
      func moment(_ j: Int) -> Double {
        zip(eigenvalues, weights).map { $1 * pow($0, Double(j)) }.reduce(0, +)
      }
      let (low, high) = (moment(2 * k - 1) / moment(2 * k - 2), moment(2 * k) / moment(2 * k - 1))
      return (low * (1 - 1e-12))...(high * (1 + 1e-12))
    }
    let small = Matrix.diagonal([2, 1])
    for k in 1...3 {
      let estimate = powerMethod(hvp: { small * $0 }, v0: [1, 1], iterations: k)
      let range = window([2, 1], [1, 1], products: k)
      #expect(
        range.contains(estimate),
        """
        powerMethod on H = diag(2, 1) from v0 = (1, 1) with iterations: \(k) gives \
        \(TestSupport.format(estimate)); after exactly \(k) product(s) H·v, ‖H·v‖ and vᵀH·v both lie \
        in [\(TestSupport.format(range.lowerBound)), \(TestSupport.format(range.upperBound))]: one \
        product less gives a smaller value, one more a larger one
        """)
    }
    let slow = Matrix.diagonal([1, 0.98])
    let estimate = powerMethod(hvp: { slow * $0 }, v0: [1, 1])
    let range = window([1, 0.98], [1, 1], products: 100)
    #expect(
      range.contains(estimate),
      """
      powerMethod on H = diag(1, 0.98) from v0 = (1, 1) with the default iterations gives \
      \(TestSupport.format(estimate)), outside [\(TestSupport.format(range.lowerBound)), \
      \(TestSupport.format(range.upperBound))], where the estimate after exactly 100 products lies \
      (the eigenvalues are so close that it still climbs from one product to the next)
      """)

    let steep = Matrix.diagonal([1e6, 1])
    TestSupport.expectClose(
      powerMethod(hvp: { steep * $0 }, v0: [1, 1], iterations: 100), 1e6, tolerance: 0,
      relativeTolerance: 1e-10,
      """
      powerMethod on H = diag(10⁶, 1), 100 iterations: normalise every iterate, or ‖Hᵏv0‖ ≈ 10⁶ᵏ \
      overflows to infinity
      """)
  }

  @Test("(d) Lanczos gives both extreme eigenvalues and κ ≈ 2508 at (1, 1), and λ_max of a 50×50 A")
  func lanczosEigenvalues() {
    let h = rosenbrockHess([1, 1])
    let exact = h.symmetricEigenvalues()  // 0.39936076748…, 1001.6006392325…
    let kappa = exact[1] / exact[0]  // 2508.0096…
    let two = lanczos(hvp: { h * $0 }, v0: Self.start2, k: 2)
    TestSupport.expectClose(
      two.lambdaMax, exact[1], tolerance: 0, relativeTolerance: 1e-10,
      """
      lambdaMax after k = 2 Lanczos steps with exact products at (1, 1): a 2×2 H is exact after \
      2 steps
      """)
    TestSupport.expectClose(
      two.lambdaMin, exact[0], tolerance: 0, relativeTolerance: 1e-8,
      "lambdaMin after k = 2 Lanczos steps with exact products at (1, 1)")
    TestSupport.expectClose(
      two.lambdaMax / two.lambdaMin, kappa, tolerance: 0, relativeTolerance: 1e-8,
      "the condition number κ = λ_max/λ_min from k = 2 steps with exact products")

    // With finite-difference products the O(ε) error of each product (about 0.01 here) is large
    // next to λ_min ≈ 0.4, so only λ_max keeps four digits.
    let fd = lanczos(
      hvp: { hvpFiniteDiff(gradF: rosenbrockGrad, x: [1, 1], v: $0) }, v0: Self.start2, k: 2)
    TestSupport.expectClose(
      fd.lambdaMax, exact[1], tolerance: 0, relativeTolerance: 1e-4,
      "lambdaMax after k = 2 Lanczos steps with hvpFiniteDiff products at (1, 1)")
    TestSupport.expectClose(
      fd.lambdaMin, exact[0], tolerance: 0, relativeTolerance: 1e-2,
      "lambdaMin after k = 2 Lanczos steps with hvpFiniteDiff products at (1, 1)")
    TestSupport.expectClose(
      fd.lambdaMax / fd.lambdaMin, kappa, tolerance: 0, relativeTolerance: 1e-2,
      "κ = λ_max/λ_min from k = 2 steps with hvpFiniteDiff products (the document prints 2508.01)")

    // 20 steps on the 50×50 matrix: λ_max has converged; the smallest Ritz value approaches
    // λ_min from above (Ritz values interlace), 0.1031773… against 0.1002385….
    let a = Self.spd
    let twenty = lanczos(hvp: { a * $0 }, v0: Self.start50, k: 20)
    TestSupport.expectClose(
      twenty.lambdaMax, Self.spdLambdaMax, tolerance: 0, relativeTolerance: 1e-9,
      "lambdaMax after k = 20 Lanczos steps on the 50×50 positive definite A")
    #expect(
      twenty.lambdaMin >= Self.spdLambdaMin - 1e-12 && twenty.lambdaMin <= 1.1 * Self.spdLambdaMin,
      """
      lambdaMin after k = 20 steps on the 50×50 A is \(TestSupport.format(twenty.lambdaMin)): the Ritz \
      values lie inside the spectrum, so it should be a little above \
      λ_min = \(TestSupport.format(Self.spdLambdaMin))
      """)
    TestSupport.expectClose(
      twenty.lambdaMin, 0.10317733026891937, tolerance: 0, relativeTolerance: 1e-6,
      """
      lambdaMin after exactly k = 20 steps on the 50×50 A, the smallest eigenvalue of a 20×20 T \
      (19 steps give 0.1033062…, 21 steps 0.1030917…)
      """)

    let one = lanczos(hvp: { a * $0 }, v0: Self.start50, k: 1)
    let rayleigh = dot(Self.start50, a * Self.start50) / dot(Self.start50, Self.start50)
    TestSupport.expectClose(
      [one.lambdaMax, one.lambdaMin], [rayleigh, rayleigh], tolerance: 0, relativeTolerance: 1e-12,
      """
      (lambdaMax, lambdaMin) after k = 1 step: T = [α₁] with α₁ = q₁ᵀAq₁, the Rayleigh quotient \
      of v0 (normalise v0 first)
      """)

    // H = diag(1, 2, …, 50) from v0 = (1, …, 1): the extreme Ritz values creep in by about 0.1 a
    // step, so they show the number of steps. The values are the eigenvalues of QᵀHQ, Q an
    // orthonormal basis of the Krylov space {v0, Hv0, …, H⁹v0}, computed with 50 digits (mpmath).
    let spread = Matrix.diagonal((1...50).map(Double.init))
    let tenSteps = lanczos(hvp: { spread * $0 }, v0: Array(repeating: 1, count: 50))
    TestSupport.expectClose(
      [tenSteps.lambdaMax, tenSteps.lambdaMin], [49.734581750440189, 1.265418249559811],
      tolerance: 0, relativeTolerance: 1e-9,
      """
      (lambdaMax, lambdaMin) with the default k on H = diag(1, 2, …, 50) from v0 = (1, …, 1): the \
      document's default is k = 10 steps (9 steps give (49.6115…, 1.3885…), 11 steps \
      (49.8206…, 1.1794…))
      """)

    let diagonal = Matrix.diagonal([2, 5])
    let stopped = lanczos(hvp: { diagonal * $0 }, v0: [3, 0], k: 10)
    TestSupport.expectClose(
      [stopped.lambdaMax, stopped.lambdaMin], [2, 2], tolerance: 1e-12,
      """
      (lambdaMax, lambdaMin) for H = diag(2, 5) from the eigenvector v0 = (3, 0): r = 0, so β₁ = 0 \
      and Lanczos must stop (β < 1e-12) with T = [2], not divide by β
      """)
  }
}
