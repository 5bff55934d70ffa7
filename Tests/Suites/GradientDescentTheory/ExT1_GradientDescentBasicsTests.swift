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

  /// Records a failure unless `limit` is the supremum of the stable rates for the curvature L.
  ///
  /// Checked by what gradient descent does there, never against the value: on f(x) = ½Lx² each
  /// step multiplies x by 1 − ηL, and at the supremum that factor is −1, a 2-cycle.
  private static func expectStabilityLimit(
    _ limit: Double, L: Double, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let factor = 1 - limit * L
    guard !factor.isApproximatelyEqual(to: -1, absoluteTolerance: 0, relativeTolerance: 1e-12)
    else { return }
    let what =
      switch factor {
      case 1: "nothing moves"
      case -1...1: "|1 − ηL| < 1: η = your limit still converges, and so do rates a little above it"
      case _ where factor.isNaN: "that is no rate"
      default: "|1 − ηL| > 1, so η = your limit already diverges"
      }
    Issue.record(
      Comment(
        rawValue: """
          \(label): with η = your limit, gradient descent on ½Lx² multiplies x by 1 − ηL = \
          \(TestSupport.format(factor)) at every step: \(what). The supremum is where the stiffest \
          direction stops converging without growing (the document's 1/L is not it).
          """), sourceLocation: sourceLocation)
  }

  @Test(
    "(c) the stability limit for a largest curvature L", arguments: [4.0, 10.0, 1.0, 0.5, 100.0])
  func limit(L: Double) {
    Self.expectStabilityLimit(
      stableLearningRateLimit(L: L), L: L, "L = \(TestSupport.format(L))")
  }

  @Test("(c) the limit for the bowl (L = 4) is where (b) turns from converging to a 2-cycle")
  func limitMatchesRegimes() {
    let limit = stableLearningRateLimit(L: 4)
    #expect(learningRateRegime(learningRate: limit) == .twoCycle)
    #expect(learningRateRegime(learningRate: limit * 0.999) == .oscillatesButConverges)
    #expect(learningRateRegime(learningRate: limit * 1.001) == .diverges)
  }
}
