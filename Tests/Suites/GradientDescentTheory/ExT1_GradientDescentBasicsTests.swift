import Foundation
import Testing

@Suite("T1 Gradient descent and the learning rate", .graded)
struct ExT1_GradientDescentBasicsTests {
  /// The iterate after t steps, in closed form: each step multiplies x − 1 by 1 − 2η and y − 2
  /// by 1 − 4η.
  private static func exact(_ x0: [Double], _ eta: Double, _ t: Int) -> [Double] {
    [1 + pow(1 - 2 * eta, Double(t)) * (x0[0] - 1), 2 + pow(1 - 4 * eta, Double(t)) * (x0[1] - 2)]
  }

  @Test(
    "(a) the trajectory: x₀ first, then one point per step of x ← x − η∇f",
    arguments: [
      ([-2.0, -1.0], 0.1, 50),  // the document's start and first rate
      ([-2.0, -1.0], 0.3, 20), ([3.0, 5.0], 0.05, 7), ([1.0, 2.0], 0.2, 3), ([0.0, 0.0], 0.5, 4),
      ([-2.0, -1.0], 0.9, 5), ([0.5, -3.0], 0.15, 1), ([4.0, 4.0], 0.1, 0),
    ])
  func trajectory(x0: [Double], eta: Double, steps: Int) throws {
    let points = gradientDescent(x0: x0, learningRate: eta, nIterations: steps)
    try #require(
      points.count == steps + 1,
      "\(steps) steps from x₀ visit \(steps + 1) points, x₀ included; got \(points.count)")
    for (t, point) in points.enumerated() {
      TestSupport.expectClose(
        point, Self.exact(x0, eta, t), tolerance: 1e-12, relativeTolerance: 1e-12,
        """
        point \(t) from x₀ = \(TestSupport.format(x0)) with η = \(TestSupport.format(eta)): \
        x − 1 shrinks by 1 − 2η and y − 2 by 1 − 4η at every step (∇f = (2(x − 1), 4(y − 2)))
        """)
      if t >= 2 { break }  // the first points locate a mistake; the last one shows where it ends
    }
    TestSupport.expectClose(
      points[steps], Self.exact(x0, eta, steps), tolerance: 1e-12, relativeTolerance: 1e-12,
      "the last point, after \(steps) steps from x₀ = \(TestSupport.format(x0)) with η = \(TestSupport.format(eta))"
    )
  }

  @Test(
    "(b) what each learning rate does, the document's four and every other",
    arguments: [
      (0.1, LearningRateRegime.convergesMonotonically),  // the document's
      (0.3, .oscillatesButConverges), (0.5, .twoCycle), (0.9, .diverges),  // the document's
      (0.0, .staysPut), (0.2, .convergesMonotonically), (0.25, .convergesMonotonically),
      (0.26, .oscillatesButConverges), (0.4, .oscillatesButConverges),
      (0.49, .oscillatesButConverges), (0.5000001, .diverges), (0.75, .diverges), (1.0, .diverges),
      (-0.1, .diverges),
    ])
  func regime(eta: Double, expected: LearningRateRegime) {
    let answer = learningRateRegime(learningRate: eta)
    guard answer != expected else { return }
    let (fx, fy) = (1 - 2 * eta, 1 - 4 * eta)
    let documentTrap =
      eta > 0.25 && eta < 0.5 && answer == .diverges
      ? " The document's bound η ≤ 1/L = 0.25 is not where convergence stops; run it and see."
      : ""
    Issue.record(
      Comment(
        rawValue: """
          η = \(TestSupport.format(eta)): \(answer) is not it. Each step multiplies x − 1 by \
          1 − 2η = \(TestSupport.format(fx)) and y − 2 by 1 − 4η = \(TestSupport.format(fy)): what do \
          these two factors do, raised to the power t?\(documentTrap)
          """))
  }

  @Test(
    "(c) the stability limit for a largest curvature L",
    arguments: [(4.0, 0.5), (10.0, 0.2), (1.0, 2.0), (0.5, 4.0), (100.0, 0.02)])
  func limit(L: Double, expected: Double) {
    TestSupport.expectClose(
      stableLearningRateLimit(L: L), expected, tolerance: 0, relativeTolerance: 1e-12,
      """
      the supremum of the stable rates when the largest curvature is L = \(TestSupport.format(L)): \
      the fastest direction is multiplied by 1 − ηL at every step (the document's 1/L is not it)
      """)
  }

  @Test("(c) the limit for the bowl (L = 4) is where (b) turns from converging to a 2-cycle")
  func limitMatchesRegimes() {
    let limit = stableLearningRateLimit(L: 4)
    #expect(learningRateRegime(learningRate: limit) == .twoCycle)
    #expect(learningRateRegime(learningRate: limit * 0.999) == .oscillatesButConverges)
    #expect(learningRateRegime(learningRate: limit * 1.001) == .diverges)
  }
}
