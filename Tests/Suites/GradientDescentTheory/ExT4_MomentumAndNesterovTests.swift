import Foundation
import Testing

@Suite("T4 Momentum and Nesterov", .graded)
struct ExT4_MomentumAndNesterovTests {
  /// The κ = 100 quadratic of practice problem 4, f(x) = ½(x₁² + 100x₂²).
  private static let illConditioned: @Sendable ([Double]) -> [Double] = { [$0[0], 100 * $0[1]] }

  @Test("momentum on Rosenbrock from the chapter's start: the first steps, by hand")
  func momentumFirstSteps() throws {
    let run = momentumGd(x0: [-1, 0.5], learningRate: 0.001, beta: 0.9, nIterations: 2)
    try #require(run.count == 3, "2 steps visit 3 points, x₀ included; got \(run.count)")
    TestSupport.expectClose(run[0], [-1, 0.5], tolerance: 0, "x₀")
    TestSupport.expectClose(
      run[1], [-0.796, 0.6], tolerance: 1e-12, "x₁: v₁ = ∇f(x₀), x₁ = x₀ − η v₁")
    TestSupport.expectClose(
      run[2], [-0.5981046656, 0.6967232], tolerance: 1e-12, "x₂: v₂ = β v₁ + ∇f(x₁), x₂ = x₁ − η v₂"
    )
  }

  @Test("Nesterov on Rosenbrock: the gradient is taken at the look-ahead x − ηβv")
  func nesterovFirstSteps() throws {
    let run = nesterovGd(x0: [-1, 0.5], learningRate: 0.001, beta: 0.9, nIterations: 2)
    try #require(run.count == 3, "2 steps visit 3 points, x₀ included; got \(run.count)")
    TestSupport.expectClose(
      run[1], [-0.796, 0.6], tolerance: 1e-12, "x₁: v₀ = 0, so the look-ahead is x₀")
    TestSupport.expectClose(
      run[2], [-0.6863293301504001, 0.627006752], tolerance: 1e-12,
      """
      x₂: v₂ = β v₁ + ∇f(x₁ − η β v₁). The document's listing looks ahead to x − βv, without η, \
      and diverges (NaN by the 6th step)
      """)
  }

  @Test("the chapter's race, 1000 steps on Rosenbrock: both end near (1, 1)")
  func rosenbrockRace() {
    let momentum = momentumGd(x0: [-1, 0.5], learningRate: 0.001, beta: 0.9, nIterations: 1000)
    let nesterov = nesterovGd(x0: [-1, 0.5], learningRate: 0.001, beta: 0.9, nIterations: 1000)
    TestSupport.expectClose(
      momentum.last ?? [], [0.9952184817849031, 0.9904406369025014], tolerance: 1e-8,
      "momentum's point after 1000 steps (numpy's run of the chapter's code)")
    TestSupport.expectClose(
      nesterov.last ?? [], [0.9948721350942517, 0.9897499821422603], tolerance: 1e-8,
      "Nesterov's point after 1000 steps (numpy's run, with the look-ahead x − ηβv)")
  }

  @Test(
    "with β = 0 both are plain gradient descent",
    arguments: [0.05, 0.1])
  func noMomentum(eta: Double) {
    let gradient: @Sendable ([Double]) -> [Double] = { [$0[0], 3 * $0[1]] }
    let expected = (0...6).map { t in
      [pow(1 - eta, Double(t)) * 2, pow(1 - 3 * eta, Double(t)) * -1]
    }
    for (name, run) in [
      (
        "momentum",
        momentumGd(x0: [2, -1], learningRate: eta, beta: 0, nIterations: 6, gradient: gradient)
      ),
      (
        "Nesterov",
        nesterovGd(x0: [2, -1], learningRate: eta, beta: 0, nIterations: 6, gradient: gradient)
      ),
    ] {
      TestSupport.expectClose(
        run.flatMap { $0 }, expected.flatMap { $0 }, tolerance: 1e-14, relativeTolerance: 1e-12,
        "\(name) with β = 0 on ½(x² + 3y²) from (2, −1), η = \(TestSupport.format(eta)): x ← x − η∇f"
      )
    }
  }

  @Test(
    "iterationsToConverge: the first t with ‖x_t − x*‖ ≤ tolerance",
    arguments: [
      ([[3.0, 4.0], [0.6, 0.8], [0.0, 0.0]], [0.0, 0.0], 1.0, 1 as Int?),
      ([[3.0, 4.0], [0.6, 0.8], [0.0, 0.0]], [0.0, 0.0], 0.0, 2),
      ([[3.0, 4.0], [0.6, 0.8], [0.0, 0.0]], [0.0, 0.0], 5.0, 0),
      ([[3.0, 4.0], [0.6, 0.8]], [0.0, 0.0], 0.5, nil),
      ([[2.0, 2.0], [1.5, 1.0], [1.0, 1.0]], [1.0, 1.0], 0.5, 1),
    ])
  func convergence(trajectory: [[Double]], minimum: [Double], tolerance: Double, expected: Int?) {
    let answer = iterationsToConverge(
      trajectory: trajectory, minimum: minimum, tolerance: tolerance)
    #expect(
      answer == expected,
      "trajectory \(TestSupport.format(trajectory.flatMap { $0 })) (pairs), x* = \(TestSupport.format(minimum)), tolerance \(TestSupport.format(tolerance))"
    )
  }

  @Test(
    "practice problem 4 on κ = 100: Nesterov wins with high momentum, not with β = 0.8",
    arguments: [(0.9, 264, 208), (0.95, 495, 363), (0.8, 192, 211)])
  func practiceProblem(beta: Double, momentumSteps: Int, nesterovSteps: Int) throws {
    let eta = beta == 0.95 ? 0.005 : 0.01
    let count = { (run: [[Double]]) in
      iterationsToConverge(trajectory: run, minimum: [0, 0], tolerance: 1e-6)
    }
    let momentum = try #require(
      count(
        momentumGd(
          x0: [1, 1], learningRate: eta, beta: beta, nIterations: 3000,
          gradient: Self.illConditioned)),
      "momentum never came within 1e-6 of the minimum in 3000 steps")
    let nesterov = try #require(
      count(
        nesterovGd(
          x0: [1, 1], learningRate: eta, beta: beta, nIterations: 3000,
          gradient: Self.illConditioned)),
      "Nesterov never came within 1e-6 of the minimum in 3000 steps")
    #expect(
      abs(momentum - momentumSteps) <= 2,
      "momentum, β = \(beta), η = \(eta): \(momentum) steps to 1e-6 from (1, 1); numpy counts \(momentumSteps)"
    )
    #expect(
      abs(nesterov - nesterovSteps) <= 2,
      "Nesterov, β = \(beta), η = \(eta): \(nesterov) steps to 1e-6 from (1, 1); numpy counts \(nesterovSteps)"
    )
  }
}
