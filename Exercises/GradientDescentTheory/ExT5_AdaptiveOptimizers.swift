import Foundation
import Workbook

// Exercise T5 (★★): the chapter's optimizer family (§5.4) behind one protocol, raced on Beale's
// function from its start (3, 3). Each optimizer keeps its own state between calls to `update`;
// ε is added outside the square root, as the chapter's code does.

/// One optimization step: the next point from the current one and its gradient.
public protocol Optimizer: AnyObject {
  /// Returns the point after one step from `x` with gradient `grad`, updating the state.
  func update(x: [Double], grad: [Double]) -> [Double]
}

/// Plain gradient descent: x − ηg.
public final class SGD: Optimizer {
  /// The learning rate η.
  public let learningRate: Double

  public init(learningRate: Double) {
    self.learningRate = learningRate
  }

  public func update(x: [Double], grad: [Double]) -> [Double] {
    unimplemented()
  }
}

/// Heavy-ball momentum: v ← βv + g, then x − ηv (v starts at zero).
public final class Momentum: Optimizer {
  public let learningRate: Double
  /// The momentum coefficient β, default 0.9.
  public let beta: Double
  /// The velocity; nil before the first step.
  public var v: [Double]?

  public init(learningRate: Double, beta: Double = 0.9) {
    self.learningRate = learningRate
    self.beta = beta
  }

  public func update(x: [Double], grad: [Double]) -> [Double] {
    unimplemented()
  }
}

/// AdaGrad: G ← G + g², then x − ηg / (√G + ε), element by element (G starts at zero).
public final class AdaGrad: Optimizer {
  public let learningRate: Double
  /// The ε added to √G, default 1e-8.
  public let epsilon: Double
  /// The sum of the squared gradients; nil before the first step.
  public var G: [Double]?

  public init(learningRate: Double, epsilon: Double = 1e-8) {
    self.learningRate = learningRate
    self.epsilon = epsilon
  }

  public func update(x: [Double], grad: [Double]) -> [Double] {
    unimplemented()
  }
}

/// RMSProp: G ← βG + (1 − β)g², then x − ηg / (√G + ε), element by element (G starts at zero).
public final class RMSProp: Optimizer {
  public let learningRate: Double
  /// The decay β of the average of g², default 0.9.
  public let beta: Double
  /// The ε added to √G, default 1e-8.
  public let epsilon: Double
  /// The moving average of the squared gradients; nil before the first step.
  public var G: [Double]?

  public init(learningRate: Double, beta: Double = 0.9, epsilon: Double = 1e-8) {
    self.learningRate = learningRate
    self.beta = beta
    self.epsilon = epsilon
  }

  public func update(x: [Double], grad: [Double]) -> [Double] {
    unimplemented()
  }
}

/// Adam, the chapter's `Adam` class (named `AdamOptimizer` here: exercise 4.6 has `Adam`).
///
/// ```
/// t ← t + 1
/// m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
/// x − η m̂ / (√v̂ + ε)     with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)
/// ```
public final class AdamOptimizer: Optimizer {
  public let learningRate: Double
  /// The first moment's decay β₁, default 0.9.
  public let beta1: Double
  /// The second moment's decay β₂, default 0.999.
  public let beta2: Double
  /// The ε added to √v̂, default 1e-8.
  public let epsilon: Double
  /// The moments; nil before the first step.
  public var m: [Double]?
  public var v: [Double]?
  /// Steps taken so far.
  public var t = 0

  public init(
    learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  public func update(x: [Double], grad: [Double]) -> [Double] {
    unimplemented()
  }
}

/// Runs an optimizer for a number of steps and returns every point it visits.
///
/// ```
/// x_{t+1} = optimizer.update(x_t, ∇f(x_t))
/// ```
///
/// - Parameters:
///   - optimizer: the optimizer, with its state (a fresh one starts from zero moments).
///   - x0: the starting point.
///   - nIterations: the number of steps, ≥ 0.
///   - gradient: ∇f; default the gradient of Beale's function, as in the chapter.
/// - Returns: the trajectory x₀, x₁, …, x_n.
public func runOptimizer(
  _ optimizer: Optimizer, x0: [Double], nIterations: Int,
  gradient: ([Double]) -> [Double] = bealeGradient
) -> [[Double]] {
  unimplemented()
}
