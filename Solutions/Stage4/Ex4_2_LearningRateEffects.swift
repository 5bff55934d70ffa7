import Workbook

// Exercise 4.2, reference: the learner's stub in Exercises/ documents each question.

/// Each step multiplies x by 1 − 2η, so x_k = (1 − 2η)^k · x₀.
public func gradientDescentOnSquare(x0: Double, eta: Double, steps: Int) -> Double {
  var x = x0
  for _ in 0..<steps {
    x -= eta * 2 * x
  }
  return x
}

/// What the iterates of gradient descent on f(x) = x² do, for a start x₀ ≠ 0.
public enum LearningRateBehaviour: Sendable, Equatable {
  /// x₁ = x₀.
  case staysPut
  /// x → 0 without changing sign.
  case convergesMonotonically
  /// x → 0, changing sign every step.
  case convergesWithOscillation
  /// x alternates between x₀ and −x₀.
  case twoCycle
  /// |x| → ∞.
  case diverges
}

/// Reads the behaviour off the factor r = 1 − 2η of x_k = r^k · x₀.
public func learningRateBehaviour(eta: Double) -> LearningRateBehaviour {
  let r = 1 - 2 * eta
  switch r {
  case 1: return .staysPut
  case -1: return .twoCycle
  case 0..<1: return .convergesMonotonically
  case -1..<0: return .convergesWithOscillation
  default: return .diverges
  }
}

/// |1 − 2η| < 1 exactly when 0 < η < 1 (= 2/L with L = f″ = 2).
public func maximumStableLearningRate() -> Double {
  1
}
