import Testing

@Suite("N10 Hessian-vector products by finite differences", .graded)
struct ExN10_CentralHessianVectorProductTests {
  @Test("(a) on the document's quadratic, Q = [[5, 1], [1, 2]], the product is Q·v within 1e-7")
  func documentCheck() {
    let q = Matrix([[5, 1], [1, 2]])
    let b = [1.0, -3.0]
    let v = [2.0, -0.5]
    let result = hvpCentralDiff(gradF: { adding(q * $0, b) }, x: [0.7, -1.2], v: v)
    TestSupport.expectClose(
      result, q * v, tolerance: 1e-7,
      "hvpCentralDiff for ∇f(x) = Qx + b at x = (0.7, −1.2), v = (2, −0.5), ε = 1e-5, against Q·v")
  }

  @Test("(a) the default ε is the document's 1e-5")
  func defaultStep() {
    // For ∇f(x) = x³ (f = Σxᵢ⁴/4) the centred quotient is 3x²·v + ε²·v³ exactly; at x = 0 only
    // ε²·v³ is left, computed without cancellation, so it shows which ε the default is.
    let eps = 1e-5
    TestSupport.expectClose(
      hvpCentralDiff(gradF: { $0.map { $0 * $0 * $0 } }, x: [0, 0], v: [1, -2]),
      [eps * eps, -8 * eps * eps], tolerance: 0, relativeTolerance: 1e-12,
      """
      hvpCentralDiff with ∇f(x) = x³ at x = 0, v = (1, −2) and the default ε: H = 0 there, so the \
      centred quotient is ((εv)³ − (−εv)³)/(2ε) = ε²·v³, which the document's default ε = 1e-5 \
      makes 1e-10·(1, −8)
      """)
  }

  @Test("(b) the error is second order: halving ε divides it by 4, the forward difference's by 2")
  func secondOrder() {
    // Rosenbrock's gradient is cubic, so the centred error is exactly (ε²/6)·∇⁴f[v, v, v]
    // = 400·ε²·v₁³ in the first component; the forward error starts with (ε/2)·∇³f[v, v].
    let point = [-1.2, 1.0]
    let v = [0.6, -0.8]
    let exact = rosenbrockHess(point) * v
    func centralError(_ eps: Double) -> Double {
      norm(
        adding(hvpCentralDiff(gradF: rosenbrockGrad, x: point, v: v, eps: eps), exact, scaledBy: -1)
      )
    }
    func forwardError(_ eps: Double) -> Double {
      let forward = zip(rosenbrockGrad(adding(point, v, scaledBy: eps)), rosenbrockGrad(point))
        .map { ($0 - $1) / eps }
      return norm(adding(forward, exact, scaledBy: -1))
    }
    let (coarse, fine) = (centralError(1e-2), centralError(5e-3))
    let (forwardCoarse, forwardFine) = (forwardError(1e-2), forwardError(5e-3))
    #expect(
      coarse / fine > 3.8 && coarse / fine < 4.2,
      """
      on Rosenbrock at (−1.2, 1), v = (0.6, −0.8), the error against H(x)·v is \
      \(TestSupport.format(coarse)) at ε = 1e-2 and \(TestSupport.format(fine)) at ε = 5e-3, a ratio of \
      \(TestSupport.format(coarse / fine)); a second-order difference gives 4 (the forward difference \
      gives \(TestSupport.format(forwardCoarse / forwardFine)))
      """)
    #expect(
      coarse < forwardCoarse / 100,
      """
      at ε = 1e-2 the error \(TestSupport.format(coarse)) should be far below the forward difference's \
      \(TestSupport.format(forwardCoarse)): the centred difference's is 400ε²v₁³ ≈ 8.6e-3
      """)
  }

  @Test("(c) one product costs exactly two gradient evaluations, at x + εv and x − εv")
  func twoGradients() {
    let n = 50
    var generator = SeededGenerator(seed: 11)
    let m = Matrix((0..<n).map { _ in generator.gaussianVector(count: n) })
    let a = (1 / Double(n)) * (m.transposed * m) + 0.1 * Matrix.identity(n)
    let quadratic = Quadratic(a: a, b: generator.gaussianVector(count: n))
    let x = generator.gaussianVector(count: n)
    let v = generator.gaussianVector(count: n)
    let eps = 1e-3

    var points: [[Double]] = []
    let result = hvpCentralDiff(
      gradF: { point in
        points.append(point)
        return quadratic.gradient(point)
      }, x: x, v: v, eps: eps)

    #expect(
      points.count == 2,
      """
      hvpCentralDiff evaluated the gradient \(points.count) times in 50 dimensions; it needs \
      exactly two, ∇f(x + εv) and ∇f(x − εv), and never the whole Hessian
      """)
    // The points should be x + εv and x − εv; the message shows each as x + c·εv.
    let plus = adding(x, v, scaledBy: eps)
    let minus = adding(x, v, scaledBy: -eps)
    func isNear(_ p: [Double], _ q: [Double]) -> Bool {
      norm(adding(p, q, scaledBy: -1)) <= 1e-12 * norm(q)
    }
    let offsets = points.map { dot(adding($0, x, scaledBy: -1), v) / (eps * dot(v, v)) }
    #expect(
      points.contains { isNear($0, plus) } && points.contains { isNear($0, minus) },
      """
      the gradient was evaluated at x + c·εv for c = \(TestSupport.format(offsets)) (ε = 1e-3); the centred \
      difference needs c = +1 and c = −1
      """)
    TestSupport.expectClose(
      result, a * v, tolerance: 0, relativeTolerance: 1e-8,
      """
      hvpCentralDiff on f = ½xᵀAx − bᵀx with a 50×50 A, ε = 1e-3: the gradient is linear, so the \
      product is A·v up to rounding
      """)
  }
}
