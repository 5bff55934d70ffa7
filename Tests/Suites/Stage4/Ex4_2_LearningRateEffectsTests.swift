import Testing

@Suite("4.2 Learning rate effects", .graded)
struct Ex4_2_LearningRateEffectsTests {
  /// One row of a run: start, learning rate, number of steps and where x ends, (1 − 2η)^steps · x0.
  struct Run: Sendable, CustomTestStringConvertible {
    let x0: Double
    let eta: Double
    let steps: Int
    let expected: Double
    var testDescription: String {
      "x0 = \(TestSupport.format(x0)), η = \(TestSupport.format(eta)), \(steps) step\(steps == 1 ? "" : "s")"
    }
  }

  @Test(
    "(a) x after a number of steps of x ← x − η·2x",
    arguments: [
      Run(x0: 10, eta: 0.1, steps: 5, expected: 3.2768),  // the document's question
      Run(x0: 10, eta: 0.1, steps: 0, expected: 10),
      Run(x0: 10, eta: 0.1, steps: 1, expected: 8),
      Run(x0: -3, eta: 0.25, steps: 3, expected: -0.375),
      Run(x0: 1, eta: 0.5, steps: 1, expected: 0),
      Run(x0: 10, eta: 0.6, steps: 5, expected: -0.0032),
      Run(x0: 10, eta: 1.0, steps: 4, expected: 10),
      Run(x0: 10, eta: 1.0, steps: 5, expected: -10),
      Run(x0: 10, eta: 1.2, steps: 3, expected: -27.44),
    ])
  func steps(run: Run) {
    TestSupport.expectClose(
      gradientDescentOnSquare(x0: run.x0, eta: run.eta, steps: run.steps), run.expected,
      tolerance: 1e-12, relativeTolerance: 1e-12,
      """
      x after \(run.steps) step\(run.steps == 1 ? "" : "s") of x ← x − η·2x from \
      x0 = \(TestSupport.format(run.x0)) with η = \(TestSupport.format(run.eta))
      """)
  }

  @Test(
    "(b) what gradient descent does with η = 0.6, and with other rates below 1",
    arguments: [
      (0.6, LearningRateBehaviour.convergesWithOscillation),  // the document's question
      (0.0, .staysPut), (0.1, .convergesMonotonically), (0.25, .convergesMonotonically),
      (0.5, .convergesMonotonically), (0.75, .convergesWithOscillation),
      (0.9, .convergesWithOscillation),
    ])
  func behaviourBelowOne(eta: Double, expected: LearningRateBehaviour) {
    expectBehaviour(eta: eta, expected)
  }

  @Test(
    "(c) what gradient descent does with η = 1.0, and with rates above 1 or below 0",
    arguments: [
      (1.0, LearningRateBehaviour.twoCycle),  // the document's question
      (1.1, .diverges), (1.2, .diverges), (2.0, .diverges), (-0.1, .diverges),
    ])
  func behaviourAtAndBeyondOne(eta: Double, expected: LearningRateBehaviour) {
    expectBehaviour(eta: eta, expected)
  }

  @Test("(d) the maximum stable learning rate")
  func maximumStableRate() {
    TestSupport.expectClose(
      maximumStableLearningRate(), 1, tolerance: 1e-12,
      """
      the supremum of the stable learning rates: every η below it must make x ← x − η·2x \
      shrink to 0, and η equal to it must not
      """)
  }

  /// Records a failure, without giving the answer away, unless η's behaviour is `expected`.
  private func expectBehaviour(
    eta: Double, _ expected: LearningRateBehaviour,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let answer = learningRateBehaviour(eta: eta)
    guard answer != expected else { return }
    let factor = 1 - 2 * eta
    let advice =
      answer == .diverges && expected == .twoCycle
      ? """
      Look at x after a few steps from x0 = 10 (x₁, x₂, x₃, x₄): does |x| really grow? \
      Diverging means |x| → ∞.
      """
      : """
      Each step multiplies x by 1 − 2η = \(TestSupport.format(factor)), so x_k = (\(TestSupport.format(factor)))^k · x0: \
      what does that do as k grows?
      """
    Issue.record(
      Comment(rawValue: "η = \(TestSupport.format(eta)): \(answer) is not it. \(advice)"),
      sourceLocation: sourceLocation)
  }
}
