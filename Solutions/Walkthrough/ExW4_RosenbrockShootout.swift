import Foundation
import Workbook

// Exercise W4 (★★): the walkthrough's optimizer shootout on Rosenbrock's function from (−2, 2),
// 5000 steps each, with the measures it asks for: distance to the optimum (1, 1), the first step
// within 0.1 of it, and the path length. The shared library has `rosenbrock(_:)` and
// `rosenbrockGrad(_:)`.

/// The walkthrough's `run_sgd`: plain gradient descent, returning every point.
///
/// - Parameters:
///   - start: the starting point, (−2, 2) in the shootout.
///   - lr: the learning rate, default 0.001.
///   - steps: the number of steps, default 5000.
/// - Returns: the trajectory, `steps + 1` points, the start first.
public func runSgd(start: [Double], lr: Double = 0.001, steps: Int = 5000) -> [[Double]] {
  // BEGIN SOLUTION
  var position = start
  var history = [position]
  for _ in 0..<steps {
    position = adding(position, rosenbrockGrad(position), scaledBy: -lr)
    history.append(position)
  }
  return history
  // END SOLUTION
}

/// The walkthrough's `run_momentum`: v ← βv + ∇f(x), x ← x − lr·v (v = 0 at first).
///
/// - Parameters:
///   - start: the starting point.
///   - lr: the learning rate, default 0.001.
///   - beta: β, default 0.9.
///   - steps: the number of steps, default 5000.
/// - Returns: the trajectory, `steps + 1` points, the start first.
public func runMomentum(start: [Double], lr: Double = 0.001, beta: Double = 0.9, steps: Int = 5000)
  -> [[Double]]
{
  // BEGIN SOLUTION
  var position = start
  var velocity: [Double] = [0, 0]
  var history = [position]
  for _ in 0..<steps {
    velocity = adding(scaled(velocity, by: beta), rosenbrockGrad(position))
    position = adding(position, velocity, scaledBy: -lr)
    history.append(position)
  }
  return history
  // END SOLUTION
}

/// The walkthrough's `run_adam`: Adam with bias correction, t = 1, 2, ….
///
/// - Parameters:
///   - start: the starting point.
///   - lr: the learning rate, default 0.01.
///   - beta1: β₁, default 0.9.
///   - beta2: β₂, default 0.999.
///   - eps: ε, added to √v̂, default 1e-8.
///   - steps: the number of steps, default 5000.
/// - Returns: the trajectory, `steps + 1` points, the start first.
public func runAdam(
  start: [Double], lr: Double = 0.01, beta1: Double = 0.9, beta2: Double = 0.999,
  eps: Double = 1e-8, steps: Int = 5000
) -> [[Double]] {
  // BEGIN SOLUTION
  var position = start
  var m: [Double] = [0, 0]
  var v: [Double] = [0, 0]
  var history = [position]
  for step in 0..<steps {
    let t = Double(step + 1)
    let g = rosenbrockGrad(position)
    for i in 0..<2 {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i]
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
      position[i] -=
        lr * (m[i] / (1 - pow(beta1, t))) / ((v[i] / (1 - pow(beta2, t))).squareRoot() + eps)
    }
    history.append(position)
  }
  return history
  // END SOLUTION
}

/// Returns the length of a path: the sum of the distances between consecutive points, over all
/// of them.
///
/// - Parameter history: the points x₀, x₁, …, x_n.
/// - Returns: Σ ‖x_{t+1} − x_t‖ (0 for a single point).
public func pathLength(_ history: [[Double]]) -> Double {
  // BEGIN SOLUTION
  zip(history, history.dropFirst()).reduce(0) { $0 + norm(adding($1.1, $1.0, scaledBy: -1)) }
  // END SOLUTION
}

/// Returns the first step at which a path comes within `distance` of a target, if it ever does.
///
/// - Parameters:
///   - history: the points x₀, x₁, ….
///   - target: the point to reach, (1, 1) in the shootout.
///   - distance: how close counts, default 0.1.
/// - Returns: the first t with ‖x_t − target‖ < distance, or nil.
public func firstStepWithin(_ history: [[Double]], of target: [Double], distance: Double = 0.1)
  -> Int?
{
  // BEGIN SOLUTION
  history.firstIndex { norm(adding($0, target, scaledBy: -1)) < distance }
  // END SOLUTION
}
