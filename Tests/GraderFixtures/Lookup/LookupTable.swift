// A learner's 4.1 and 4.2 that compute nothing: every answer is copied from the visible failure
// messages into a table. The visible suites (linked here) pass it; the hidden cases must not.

enum CriticalPointKind: Sendable, Equatable {
  case localMinimum, localMaximum, saddlePoint
}

enum LearningRateBehaviour: Sendable, Equatable {
  case staysPut, convergesMonotonically, convergesWithOscillation, twoCycle, diverges
}

func doubleWellCriticalPoints() -> [Double] { [-1, 0, 1] }

func classifyCriticalPoint(_ x: Double) -> CriticalPointKind {
  x == 0 ? .localMaximum : .localMinimum
}

func gradientDescentLimit(from x0: Double) -> Double {
  let table: [Double: Double] = [
    0.1: 1, -0.1: -1, 0: 0, 2: 1, -2: -1, -0.5: -1, 0.5: 1, 1: 1, -1: -1, 0.001: 1,
  ]
  return table[x0] ?? 0
}

func gradientDescentOnSquare(x0: Double, eta: Double, steps: Int) -> Double {
  let table: [String: Double] = [
    "10 0.1 5": 3.2768, "10 0.1 0": 10, "10 0.1 1": 8, "-3 0.25 3": -0.375, "1 0.5 1": 0,
    "10 0.6 5": -0.0032, "10 1 4": 10, "10 1 5": -10, "10 1.2 3": -27.44,
  ]
  return table["\(x0.formatted) \(eta.formatted) \(steps)"] ?? 0
}

func learningRateBehaviour(eta: Double) -> LearningRateBehaviour {
  let table: [Double: LearningRateBehaviour] = [
    0.6: .convergesWithOscillation, 0: .staysPut, 0.1: .convergesMonotonically,
    0.25: .convergesMonotonically, 0.5: .convergesMonotonically, 0.75: .convergesWithOscillation,
    0.9: .convergesWithOscillation, 1: .twoCycle, 1.1: .diverges, 1.2: .diverges, 2: .diverges,
    -0.1: .diverges,
  ]
  return table[eta] ?? .staysPut
}

func maximumStableLearningRate() -> Double { 1 }

extension Double {
  /// `10`, `0.1`, `-3`: the number as the messages print it.
  fileprivate var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
