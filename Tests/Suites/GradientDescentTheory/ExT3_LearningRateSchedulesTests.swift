import Foundation
import Testing

@Suite("T3 The chapter's learning-rate schedules", .graded)
struct ExT3_LearningRateSchedulesTests {
  /// A schedule's value against the formula, with what was asked.
  private func expect(
    _ actual: Double, _ expected: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    TestSupport.expectClose(
      actual, expected, tolerance: 1e-15, relativeTolerance: 1e-12, what,
      sourceLocation: sourceLocation)
  }

  @Test(
    "stepDecay halves the rate every 50 iterations, dropping at t = 50, 100, …",
    arguments: [(0, 0.1), (1, 0.1), (49, 0.1), (50, 0.05), (99, 0.05), (100, 0.025), (199, 0.0125)])
  func stepDecayDefaults(t: Int, expected: Double) {
    expect(
      stepDecay(t: t), expected, "stepDecay(t: \(t)) with η₀ = 0.1, γ = 0.5, k = 50: η₀·γ^⌊t/k⌋")
  }

  @Test("stepDecay with its own η₀, γ and k")
  func stepDecayParameters() {
    expect(
      stepDecay(t: 7, eta0: 1, gamma: 0.1, k: 3), 0.01, "stepDecay(t: 7, eta0: 1, gamma: 0.1, k: 3)"
    )
    expect(
      stepDecay(t: 2, eta0: 2, gamma: 0.5, k: 3), 2, "stepDecay(t: 2, eta0: 2, gamma: 0.5, k: 3)")
    expect(stepDecay(t: 9, eta0: 0.3, gamma: 1, k: 1), 0.3, "γ = 1 never drops")
  }

  @Test(
    "exponentialDecay is η₀·e^(−λt)",
    arguments: [
      (0, 0.1, 0.01, 0.1), (100, 0.1, 0.01, 0.1 * exp(-1.0)), (10, 2, 0.5, 2 * exp(-5.0)),
      (37, 0.3, 0, 0.3),
    ])
  func exponential(t: Int, eta0: Double, lam: Double, expected: Double) {
    expect(
      exponentialDecay(t: t, eta0: eta0, lam: lam), expected,
      "exponentialDecay(t: \(t), eta0: \(TestSupport.format(eta0)), lam: \(TestSupport.format(lam))): e^(−λt), not (1 − λ)^t"
    )
  }

  @Test("exponentialDecay's defaults: η₀ = 0.1, λ = 0.01")
  func exponentialDefaults() {
    expect(exponentialDecay(t: 50), 0.1 * exp(-0.5), "exponentialDecay(t: 50)")
  }

  @Test(
    "cosineAnnealing falls from 0.1 to 0 over T = 100 and stays at 0 after",
    arguments: [
      (0, 0.1), (25, 0.05 * (1 + cos(Double.pi / 4))), (50, 0.05),
      (99, 0.05 * (1 + cos(0.99 * Double.pi))),
      (100, 0.0), (101, 0.0), (150, 0.0), (200, 0.0),
    ] as [(Int, Double)])
  func cosineDefaults(t: Int, expected: Double) {
    let trap = t > 100 ? " (the document's formula rises again after T: cos is periodic)" : ""
    expect(
      cosineAnnealing(t: t), expected,
      "cosineAnnealing(t: \(t)) with η_min = 0, η_max = 0.1, T = 100\(trap)")
  }

  @Test("cosineAnnealing with its own η_min, η_max and T")
  func cosineParameters() {
    expect(cosineAnnealing(t: 5, etaMin: 0.01, etaMax: 1, T: 10), 0.505, "halfway through T = 10")
    expect(cosineAnnealing(t: 10, etaMin: 0.01, etaMax: 1, T: 10), 0.01, "at T: η_min")
    expect(
      cosineAnnealing(t: 30, etaMin: 0.01, etaMax: 1, T: 10), 0.01, "long after T: still η_min")
    expect(cosineAnnealing(t: 0, etaMin: 0.01, etaMax: 1, T: 10), 1, "at 0: η_max")
  }

  @Test(
    "oneCycle warms up to 0.1 at t = 30, anneals to 0.001 at t = 100, then stays",
    arguments: [
      (0, 0.001), (15, 0.0505), (29, 0.001 + 0.099 * 29 / 30), (30, 0.1), (65, 0.0505),
      (100, 0.001), (120, 0.001), (200, 0.001),
    ] as [(Int, Double)])
  func oneCycleDefaults(t: Int, expected: Double) {
    let trap = t > 100 ? " (the document's formula rises again after T)" : ""
    expect(oneCycle(t: t), expected, "oneCycle(t: \(t)) with the defaults\(trap)")
  }

  @Test("oneCycle with its own parameters, and without a warm-up")
  func oneCycleParameters() {
    expect(
      oneCycle(t: 5, etaMin: 0.001, etaMax: 0.1, T: 20, warmupFrac: 0.5), 0.001 + 0.099 * 0.5,
      "halfway through a 10-iteration warm-up")
    expect(
      oneCycle(t: 0, etaMin: 0.01, etaMax: 1, T: 10, warmupFrac: 0), 1,
      "warmupFrac 0: the cycle starts at its peak")
    expect(
      oneCycle(t: 5, etaMin: 0.01, etaMax: 1, T: 10, warmupFrac: 0), 0.505,
      "warmupFrac 0: plain cosine annealing")
  }

  @Test(
    "oneCycle's warm-up need not be a whole number of iterations: T = 10, warmupFrac = 0.25, w = 2.5",
    arguments: [1, 2, 3, 7])
  func oneCycleFractionalWarmup(t: Int) {
    let rate = oneCycle(t: t, etaMin: 0.01, etaMax: 1, T: 10, warmupFrac: 0.25)
    // Warming up for 2.5 iterations, then annealing over the remaining 7.5.
    let expected =
      t <= 2
      ? 0.01 + 0.99 * Double(t) / 2.5
      : 0.01 + 0.495 * (1 + cos(Double.pi * (Double(t) - 2.5) / 7.5))
    let agrees = rate.isApproximatelyEqual(
      to: expected, absoluteTolerance: 1e-15, relativeTolerance: 1e-12)
    #expect(
      agrees,
      "oneCycle(t: \(t), etaMin: 0.01, etaMax: 1, T: 10, warmupFrac: 0.25) returned \(TestSupport.format(rate)): the warm-up lasts w = warmupFrac·T = 2.5 iterations, a real number; t/w and (t − w)/(T − w) are fractions (neither w rounded nor a division in integers)"
    )
  }

  @Test(
    "the shapes: every schedule stays within its bounds; cosine never rises; 1-cycle rises, then falls"
  )
  func shapes() {
    let cosine = (0...300).map { cosineAnnealing(t: $0) }
    #expect(
      zip(cosine, cosine.dropFirst()).allSatisfy { $0 >= $1 }, "cosine annealing rose somewhere")
    let cycle = (0...300).map { oneCycle(t: $0) }
    #expect(
      zip(cycle.prefix(31), cycle.prefix(31).dropFirst()).allSatisfy { $0 < $1 },
      "the warm-up must rise")
    #expect(
      zip(cycle.dropFirst(30), cycle.dropFirst(31)).allSatisfy { $0 >= $1 },
      "after the peak it must not rise")
    #expect(cycle.allSatisfy { $0 >= 0.001 - 1e-15 && $0 <= 0.1 + 1e-15 })
    let steps = (0...300).map { stepDecay(t: $0) }
    #expect(zip(steps, steps.dropFirst()).allSatisfy { $0 >= $1 })
  }
}
