import Testing

@Suite("N9 Gradient clipping as a trust region", .graded)
struct ExN9_ClippingAsTrustRegionTests {
  /// The document's steep bowl: loss ½θᵀHθ with H = diag(100, 1), gradient Hθ.
  let bowl = Quadratic(a: .diagonal([100, 1]))

  @Test("(a) without clipping, η = 0.05 on H = diag(100, 1) diverges: ×(−4) per step on θ₁")
  func plainStepsDiverge() {
    var theta = [5.0, 5.0]
    for _ in 0..<20 {
      theta = clippedStep(theta: theta, grad: bowl.gradient(theta), eta: 0.05, clip: nil)
    }
    // Each plain step multiplies θ₁ by 1 − 0.05·100 = −4 and θ₂ by 1 − 0.05 = 0.95.
    TestSupport.expectClose(
      theta[0], 5_497_558_138_880, tolerance: 0, relativeTolerance: 1e-12,
      "θ₁ after 20 plain steps (clip = nil) from (5, 5): 5·(1 − ηh₁)²⁰ = 5·(−4)²⁰")
    TestSupport.expectClose(
      theta[1], 1.792429612042711, tolerance: 0, relativeTolerance: 1e-12,
      "θ₂ after 20 plain steps (clip = nil) from (5, 5): 5·(1 − ηh₂)²⁰ = 5·0.95²⁰")
    TestSupport.expectClose(
      bowl.value(theta), 1.5111572745182865e27, tolerance: 0, relativeTolerance: 1e-10,
      "the loss after 20 plain steps (the document prints 1.511e+27)")
  }

  @Test("(b) with clip = 0.5 every update is −g cut to length ≤ 0.5, and the loss falls to 9.727")
  func clippedStepsConverge() {
    let eta = 0.05
    let clip = 0.5
    var theta = [5.0, 5.0]
    for step in 1...20 {
      let g = bowl.gradient(theta)
      let next = clippedStep(theta: theta, grad: g, eta: eta, clip: clip)
      let update = adding(next, theta, scaledBy: -1)
      // The plain update −η·g, scaled back to length `clip` when it is longer.
      let plainLength = eta * norm(g)
      let expected = scaled(g, by: -eta * min(1, clip / plainLength))
      let updateLength = norm(update)
      #expect(
        updateLength <= clip + 1e-12,
        """
        step \(step): the update has length \(TestSupport.format(updateLength)), more than clip = 0.5 \
        (‖η·g‖ = \(TestSupport.format(plainLength)))
        """)
      guard norm(adding(update, expected, scaledBy: -1)) <= 1e-12 else {
        TestSupport.expectClose(
          update, expected, tolerance: 1e-12,
          """
          the update at step \(step), where the plain update −η·g has length \
          \(TestSupport.format(plainLength)): expected −η·g, shortened to length 0.5 (same direction) when it \
          is longer
          """)
        return
      }
      theta = next
    }
    let start = bowl.value([5, 5])
    let final = bowl.value(theta)
    #expect(
      final.isFinite && final < start,
      """
      the loss after 20 clipped steps is \(TestSupport.format(final)); it should be finite and below the \
      start \(TestSupport.format(start))
      """)
    TestSupport.expectClose(
      theta, [0.2532183145664633, 3.6114480438237853], tolerance: 1e-9,
      "θ after 20 clipped steps from (5, 5)")
    TestSupport.expectClose(
      final, 9.72725422821334, tolerance: 1e-9,
      "the loss after 20 clipped steps (the document prints 9.727e+00)")
  }

  /// One step of the trust-region behaviour.
  struct StepCase: Sendable, CustomTestStringConvertible {
    let name: String
    let theta: [Double]
    let grad: [Double]
    let eta: Double
    let clip: Double?
    let expected: [Double]
    var testDescription: String { name }
  }

  @Test(
    "(c) like a trust region: the plain step inside the radius, cut back along −g outside",
    arguments: [
      StepCase(
        name: "a short step is the plain step, though ‖g‖ = 5 exceeds clip = 1", theta: [1, 2],
        grad: [3, 4], eta: 0.1, clip: 1, expected: [0.7, 1.6]),
      StepCase(
        name: "a step of length exactly clip is the plain step", theta: [1, 2], grad: [6, 8],
        eta: 0.5, clip: 5, expected: [-2, -2]),
      StepCase(
        name: "a zero gradient gives no step (and no NaN)", theta: [1, 2], grad: [0, 0], eta: 0.1,
        clip: 0.5, expected: [1, 2]),
      StepCase(
        name: "a long step keeps the direction −g and gets length clip", theta: [0, 0],
        grad: [30, -40], eta: 0.1, clip: 1, expected: [-0.6, 0.8]),
      StepCase(
        name: "clip = nil is the plain step, however long", theta: [0, 0], grad: [30, -40],
        eta: 0.1, clip: nil, expected: [-3, 4]),
    ])
  func trustRegion(_ c: StepCase) {
    let result = clippedStep(theta: c.theta, grad: c.grad, eta: c.eta, clip: c.clip)
    TestSupport.expectClose(
      result, c.expected, tolerance: 1e-12,
      """
      clippedStep(theta: \(TestSupport.format(c.theta)), grad: \(TestSupport.format(c.grad)), eta: \(TestSupport.format(c.eta)), \
      clip: \(c.clip.map(format) ?? "nil")): \(c.name)
      """)
  }

  @Test("(c) a NaN in the gradient gives a NaN step, clipped or not, as np.clip and torch keep NaN")
  func nanIsKept() {
    for clip: Double? in [0.5, nil] {
      let result = clippedStep(theta: [1, 2], grad: [.nan, 1], eta: 0.1, clip: clip)
      #expect(
        result.count == 2 && result[0].isNaN,
        """
        clippedStep(theta: [1, 2], grad: [nan, 1], eta: 0.1, clip: \(clip.map(format) ?? "nil")) = \
        \(TestSupport.format(result)): the NaN must reach θ₁, never be dropped (‖u‖ = NaN, and every \
        comparison with NaN is false: a guard such as ‖u‖ > 0 skips the step and hides it)
        """)
    }
  }
}
