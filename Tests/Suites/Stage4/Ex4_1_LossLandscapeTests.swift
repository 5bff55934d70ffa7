import Testing

@Suite("4.1 Loss landscape", .graded)
struct Ex4_1_LossLandscapeTests {
  @Test("(a) the critical points of f(x) = x⁴ − 2x² + 1")
  func criticalPoints() {
    let points = doubleWellCriticalPoints()
    TestSupport.expectClose(
      points, [-1, 0, 1], tolerance: 1e-6,
      "every x with f′(x) = 4x³ − 4x = 0, in increasing order")
  }

  @Test(
    "(b) each critical point classified as minimum, maximum or saddle",
    arguments: [
      (-1.0, CriticalPointKind.localMinimum), (0.0, .localMaximum), (1.0, .localMinimum),
    ])
  func classification(point: Double, kind: CriticalPointKind) {
    let answer = classifyCriticalPoint(point)
    guard answer != kind else { return }
    Issue.record(
      """
      classifyCriticalPoint(\(TestSupport.format(point))) returned \(answer), which is not it: work out \
      f″(x) for f(x) = x⁴ − 2x² + 1, evaluate it at x = \(TestSupport.format(point)) and look at its sign \
      (a saddle point needs f″ = 0 and no extremum).
      """)
  }

  @Test(
    "(c) where gradient descent from x0 converges",
    arguments: [
      (0.1, 1.0), (-0.1, -1.0), (0.0, 0.0), (2.0, 1.0), (-2.0, -1.0), (-0.5, -1.0), (0.5, 1.0),
      (1.0, 1.0), (-1.0, -1.0), (0.001, 1.0),
    ])
  func limit(x0: Double, expected: Double) {
    let what: String
    if x0 == 0 {
      what = "gradient descent from x0 = 0: f′(0) = 0, so no step ever moves x"
    } else if abs(x0) > 1 {
      what = """
        gradient descent from x0 = \(TestSupport.format(x0)) with a small learning rate (a large one, \
        e.g. η = 0.1, jumps across the hill at 0 into the other well)
        """
    } else {
      what =
        "gradient descent from x0 = \(TestSupport.format(x0)) with a small learning rate, run to convergence"
    }
    TestSupport.expectClose(gradientDescentLimit(from: x0), expected, tolerance: 1e-6, what)
  }
}
