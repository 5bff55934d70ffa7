import Testing

// Hidden cases of 4.1, in the instructor's copy only (`Tests/Hidden`): starts that the visible
// messages never show, so answers copied from them fail here. A message names a case by its
// number, never by its start: a learner who sees it learns no input to answer with a formula.

extension Ex4_1_LossLandscapeTests {
  @Test(
    "(c, hidden) where gradient descent converges from other starts",
    arguments: Array(zip(1..., [0.37, -0.73, 1.7, -1.85, 0.02, -0.999, 1.3])))
  func hiddenLimits(number: Int, x0: Double) {
    // With a small rate, descent stays in the well it starts in: its minimum is ±1.
    let minimum: Double = x0 > 0 ? 1 : -1
    TestSupport.expectHidden(
      gradientDescentLimit(from: x0).isApproximatelyEqual(to: minimum, absoluteTolerance: 1e-6),
      "hidden start \(number) of 7: gradient descent does not end in the well it starts in")
  }
}
