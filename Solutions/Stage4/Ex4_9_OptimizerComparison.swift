import Foundation
import Workbook

// Exercise 4.9 (★★★): train the same model, the library's `SoftmaxRegression` on the digits, with
// SGD at four learning rates, SGD with momentum and Adam; record each run's training curve, then
// name the run that converges fastest and the one that converges most stably, by the definitions
// of `fastestRun` and `mostStableRun`. Every function takes any `TrainableModel`, so you can try
// your code on the library's `QuadraticModel` first, where each step can be checked by hand.
// Write the optimizers here, in this file: this exercise is graded on its own.

/// The update rules of the comparison.
public enum ComparedMethod: String, Sendable, CaseIterable {
  /// Plain SGD: θ ← θ − lr·g.
  case sgd = "SGD"
  /// SGD with heavy-ball momentum β = 0.9: v ← βv + g, θ ← θ − lr·v.
  case momentum = "SGD + momentum"
  /// Adam with its default β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
  case adam = "Adam"
}

/// One run of the comparison: an update rule and its learning rate.
public struct ComparisonRun: Hashable, Sendable, CustomStringConvertible {
  /// The update rule.
  public let method: ComparedMethod
  /// The learning rate.
  public let lr: Double

  /// The run of `method` at learning rate `lr`.
  public init(_ method: ComparedMethod, lr: Double) {
    self.method = method
    self.lr = lr
  }

  /// The document's six runs, in this order: SGD at 0.001, 0.01, 0.1 and 1.0; SGD + momentum
  /// (β = 0.9) at 0.1, the rate of the third SGD run, so that what β adds shows; Adam with its
  /// default hyperparameters (lr 0.001).
  public static let all: [ComparisonRun] = [
    ComparisonRun(.sgd, lr: 0.001), ComparisonRun(.sgd, lr: 0.01), ComparisonRun(.sgd, lr: 0.1),
    ComparisonRun(.sgd, lr: 1.0), ComparisonRun(.momentum, lr: 0.1),
    ComparisonRun(.adam, lr: 0.001),
  ]

  public var description: String { "\(method.rawValue) (lr \(lr))" }
}

/// An optimizer of the comparison with the state it carries from one step to the next.
public struct ComparisonOptimizer: Sendable {
  /// Momentum's β.
  public static let momentumBeta = 0.9
  /// Adam's β₁.
  public static let adamBeta1 = 0.9
  /// Adam's β₂.
  public static let adamBeta2 = 0.999
  /// Adam's ε, added to √v̂.
  public static let adamEps = 1e-8

  /// The update rule and the learning rate.
  public let run: ComparisonRun
  /// Momentum's velocity v.
  public var velocity: [Double]
  /// Adam's first moment m, before bias correction.
  public var m: [Double]
  /// Adam's second moment v, before bias correction.
  public var v: [Double]
  /// Adam's step counter t: the number of steps taken.
  public var t: Int

  /// An optimizer that has taken no step: every state vector is zeros of the parameters' length
  /// and t = 0.
  public init(run: ComparisonRun, parameterCount: Int) {
    self.run = run
    velocity = Array(repeating: 0, count: parameterCount)
    m = Array(repeating: 0, count: parameterCount)
    v = Array(repeating: 0, count: parameterCount)
    t = 0
  }

  /// Takes one step of the run's update rule, element by element, with lr = `run.lr`.
  ///
  /// ```
  /// SGD:       θ ← θ − lr·g
  /// momentum:  v ← βv + g;   θ ← θ − lr·v                          (β = momentumBeta)
  /// Adam:      t ← t + 1
  ///            m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²
  ///            θ ← θ − lr · m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
  /// ```
  ///
  /// ε goes outside the square root, √v̂ + ε, after the bias correction: the Stage 4 sheet writes
  /// Adam's step so (4.4 (c), 4.6), and so does the code of every document that has ε (Lab 02,
  /// the notebook, the theory chapter); the workbook requires this placement in every exercise.
  /// ε inside the root, √(v̂ + ε), is another rule: a coordinate whose gradient is about ε then
  /// barely moves, and the tests reject it.
  ///
  /// - Parameters:
  ///   - params: the parameters θ, updated in place.
  ///   - grads: the gradient g at θ, as long as `params`.
  public mutating func step(params: inout [Double], grads: [Double]) {
    // BEGIN SOLUTION
    let lr = run.lr
    switch run.method {
    case .sgd:
      for i in params.indices { params[i] -= lr * grads[i] }
    case .momentum:
      for i in params.indices {
        velocity[i] = Self.momentumBeta * velocity[i] + grads[i]
        params[i] -= lr * velocity[i]
      }
    case .adam:
      t += 1
      let (beta1, beta2) = (Self.adamBeta1, Self.adamBeta2)
      let correction1 = 1 - pow(beta1, Double(t))
      let correction2 = 1 - pow(beta2, Double(t))
      for i in params.indices {
        m[i] = beta1 * m[i] + (1 - beta1) * grads[i]
        v[i] = beta2 * v[i] + (1 - beta2) * grads[i] * grads[i]
        params[i] -= lr * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + Self.adamEps)
      }
    }
    // END SOLUTION
  }
}

/// Trains a model with one run's optimizer on minibatches and records its training curve.
///
/// ```
/// θ = model.initialParameters();   optimizer = ComparisonOptimizer(run, model.parameterCount)
/// losses = [loss on all the examples at θ]
/// repeat steps times:
///     when the epoch's order is used up (and at the start): order = allExamples shuffled with random
///     batch = the next batchSize indices of order (fewer at the end of an epoch)
///     optimizer.step(θ, gradient of the loss on batch)
///     losses.append(loss on all the examples at θ)
/// ```
///
/// The curve measures every step on all the examples (`model.loss(θ, batch: model.allExamples)`),
/// not on the step's own batch, so it shows the optimizer's progress rather than which images
/// the batch happened to hold.
///
/// - Parameters:
///   - run: the update rule and learning rate.
///   - model: what to train, from `model.initialParameters()`.
///   - batchSize: examples per step, ≥ 1 (`model.exampleCount` or more is full-batch descent).
///   - steps: the number of steps, ≥ 0; they run on across epochs.
///   - random: the generator of the shuffles.
/// - Returns: the parameters after the last step, and the curve: `steps + 1` losses, losses[k]
///   after k steps (losses[0] at the initial parameters).
public func train(
  run: ComparisonRun, model: some TrainableModel, batchSize: Int, steps: Int,
  random: inout SeededGenerator
) -> (parameters: [Double], losses: [Double]) {
  // BEGIN SOLUTION
  let everyExample = model.allExamples
  var parameters = model.initialParameters()
  var optimizer = ComparisonOptimizer(run: run, parameterCount: model.parameterCount)
  var losses = [model.loss(parameters, batch: everyExample)]
  var order: [Int] = []
  var next = 0
  for _ in 0..<steps {
    if next >= order.count {
      order = everyExample.shuffled(using: &random)
      next = 0
    }
    let batch = Array(order[next..<min(next + batchSize, order.count)])
    next += batchSize
    let gradient = model.lossAndGradient(parameters, batch: batch).gradient
    optimizer.step(params: &parameters, grads: gradient)
    losses.append(model.loss(parameters, batch: everyExample))
  }
  return (parameters, losses)
  // END SOLUTION
}

/// Trains the model with every run of ``ComparisonRun/all`` and returns their training curves.
///
/// Each run starts from `model.initialParameters()` with its own `SeededGenerator(seed: seed)`,
/// so every run sees the same batches in the same order and only the optimizer differs.
///
/// - Parameters:
///   - model: what to train.
///   - batchSize: examples per step, default 32.
///   - steps: steps per run, default 60.
///   - seed: the shuffles' seed, default 0.
/// - Returns: one curve of `steps + 1` losses per run, in the order of ``ComparisonRun/all``.
public func compareOptimizers(
  model: some TrainableModel, batchSize: Int = 32, steps: Int = 60, seed: UInt64 = 0
) -> [[Double]] {
  // BEGIN SOLUTION
  ComparisonRun.all.map { run in
    var random = SeededGenerator(seed: seed)
    return train(run: run, model: model, batchSize: batchSize, steps: steps, random: &random)
      .losses
  }
  // END SOLUTION
}

/// Returns how many steps a training curve takes to reach a loss threshold.
///
/// - Parameters:
///   - losses: a curve, losses[k] after k steps.
///   - threshold: the loss to reach.
/// - Returns: the first k with losses[k] ≤ threshold, or nil if the curve never gets there.
public func stepsToReach(_ losses: [Double], threshold: Double) -> Int? {
  // BEGIN SOLUTION
  losses.firstIndex { $0 <= threshold }
  // END SOLUTION
}

/// Returns how much a training curve climbs in total: the sum of its rises.
///
/// ```
/// Σₖ max(0, L_{k+1} − L_k)
/// ```
///
/// A curve that never goes up scores 0; one that zigzags scores the height of every zig. A curve
/// holding a loss that is not finite (a run that diverged) scores +∞.
///
/// - Parameter losses: a curve, losses[k] after k steps.
/// - Returns: the total increase, ≥ 0.
public func totalIncrease(_ losses: [Double]) -> Double {
  // BEGIN SOLUTION
  guard losses.allSatisfy(\.isFinite) else { return .infinity }
  return zip(losses, losses.dropFirst()).reduce(0) { $0 + max(0, $1.1 - $1.0) }
  // END SOLUTION
}

/// Returns the run that converges fastest: the fewest steps to reach the threshold.
///
/// ```
/// fastest = the curve with the smallest stepsToReach(curve, threshold)
/// ```
///
/// Ties go to the earlier curve; curves that never reach the threshold do not compete.
///
/// - Parameters:
///   - curves: one training curve per run (as ``compareOptimizers(model:batchSize:steps:seed:)``
///     returns them).
///   - threshold: the loss that counts as converged, default 0.5 (from ln 10 ≈ 2.303 at the start).
/// - Returns: the index of that curve (in ``ComparisonRun/all`` for the comparison's curves), or
///   nil when no curve reaches the threshold.
public func fastestRun(curves: [[Double]], threshold: Double = 0.5) -> Int? {
  // BEGIN SOLUTION
  var best: (index: Int, steps: Int)?
  for (index, curve) in curves.enumerated() {
    guard let steps = stepsToReach(curve, threshold: threshold) else { continue }
    if best == nil || steps < best!.steps { best = (index, steps) }
  }
  return best?.index
  // END SOLUTION
}

/// Returns the run that converges most stably: among the runs that converge, the one whose curve
/// climbs least.
///
/// ```
/// candidates   = the curves that reach the threshold (stepsToReach is not nil)
/// most stable  = the candidate with the smallest totalIncrease(curve)
/// ```
///
/// Ties (for instance two curves that never go up) go to the candidate that reaches the
/// threshold in fewer steps, then to the earlier curve. A run that barely moves never climbs, but
/// it does not converge either: it is no candidate.
///
/// - Parameters:
///   - curves: one training curve per run.
///   - threshold: the loss that counts as converged, default 0.5.
/// - Returns: the index of that curve, or nil when no curve reaches the threshold.
public func mostStableRun(curves: [[Double]], threshold: Double = 0.5) -> Int? {
  // BEGIN SOLUTION
  var best: (index: Int, increase: Double, steps: Int)?
  for (index, curve) in curves.enumerated() {
    guard let steps = stepsToReach(curve, threshold: threshold) else { continue }
    let increase = totalIncrease(curve)
    if let current = best,
      increase > current.increase || (increase == current.increase && steps >= current.steps)
    {
      continue
    }
    best = (index, increase, steps)
  }
  return best?.index
  // END SOLUTION
}
