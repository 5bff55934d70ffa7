import Testing

// Hidden cases of T1, in the instructor's copy only (`Tests/Hidden`): rates and curvatures that
// the visible suite never shows, so a table copied from it fails here. A message names a case by
// its number, never by its input.

extension ExT1_GradientDescentBasicsTests {
  @Test(
    "(b, hidden) what gradient descent on the bowl does with other rates",
    arguments: [
      (1, 0.05, LearningRateRegime.convergesMonotonically), (2, 0.125, .convergesMonotonically),
      (3, 0.2499, .convergesMonotonically), (4, 1.0 / 3.0, .oscillatesButConverges),
      (5, 0.45, .oscillatesButConverges), (6, 0.6, .diverges), (7, -2.0, .diverges),
      (8, 2.0, .diverges), (9, 0.2500001, .oscillatesButConverges),
    ])
  func hiddenRegimes(number: Int, eta: Double, expected: LearningRateRegime) {
    TestSupport.expectHidden(
      learningRateRegime(learningRate: eta) == expected,
      "hidden rate \(number) of 9: the regime is not what the factors 1 − 2η and 1 − 4η do")
  }

  @Test(
    "(c, hidden) the stability limit for other curvatures",
    arguments: Array(zip(1..., [2.0, 3.0, 7.5, 0.25, 1000.0, 0.03])))
  func hiddenLimits(number: Int, L: Double) {
    let factor = 1 - stableLearningRateLimit(L: L) * L
    TestSupport.expectHidden(
      factor.isApproximatelyEqual(to: -1, absoluteTolerance: 0, relativeTolerance: 1e-12),
      "hidden curvature \(number) of 6: at η = your limit, 1 − ηL is not where the stiffest direction stops converging without growing"
    )
  }
}
