import Testing

// Hidden cases of 4.1, in the instructor's copy only (`Tests/Hidden`): starts that the visible
// messages never show, so answers copied from them fail here.

extension Ex4_1_LossLandscapeTests {
  @Test(
    "(c, hidden) where gradient descent converges from other starts",
    arguments: [0.37, -0.73, 1.7, -1.85, 0.02, -0.999, 1.3])
  func hiddenLimits(x0: Double) {
    // With a small rate, descent stays in the well it starts in: its minimum is ±1.
    let minimum: Double = x0 > 0 ? 1 : -1
    TestSupport.expectHidden(
      gradientDescentLimit(from: x0).isApproximatelyEqual(to: minimum, absoluteTolerance: 1e-6),
      "gradient descent from x0 = \(TestSupport.format(x0)) does not end where it should")
  }
}
