import Workbook

// Exercise 4.2 (★): what the learning rate does to gradient descent on f(x) = x².
// The gradient is f′(x) = 2x, so one step is x ← x − η·2x.

/// Runs gradient descent on f(x) = x² for a number of steps and returns where it ends.
///
/// ```
/// x ← x − η · 2x        (repeated `steps` times)
/// ```
///
/// - Parameters:
///   - x0: the starting point.
///   - eta: the learning rate η (any real number; the tests use −0.1 ≤ η ≤ 2).
///   - steps: how many updates to make, ≥ 0 (0 steps returns x0).
/// - Returns: x after `steps` updates.
public func gradientDescentOnSquare(x0: Double, eta: Double, steps: Int) -> Double {
  // BEGIN SOLUTION
  var x = x0
  for _ in 0..<steps {
    x -= eta * 2 * x
  }
  return x
  // END SOLUTION
}

/// What the iterates x₀, x₁, x₂, … of gradient descent on f(x) = x² do, for a start x₀ ≠ 0.
public enum LearningRateBehaviour: Sendable, Equatable {
  /// x never changes: x₁ = x₀.
  case staysPut
  /// x goes to 0 without ever changing sign (reaching 0 exactly and staying there counts).
  case convergesMonotonically
  /// x goes to 0 and changes sign at every step.
  case convergesWithOscillation
  /// x jumps back and forth between two values forever: it neither converges nor grows.
  case twoCycle
  /// |x| grows without bound.
  case diverges
}

/// Says what gradient descent on f(x) = x² does with the learning rate η, from any x₀ ≠ 0.
///
/// ```
/// x ← x − η · 2x
/// ```
///
/// Try it: `gradientDescentOnSquare(x0: 10, eta: η, steps: k)` for a few k shows the pattern.
/// The document asks about η = 0.6 and η = 1.0; the tests ask about many more.
///
/// - Parameters:
///   - eta: the learning rate η (any real number, including 0 and negative values).
/// - Returns: the behaviour of the iterates (the same for every x₀ ≠ 0).
public func learningRateBehaviour(eta: Double) -> LearningRateBehaviour {
  // BEGIN SOLUTION
  let r = 1 - 2 * eta
  switch r {
  case 1: return .staysPut
  case -1: return .twoCycle
  case 0..<1: return .convergesMonotonically
  case -1..<0: return .convergesWithOscillation
  default: return .diverges
  }
  // END SOLUTION
}

/// Returns the maximum stable learning rate of gradient descent on f(x) = x².
///
/// ```
/// x ← x − η · 2x  converges to 0 from every x₀  ⇔  0 < η < maximumStableLearningRate()
/// ```
///
/// Strictly, it is the supremum: every η below it converges, η equal to it does not.
///
/// - Returns: the supremum of the learning rates η > 0 for which gradient descent converges.
public func maximumStableLearningRate() -> Double {
  // BEGIN SOLUTION
  1
  // END SOLUTION
}
