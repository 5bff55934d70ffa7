import Testing

@Suite("N5 Trust region vs line search", .graded)
struct ExN5_TrustRegionTests {
  /// One call of `cauchyPoint` and the point it must return.
  struct CauchyCase: Sendable, CustomTestStringConvertible {
    let name: String
    let g: [Double]
    let B: Matrix
    let delta: Double
    let expected: [Double]
    /// Whether the step must end on the boundary ‖p‖ = Δ.
    let onBoundary: Bool
    var testDescription: String { name }

    static let spd = Matrix([[4, 1], [1, 3]])
    static let all: [CauchyCase] = [
      // gᵀBg = 20, ‖g‖² = 5: the minimizer along −g is −(5/20)·g, of norm 0.559 < 10.
      CauchyCase(
        name: "interior: the exact minimizer along −g", g: [1, 2], B: spd, delta: 10,
        expected: [-0.25, -0.5], onBoundary: false),
      CauchyCase(
        name: "boundary: the minimizer along −g is cut back to ‖p‖ = Δ", g: [1, 2], B: spd,
        delta: 0.1, expected: [-0.1 / 5.0.squareRoot(), -0.2 / 5.0.squareRoot()],
        onBoundary: true),
      // gᵀBg = −1 + 0.5 = −0.5: the model decreases without bound along −g.
      CauchyCase(
        name: "negative curvature gᵀBg < 0: to the boundary", g: [1, 0.5],
        B: Matrix([[-1, 0], [0, 2]]), delta: 2,
        expected: [-4 / 5.0.squareRoot(), -2 / 5.0.squareRoot()], onBoundary: true),
      CauchyCase(
        name: "zero curvature gᵀBg = 0: to the boundary", g: [3, -4],
        B: Matrix(rows: 2, columns: 2), delta: 0.5, expected: [-0.3, 0.4], onBoundary: true),
      // Part (c)'s problem at x = 0: g = −𝟏, gᵀAg = 2, ‖g‖² = 10, minimizer along −g is 5·𝟏.
      CauchyCase(
        name: "part (c) at x = 0 with Δ = 20: interior, 5·𝟏", g: Array(repeating: -1, count: 10),
        B: tridiagonal, delta: 20, expected: Array(repeating: 5, count: 10), onBoundary: false),
      CauchyCase(
        name: "part (c) at x = 0 with Δ = 1: boundary, 𝟏/√10", g: Array(repeating: -1, count: 10),
        B: tridiagonal, delta: 1, expected: Array(repeating: 1 / 10.0.squareRoot(), count: 10),
        onBoundary: true),
      CauchyCase(
        name: "zero gradient: zero step", g: [0, 0], B: spd, delta: 1, expected: [0, 0],
        onBoundary: false),
    ]
  }

  @Test(
    "(a) cauchyPoint minimizes the model along −g inside the trust region",
    arguments: CauchyCase.all)
  func cauchy(_ c: CauchyCase) {
    let p = cauchyPoint(g: c.g, B: c.B, delta: c.delta)
    TestSupport.expectClose(
      p, c.expected, tolerance: 1e-12, relativeTolerance: 1e-12,
      "Cauchy point, \(c.name) (g = \(TestSupport.format(c.g)), Δ = \(TestSupport.format(c.delta)))"
    )
    if c.onBoundary {
      TestSupport.expectClose(
        norm(p), c.delta, tolerance: 0, relativeTolerance: 1e-12,
        "‖p‖ of a step that must end on the boundary ‖p‖ = Δ")
    } else {
      #expect(
        norm(p) < c.delta,
        "‖p‖ = \(TestSupport.format(norm(p))) should be inside the radius Δ = \(TestSupport.format(c.delta))"
      )
    }
  }

  /// One call of `trustRegionStep` and what it must return.
  struct StepCase: Sendable, CustomTestStringConvertible {
    let name: String
    let f: @Sendable ([Double]) -> Double
    let gradF: @Sendable ([Double]) -> [Double]
    let hessF: @Sendable ([Double]) -> Matrix
    let x: [Double]
    let delta: Double
    var eta1 = 0.1
    var eta2 = 0.75
    var t1 = 0.5
    var t2 = 2.0
    let expectedX: [Double]
    let expectedDelta: Double
    let expectedAccepted: Bool
    var testDescription: String { name }

    static let all: [StepCase] = {
      // f = 5‖x‖² (curvature 10) with the model B = I (curvature 1): the model over-promises.
      // From x = (0.6, 0.8), where ‖x‖ = 1, the step is −Δ·x and ρ = 5(2 − Δ)/(10 − Δ/2).
      let steep: @Sendable ([Double]) -> Double = { 5 * dot($0, $0) }
      let steepGrad: @Sendable ([Double]) -> [Double] = { scaled($0, by: 10) }
      let flatModel: @Sendable ([Double]) -> Matrix = { _ in .identity(2) }
      // f = ½xᵀAx with A = diag(1, 4) and its exact Hessian: the model is exact, ρ = 1.
      let bowl = Quadratic(a: .diagonal([1, 4]))
      let bowlF: @Sendable ([Double]) -> Double = { bowl.value($0) }
      let bowlGrad: @Sendable ([Double]) -> [Double] = { bowl.gradient($0) }
      let bowlHess: @Sendable ([Double]) -> Matrix = { _ in bowl.a }
      // From (2, 1): g = (2, 4), gᵀAg = 68, ‖g‖² = 20.
      let boundaryX: [Double] = [2 - 2 / 20.0.squareRoot(), 1 - 4 / 20.0.squareRoot()]
      let interiorX: [Double] = [2 - 40.0 / 68, 1 - 80.0 / 68]
      // f = 3x₁ + 4x₂: zero Hessian, so every step goes to the boundary and ρ = 1.
      let linear: @Sendable ([Double]) -> Double = { 3 * $0[0] + 4 * $0[1] }
      let linearGrad: @Sendable ([Double]) -> [Double] = { _ in [3, 4] }
      let zeroHess: @Sendable ([Double]) -> Matrix = { _ in Matrix(rows: 2, columns: 2) }
      return [
        StepCase(
          name: "model over-promises, ρ ≈ 0.055 ≤ eta1: rejected, x unchanged, Δ halved",
          f: steep, gradF: steepGrad, hessF: flatModel, x: [0.6, 0.8], delta: 1.9,
          expectedX: [0.6, 0.8], expectedDelta: 0.95, expectedAccepted: false),
        StepCase(
          name: "same step with eta1 = 0.05, t1 = 0.25: accepted, Δ still shrinks (ρ < 0.25)",
          f: steep, gradF: steepGrad, hessF: flatModel, x: [0.6, 0.8], delta: 1.9, eta1: 0.05,
          t1: 0.25, expectedX: [-0.54, -0.72], expectedDelta: 0.475, expectedAccepted: true),
        StepCase(
          name: "ρ ≈ 0.217 in (eta1, 0.25): accepted and Δ halved",
          f: steep, gradF: steepGrad, hessF: flatModel, x: [0.6, 0.8], delta: 1.6,
          expectedX: [-0.36, -0.48], expectedDelta: 0.8, expectedAccepted: true),
        StepCase(
          name: "ρ ≈ 0.53 in [0.25, eta2] on the boundary: accepted, Δ unchanged",
          f: steep, gradF: steepGrad, hessF: flatModel, x: [0.6, 0.8], delta: 1,
          expectedX: [0, 0], expectedDelta: 1, expectedAccepted: true),
        StepCase(
          name: "the same ρ ≈ 0.53 on the boundary with eta2 = 0.5: accepted, Δ doubled",
          f: steep, gradF: steepGrad, hessF: flatModel, x: [0.6, 0.8], delta: 1, eta2: 0.5,
          expectedX: [0, 0], expectedDelta: 2, expectedAccepted: true),
        StepCase(
          name: "exact model, step on the boundary, ρ = 1: accepted, Δ doubled",
          f: bowlF, gradF: bowlGrad, hessF: bowlHess, x: [2, 1], delta: 1,
          expectedX: boundaryX, expectedDelta: 2, expectedAccepted: true),
        StepCase(
          name: "exact model, step on the boundary, t2 = 3: Δ tripled",
          f: bowlF, gradF: bowlGrad, hessF: bowlHess, x: [2, 1], delta: 1, t2: 3,
          expectedX: boundaryX, expectedDelta: 3, expectedAccepted: true),
        StepCase(
          name: "exact model, interior step, ρ = 1: accepted, Δ unchanged (no expansion)",
          f: bowlF, gradF: bowlGrad, hessF: bowlHess, x: [2, 1], delta: 10,
          expectedX: interiorX, expectedDelta: 10, expectedAccepted: true),
        StepCase(
          name: "at the minimizer (g = 0, predicted = 0): rejected, Δ halved",
          f: bowlF, gradF: bowlGrad, hessF: bowlHess, x: [0, 0], delta: 1,
          expectedX: [0, 0], expectedDelta: 0.5, expectedAccepted: false),
        StepCase(
          name: "at the minimizer with t1 = 0.25: rejected, Δ × t1",
          f: bowlF, gradF: bowlGrad, hessF: bowlHess, x: [0, 0], delta: 1, t1: 0.25,
          expectedX: [0, 0], expectedDelta: 0.25, expectedAccepted: false),
        StepCase(
          name: "linear f, boundary step with ρ = 1 at Δ = 6e7: Δ capped at 1e8",
          f: linear, gradF: linearGrad, hessF: zeroHess, x: [0, 0], delta: 6e7,
          expectedX: [-3.6e7, -4.8e7], expectedDelta: 1e8, expectedAccepted: true),
        // ‖p‖ comes out 3.7e-9 short of Δ = 3e7 (one unit in the last place): on the boundary
        // up to rounding, which an absolute test such as |‖p‖ − Δ| < 1e-10 misses.
        StepCase(
          name: "f = x₁ + 2x₂, boundary step with ρ = 1 at Δ = 3e7: Δ doubled",
          f: { $0[0] + 2 * $0[1] }, gradF: { _ in [1, 2] }, hessF: zeroHess, x: [0, 0],
          delta: 3e7, expectedX: [-3e7 / 5.0.squareRoot(), -6e7 / 5.0.squareRoot()],
          expectedDelta: 6e7, expectedAccepted: true),
        StepCase(
          name: "f = x₁ + 3x₂, boundary step with ρ = 1 at Δ = 4.5e7: Δ doubled",
          f: { $0[0] + 3 * $0[1] }, gradF: { _ in [1, 3] }, hessF: zeroHess, x: [0, 0],
          delta: 4.5e7, expectedX: [-4.5e7 / 10.0.squareRoot(), -13.5e7 / 10.0.squareRoot()],
          expectedDelta: 9e7, expectedAccepted: true),
      ]
    }()
  }

  @Test(
    "(b) trustRegionStep accepts by ρ = actual/predicted and updates the radius",
    arguments: StepCase.all)
  func step(_ c: StepCase) {
    let result = trustRegionStep(
      f: c.f, gradF: c.gradF, hessF: c.hessF, x: c.x, delta: c.delta, eta1: c.eta1,
      eta2: c.eta2, t1: c.t1, t2: c.t2)
    #expect(
      result.accepted == c.expectedAccepted,
      "\(c.name): accepted should be \(c.expectedAccepted) (ρ = (f(x) − f(x + p)) / predicted)")
    TestSupport.expectClose(
      result.x, c.expectedX, tolerance: 1e-12, relativeTolerance: 1e-12,
      c.expectedAccepted
        ? "\(c.name): the new point x + p" : "\(c.name): a rejected step must return x unchanged")
    TestSupport.expectClose(
      result.delta, c.expectedDelta, tolerance: 0, relativeTolerance: 1e-12,
      "\(c.name): the new radius Δ")
  }

  @Test("(a, b) a NaN gradient gives a NaN Cauchy point, and a NaN anywhere rejects the step")
  func nanIsKept() {
    let p = cauchyPoint(g: [.nan, 1], B: CauchyCase.spd, delta: 1)
    #expect(
      p.count == 2 && p.contains { $0.isNaN },
      """
      cauchyPoint(g: [nan, 1], …) = \(TestSupport.format(p)): a gradient with a NaN must give a NaN \
      step, as the document's code does (‖g‖ = NaN, and NaN > 0 is false: test ‖g‖ = 0 for the \
      zero step, not !(‖g‖ > 0))
      """)

    // f = 5‖x‖² inside the unit ball and NaN outside it, with the model B = I: from (0.3, 0.4)
    // with Δ = 2 the step reaches (−0.9, −1.2), where f is NaN.
    let x = [0.3, 0.4]
    let ball: ([Double]) -> Double = { dot($0, $0) < 1 ? 5 * dot($0, $0) : .nan }
    let outside = trustRegionStep(
      f: ball, gradF: { scaled($0, by: 10) }, hessF: { _ in .identity(2) }, x: x, delta: 2)
    #expect(
      !outside.accepted && outside.x == x && !(outside.delta > 2),
      """
      trustRegionStep where f(x + p) is NaN returned accepted \(outside.accepted), \
      x = \(TestSupport.format(outside.x)), Δ = \(TestSupport.format(outside.delta)): ρ = NaN must reject \
      the step (ρ > eta1 is false), return x unchanged and not grow Δ
      """)
    let nanGradient = trustRegionStep(
      f: ball, gradF: { _ in [.nan, 0] }, hessF: { _ in .identity(2) }, x: x, delta: 2)
    #expect(
      !nanGradient.accepted && nanGradient.x == x && !(nanGradient.delta > 2),
      """
      trustRegionStep with a NaN gradient returned accepted \(nanGradient.accepted), \
      x = \(TestSupport.format(nanGradient.x)), Δ = \(TestSupport.format(nanGradient.delta)): the step \
      must be rejected, x returned unchanged and Δ not grown
      """)
  }

  @Test("(c) on ½xᵀAx − bᵀx the trust region beats gradient descent, then converges linearly")
  func compareWithGradientDescent() {
    let problem = Quadratic(a: Self.tridiagonal, b: Array(repeating: 1, count: 10))
    let f: ([Double]) -> Double = { problem.value($0) }
    let gradF: ([Double]) -> [Double] = { problem.gradient($0) }
    let hessF: ([Double]) -> Matrix = { _ in problem.a }
    // A⁻¹𝟏 for the tridiagonal (2, −1, −1): xᵢ = i(11 − i)/2, and f* = −½ bᵀx* = −55.
    let exact: [Double] = [5, 9, 12, 14, 15, 15, 14, 12, 9, 5]
    let fExact = -55.0

    var (x, delta) = (Array(repeating: 0.0, count: 10), 1.0)
    var trustRegionGaps: [Double] = []
    for _ in 0..<50 {
      (x, delta, _) = trustRegionStep(f: f, gradF: gradF, hessF: hessF, x: x, delta: delta)
      trustRegionGaps.append(f(x) - fExact)
    }
    let fTrustRegion = f(x)
    let descentValues = Self.backtrackingDescent(f: f, gradF: gradF, steps: 50)
    let fDescent = descentValues.last ?? .nan
    let chart = TestSupport.lossChart([
      ("trust region: f − f*", trustRegionGaps),
      ("gradient descent: f − f*", descentValues.map { $0 - fExact }),
    ])
    TestSupport.expectClose(
      fTrustRegion, -54.67276, tolerance: 1e-4,
      "f after 50 trust-region steps from 0 with Δ = 1 (the document prints −54.6728)")
    TestSupport.expectClose(
      delta, 16, tolerance: 0,
      "Δ after 50 steps: it doubles on the first four boundary steps, then the Cauchy steps are interior and Δ stays"
    )
    #expect(
      fTrustRegion < fDescent,
      "after 50 steps the trust region (f = \(fTrustRegion)) should be ahead of gradient descent with backtracking (f = \(fDescent))\n\(chart)"
    )
    #expect(
      fTrustRegion - fExact > 0.1,
      "Cauchy steps are steepest descent: after 50 steps f = \(fTrustRegion) should still be short of −55"
    )

    for _ in 50..<300 {
      (x, delta, _) = trustRegionStep(f: f, gradF: gradF, hessF: hessF, x: x, delta: delta)
    }
    TestSupport.expectClose(f(x), fExact, tolerance: 1e-6, "f after 300 trust-region steps")
    TestSupport.expectClose(
      x, exact, tolerance: 1e-3, "x after 300 trust-region steps, against A⁻¹b")
  }

  /// The tridiagonal matrix (2, −1, −1) of size 10.
  static let tridiagonal: Matrix = {
    var a = Matrix.diagonal(Array(repeating: 2, count: 10))
    for i in 0..<9 {
      a[i, i + 1] = -1
      a[i + 1, i] = -1
    }
    return a
  }()

  /// The document's gradient descent with Armijo backtracking (α₀ = 1, halving, c₁ = 1e-4): f after each step.
  static func backtrackingDescent(
    f: ([Double]) -> Double, gradF: ([Double]) -> [Double], steps: Int
  ) -> [Double] {
    var x = Array(repeating: 0.0, count: 10)
    var values: [Double] = []
    for _ in 0..<steps {
      let g = gradF(x)
      let alpha = TestSupport.armijoStepSize(
        f: f, x: x, p: scaled(g, by: -1), slope: -dot(g, g), maxHalvings: 40)
      x = adding(x, g, scaledBy: -alpha)
      values.append(f(x))
    }
    return values
  }
}
