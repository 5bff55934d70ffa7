import Testing

@Suite("N2 Newton's method with backtracking", .graded)
struct ExN2_NewtonStepTests {
  /// A gradient and a Hessian to take a step with, and whether the Hessian is positive definite.
  struct StepCase: Sendable, CustomTestStringConvertible {
    let name: String
    let hess: Matrix
    let grad: [Double]
    let positiveDefinite: Bool
    var testDescription: String { name }

    static func rosenbrock(at x: [Double], positiveDefinite: Bool) -> StepCase {
      StepCase(
        name: "Rosenbrock at \(TestSupport.format(x))", hess: rosenbrockHess(x),
        grad: rosenbrockGrad(x),
        positiveDefinite: positiveDefinite)
    }
  }

  @Test(
    "(a) the step solves H·p = −g when H is positive definite, and is −g otherwise",
    arguments: [
      StepCase.rosenbrock(at: [-1, 1], positiveDefinite: true),
      StepCase.rosenbrock(at: [-1.2, 1], positiveDefinite: true),
      StepCase.rosenbrock(at: [2, 3], positiveDefinite: true),
      StepCase(
        name: "Rosenbrock's H at (1, 1), g = (1, −1)", hess: rosenbrockHess([1, 1]),
        grad: [1, -1], positiveDefinite: true),
      StepCase(
        name: "H = diag(2, 0.5)", hess: .diagonal([2, 0.5]), grad: [1, 1], positiveDefinite: true),
      StepCase(
        name: "a 3 × 3 positive definite H", hess: Matrix([[4, 1, 0], [1, 3, 1], [0, 1, 2]]),
        grad: [1, -2, 3], positiveDefinite: true),
      // Indefinite but invertible: H = diag(−398, 200).
      StepCase.rosenbrock(at: [0, 1], positiveDefinite: false),
      StepCase.rosenbrock(at: [0.5, 0.5], positiveDefinite: false),
      StepCase(
        name: "a negative definite H", hess: Matrix([[-2, 0.5], [0.5, -1]]), grad: [1, 2],
        positiveDefinite: false),
      StepCase(
        name: "the singular H = [[1, 1], [1, 1]]", hess: Matrix([[1, 1], [1, 1]]), grad: [1, -1],
        positiveDefinite: false),
      StepCase(
        name: "a 3 × 3 indefinite H", hess: Matrix([[1, 2, 0], [2, 1, 0], [0, 0, 3]]),
        grad: [1, 0, 1], positiveDefinite: false),
    ])
  func direction(step: StepCase) throws {
    let (h, g) = (step.hess, step.grad)
    let minusG = scaled(g, by: -1)
    let p = newtonStep(grad: g, hess: h)
    try #require(p.count == g.count, "p has \(p.count) components, g has \(g.count)")
    let eigenvalues = TestSupport.format(h.symmetricEigenvalues())
    if step.positiveDefinite {
      // A residual test, so that any stable solve (LU, Cholesky, explicit 2 × 2 formulas) passes.
      TestSupport.expectClose(
        h * p, minusG, tolerance: 1e-12, relativeTolerance: 1e-9,
        """
        H·p for p = newtonStep(grad: g, hess: H), \(step.name): H is positive definite \
        (eigenvalues \(eigenvalues)), so H·p should be −g = \(TestSupport.format(minusG)). \
        \(Self.diagnosis(p: p, g: g, h: h))
        """)
    } else {
      TestSupport.expectClose(
        p, minusG, tolerance: 0, relativeTolerance: 1e-12,
        """
        p = newtonStep(grad: g, hess: H), \(step.name): H is not positive definite \
        (eigenvalues \(eigenvalues)), so p should be the steepest-descent direction −g. \
        \(Self.diagnosis(p: p, g: g, h: h))
        """)
    }
  }

  /// What a wrong step looks like, in the learner's terms; empty when it is none of these.
  private static func diagnosis(p: [Double], g: [Double], h: Matrix) -> String {
    func near(_ a: [Double], _ b: [Double]) -> Bool {
      norm(adding(a, b, scaledBy: -1)) <= 1e-9 * max(norm(a), norm(b), 1e-300)
    }
    let minusG = scaled(g, by: -1)
    let positiveDefinite = (try? h.cholesky()) != nil
    if near(p, minusG) {
      return "p = −g, the fallback: use it only when Cholesky says H is not positive definite."
    }
    if near(h * p, g) { return "p solves H·p = +g: the Newton step is −H⁻¹g, mind the sign." }
    if near(h * p, minusG) && !positiveDefinite {
      return """
        p = −H⁻¹g, but H is invertible and not positive definite: a solve that succeeds is not \
        enough, fall back to −g whenever Cholesky fails.
        """
    }
    if near(p, h * g) || near(p, h * minusG) {
      return "p is ±H·g: the Newton step divides by H (solves H·p = −g), it does not multiply."
    }
    if near(p, g) { return "p = +g points uphill: steepest descent is −g." }
    return ""
  }

  /// The iterates of a descent run, their gradient norms, and a complaint if a step was uphill.
  private struct Run {
    var points: [[Double]]
    var gradientNorms: [Double]
    var uphill: String?
  }

  /// Runs `steps` iterations on Rosenbrock's function from `x0` along `direction(g, H)`, with the
  /// document's backtracking Armijo search (α from 1, ρ = 0.5, c1 = 1e-4, at most 60 halvings).
  ///
  /// It stops early only where the gradient is exactly zero (Newton lands on (1, 1) exactly). The
  /// line search is written here rather than taken from N1, so that this suite grades N2 alone.
  private static func descend(
    from x0: [Double], steps: Int, direction: ([Double], Matrix) -> [Double]
  ) -> Run {
    var x = x0
    var run = Run(points: [x], gradientNorms: [norm(rosenbrockGrad(x))], uphill: nil)
    for k in 0..<steps {
      let g = rosenbrockGrad(x)
      if g.allSatisfy({ $0 == 0 }) { break }
      let p = direction(g, rosenbrockHess(x))
      let slope = dot(g, p)
      guard slope < 0 else {
        run.uphill = """
          at step \(k), x = \(TestSupport.format(x)): p = \(TestSupport.format(p)) is not a descent direction \
          (∇f·p = \(TestSupport.format(slope)) ≥ 0), so no line search can decrease f along it
          """
        break
      }
      let alpha = TestSupport.armijoStepSize(f: rosenbrock, x: x, p: p, slope: slope)
      x = adding(x, p, scaledBy: alpha)
      run.points.append(x)
      run.gradientNorms.append(norm(rosenbrockGrad(x)))
    }
    return run
  }

  private static func newtonRun(from x0: [Double], steps: Int = 50) -> Run {
    descend(from: x0, steps: steps) { g, h in newtonStep(grad: g, hess: h) }
  }

  /// A line the document prints: f and ‖∇f‖ after step k (the iterate x_{k+1}).
  struct Printed: Sendable {
    let k: Int
    let f: Double
    let gradientNorm: Double
  }

  struct Start: Sendable, CustomTestStringConvertible {
    let x0: [Double]
    var firstIterate: [Double]? = nil
    var printed: [Printed] = []
    var testDescription: String { "from \(TestSupport.format(x0))" }
  }

  @Test(
    "(b) Newton with backtracking reaches ‖∇f‖ < 1e-6 within 50 steps and ends at (1, 1)",
    arguments: [
      // The document's run; it prints f and ‖∇f‖ every 10 steps (after the step).
      // Its first step is p = −H⁻¹g = (2, −4); the trials 1, 0.5, 0.25 fail, α = 0.125 passes.
      Start(
        x0: [-1, 1], firstIterate: [-0.75, 0.5],
        printed: [
          Printed(k: 0, f: 3.453125, gradientNorm: 25.520824829931293),
          Printed(k: 10, f: 0.1431743519396092, gradientNorm: 7.620156815080785),
          Printed(k: 20, f: 0, gradientNorm: 0),
        ]),
      Start(x0: [-1.2, 1]),
      Start(x0: [2, 3]),
      // Both start where the Hessian is indefinite: the first step is the fallback −g.
      Start(x0: [0, 1]),
      Start(x0: [0.5, 0.5]),
    ])
  func newtonConverges(start: Start) throws {
    let run = Self.newtonRun(from: start.x0)
    if let uphill = run.uphill {
      Issue.record(Comment(rawValue: "Newton from \(TestSupport.format(start.x0)), \(uphill)"))
      return
    }
    let reached = run.gradientNorms.firstIndex { $0 < 1e-6 }
    #expect(
      reached != nil,
      """
      Newton from \(TestSupport.format(start.x0)) never got ‖∇f‖ below 1e-6: after \
      \(run.points.count - 1) steps x = \(TestSupport.format(run.points.last!)), ‖∇f‖ = \
      \(TestSupport.format(run.gradientNorms.last!))
      """)
    TestSupport.expectClose(
      run.points.last!, [1, 1], tolerance: 1e-9,
      "where Newton from \(TestSupport.format(start.x0)) ends (Rosenbrock's minimum is (1, 1))")
    if let firstIterate = start.firstIterate {
      try #require(run.points.count > 1)
      TestSupport.expectClose(
        run.points[1], firstIterate, tolerance: 1e-12,
        """
        x after the first step from \(TestSupport.format(start.x0)): p = −H⁻¹g = (2, −4) and the line search \
        rejects α = 1, 0.5, 0.25 before it accepts 0.125
        """)
    }
    for line in start.printed where line.k + 1 < run.points.count {
      let x = run.points[line.k + 1]
      TestSupport.expectClose(
        rosenbrock(x), line.f, tolerance: 1e-20, relativeTolerance: 1e-6,
        "f after step k = \(line.k) from \(TestSupport.format(start.x0)) (the document prints it)")
      TestSupport.expectClose(
        run.gradientNorms[line.k + 1], line.gradientNorm, tolerance: 1e-9, relativeTolerance: 1e-6,
        "‖∇f‖ after step k = \(line.k) from \(TestSupport.format(start.x0)) (the document prints it)"
      )
    }
  }

  /// The ratios ‖g_{k+1}‖ / ‖g_k‖² over the steps that start with 1e-6 ≤ ‖g_k‖ < 1e-3.
  ///
  /// Below 1e-3 is the document's "near the minimum"; from 1e-6 on, C·‖g_k‖² is still well
  /// above the rounding floor of ‖∇f‖ near (1, 1), about 1e-13, so the ratio measures C.
  private static func quadraticRatios(_ run: Run) -> [Double] {
    zip(run.gradientNorms, run.gradientNorms.dropFirst())
      .filter { gk, _ in gk >= 1e-6 && gk < 1e-3 }
      .map { gk, next in next / (gk * gk) }
  }

  @Test("(c) near the minimum Newton converges quadratically: ‖g_{k+1}‖ ≤ C·‖g_k‖²")
  func quadraticConvergence() {
    // On these runs the ratio is at most 1.08 (from (0, 0)); 10 leaves a margin.
    let bound = 10.0
    for x0: [Double] in [[-1, 1], [-1.2, 1], [2, 3], [0, 0], [-2, -2], [1.5, 1.5]] {
      let run = Self.newtonRun(from: x0)
      if let uphill = run.uphill {
        Issue.record(Comment(rawValue: "Newton from \(TestSupport.format(x0)), \(uphill)"))
        continue
      }
      let ratios = Self.quadraticRatios(run)
      guard !ratios.isEmpty else {
        Issue.record(
          """
          Newton from \(TestSupport.format(x0)) never took a step from 1e-6 ≤ ‖∇f‖ < 1e-3: the norms were \
          \(TestSupport.format(run.gradientNorms))
          """)
        continue
      }
      #expect(
        ratios.allSatisfy { $0 <= bound },
        """
        Newton from \(TestSupport.format(x0)): ‖g_{k+1}‖/‖g_k‖² = \(TestSupport.format(ratios)) exceeds \(TestSupport.format(bound)); \
        norms \(TestSupport.format(run.gradientNorms)). Quadratic convergence keeps this ratio bounded.
        """)
    }
    // The control: gradient descent (p = −g, same line search) converges only linearly, so the
    // same check fails for it (its ratios are above 900), which is what makes the check mean
    // something.
    let descent = Self.descend(from: [1.001, 1], steps: 300) { g, _ in scaled(g, by: -1) }
    let descentRatios = Self.quadraticRatios(descent)
    #expect(
      !descentRatios.isEmpty && descentRatios.allSatisfy { $0 > bound },
      """
      control: gradient descent's ratios ‖g_{k+1}‖/‖g_k‖² (smallest \
      \(TestSupport.format(descentRatios.min() ?? .nan))) should all exceed \(TestSupport.format(bound))
      """)
  }
}
