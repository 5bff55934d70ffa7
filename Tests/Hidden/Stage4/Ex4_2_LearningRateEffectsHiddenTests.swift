import Foundation
import Testing

// Hidden cases of 4.2, in the instructor's copy only (`Tests/Hidden`): starts, rates and step
// counts that the visible messages never show, so answers copied from them fail here. A message
// names a case by its number, never by its inputs.

extension Ex4_2_LearningRateEffectsTests {
  @Test(
    "(a, hidden) x after steps of x ← x − η·2x, for other starts, rates and counts",
    arguments: [
      (1, 7.0, 0.3, 4), (2, -2.0, 0.05, 10), (3, 5.0, 0.8, 3), (4, 0.5, 1.5, 6),
      (5, -4.0, 0.45, 2), (6, 3.0, -0.2, 5),
    ])
  func hiddenSteps(number: Int, x0: Double, eta: Double, steps: Int) {
    let expected = pow(1 - 2 * eta, Double(steps)) * x0
    TestSupport.expectHidden(
      gradientDescentOnSquare(x0: x0, eta: eta, steps: steps).isApproximatelyEqual(
        to: expected, absoluteTolerance: 1e-12, relativeTolerance: 1e-12),
      "hidden case \(number) of 6: x after the steps is not (1 − 2η)^steps · x0")
  }

  @Test(
    "(b, c, hidden) what gradient descent does with other rates",
    arguments: [
      (1, 0.3, LearningRateBehaviour.convergesMonotonically), (2, 0.49, .convergesMonotonically),
      (3, 0.65, .convergesWithOscillation), (4, 0.999, .convergesWithOscillation),
      (5, 1.5, .diverges), (6, -0.5, .diverges), (7, 1.0001, .diverges),
    ])
  func hiddenBehaviour(number: Int, eta: Double, expected: LearningRateBehaviour) {
    TestSupport.expectHidden(
      learningRateBehaviour(eta: eta) == expected,
      "hidden rate \(number) of 7: the behaviour is not what x_k = (1 − 2η)^k · x0 does")
  }
}
