import Foundation
import Testing

@Suite("T6 Adam with and without bias correction", .graded)
struct ExT6_AdamBiasCorrectionTests {
  @Test(
    "the correction factor 1 / (1 − βᵗ)",
    arguments: [
      (0.9, 1, 10.0), (0.999, 1, 1000.0), (0.9, 10, 1.5353399327876296),
      (0.9, 100, 1.0000265621044142), (0.5, 2, 4.0 / 3.0), (0.0, 1, 1.0),
    ])
  func factor(beta: Double, t: Int, expected: Double) {
    TestSupport.expectClose(
      biasCorrection(beta: beta, t: t), expected, tolerance: 0, relativeTolerance: 1e-12,
      "1 / (1 − βᵗ) for β = \(TestSupport.format(beta)), t = \(t)")
  }

  @Test("with correction, Adam on Rosenbrock from (−1, 1): the first steps, numpy's numbers")
  func corrected() throws {
    let run = adamSteps(x0: [-1, 1], learningRate: 0.01, nIterations: 3)
    try #require(run.count == 4, "3 steps visit 4 points, x₀ included; got \(run.count)")
    TestSupport.expectClose(
      run[1], [-0.990000000025, 1], tolerance: 1e-12,
      "x₁: m̂ = g and √v̂ = |g|, so each coordinate moves by η against the sign of its gradient (g_y = 0 here)"
    )
    TestSupport.expectClose(run[2], [-0.9904002169432, 0.992558631790765], tolerance: 1e-12, "x₂")
    TestSupport.expectClose(
      run[3], [-0.9914360642289007, 0.984364997476284], tolerance: 1e-12, "x₃")
  }

  @Test("without correction the first steps are larger, not smaller as the chapter says")
  func uncorrected() throws {
    let run = adamSteps(x0: [-1, 1], learningRate: 0.01, nIterations: 3, biasCorrection: false)
    try #require(run.count == 4, "3 steps visit 4 points, x₀ included; got \(run.count)")
    TestSupport.expectClose(
      run[1], [-0.968377225898316, 1], tolerance: 1e-12,
      "x₁ without correction: m = 0.1g, √v = √0.001·|g|, so the step is η·0.1/√0.001 ≈ 3.16η")
    TestSupport.expectClose(
      run[2], [-0.9938614242372712, 0.9683772242015865], tolerance: 1e-12, "x₂")
    TestSupport.expectClose(
      run[3], [-0.9981713980889365, 0.9505976919115757], tolerance: 1e-12, "x₃")
  }

  @Test(
    "the step-size ratio (1 − β₁ᵗ)/√(1 − β₂ᵗ), and Adam's own steps on a constant gradient",
    arguments: [1, 2, 10, 100])
  func ratio(t: Int) {
    let expected = (1 - pow(0.9, Double(t))) / (1 - pow(0.999, Double(t))).squareRoot()
    TestSupport.expectClose(
      uncorrectedStepRatio(t: t), expected, tolerance: 0, relativeTolerance: 1e-12,
      "the uncorrected step over the corrected one at t = \(t), with β₁ = 0.9, β₂ = 0.999")
    let constant: @Sendable ([Double]) -> [Double] = { _ in [1, -2] }
    let with = adamSteps(x0: [0, 0], learningRate: 0.1, nIterations: t, gradient: constant)
    let without = adamSteps(
      x0: [0, 0], learningRate: 0.1, nIterations: t, biasCorrection: false, gradient: constant)
    let step = { (run: [[Double]]) in norm(adding(run[t], run[t - 1], scaledBy: -1)) }
    TestSupport.expectClose(
      step(without) / step(with), expected, tolerance: 0, relativeTolerance: 1e-6,
      "step \(t) of Adam on a constant gradient, without correction over with")
  }

  @Test("the ratio with other β: above 1 while β₂'s bias dominates, below 1 when β₁'s does")
  func ratioOtherBetas() {
    TestSupport.expectClose(
      uncorrectedStepRatio(beta1: 0.9, beta2: 0.99, t: 1), 0.1 / 0.1, tolerance: 1e-12,
      "β₂ = 0.99, t = 1")
    TestSupport.expectClose(
      uncorrectedStepRatio(beta1: 0.99, beta2: 0.9, t: 1), 0.01 / 0.1.squareRoot(),
      tolerance: 1e-12,
      "β₁ = 0.99, β₂ = 0.9, t = 1")
    #expect(
      (1...1000).allSatisfy { uncorrectedStepRatio(t: $0) > 1 },
      "with the defaults the uncorrected step is larger for the first thousand steps")
  }

  @Test("1000 steps on Rosenbrock: both get close to (1, 1), the corrected run closer")
  func longRun() {
    let with = adamSteps(x0: [-1, 1], learningRate: 0.01, nIterations: 1000, epsilon: 1e-8)
    let without = adamSteps(
      x0: [-1, 1], learningRate: 0.01, nIterations: 1000, beta1: 0.9, beta2: 0.999,
      biasCorrection: false)
    TestSupport.expectClose(
      with.last ?? [], [0.9987322221486507, 0.9974612347329899], tolerance: 1e-6,
      "corrected, after 1000 steps")
    TestSupport.expectClose(
      without.last ?? [], [0.9973353722310936, 0.9946687931331323], tolerance: 1e-6,
      "uncorrected, after 1000 steps")
  }

  @Test(
    "β₁, β₂ and ε are the ones passed: β₁ = 0.5, β₂ = 0.75, ε = 0.1, η = 0.2 on ∇f = (x − 1, 2y + 3)",
    arguments: [true, false])
  func ownParameters(corrected: Bool) throws {
    let gradient: @Sendable ([Double]) -> [Double] = { [$0[0] - 1, 2 * $0[1] + 3] }
    let run = adamSteps(
      x0: [0, 0], learningRate: 0.2, nIterations: 3, beta1: 0.5, beta2: 0.75, epsilon: 0.1,
      biasCorrection: corrected, gradient: gradient)
    try #require(run.count == 4, "3 steps visit 4 points, x₀ included; got \(run.count)")
    let expected: [[Double]] =
      corrected
      ? [
        [0.18181818181818182, -0.19354838709677422], [0.3574686477685897, -0.3836044198823725],
        [0.5228825939482571, -0.5678131968298085],
      ]
      : [
        [0.16666666666666669, -0.18750000000000003], [0.35689143093653947, -0.39940131941956125],
        [0.5409148413375653, -0.6082653728206615],
      ]
    for t in 1...3 {
      TestSupport.expectClose(
        run[t], expected[t - 1], tolerance: 1e-12,
        """
        x_\(t) \(corrected ? "with" : "without") correction: the β₁, β₂ and ε passed, not the \
        defaults (ε = 0.1 is not negligible next to |g| ≈ 1)
        """)
    }
  }

  @Test("no steps: the trajectory is x₀ alone")
  func noSteps() {
    #expect(adamSteps(x0: [2, 3], learningRate: 0.1, nIterations: 0) == [[2, 3]])
  }
}
