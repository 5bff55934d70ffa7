import Foundation
import Workbook

// Mini-project (★★★): compare SGD, Momentum, RMSprop and Adam, written from scratch here, on
// Rosenbrock's valley (the library's `rosenbrock` and `rosenbrockGrad`, minimum 0 at (1, 1)) and
// on the digits classifier (the library's `SoftmaxRegression`): convergence curves, 2-D
// trajectories, a learning-rate sensitivity sweep, and the extension: how much linear warmup and
// cosine decay help, as a number.

/// The four optimizers of the mini-project.
public enum BenchmarkMethod: String, Sendable, CaseIterable {
  /// θ ← θ − lr·g.
  case sgd = "SGD"
  /// Heavy-ball momentum, β = 0.9: v ← βv + g, θ ← θ − lr·v.
  case momentum = "Momentum"
  /// RMSprop, ρ = 0.9, ε = 1e-8: s ← ρs + (1 − ρ)g², θ ← θ − lr·g / (√s + ε).
  case rmsprop = "RMSprop"
  /// Adam, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, with bias correction.
  case adam = "Adam"
}

/// An optimizer of the mini-project with the state it carries from one step to the next.
public struct BenchmarkOptimizer: Sendable {
  /// Momentum's β.
  public static let momentumBeta = 0.9
  /// RMSprop's decay ρ of the average of g².
  public static let rmspropRho = 0.9
  /// Adam's β₁.
  public static let adamBeta1 = 0.9
  /// Adam's β₂.
  public static let adamBeta2 = 0.999
  /// The ε of RMSprop and Adam, added outside the square root.
  public static let eps = 1e-8

  /// The update rule.
  public let method: BenchmarkMethod
  /// Momentum's velocity v.
  public var velocity: [Double]
  /// RMSprop's moving average s of g².
  public var squareAverage: [Double]
  /// Adam's first moment m, before bias correction.
  public var m: [Double]
  /// Adam's second moment v, before bias correction.
  public var v: [Double]
  /// Adam's step counter t: the number of steps taken.
  public var t: Int

  /// An optimizer that has taken no step: zeros of the parameters' length everywhere, t = 0.
  public init(_ method: BenchmarkMethod, parameterCount: Int) {
    self.method = method
    velocity = Array(repeating: 0, count: parameterCount)
    squareAverage = Array(repeating: 0, count: parameterCount)
    m = Array(repeating: 0, count: parameterCount)
    v = Array(repeating: 0, count: parameterCount)
    t = 0
  }

  /// Takes one step of the update rule at learning rate `lr`, element by element.
  ///
  /// ```
  /// SGD:       θ ← θ − lr·g
  /// Momentum:  v ← βv + g;                θ ← θ − lr·v
  /// RMSprop:   s ← ρs + (1 − ρ)g²;        θ ← θ − lr·g / (√s + ε)
  /// Adam:      t ← t + 1;   m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²
  ///            θ ← θ − lr · m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
  /// ```
  ///
  /// The rate is an argument of each step, not part of the state, so a schedule can change it.
  ///
  /// ε goes outside the square root, √s + ε and √v̂ + ε, after the bias correction: the Stage 4
  /// sheet writes Adam's step so (4.4 (c), 4.6), and so does the code of every document that has
  /// ε (Lab 02, the notebook, the theory chapter); the workbook requires this placement in every
  /// exercise. ε inside the root, √(v̂ + ε), is another rule: a coordinate whose gradient is about
  /// ε then barely moves, and the tests reject it.
  ///
  /// - Parameters:
  ///   - params: the parameters θ, updated in place.
  ///   - grads: the gradient g at θ.
  ///   - lr: this step's learning rate.
  public mutating func step(params: inout [Double], grads: [Double], lr: Double) {
    // BEGIN SOLUTION
    switch method {
    case .sgd:
      for i in params.indices { params[i] -= lr * grads[i] }
    case .momentum:
      for i in params.indices {
        velocity[i] = Self.momentumBeta * velocity[i] + grads[i]
        params[i] -= lr * velocity[i]
      }
    case .rmsprop:
      let rho = Self.rmspropRho
      for i in params.indices {
        squareAverage[i] = rho * squareAverage[i] + (1 - rho) * grads[i] * grads[i]
        params[i] -= lr * grads[i] / (squareAverage[i].squareRoot() + Self.eps)
      }
    case .adam:
      t += 1
      let (beta1, beta2) = (Self.adamBeta1, Self.adamBeta2)
      let correction1 = 1 - pow(beta1, Double(t))
      let correction2 = 1 - pow(beta2, Double(t))
      for i in params.indices {
        m[i] = beta1 * m[i] + (1 - beta1) * grads[i]
        v[i] = beta2 * v[i] + (1 - beta2) * grads[i] * grads[i]
        params[i] -= lr * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + Self.eps)
      }
    }
    // END SOLUTION
  }
}

/// Returns the path of an optimizer on Rosenbrock's function with a learning-rate schedule.
///
/// ```
/// x₀ = start;   x_{k+1} = x_k after one step with gradient rosenbrockGrad(x_k) and lr = schedule(k)
/// ```
///
/// The steps count from 0. A run that diverges keeps going (its points become infinite or NaN).
///
/// - Parameters:
///   - method: the optimizer, starting from a fresh state.
///   - schedule: the learning rate of step k, for k = 0 ..< steps.
///   - steps: the number of steps, ≥ 0.
///   - start: the starting point, default (−1.5, 2), on the far side of the valley's bend.
/// - Returns: the trajectory, `steps + 1` points, the start first.
public func rosenbrockTrajectory(
  _ method: BenchmarkMethod, schedule: (Int) -> Double, steps: Int, start: [Double] = [-1.5, 2]
) -> [[Double]] {
  // BEGIN SOLUTION
  var optimizer = BenchmarkOptimizer(method, parameterCount: start.count)
  var x = start
  var trajectory = [x]
  for k in 0..<steps {
    optimizer.step(params: &x, grads: rosenbrockGrad(x), lr: schedule(k))
    trajectory.append(x)
  }
  return trajectory
  // END SOLUTION
}

/// Returns the path of an optimizer on Rosenbrock's function at a constant learning rate.
///
/// - Parameters:
///   - method: the optimizer, starting from a fresh state.
///   - lr: the learning rate of every step.
///   - steps: the number of steps, ≥ 0.
///   - start: the starting point, default (−1.5, 2).
/// - Returns: the trajectory, `steps + 1` points, the start first.
public func rosenbrockTrajectory(
  _ method: BenchmarkMethod, lr: Double, steps: Int, start: [Double] = [-1.5, 2]
) -> [[Double]] {
  rosenbrockTrajectory(method, schedule: { _ in lr }, steps: steps, start: start)
}

/// Returns the convergence curve of an optimizer training a model with full-batch steps.
///
/// ```
/// θ₀ = model.initialParameters();   θ_{k+1} = θ_k after one step with the gradient on all the examples
/// losses[k] = the loss on all the examples at θ_k
/// ```
///
/// - Parameters:
///   - method: the optimizer, starting from a fresh state.
///   - model: what to train (the tests use `SoftmaxRegression` on the digits).
///   - lr: the learning rate of every step.
///   - steps: the number of steps, ≥ 0.
/// - Returns: `steps + 1` losses, losses[0] at the initial parameters.
public func lossCurve(
  _ method: BenchmarkMethod, model: some TrainableModel, lr: Double, steps: Int
) -> [Double] {
  // BEGIN SOLUTION
  let everyExample = model.allExamples
  var optimizer = BenchmarkOptimizer(method, parameterCount: model.parameterCount)
  var theta = model.initialParameters()
  var (loss, gradient) = model.lossAndGradient(theta, batch: everyExample)
  var losses = [loss]
  for _ in 0..<steps {
    optimizer.step(params: &theta, grads: gradient, lr: lr)
    (loss, gradient) = model.lossAndGradient(theta, batch: everyExample)
    losses.append(loss)
  }
  return losses
  // END SOLUTION
}

/// Returns the learning rate of linear warmup followed by cosine decay (exercise 4.7's schedule).
///
/// ```
/// lr(step) = baseLr · step / warmupSteps                          for 0 ≤ step < warmupSteps
/// lr(step) = baseLr · ½(1 + cos(π · (step − warmupSteps) / (totalSteps − warmupSteps)))
///                                                                 for warmupSteps ≤ step ≤ totalSteps
/// lr(step) = 0                                                    for step > totalSteps
/// ```
///
/// 0 at step 0, baseLr at step = warmupSteps, 0 at totalSteps. A run of `totalSteps` steps uses
/// steps 0 … totalSteps − 1, so its last step still has a small positive rate.
///
/// - Parameters:
///   - step: the step number, from 0.
///   - baseLr: the peak rate, reached at the end of the warmup.
///   - warmupSteps: the length of the warmup, 0 ≤ warmupSteps < totalSteps.
///   - totalSteps: the step at which the rate reaches 0.
/// - Returns: the learning rate of `step`.
public func warmupCosineLr(step: Int, baseLr: Double, warmupSteps: Int, totalSteps: Int) -> Double {
  // BEGIN SOLUTION
  if step < warmupSteps { return baseLr * Double(step) / Double(warmupSteps) }
  if step > totalSteps { return 0 }
  let progress = Double(step - warmupSteps) / Double(totalSteps - warmupSteps)
  return baseLr * 0.5 * (1 + cos(Double.pi * progress))
  // END SOLUTION
}

/// Returns the learning-rate sensitivity table on Rosenbrock: the final value of f for each
/// optimizer and each rate.
///
/// ```
/// table[i][j] = rosenbrock(last point of the trajectory of methods[i] at rate lrs[j])     or +∞
/// ```
///
/// A run whose last value is not finite (it diverged) scores +∞, so that the smallest entry of a
/// row is its best rate. With `warmupSteps`, every run follows the schedule
/// ``warmupCosineLr(step:baseLr:warmupSteps:totalSteps:)`` with baseLr = lrs[j] and
/// totalSteps = steps, instead of the constant rate lrs[j].
///
/// - Parameters:
///   - lrs: the rates, a log grid such as 10^−4.5, 10^−4, …, 10^−1.
///   - steps: steps per run.
///   - methods: the rows, default all four optimizers in order.
///   - warmupSteps: nil for constant rates (the default), or the warmup of the schedule.
///   - start: the starting point, default (−1.5, 2).
/// - Returns: one row per method, one entry per rate.
public func learningRateSweep(
  lrs: [Double], steps: Int, methods: [BenchmarkMethod] = BenchmarkMethod.allCases,
  warmupSteps: Int? = nil, start: [Double] = [-1.5, 2]
) -> [[Double]] {
  // BEGIN SOLUTION
  methods.map { method in
    lrs.map { lr in
      let schedule: (Int) -> Double =
        if let warmupSteps {
          { warmupCosineLr(step: $0, baseLr: lr, warmupSteps: warmupSteps, totalSteps: steps) }
        } else {
          { _ in lr }
        }
      let value = rosenbrock(
        rosenbrockTrajectory(method, schedule: schedule, steps: steps, start: start).last!)
      return value.isFinite ? value : .infinity
    }
  }
  // END SOLUTION
}

/// Measures how much warmup and cosine decay help one optimizer on Rosenbrock: each way tuned
/// over the same rates, then compared.
///
/// ```
/// constant    = the smallest entry of the optimizer's row of learningRateSweep(lrs, steps)
/// scheduled   = the smallest entry of its row with warmupSteps
/// improvement = constant / scheduled     (> 1: the schedule ends that many times lower; < 1: it hurts)
/// ```
///
/// - Parameters:
///   - method: the optimizer.
///   - lrs: the rates to tune over (the base rates of the schedule).
///   - steps: steps per run.
///   - warmupSteps: the schedule's warmup.
/// - Returns: the best final f with a constant rate, with the schedule, and their ratio.
public func scheduleBenefit(
  _ method: BenchmarkMethod, lrs: [Double], steps: Int, warmupSteps: Int
) -> (constant: Double, scheduled: Double, improvement: Double) {
  // BEGIN SOLUTION
  let constant = learningRateSweep(lrs: lrs, steps: steps, methods: [method])[0].min()!
  let scheduled = learningRateSweep(
    lrs: lrs, steps: steps, methods: [method], warmupSteps: warmupSteps)[0].min()!
  return (constant, scheduled, constant / scheduled)
  // END SOLUTION
}
