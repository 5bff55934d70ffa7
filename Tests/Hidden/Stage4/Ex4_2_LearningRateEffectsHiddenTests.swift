import Foundation
import Testing

// Hidden cases of 4.2, in the instructor's copy only (`Tests/Hidden`): starts, rates and step
// counts that the visible messages never show, so answers copied from them fail here.

extension Ex4_2_LearningRateEffectsTests {
  @Test(
    "(a, hidden) x after steps of x ← x − η·2x, for other starts, rates and counts",
    arguments: [
      (7.0, 0.3, 4), (-2.0, 0.05, 10), (5.0, 0.8, 3), (0.5, 1.5, 6), (-4.0, 0.45, 2),
      (3.0, -0.2, 5),
    ])
  func hiddenSteps(x0: Double, eta: Double, steps: Int) {
    let expected = pow(1 - 2 * eta, Double(steps)) * x0
    TestSupport.expectHidden(
      gradientDescentOnSquare(x0: x0, eta: eta, steps: steps).isApproximatelyEqual(
        to: expected, absoluteTolerance: 1e-12, relativeTolerance: 1e-12),
      """
      x after \(steps) steps from x0 = \(TestSupport.format(x0)) with η = \(TestSupport.format(eta)) \
      is not (1 − 2η)^steps · x0
      """)
  }

  @Test(
    "(b, c, hidden) what gradient descent does with other rates",
    arguments: [
      (0.3, LearningRateBehaviour.convergesMonotonically), (0.49, .convergesMonotonically),
      (0.65, .convergesWithOscillation), (0.999, .convergesWithOscillation), (1.5, .diverges),
      (-0.5, .diverges), (1.0001, .diverges),
    ])
  func hiddenBehaviour(eta: Double, expected: LearningRateBehaviour) {
    TestSupport.expectHidden(
      learningRateBehaviour(eta: eta) == expected,
      "the behaviour for η = \(TestSupport.format(eta)) is not what x_k = (1 − 2η)^k · x0 does")
  }
}
