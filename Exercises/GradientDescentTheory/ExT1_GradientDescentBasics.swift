import Workbook

// Exercise T1 (★★): gradient descent on the chapter's bowl f(x, y) = (x − 1)² + 2(y − 2)², and
// what the learning rate does to it. The shared library has `ellipticBowl(_:)` (f) and
// `ellipticBowlGradient(_:)` (∇f).

/// Runs gradient descent on the bowl and returns every point it visits.
///
/// ```
/// x_{t+1} = x_t − η ∇f(x_t)        ∇f(x, y) = (2(x − 1), 4(y − 2))
/// ```
///
/// - Parameters:
///   - x0: the starting point (x, y).
///   - learningRate: the step size η (any real number).
///   - nIterations: how many steps to take, ≥ 0.
/// - Returns: the trajectory x₀, x₁, …, x_n: `nIterations + 1` points, starting with `x0`.
public func gradientDescent(x0: [Double], learningRate: Double, nIterations: Int) -> [[Double]] {
  unimplemented()
}

/// What gradient descent on the bowl does with a learning rate, from a start off both axes of
/// the minimum (x₀ ≠ 1 and y₀ ≠ 2).
public enum LearningRateRegime: Sendable, Equatable {
  /// Nothing moves: x₁ = x₀.
  case staysPut
  /// Both coordinates go to the minimum without ever crossing it (landing on it counts).
  case convergesMonotonically
  /// The iterates converge, and some coordinate crosses the minimum at every step.
  case oscillatesButConverges
  /// Some coordinate jumps between two values forever, neither converging nor growing.
  case twoCycle
  /// The distance to the minimum grows without bound.
  case diverges
}

/// Says what gradient descent on the bowl does with the learning rate η.
///
/// Each step multiplies x − 1 by 1 − 2η and y − 2 by 1 − 4η: look at both factors. The
/// document plots η = 0.1, 0.3, 0.5 and 0.9; the tests ask about every η.
///
/// - Parameter learningRate: the step size η (any real number, including 0 and negative ones).
/// - Returns: the regime of the iterates.
public func learningRateRegime(learningRate: Double) -> LearningRateRegime {
  unimplemented()
}

/// Returns the stability limit of gradient descent on a quadratic whose largest curvature is L.
///
/// ```
/// x_{t+1} = x_t − η ∇f(x_t)  converges from every start  ⇔  0 < η < stableLearningRateLimit(L)
/// ```
///
/// It is a supremum: every smaller η > 0 converges, η equal to it does not.
///
/// - Parameter L: the Lipschitz constant of the gradient (the largest eigenvalue of the Hessian), > 0.
/// - Returns: the supremum of the learning rates for which gradient descent converges.
public func stableLearningRateLimit(L: Double) -> Double {
  unimplemented()
}
