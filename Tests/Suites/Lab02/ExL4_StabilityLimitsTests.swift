import Foundation
import Testing

@Suite("L4 Stability limits: SGD's edge and the Nesterov track", .graded)
struct ExL4_StabilityLimitsTests {
  @Test("SGD's limit is 2/λ_max of the Hessian at (1, 1), and the race's lr 2e-3 is just above it")
  func sgdLimit() {
    let limit = sgdStabilityLimit()
    if abs(limit - 1 / 1001.6006392325123) < 1e-9 {
      Issue.record(
        "1/λ_max is the rate that makes the steepest mode's factor 1 − lr·λ zero; the factor stays below 1 in size up to 2/λ_max"
      )
    }
    if abs(limit - 2.0 / 802) < 1e-9 || abs(limit - 2.0 / 1002) < 1e-9 {
      Issue.record(
        "the limit uses the largest eigenvalue of the Hessian, not a diagonal entry or the trace: the off-diagonal −400 couples x and y"
      )
    }
    TestSupport.expectClose(
      limit, 0.0019968038374381654, tolerance: 1e-12,
      "2/λ_max with H(1, 1) = [[802, −400], [−400, 200]] (numpy's eigvalsh)")
    #expect(2e-3 > limit, "the race's SGD rate 2e-3 lies above the limit")
  }

  /// A run, whether it converges (numpy), and why.
  struct Case: CustomTestStringConvertible, Sendable {
    let optimizer: RosenbrockOptimizer
    let lr: Double
    var nSteps: Int? = nil
    var start: [Double]? = nil
    let stable: Bool
    let why: String
    var testDescription: String {
      "\(optimizer), lr \(lr)" + (nSteps.map { ", \($0) steps" } ?? "")
        + (start.map { ", from \($0)" } ?? "")
    }
  }

  @Test(
    "isStable: finite, and within 1e-3 of (1, 1) at the end",
    arguments: [
      Case(
        optimizer: .sgd, lr: 1.9e-3, stable: true,
        why: "below 2/λ_max, 1.3e-7 from (1, 1) after 20000 steps"),
      Case(
        optimizer: .sgd, lr: 2e-3, stable: false,
        why:
          "just above 2/λ_max: it looks converged at step 10000 (2.5e-5 away), then falls into a 2-cycle about 2.6e-3 from (1, 1); bounded is not converged"
      ),
      Case(
        optimizer: .sgd, lr: 2e-3, nSteps: 10000, stable: true,
        why:
          "after 10000 steps the 2-cycle has not grown yet (2.5e-5 from (1, 1)): nSteps must be used"
      ),
      Case(optimizer: .sgd, lr: 2.5e-3, stable: false, why: "diverges (not finite from step 9)"),
      Case(
        optimizer: .momentum(), lr: 2e-3, stable: true, why: "the race's Momentum track converges"),
      Case(
        optimizer: .momentum(), lr: 3e-3, stable: false,
        why:
          "diverges from (−1.5, 2) although near (1, 1) heavy-ball momentum is stable up to 2(1 + β)/λ_max ≈ 3.79e-3"
      ),
      Case(
        optimizer: .momentum(beta: 0.5), lr: 2e-3, nSteps: 2000, stable: false,
        why:
          "with β = 0.5 the race's Momentum track is still 0.011 from (1, 1) after 2000 steps (β = 0.9: 7.6e-9): beta must be used"
      ),
      Case(
        optimizer: .momentum(), lr: 2e-3, start: [2, 2], stable: false,
        why: "from (2, 2) the race's Momentum track diverges: start must be used"),
      Case(optimizer: .nesterov(), lr: 1e-3, stable: true, why: "converges (6e-15 from (1, 1))"),
      Case(
        optimizer: .nesterov(), lr: 1.2e-3, stable: false,
        why:
          "diverges from (−1.5, 2) within a dozen steps, although 1.2e-3 is below the limit 1.355e-3 near (1, 1)"
      ),
      Case(
        optimizer: .nesterov(), lr: 2e-3, stable: false,
        why: "the stretch's fifth track at the race's rate: not finite from step 8"),
      Case(
        optimizer: .nesterov(beta: 0), lr: 1.9e-3, stable: true,
        why: "with β = 0 Nesterov is SGD, stable below 2/λ_max: beta must be used"),
      Case(
        optimizer: .adam, lr: 5e-2, nSteps: 2000, stable: true,
        why: "the race's Adam track ends 2.9e-6 from (1, 1)"),
      Case(
        optimizer: .adam, lr: 5e-2, nSteps: 1000, stable: false,
        why: "halfway through the race Adam is still 0.041 from (1, 1)"),
      Case(
        optimizer: .adamw(weightDecay: 0.1), lr: 5e-2, nSteps: 2000, stable: false,
        why: "AdamW with λ 0.1 ends 0.43 from (1, 1): the decay moves the end point"),
      Case(
        optimizer: .adamw(weightDecay: 1), lr: 0.5, nSteps: 1, start: [3, 1], stable: true,
        why:
          "one step: Adam's first step moves each coordinate by about lr against its gradient's sign, to (2.5, 1.5), and the decay subtracts lr·λ·p with the p the step started from, 0.5·(3, 1), which lands on (1, 1) (decaying the weights after Adam's step would land on (1.25, 0.75))"
      ),
    ])
  func stability(_ run: Case) {
    let verdict = isStable(
      optimizer: run.optimizer, lr: run.lr, nSteps: run.nSteps ?? 20000,
      start: run.start ?? [-1.5, 2.0])
    #expect(
      verdict == run.stable,
      "\(run.testDescription): expected \(run.stable ? "stable" : "not stable") (numpy: \(run.why)); got \(verdict)"
    )
  }

  @Test("the defaults: 20000 steps from (−1.5, 2)")
  func stabilityDefaults() {
    #expect(
      isStable(optimizer: .sgd, lr: 2e-3) == false,
      "isStable(optimizer: .sgd, lr: 2e-3) with the defaults: 20000 steps from (−1.5, 2) end in SGD's 2-cycle, 2.6e-3 from (1, 1)"
    )
    #expect(
      isStable(optimizer: .nesterov(), lr: 1e-3),
      "isStable(optimizer: .nesterov(), lr: 1e-3) with the defaults converges")
  }

  @Test("from the lab's start the Nesterov track needs lr below about 1.133e-3, not 1.355e-3")
  func nesterovFromLabStart() {
    let threshold = nesterovThreshold()
    if abs(threshold - 1e-3) < 2e-6 || abs(threshold - 2e-3) < 2e-6 {
      Issue.record(
        "the bisection ended at an end of [1e-3, 2e-3]: when the middle converges the threshold lies above it (raise low), otherwise below it (lower high)"
      )
    }
    TestSupport.expectClose(
      threshold, 0.00113330078125, tolerance: 1e-6,
      "numpy's bisection with the defaults (β 0.9, [1e-3, 2e-3], tolerance 1e-6, from (−1.5, 2)): the runs converge at 1.125e-3 and 1.1328e-3 and diverge early at every other midpoint"
    )
  }

  @Test(
    "from the valley (0, 0) the bisection finds the limit near (1, 1), 2(1 + β)/((1 + 2β)·λ_max)",
    arguments: [
      (0.9, 0.0013515625, 0.001359375), (0.5, 0.00149218750, 0.0015), (0.0, 0.0019921875, 0.002),
    ])
  func nesterovLocalLimit(beta: Double, low: Double, high: Double) {
    let threshold = nesterovThreshold(beta: beta, tolerance: 1e-5, start: [0, 0])
    TestSupport.expectClose(
      threshold, (low + high) / 2, tolerance: 1e-12,
      "β = \(beta), tolerance 1e-5, from (0, 0): numpy's bisection halves [1e-3, 2e-3] seven times, to [\(TestSupport.format(low)), \(TestSupport.format(high))] (the first bracket narrower than 1e-5), and returns its middle"
    )
    let local = 2 * (1 + beta) / ((1 + 2 * beta) * 1001.6006392325123)
    TestSupport.expectClose(
      threshold, local, tolerance: 1e-5,
      "β = \(beta): the rate where v ← βv + g, p ← p − lr·(g + βv) stops being stable near (1, 1)")
  }

  @Test("the re-race from (2, 2): SGD and Momentum diverge, Adam = AdamW ends 0.52 away")
  func reRaceFromTwoTwo() throws {
    let race = reRace()
    try #require(
      Set(race.keys) == ["SGD", "Momentum", "Adam", "AdamW"],
      "one entry per track of the lab: SGD, Momentum, Adam, AdamW; got \(race.keys.sorted())")
    #expect(
      !(race["SGD"] ?? 0).isFinite,
      "SGD (lr 2e-3) from (2, 2) diverges (not finite from step 9), so its distance is not finite; got \(race["SGD"] ?? .nan)"
    )
    #expect(
      !(race["Momentum"] ?? 0).isFinite,
      "Momentum (lr 2e-3) from (2, 2) diverges (not finite from step 8); got \(race["Momentum"] ?? .nan)"
    )
    TestSupport.expectClose(
      race["Adam"] ?? .nan, 0.5212875815613304, tolerance: 1e-15, relativeTolerance: 1e-6,
      "Adam (lr 5e-2), 2000 steps from (2, 2) (numpy): no longer within 0.1")
    TestSupport.expectClose(
      race["AdamW"] ?? .nan, race["Adam"] ?? .nan, tolerance: 1e-12,
      "AdamW with λ 0 is still Adam")
  }

  @Test("the re-race from other starts: the lab's numbers from (−1.5, 2), and from (1.2, 1)")
  func reRaceElsewhere() throws {
    let expected: [([Double], [String: Double])] = [
      (
        [-1.5, 2],
        [
          "SGD": 0.015083981270795615, "Momentum": 7.628208708383912e-09,
          "Adam": 2.943318888378368e-06, "AdamW": 2.943318888378368e-06,
        ]
      ),
      (
        [1.2, 1],
        [
          "SGD": 0.01700337518071613, "Momentum": 2.182288823135948e-08,
          "Adam": 1.5948222176144175e-05, "AdamW": 1.5948222176144175e-05,
        ]
      ),
    ]
    for (start, distances) in expected {
      let race = reRace(start: start)
      for (name, distance) in distances {
        TestSupport.expectClose(
          race[name] ?? .nan, distance, tolerance: 1e-15, relativeTolerance: 1e-6,
          "\(name), 2000 steps from \(TestSupport.format(start)) (numpy)")
      }
    }
  }
}
