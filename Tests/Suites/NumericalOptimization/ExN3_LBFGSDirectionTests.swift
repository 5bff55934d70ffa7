import Testing

@Suite("N3 L-BFGS two-loop recursion", .graded)
struct ExN3_LBFGSDirectionTests {
  /// One call of `lbfgsDirection`, the H⁻¹g it must return, and what to look at if it does not.
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let g: [Double]
    let sList: [[Double]]
    let yList: [[Double]]
    let expected: [Double]
    let hint: String
    var testDescription: String { name }
  }

  /// Cases small enough to follow by hand, then random ones checked against the matrices.
  static let cases: [Case] = {
    let g = [4.0, 6.0, -2.0]
    let (e1, e2, e3) = ([1.0, 0, 0], [0.0, 1, 0], [0.0, 0, 1])
    let twoE1 = [2.0, 0, 0]
    // With the pair s = e₁, y = 2e₁, H⁻¹ is ½ along e₁ (the curvature seen there is 2) and
    // γ = ½ across it, so H⁻¹g = (2, 3, −1).
    let byHand = [2.0, 3.0, -1.0]
    let loops = """
      the first loop runs newest → oldest and takes αᵢ = ρᵢ·sᵢᵀq before updating q; r starts \
      as γq with γ = yᵀs/yᵀy of the newest pair; the second loop runs oldest → newest with \
      β = ρᵢ·yᵢᵀr and the αᵢ of the same pair
      """
    var cases = [
      Case(
        name: "no pairs", g: g, sList: [], yList: [], expected: g,
        hint: "with no pairs H⁻¹ = I: return g unchanged"),
      Case(
        name: "one pair s = e₁, y = 2e₁, g = (4, 6, −2)", g: g, sList: [e1], yList: [twoE1],
        expected: byHand,
        hint: """
          by hand, ρ = 1/(yᵀs) = ½ and γ = yᵀs/yᵀy = ½; α = ρ·sᵀg = 2, q = g − αy = (0, 6, −2); \
          r = γq = (0, 3, −1); β = ρ·yᵀr = 0, r + (α − β)s = (2, 3, −1). The result is H⁻¹g, \
          not −H⁻¹g
          """),
      Case(
        name: "an older pair with yᵀs = −1 before the pair s = e₁, y = 2e₁", g: g,
        sList: [e2, e1], yList: [scaled(e2, by: -1), twoE1], expected: byHand,
        hint: "a pair with yᵀs ≤ 0 is left out of both loops, so the result is that of the other"),
      Case(
        name: "the newest pair has yᵀs = −1, after the pair s = e₁, y = 2e₁", g: g,
        sList: [e1, e2], yList: [twoE1, scaled(e2, by: -1)], expected: byHand,
        hint: """
          a pair left out plays no part at all: γ = yᵀs/yᵀy comes from the newest pair that is \
          kept (here γ = ½), not from the skipped one (γ = −1 would make H⁻¹ indefinite)
          """),
      Case(
        name: "the newest pair has yᵀs = 0, after the pair s = e₁, y = 2e₁", g: g,
        sList: [e1, e2], yList: [twoE1, e3], expected: byHand,
        hint: """
          yᵀs = 0 is left out too (the test is yᵀs ≤ 0: ρ would be infinite), and γ comes from \
          the newest pair that is kept
          """),
      Case(
        name: "two pairs, neither with yᵀs > 0", g: g, sList: [e2, e3],
        yList: [scaled(e2, by: -1), e2], expected: g,
        hint: "with every pair left out there is nothing to scale by: H⁻¹ = I and the result is g"),
    ]
    for count in [2, 3] {
      let problem = randomProblem(pairs: count, seed: UInt64(count))
      cases.append(
        Case(
          name: "\(count) random pairs in 5 dimensions, against the BFGS matrix recursion",
          g: problem.g, sList: problem.sList, yList: problem.yList,
          expected: inverseHessian(sList: problem.sList, yList: problem.yList) * problem.g,
          hint: loops))
    }
    // A pair with negative curvature in the middle of four: the result is that of the other three.
    var problem = randomProblem(pairs: 4, seed: 4)
    let kept = [0, 1, 3]
    let expected =
      inverseHessian(sList: kept.map { problem.sList[$0] }, yList: kept.map { problem.yList[$0] })
      * problem.g
    problem.yList[2] = scaled(problem.yList[2], by: -1)
    cases.append(
      Case(
        name: "4 random pairs, the third with yᵀs < 0", g: problem.g, sList: problem.sList,
        yList: problem.yList, expected: expected,
        hint:
          "the pair with yᵀs < 0 is left out, so the result is the recursion over the other three; "
          + loops))
    return cases
  }()

  @Test("(a) the two-loop recursion computes H⁻¹g", arguments: cases)
  func twoLoopRecursion(_ c: Case) {
    TestSupport.expectClose(
      lbfgsDirection(g: c.g, sList: c.sList, yList: c.yList), c.expected, tolerance: 1e-14,
      relativeTolerance: 1e-10, "lbfgsDirection with \(c.name): \(c.hint)")
  }

  @Test("(b) one pair gives the rank-2 BFGS update of γI; H⁻¹ is positive definite and H⁻¹y = s")
  func bfgsProperties() {
    // The document's check, with its vectors (np.random.seed(7)) and the direction it prints.
    let g = [1.690525703800356, -0.4659373705408328, 0.0328201636785844, 0.40751628299650783]
    let s = [
      -0.07889230286257387, 0.00020655729059481303, -8.903858579313629e-05, -0.1754724306345421,
    ]
    let y = [0.08321887726642073, 0.06009841149053436, -0.06256382962658331, -0.05840693303170026]
    let rho = 1 / dot(y, s)
    let gamma = dot(y, s) / dot(y, y)
    // (I − ρsyᵀ)·γI·(I − ρysᵀ) + ρssᵀ, multiplied out: γI plus a rank-2 correction in the
    // plane of s and y (the document calls it rank-1).
    let h =
      gamma * .identity(4) - (gamma * rho) * (outer(s, y) + outer(y, s))
      + (rho + gamma * rho * rho * dot(y, y)) * outer(s, s)
    let d = lbfgsDirection(g: g, sList: [s], yList: [y])
    TestSupport.expectClose(
      d, h * g, tolerance: 0, relativeTolerance: 1e-10,
      "lbfgsDirection with one pair (s, y) against [γI − γρ(syᵀ + ysᵀ) + (ρ + γρ²yᵀy)ssᵀ]·g")
    TestSupport.expectClose(
      d, [10.426385, 0.569201, -0.700828, 19.701482], tolerance: 2e-6,
      "lbfgsDirection for the document's single-pair check, against the direction it prints")

    // H⁻¹ is positive definite whenever every pair has yᵀs > 0, so d = H⁻¹g points uphill
    // (dᵀg > 0) and −d is a descent direction.
    #expect(dot(d, g) > 0, "dᵀg = \(dot(d, g)) for the document's pair; it should be > 0")
    for count in [1, 2, 3, 5] {
      let problem = randomProblem(pairs: count, seed: 10 + UInt64(count))
      let d = lbfgsDirection(g: problem.g, sList: problem.sList, yList: problem.yList)
      let slope = dot(d, problem.g)
      #expect(
        slope > 0,
        """
        with \(count) random pairs (all yᵀs > 0): dᵀg = \(TestSupport.format(slope)); H⁻¹ is positive \
        definite, so d = H⁻¹g must satisfy dᵀg > 0
        """)
    }

    // The secant equation: the last update makes H⁻¹ map the newest y to the newest s, whatever
    // the older pairs and γ.
    for count in [1, 3, 5] {
      let problem = randomProblem(pairs: count, seed: 20 + UInt64(count))
      TestSupport.expectClose(
        lbfgsDirection(g: problem.yList.last!, sList: problem.sList, yList: problem.yList),
        problem.sList.last!, tolerance: 0, relativeTolerance: 1e-10,
        "lbfgsDirection(g: y, …), y of the newest of \(count) pairs: the secant equation H⁻¹y = s"
      )
    }
  }

  @Test("(c) L-BFGS (m = 5) solves Rosenbrock from (−1.5, 0.5) far faster than gradient descent")
  func rosenbrockRace() throws {
    let start = [-1.5, 0.5]
    let lbfgs = minimizeRosenbrock(from: start, memory: 5, maxSteps: 500)
    let converged = lbfgs.converged
    try #require(
      converged,
      """
      L-BFGS did not reach ‖g‖ < 1e-10 or f < 1e-20 in 500 steps: f = \(TestSupport.format(lbfgs.f)), \
      x = \(TestSupport.format(lbfgs.x)) (the document's run_lbfgs stops after 23 steps)
      \(TestSupport.lossChart([("L-BFGS (m = 5)", lbfgs.values)]))
      """)
    let descent = minimizeRosenbrock(from: start, memory: 0, maxSteps: 1000)
    let chart = TestSupport.lossChart([
      ("L-BFGS (m = 5)", lbfgs.values), ("gradient descent", descent.values),
    ])
    #expect(
      lbfgs.steps <= 40,
      "L-BFGS took \(lbfgs.steps) steps; the document's run_lbfgs takes 23 (f = 1.4e-21)\n\(chart)")
    TestSupport.expectClose(
      lbfgs.x, [1, 1], tolerance: 1e-8, "where L-BFGS ends (the minimum is (1, 1))")

    // Keeping no pairs, the same loop is gradient descent with the same line search (H⁻¹ = I).
    // The document stops it at 10000 iterations with f = 2.9e-10; it needs 24849 steps to reach
    // f < 1e-20, a thousand times as many as L-BFGS.
    let descentStalled = !descent.converged && descent.f > 1e-6
    #expect(
      descentStalled,
      """
      with no pairs (m = 0) the loop is gradient descent; after 1000 steps it should still be \
      far from the minimum (f ≈ 8e-4), but f = \(TestSupport.format(descent.f)). L-BFGS converged in \
      \(lbfgs.steps) steps
      """)
  }
}

/// `pairs` curvature pairs of the quadratic with Hessian A = BᵀB + ½I (B a Gaussian 5 × 5
/// matrix): Gaussian steps sᵢ and yᵢ = A·sᵢ, so every yᵢᵀsᵢ = sᵢᵀAsᵢ > 0; and a Gaussian g.
private func randomProblem(pairs: Int, seed: UInt64) -> (
  g: [Double], sList: [[Double]], yList: [[Double]]
) {
  let n = 5
  var generator = SeededGenerator(seed: seed)
  let b = Matrix((0..<n).map { _ in generator.gaussianVector(count: n) })
  let a = b.transposed * b + 0.5 * .identity(n)
  let sList = (0..<pairs).map { _ in generator.gaussianVector(count: n) }
  return (generator.gaussianVector(count: n), sList, sList.map { a * $0 })
}

/// The BFGS inverse-Hessian approximation built from γI (γ of the newest pair) by applying
/// H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ for each pair, oldest first.
private func inverseHessian(sList: [[Double]], yList: [[Double]]) -> Matrix {
  let n = sList[0].count
  let (sNewest, yNewest) = (sList.last!, yList.last!)
  var h = (dot(yNewest, sNewest) / dot(yNewest, yNewest)) * Matrix.identity(n)
  for (s, y) in zip(sList, yList) {
    let rho = 1 / dot(y, s)
    let left = Matrix.identity(n) - rho * outer(s, y)
    h = left * h * left.transposed + rho * outer(s, s)
  }
  return h
}

/// Minimizes Rosenbrock with `lbfgsDirection` as the document's `run_lbfgs` does.
///
/// Each step goes along −d with d = `lbfgsDirection` (along −g if −d is not downhill),
/// backtracking from α = 1 by halves until Armijo's condition with c₁ = 1e-4 holds, and keeps
/// the last `memory` pairs with yᵀs > 1e-10. It stops when ‖g‖ < 1e-10 or f < 1e-20; `values`
/// holds f at every iterate.
private func minimizeRosenbrock(from start: [Double], memory: Int, maxSteps: Int) -> (
  x: [Double], f: Double, steps: Int, converged: Bool, values: [Double]
) {
  var x = start
  var values: [Double] = []
  var sList: [[Double]] = []
  var yList: [[Double]] = []
  for step in 0..<maxSteps {
    let f = rosenbrock(x)
    let g = rosenbrockGrad(x)
    values.append(f)
    if norm(g) < 1e-10 || f < 1e-20 { return (x, f, step, true, values) }
    var p = scaled(lbfgsDirection(g: g, sList: sList, yList: yList), by: -1)
    if !(dot(g, p) < 0) { p = scaled(g, by: -1) }
    let alpha = TestSupport.armijoStepSize(f: rosenbrock, x: x, p: p, slope: dot(g, p))
    let next = adding(x, p, scaledBy: alpha)
    let s = adding(next, x, scaledBy: -1)
    let y = adding(rosenbrockGrad(next), g, scaledBy: -1)
    if memory > 0 && dot(y, s) > 1e-10 {
      sList.append(s)
      yList.append(y)
      if sList.count > memory {
        sList.removeFirst()
        yList.removeFirst()
      }
    }
    x = next
  }
  let f = rosenbrock(x)
  return (x, f, maxSteps, norm(rosenbrockGrad(x)) < 1e-10 || f < 1e-20, values + [f])
}
