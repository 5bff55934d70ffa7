import Foundation
import Workbook

// Exercise L2 (★★): Lab 02, Part B, its acceptance checks and the stretch's loss-versus-step
// panel. The race: each optimizer from the same start on Rosenbrock's function, with its own
// learning rate, every point logged. The library has `rosenbrock(_:)` and `rosenbrockGrad(_:)`.

/// A track of the race: which optimizer, with its hyperparameters other than the learning rate.
///
/// Adam and AdamW use β₁ = 0.9, β₂ = 0.999 and ε = 1e-8, the lab's defaults. Nesterov is the
/// stretch's fifth track, in the form v ← βv + g; p ← p − lr·(g + βv).
public enum RosenbrockOptimizer: Sendable, Equatable {
  /// Plain gradient descent, p ← p − lr·g.
  case sgd
  /// Heavy-ball momentum, v ← βv + g; p ← p − lr·v.
  case momentum(beta: Double = 0.9)
  /// Adam with bias correction.
  case adam
  /// AdamW: Adam's step, then p ← p − lr·λ·p with the weights the step started from.
  case adamw(weightDecay: Double)
  /// Nesterov momentum, v ← βv + g; p ← p − lr·(g + βv).
  case nesterov(beta: Double = 0.9)
}

/// Runs one track of the race and returns every point it visits, the lab's `run`.
///
/// ```
/// p = start;  state = the optimizer's state before the first step
/// repeat nSteps times:  g = gradient(p);  (p, state) = step(p, g, state, lr);  log p
/// ```
///
/// Each step evaluates the gradient once, at the current point: nSteps evaluations in all.
/// The arithmetic of each step is that of Lab 02's Part A (Exercise L1); write it here (a
/// private helper per optimizer keeps `run` short) so that this exercise stands on its own.
///
/// - Parameters:
///   - optimizer: the track.
///   - lr: the learning rate, > 0.
///   - nSteps: the number of steps, ≥ 0; default 2000, the lab's.
///   - start: the first point; default (−1.5, 2.0), the lab's.
///   - gradient: ∇f; default the library's `rosenbrockGrad`.
/// - Returns: the trajectory, nSteps + 1 points, `start` first.
public func run(
  optimizer: RosenbrockOptimizer, lr: Double, nSteps: Int = 2000, start: [Double] = [-1.5, 2.0],
  gradient: ([Double]) -> [Double] = rosenbrockGrad
) -> [[Double]] {
  // BEGIN SOLUTION
  var p = start
  var velocity = [Double](repeating: 0, count: start.count)
  var m = velocity
  var v = velocity
  var trajectory = [p]
  trajectory.reserveCapacity(nSteps + 1)
  for t in stride(from: 1, through: nSteps, by: 1) {
    let g = gradient(p)
    switch optimizer {
    case .sgd:
      for i in p.indices { p[i] -= lr * g[i] }
    case .momentum(let beta):
      for i in p.indices {
        velocity[i] = beta * velocity[i] + g[i]
        p[i] -= lr * velocity[i]
      }
    case .nesterov(let beta):
      for i in p.indices {
        velocity[i] = beta * velocity[i] + g[i]
        p[i] -= lr * (g[i] + beta * velocity[i])
      }
    case .adam:
      adam(&p, g, &m, &v, t: t, lr: lr, weightDecay: 0)
    case .adamw(let weightDecay):
      adam(&p, g, &m, &v, t: t, lr: lr, weightDecay: weightDecay)
    }
    trajectory.append(p)
  }
  return trajectory
  // END SOLUTION
}

// BEGIN SOLUTION (no stub)
/// Adam's step number `t` (from 1) in place, with AdamW's decoupled decay of the old weights.
private func adam(
  _ p: inout [Double], _ g: [Double], _ m: inout [Double], _ v: inout [Double], t: Int, lr: Double,
  weightDecay: Double
) {
  let (beta1, beta2, eps) = (0.9, 0.999, 1e-8)
  let correction1 = 1 - pow(beta1, Double(t))
  let correction2 = 1 - pow(beta2, Double(t))
  for i in p.indices {
    m[i] = beta1 * m[i] + (1 - beta1) * g[i]
    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
    let stepped = p[i] - lr * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + eps)
    p[i] = stepped - lr * weightDecay * p[i]
  }
}
// END SOLUTION

/// Returns the distance from a trajectory's last point to the minimum (1, 1), the number the
/// lab's `final_distances.json` records.
///
/// ```
/// ‖p_n − (1, 1)‖₂
/// ```
///
/// - Parameter trajectory: the points of a run, at least one.
/// - Returns: the distance; not finite when the run diverged.
public func finalDistance(_ trajectory: [[Double]]) -> Double {
  // BEGIN SOLUTION
  let last = trajectory[trajectory.count - 1]
  return ((last[0] - 1) * (last[0] - 1) + (last[1] - 1) * (last[1] - 1)).squareRoot()
  // END SOLUTION
}

/// Returns Rosenbrock's function at every point of a trajectory, the stretch's loss-versus-step
/// panel.
///
/// - Parameter trajectory: the points of a run.
/// - Returns: f(p₀), f(p₁), …, one value per point.
public func losses(_ trajectory: [[Double]]) -> [Double] {
  // BEGIN SOLUTION
  trajectory.map(rosenbrock)
  // END SOLUTION
}
