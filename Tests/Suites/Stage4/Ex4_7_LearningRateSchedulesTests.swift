import Testing

@Suite("4.7 Learning-rate schedules", .graded)
struct Ex4_7_LearningRateSchedulesTests {
  @Test("stepDecay drops by decayRate exactly at multiples of decayEvery", arguments: stepDecayRows)
  func stepDecayDropsAtMultiples(_ row: StepDecayRow) {
    let lr =
      if let decayRate = row.decayRate, let decayEvery = row.decayEvery {
        stepDecay(
          step: row.step, baseLr: row.baseLr, decayRate: decayRate, decayEvery: decayEvery)
      } else {
        stepDecay(step: row.step, baseLr: row.baseLr)
      }
    TestSupport.expectClose(
      lr, row.expected, tolerance: 1e-15, relativeTolerance: 1e-12,
      "stepDecay(step: \(row.step), baseLr: \(TestSupport.format(row.baseLr))\(row.settings)): "
        + "baseLr · decayRate^⌊step / decayEvery⌋, an integer exponent")
  }

  @Test(
    "cosineAnnealing falls from baseLr to 0 over totalSteps and stays at 0",
    arguments: cosineRows)
  func cosineAnnealingValues(_ row: CosineRow) {
    TestSupport.expectClose(
      cosineAnnealing(step: row.step, baseLr: row.baseLr, totalSteps: row.totalSteps),
      row.expected, tolerance: 1e-12,
      "cosineAnnealing(step: \(row.step), baseLr: \(TestSupport.format(row.baseLr)), totalSteps: "
        + "\(row.totalSteps)): baseLr · ½(1 + cos(π · step / totalSteps)) in radians, 0 past "
        + "totalSteps")
  }

  @Test("cosineAnnealing never increases, and stays within [0, baseLr]")
  func cosineAnnealingIsMonotone() {
    let lrs = (0...150).map { cosineAnnealing(step: $0, baseLr: 0.5, totalSteps: 100) }
    let call = "cosineAnnealing(step: s, baseLr: 0.5, totalSteps: 100)"
    if let s = lrs.indices.first(where: { !(-1e-15...0.5 + 1e-15).contains(lrs[$0]) }) {
      Issue.record("\(call) at s = \(s) is \(TestSupport.format(lrs[s])), outside [0, 0.5]")
    }
    if let s = lrs.indices.dropFirst().first(where: { lrs[$0] > lrs[$0 - 1] + 1e-15 }) {
      let rise =
        "rises from \(TestSupport.format(lrs[s - 1])) at s = \(s - 1) to \(TestSupport.format(lrs[s])) at s = \(s)"
      Issue.record("\(call) \(rise): it should only fall, and stay at 0 after totalSteps")
    }
  }

  @Test(
    "warmupThenDecay: 0 at step 0, baseLr at the end of the warmup, cosine over the steps left",
    arguments: warmupRows)
  func warmupThenDecayValues(_ row: WarmupRow) {
    TestSupport.expectClose(
      warmupThenDecay(
        step: row.step, baseLr: row.baseLr, warmupSteps: row.warmupSteps,
        totalSteps: row.totalSteps),
      row.expected, tolerance: 1e-12,
      "warmupThenDecay(step: \(row.step), baseLr: \(TestSupport.format(row.baseLr)), warmupSteps: "
        + "\(row.warmupSteps), totalSteps: \(row.totalSteps)): \(row.phase)")
  }

  @Test("warmupThenDecay rises during the warmup and never increases after it")
  func warmupThenDecayShape() {
    let lrs = (0...130).map {
      warmupThenDecay(step: $0, baseLr: 0.5, warmupSteps: 10, totalSteps: 110)
    }
    let call = "warmupThenDecay(step: s, baseLr: 0.5, warmupSteps: 10, totalSteps: 110)"
    if let s = (1...10).first(where: { lrs[$0] <= lrs[$0 - 1] }) {
      let flat =
        "goes from \(TestSupport.format(lrs[s - 1])) at s = \(s - 1) to \(TestSupport.format(lrs[s])) at s = \(s)"
      Issue.record("\(call) \(flat): the warmup should climb from 0 to baseLr at s = 10")
    }
    if let s = (11...130).first(where: { lrs[$0] > lrs[$0 - 1] + 1e-15 }) {
      let rise =
        "rises from \(TestSupport.format(lrs[s - 1])) at s = \(s - 1) to \(TestSupport.format(lrs[s])) at s = \(s)"
      Issue.record("\(call) \(rise): after the warmup it should only fall")
    }
  }
}

extension Ex4_7_LearningRateSchedulesTests {
  /// One case of `stepDecay`; `decayRate` and `decayEvery` nil means the defaults 0.1 and 1000.
  struct StepDecayRow: Sendable, CustomTestStringConvertible {
    let step: Int
    let baseLr: Double
    var decayRate: Double? = nil
    var decayEvery: Int? = nil
    let expected: Double

    var settings: String {
      guard let decayRate, let decayEvery else { return "" }
      return ", decayRate: \(TestSupport.format(decayRate)), decayEvery: \(decayEvery)"
    }
    var testDescription: String { "step \(step)\(settings) → \(TestSupport.format(expected))" }
  }

  static let stepDecayRows: [StepDecayRow] = [
    // The document's defaults: ×0.1 every 1000 steps.
    StepDecayRow(step: 0, baseLr: 2, expected: 2),
    StepDecayRow(step: 999, baseLr: 2, expected: 2),
    StepDecayRow(step: 1000, baseLr: 2, expected: 0.2),
    StepDecayRow(step: 1999, baseLr: 2, expected: 0.2),
    StepDecayRow(step: 2000, baseLr: 2, expected: 0.02),
    StepDecayRow(step: 3500, baseLr: 2, expected: 0.002),
    // The walkthrough's step decay: halve every 100 steps from 0.5.
    StepDecayRow(step: 99, baseLr: 0.5, decayRate: 0.5, decayEvery: 100, expected: 0.5),
    StepDecayRow(step: 100, baseLr: 0.5, decayRate: 0.5, decayEvery: 100, expected: 0.25),
    StepDecayRow(step: 101, baseLr: 0.5, decayRate: 0.5, decayEvery: 100, expected: 0.25),
    StepDecayRow(step: 250, baseLr: 0.5, decayRate: 0.5, decayEvery: 100, expected: 0.125),
    StepDecayRow(step: 499, baseLr: 0.5, decayRate: 0.5, decayEvery: 100, expected: 0.03125),
  ]
}

extension Ex4_7_LearningRateSchedulesTests {
  /// One case of `cosineAnnealing`.
  struct CosineRow: Sendable, CustomTestStringConvertible {
    let step: Int
    let baseLr: Double
    let totalSteps: Int
    let expected: Double

    var testDescription: String {
      "step \(step) of \(totalSteps) → \(TestSupport.format(expected))"
    }
  }

  // baseLr · ½(1 + cos(π·step/T)), checked with numpy; the T = 500 rows are the walkthrough's
  // schedule.
  static let cosineRows: [CosineRow] = [
    CosineRow(step: 0, baseLr: 0.5, totalSteps: 100, expected: 0.5),
    CosineRow(step: 25, baseLr: 0.5, totalSteps: 100, expected: 0.42677669529663687),
    CosineRow(step: 50, baseLr: 0.5, totalSteps: 100, expected: 0.25),
    CosineRow(step: 75, baseLr: 0.5, totalSteps: 100, expected: 0.07322330470336313),
    CosineRow(step: 100, baseLr: 0.5, totalSteps: 100, expected: 0),
    CosineRow(step: 101, baseLr: 0.5, totalSteps: 100, expected: 0),
    CosineRow(step: 150, baseLr: 0.5, totalSteps: 100, expected: 0),
    CosineRow(step: 200, baseLr: 0.5, totalSteps: 100, expected: 0),
    CosineRow(step: 50, baseLr: 0.5, totalSteps: 500, expected: 0.4877641290737884),
    CosineRow(step: 100, baseLr: 0.5, totalSteps: 500, expected: 0.45225424859373686),
    CosineRow(step: 200, baseLr: 0.5, totalSteps: 500, expected: 0.32725424859373686),
    CosineRow(step: 300, baseLr: 0.5, totalSteps: 500, expected: 0.17274575140626316),
    CosineRow(step: 400, baseLr: 0.5, totalSteps: 500, expected: 0.047745751406263165),
    CosineRow(step: 499, baseLr: 0.5, totalSteps: 500, expected: 4.934785965721167e-06),
  ]
}

extension Ex4_7_LearningRateSchedulesTests {
  /// One case of `warmupThenDecay`.
  struct WarmupRow: Sendable, CustomTestStringConvertible {
    let step: Int
    let baseLr: Double
    let warmupSteps: Int
    let totalSteps: Int
    let expected: Double

    var phase: String {
      if step < warmupSteps { return "warming up, baseLr · step / warmupSteps" }
      if step <= totalSteps {
        return
          "decaying, baseLr · ½(1 + cos(π · (step − warmupSteps) / (totalSteps − warmupSteps)))"
      }
      return "past totalSteps, 0"
    }
    var testDescription: String {
      "step \(step), warmup \(warmupSteps), total \(totalSteps) → \(TestSupport.format(expected))"
    }
  }

  // Checked with numpy against the walkthrough's warmup_cosine (plus 0 past totalSteps).
  static let warmupRows: [WarmupRow] = [
    WarmupRow(step: 0, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0),
    WarmupRow(step: 1, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0.05),
    WarmupRow(step: 5, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0.25),
    WarmupRow(step: 9, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0.45),
    WarmupRow(step: 10, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0.5),
    WarmupRow(
      step: 11, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0.4998766400914329),
    WarmupRow(
      step: 35, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0.42677669529663687),
    WarmupRow(step: 60, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0.25),
    WarmupRow(
      step: 85, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0.07322330470336313),
    WarmupRow(
      step: 109, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0.0001233599085671),
    WarmupRow(step: 110, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0),
    WarmupRow(step: 111, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0),
    WarmupRow(step: 200, baseLr: 0.5, warmupSteps: 10, totalSteps: 110, expected: 0),
    // Without warmup it is cosine annealing.
    WarmupRow(step: 0, baseLr: 0.5, warmupSteps: 0, totalSteps: 100, expected: 0.5),
    WarmupRow(step: 50, baseLr: 0.5, warmupSteps: 0, totalSteps: 100, expected: 0.25),
    WarmupRow(step: 100, baseLr: 0.5, warmupSteps: 0, totalSteps: 100, expected: 0),
    // The walkthrough's warmup_cosine: lr0 = 0.5, warmup_steps = 50, T = 500.
    WarmupRow(step: 25, baseLr: 0.5, warmupSteps: 50, totalSteps: 500, expected: 0.25),
    WarmupRow(step: 50, baseLr: 0.5, warmupSteps: 50, totalSteps: 500, expected: 0.5),
    WarmupRow(step: 275, baseLr: 0.5, warmupSteps: 50, totalSteps: 500, expected: 0.25),
    WarmupRow(step: 500, baseLr: 0.5, warmupSteps: 50, totalSteps: 500, expected: 0),
  ]
}
