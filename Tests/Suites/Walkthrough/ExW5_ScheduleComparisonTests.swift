import Foundation
import Testing

@Suite("W5 Schedules compared on (x − 5)²", .graded)
struct ExW5_ScheduleComparisonTests {
  private func expect(
    _ actual: Double, _ expected: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    TestSupport.expectClose(
      actual, expected, tolerance: 1e-15, relativeTolerance: 1e-12, what,
      sourceLocation: sourceLocation)
  }

  @Test("each schedule with the walkthrough's defaults")
  func defaults() {
    expect(constant(step: 7), 0.1, "constant(step: 7)")
    expect(stepDecay(step: 99), 0.5, "stepDecay at step 99: no drop yet")
    expect(stepDecay(step: 100), 0.25, "stepDecay at step 100: the first halving")
    expect(stepDecay(step: 250), 0.125, "stepDecay at step 250")
    expect(exponential(step: 10), 0.5 * pow(0.99, 10), "exponential(step: 10)")
    expect(cosineAnnealing(step: 0), 0.5, "cosineAnnealing at step 0")
    expect(cosineAnnealing(step: 250), 0.25, "cosineAnnealing halfway")
    expect(cosineAnnealing(step: 500), 0, "cosineAnnealing at T")
    expect(
      cosineAnnealing(step: 750), 0,
      "cosineAnnealing after T stays at 0 (the walkthrough's formula climbs back)")
    expect(warmupCosine(step: 0), 0, "warmupCosine at step 0")
    expect(warmupCosine(step: 25), 0.25, "warmupCosine halfway through the warm-up")
    expect(warmupCosine(step: 50), 0.5, "warmupCosine at the end of the warm-up")
    expect(warmupCosine(step: 275), 0.25, "warmupCosine halfway through the cosine")
    expect(warmupCosine(step: 600), 0, "warmupCosine after T stays at 0")
  }

  @Test("each schedule's own parameters")
  func parameters() {
    expect(constant(step: 3, lr0: 0.02), 0.02, "constant(lr0: 0.02)")
    expect(
      stepDecay(step: 7, lr0: 1, decayRate: 0.1, decaySteps: 3), 0.01,
      "stepDecay(step: 7, lr0: 1, decayRate: 0.1, decaySteps: 3)")
    expect(
      exponential(step: 2, lr0: 2, decay: 0.5), 0.5, "exponential(step: 2, lr0: 2, decay: 0.5)")
    expect(cosineAnnealing(step: 5, lr0: 1, T: 10), 0.5, "cosineAnnealing(step: 5, lr0: 1, T: 10)")
    expect(warmupCosine(step: 5, lr0: 1, warmupSteps: 10, T: 30), 0.5, "warm-up halfway, lr0 1")
    expect(warmupCosine(step: 20, lr0: 1, warmupSteps: 10, T: 30), 0.5, "cosine halfway, lr0 1")
  }

  @Test("without warm-up (warmupSteps: 0) warmupCosine is cosine annealing from the first step")
  func noWarmup() {
    // No step is in the warm-up: step 0 is the cosine's start, lr0, and nothing divides by the
    // warm-up's length (0 · lr0 / 0 is NaN).
    expect(
      warmupCosine(step: 0, lr0: 1, warmupSteps: 0, T: 10), 1,
      "warmupCosine(step: 0, lr0: 1, warmupSteps: 0, T: 10)")
    expect(
      warmupCosine(step: 5, lr0: 1, warmupSteps: 0, T: 10), 0.5,
      "warmupCosine(step: 5, lr0: 1, warmupSteps: 0, T: 10)")
    expect(
      warmupCosine(step: 10, lr0: 1, warmupSteps: 0, T: 10), 0,
      "warmupCosine(step: 10, lr0: 1, warmupSteps: 0, T: 10)")
  }

  @Test("training records (x, f(x)) before the first step and after each one")
  func training() throws {
    let history = trainWithSchedule({ _ in 0.1 }, steps: 3, x0: 1)
    try #require(history.count == 4, "3 steps give 4 pairs, the start first; got \(history.count)")
    TestSupport.expectClose(
      history.map(\.x), [1, 1.8, 2.44, 2.952], tolerance: 1e-12, "x ← x − 0.1·2(x − 5) from 1")
    TestSupport.expectClose(
      history.map(\.loss), [16, 10.24, 6.5536, 4.194304], tolerance: 1e-12, "f(x) = (x − 5)²")
    #expect(trainWithSchedule { constant(step: $0) }.count == 501, "500 steps from 0 by default")
    TestSupport.expectClose(
      trainWithSchedule({ _ in 0 }).first?.x ?? .nan, 0, tolerance: 0, "x0 = 0 by default")
  }

  @Test(
    "at the walkthrough's lr0 = 0.5 the first step is Newton's: it lands on 5 and shows nothing")
  func documentsRate() {
    for (name, schedule) in [
      ("stepDecay", { stepDecay(step: $0) }), ("exponential", { exponential(step: $0) }),
      ("cosineAnnealing", { cosineAnnealing(step: $0) }),
    ] as [(String, (Int) -> Double)] {
      TestSupport.expectClose(
        trainWithSchedule(schedule, steps: 1)[1].x, 5, tolerance: 1e-15,
        "\(name) at lr0 = 0.5: x − 0.5·2(x − 5) = 5 in one step")
    }
  }

  @Test(
    "at lr0 = 0.05 they differ: steps until |x − 5| < 0.01, and x after 10 steps",
    arguments: [
      ("constant", 59, 3.2566077995000002), ("stepDecay", 59, 3.2566077995000002),
      ("exponential", 91, 3.1699235241217907), ("cosineAnnealing", 60, 3.256062951484966),
      ("warmupCosine", 86, 0.43297298102117165),
    ])
  func comparison(name: String, converged: Int, xAfter10: Double) {
    let schedules: [String: (Int) -> Double] = [
      "constant": { constant(step: $0, lr0: 0.05) },
      "stepDecay": { stepDecay(step: $0, lr0: 0.05) },
      "exponential": { exponential(step: $0, lr0: 0.05) },
      "cosineAnnealing": { cosineAnnealing(step: $0, lr0: 0.05) },
      "warmupCosine": { warmupCosine(step: $0, lr0: 0.05) },
    ]
    let history = trainWithSchedule(schedules[name]!)
    TestSupport.expectClose(
      history[10].x, xAfter10, tolerance: 1e-12, "\(name) with lr0 = 0.05: x after 10 steps")
    #expect(
      history.firstIndex { abs($0.x - 5) < 0.01 } == converged,
      "\(name) with lr0 = 0.05: the first step with |x − 5| < 0.01 should be \(converged)")
  }
}
