import Testing

@Suite("N1 Backtracking Armijo line search", .graded)
struct ExN1_ArmijoBacktrackTests {
  /// The document's elongated bowl f(x) = x₁² + 10x₂².
  private static func bowl(_ x: [Double]) -> Double { x[0] * x[0] + 10 * x[1] * x[1] }
  private static func bowlGrad(_ x: [Double]) -> [Double] { [2 * x[0], 20 * x[1]] }

  /// f(x) = |x₁| at its kink x = 0, where the subgradient 1 promises a descent that no step gives.
  private static func kink(_ x: [Double]) -> Double { abs(x[0]) }
  private static func kinkSubgradient(_ x: [Double]) -> [Double] { [x[0] < 0 ? -1 : 1] }

  /// The Armijo condition f(x + αp) ≤ f(x) + c1·α·∇f(x)ᵀp on the bowl, as (left, right) sides.
  private static func armijoSides(
    x: [Double], p: [Double], alpha: Double, c1: Double
  ) -> (lhs: Double, rhs: Double) {
    (bowl(adding(x, p, scaledBy: alpha)), bowl(x) + c1 * alpha * dot(bowlGrad(x), p))
  }

  /// One line search on the bowl, from the document's x0 = (3, 1) along p = −∇f(x0) = (−6, −20)
  /// unless another x and p are given, or on the kink; `why` says what the case is there to catch.
  struct Search: Sendable, CustomTestStringConvertible {
    var onKink = false
    var x: [Double] = [3, 1]
    var p: [Double] = [-6, -20]
    let alpha0: Double
    let rho: Double
    let c1: Double
    let expected: Double
    let why: String
    var testDescription: String {
      "\(onKink ? "kink" : "bowl from \(TestSupport.format(x)) along \(TestSupport.format(p))"): alpha0 = \(TestSupport.format(alpha0)), ρ = \(TestSupport.format(rho)), "
        + "c1 = \(TestSupport.format(c1))"
    }
  }

  @Test(
    "(a) the step returned from x0 = (3, 1) along −∇f(x0), and when no step is acceptable",
    arguments: [
      Search(
        alpha0: 1, rho: 0.5, c1: 1e-4, expected: 0.0625,
        why: """
          The document's case: f(x0) = 19 and the slope is −436, so the trials 1, 0.5, 0.25, 0.125 \
          give f = 3619, 810, 162.25, 27.5625, all above the bound ≈ 19; 0.0625 gives 7.515625.
          """),
      Search(
        alpha0: 0.1, rho: 0.5, c1: 1e-4, expected: 0.1,
        why: "The first trial is alpha0 (here 0.1, f = 15.76 < 19), not 1, and it is accepted."),
      Search(
        alpha0: 2, rho: 0.5, c1: 1e-4, expected: 0.0625,
        why: "A first trial above 1 is shrunk like any other: 2, 1, 0.5, …, 0.0625."),
      Search(
        alpha0: 1, rho: 0.3, c1: 1e-4, expected: 0.09,
        why: "Each rejection multiplies α by ρ (not by 1 − ρ): the trials are 1, 0.3, 0.09."),
      Search(
        alpha0: 1, rho: 0.8, c1: 1e-4, expected: 0.1073741824,
        why: "Each rejection multiplies α by ρ: ten rejections, then 0.8¹⁰ is accepted."),
      Search(
        alpha0: 1, rho: 0.5, c1: 0.5, expected: 0.03125,
        why: """
          c1 = 0.5 asks for half the decrease the tangent promises: at 0.0625, \
          f = 7.515625 > 19 + 0.5·0.0625·(−436) = 5.375, so the search goes on to 0.03125. \
          The slope ∇f(x)ᵀp is negative; the bound is f(x) + c1·α·slope, with α in it.
          """),
      Search(
        alpha0: 1, rho: 0.5, c1: 0.9, expected: 0.0078125,
        why: "c1 = 0.9 asks for 90% of the tangent's decrease: only 1/128 gives it."),
      Search(
        x: [1, 0], p: [-1, 0], alpha0: 1, rho: 0.5, c1: 0.5, expected: 1,
        why: """
          From (1, 0) along (−1, 0) with c1 = 0.5 the first trial meets the condition with \
          equality: f(x + p) = 0 = 1 + 0.5·1·(−2), exactly in floating point. The condition is \
          f(x + αp) ≤ f(x) + c1·α·∇f(x)ᵀp, not <: equality accepts the step.
          """),
      Search(
        x: [3, 1], p: [-0.6, -2], alpha0: 1, rho: 0.5, c1: 0.5, expected: 0.5,
        why: """
          p = −0.1·∇f(x0) is a descent direction but not −∇f: the slope is ∇f(x)ᵀp = −43.6, \
          while −pᵀp = −4.36. At α = 1, f = 15.76 is above 19 + 0.5·1·(−43.6) = −2.8, so the \
          search goes on to 0.5 (f = 7.29 ≤ 8.1). The bound uses the gradient: ∇f(x)ᵀp, not −pᵀp.
          """),
      Search(
        x: [0.5, 0], p: [-4, 1], alpha0: 1, rho: 0.5, c1: 0.1, expected: 0.125,
        why: """
          From (0.5, 0) along (−4, 1) the slope is ∇f(x)ᵀp = −4 (−pᵀp would be −17): α = 0.125 \
          gives f = 0.15625 ≤ 0.25 + 0.1·0.125·(−4) = 0.2, and it is accepted.
          """),
      Search(
        onKink: true, alpha0: 1, rho: 0.5, c1: 1e-4, expected: 0x1p-100,
        why: """
          On f(x) = |x₁| at x = 0 with the subgradient 1 and p = −1, no step decreases f: \
          after 100 rejected trials the search gives up and returns alpha0·ρ¹⁰⁰.
          """),
    ])
  func stepFromX0(search: Search) {
    let alpha =
      search.onKink
      ? armijoBacktrack(
        f: Self.kink, gradF: Self.kinkSubgradient, x: [0], p: [-1], alpha0: search.alpha0,
        rho: search.rho, c1: search.c1)
      : armijoBacktrack(
        f: Self.bowl, gradF: Self.bowlGrad, x: search.x, p: search.p, alpha0: search.alpha0,
        rho: search.rho, c1: search.c1)
    TestSupport.expectClose(
      alpha, search.expected, tolerance: 0, relativeTolerance: 1e-12,
      "α returned \(search.testDescription). \(search.why)")
  }

  /// A search from (1, 0) along (−d, 0) with the default alpha0, ρ and c1: f = x₁² falls by
  /// 2d·α − d²α², so the trial α gives the fraction 1 − d·α/2 of the tangent's decrease 2d·α.
  struct DefaultSearch: Sendable, CustomTestStringConvertible {
    let d: Double
    let expected: Double
    let why: String
    var testDescription: String { "bowl from (1, 0) along (−\(TestSupport.format(d)), 0)" }
  }

  @Test(
    "(a) the defaults alpha0 = 1, ρ = 0.5 and c1 = 1e-4 decide these steps",
    arguments: [
      DefaultSearch(
        d: 1.99979, expected: 1,
        why: """
          α = 1 gives 1.05e-4 of the tangent's decrease, just above c1 = 1e-4: it is accepted \
          (a larger c1 would reject it).
          """),
      DefaultSearch(
        d: 1.99981, expected: 0.5,
        why: """
          α = 1 gives 0.95e-4 of the tangent's decrease, just below c1 = 1e-4: it is rejected \
          (a smaller c1 would accept it), and the next trial is alpha0·ρ = 0.5.
          """),
      DefaultSearch(
        d: 0.5, expected: 1,
        why: "α = 1 (and even α = 2) decreases f enough: the first trial is alpha0 = 1."),
    ])
  func defaults(search: DefaultSearch) {
    let alpha = armijoBacktrack(f: Self.bowl, gradF: Self.bowlGrad, x: [1, 0], p: [-search.d, 0])
    TestSupport.expectClose(
      alpha, search.expected, tolerance: 0, relativeTolerance: 1e-12,
      "α returned on the \(search.testDescription) with the defaults. \(search.why)")
  }

  /// A line search on the bowl from any point along any descent direction.
  struct Problem: Sendable, CustomTestStringConvertible {
    let x: [Double]
    let p: [Double]
    let alpha0: Double
    let rho: Double
    let c1: Double
    var testDescription: String {
      "x = \(TestSupport.format(x)), p = \(TestSupport.format(p)), alpha0 = \(TestSupport.format(alpha0)), ρ = \(TestSupport.format(rho)), "
        + "c1 = \(TestSupport.format(c1))"
    }
  }

  @Test(
    "(b) the returned α satisfies the Armijo condition and is the first trial that does",
    arguments: [
      Problem(x: [3, 1], p: [-6, -20], alpha0: 1, rho: 0.5, c1: 1e-4),
      Problem(x: [-2, 0.5], p: [4, -10], alpha0: 1, rho: 0.5, c1: 1e-4),
      Problem(x: [1, -1], p: [-1, 0.5], alpha0: 5, rho: 0.3, c1: 0.1),
      Problem(x: [0.5, 0.2], p: [-1, -4], alpha0: 2, rho: 0.7, c1: 0.5),
      Problem(x: [3, 1], p: [-1, 0], alpha0: 4, rho: 0.5, c1: 0.25),
      Problem(x: [-1, 2], p: [1, -2], alpha0: 3, rho: 0.5, c1: 1e-4),
    ])
  func firstAcceptedTrial(problem: Problem) throws {
    let (x, p, c1) = (problem.x, problem.p, problem.c1)
    let alpha = armijoBacktrack(
      f: Self.bowl, gradF: Self.bowlGrad, x: x, p: p, alpha0: problem.alpha0, rho: problem.rho,
      c1: c1)
    // The trials are alpha0·ρᵏ, k = 0, 1, 2, …: find the one α is (α = 0 is none of them).
    var (trial, k) = (problem.alpha0, 0)
    while trial > alpha * (1 + 1e-9) && k < 200 {
      trial *= problem.rho
      k += 1
    }
    try #require(
      alpha > 0
        && trial.isApproximatelyEqual(to: alpha, absoluteTolerance: 0, relativeTolerance: 1e-9),
      """
      α = \(TestSupport.format(alpha)) is not one of the trials alpha0·ρᵏ = \(TestSupport.format(problem.alpha0)), \
      \(TestSupport.format(problem.alpha0 * problem.rho)), \
      \(TestSupport.format(problem.alpha0 * problem.rho * problem.rho)), …
      """)
    let accepted = Self.armijoSides(x: x, p: p, alpha: alpha, c1: c1)
    #expect(
      accepted.lhs <= accepted.rhs,
      """
      α = \(TestSupport.format(alpha)) violates the Armijo condition: f(x + αp) = \(TestSupport.format(accepted.lhs)) > \
      f(x) + c1·α·∇f(x)ᵀp = \(TestSupport.format(accepted.rhs))
      """)
    guard k >= 1 else { return }
    let previous = alpha / problem.rho
    let rejected = Self.armijoSides(x: x, p: p, alpha: previous, c1: c1)
    #expect(
      rejected.lhs > rejected.rhs,
      """
      the trial before α = \(TestSupport.format(alpha)), α/ρ = \(TestSupport.format(previous)), already satisfies the \
      Armijo condition (f(x + αp) = \(TestSupport.format(rejected.lhs)) ≤ \(TestSupport.format(rejected.rhs))): \
      backtracking stops at the first trial that does, so α shrank once too often
      """)
  }

  @Test("(c) gradient descent with the line search decreases f at every step and ends near 0")
  func gradientDescent() {
    var x = [3.0, 1.0]
    var value = Self.bowl(x)
    for iteration in 1...100 {
      let g = Self.bowlGrad(x)
      guard dot(g, g) > 0 else { break }
      let alpha = armijoBacktrack(f: Self.bowl, gradF: Self.bowlGrad, x: x, p: scaled(g, by: -1))
      x = adding(x, g, scaledBy: -alpha)
      let next = Self.bowl(x)
      guard next < value else {
        Issue.record(
          """
          f went up at iteration \(iteration): \(TestSupport.format(value)) → \(TestSupport.format(next)) with \
          α = \(TestSupport.format(alpha)); an α that satisfies the Armijo condition always decreases f
          """)
        return
      }
      value = next
    }
    // The reference's iterates (the document's run): f after 100 steps is 6.390031748662e-22.
    TestSupport.expectClose(
      value, 6.390031748662001e-22, tolerance: 0, relativeTolerance: 1e-6,
      "f after 100 steps of gradient descent from (3, 1) with the default line search")
  }
}
