import Foundation
import Workbook

// Exercise L4 (★★★): Lab 02's learning rates against the stability limits. SGD's rate 2e-3 sits
// just above the limit 2/λ_max at (1, 1); the stretch's Nesterov track diverges at it; and the
// stretch's re-race from (2, 2) shows which of the race's lessons depend on the start. The
// library has `rosenbrockGrad(_:)`, `rosenbrockHess(_:)` and `symmetricEigenvalues`.
// `RosenbrockOptimizer` is Exercise L2's.

/// Returns the largest learning rate at which gradient descent is stable near Rosenbrock's
/// minimum: 2 over the largest eigenvalue of the Hessian at (1, 1).
///
/// ```
/// H(1, 1) = [[802, −400], [−400, 200]]        lr < 2 / λ_max(H)
/// ```
///
/// Near the minimum, e ← (I − lr·H)e: the component along an eigenvector with eigenvalue λ is
/// multiplied by 1 − lr·λ each step, which shrinks only while |1 − lr·λ| < 1.
///
/// - Returns: 2/λ_max, about 1.9968e-3.
public func sgdStabilityLimit() -> Double {
  // BEGIN SOLUTION
  let eigenvalues = rosenbrockHess([1, 1]).symmetricEigenvalues()
  return 2 / (eigenvalues.max() ?? .nan)
  // END SOLUTION
}

/// Returns whether a track of the race converges: every point finite, and the last within
/// 1e-3 of the minimum (1, 1).
///
/// The run is Lab 02's `run`: from `start`, nSteps steps on Rosenbrock's function, each with
/// the gradient at the current point, and the optimizer's updates
///
/// ```
/// sgd            p ← p − lr·g
/// momentum(β)    v ← βv + g;  p ← p − lr·v                       (v = 0 at first)
/// nesterov(β)    v ← βv + g;  p ← p − lr·(g + βv)                 (v = 0 at first)
/// adam           Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8, t = 1 on the first step
/// adamw(λ)       Adam's step, then p ← p − lr·λ·p (p before the step)
/// ```
///
/// Stable is meant as "converges within nSteps": a run that ends in a 2-cycle or settles away
/// from (1, 1) is not stable, even if it stays bounded. Write the steps here (private helpers
/// are fine) so that this exercise stands on its own; a run may stop as soon as it leaves the
/// finite numbers.
///
/// - Parameters:
///   - optimizer: the track.
///   - lr: the learning rate, > 0.
///   - nSteps: the number of steps, ≥ 0; default 20000, ten times the race, long enough for
///     SGD's 2-cycle at lr 2e-3 to show.
///   - start: the first point; default (−1.5, 2.0), the lab's.
/// - Returns: true when every point is finite and ‖p_n − (1, 1)‖ < 1e-3.
public func isStable(
  optimizer: RosenbrockOptimizer, lr: Double, nSteps: Int = 20000, start: [Double] = [-1.5, 2.0]
) -> Bool {
  // BEGIN SOLUTION
  guard let last = finalPoint(optimizer, lr: lr, nSteps: nSteps, start: start) else {
    return false
  }
  return norm(adding(last, [1, 1], scaledBy: -1)) < 1e-3
  // END SOLUTION
}

/// Returns the learning rate at which the Nesterov track stops converging, by bisection on
/// ``isStable(optimizer:lr:nSteps:start:)`` (with its default nSteps).
///
/// ```
/// while high − low > tolerance:
///     mid = (low + high) / 2
///     if isStable(.nesterov(beta: beta), lr: mid, start: start):  low = mid
///     else:                                                       high = mid
/// return (low + high) / 2
/// ```
///
/// Bisection assumes the run converges at `low` and not at `high`, and that it flips only once
/// in between; the answer is the flip it homes in on.
///
/// - Parameters:
///   - beta: Nesterov's β in [0, 1), default 0.9.
///   - low: a rate at which the run converges, default 1e-3.
///   - high: a rate at which it does not, default 2e-3 (the race's).
///   - tolerance: the width of the final bracket, > 0; default 1e-6.
///   - start: the first point of every run; default (−1.5, 2.0), the lab's.
/// - Returns: the middle of the final bracket.
public func nesterovThreshold(
  beta: Double = 0.9, low: Double = 1e-3, high: Double = 2e-3, tolerance: Double = 1e-6,
  start: [Double] = [-1.5, 2.0]
) -> Double {
  // BEGIN SOLUTION
  var (low, high) = (low, high)
  while high - low > tolerance {
    let mid = (low + high) / 2
    if isStable(optimizer: .nesterov(beta: beta), lr: mid, start: start) {
      low = mid
    } else {
      high = mid
    }
  }
  return (low + high) / 2
  // END SOLUTION
}

/// Re-runs the lab's four tracks from another start, the stretch's re-race, and returns how far
/// each ends from (1, 1).
///
/// The tracks are the race's, 2000 steps each: "SGD" (lr 2e-3), "Momentum" (lr 2e-3, β 0.9),
/// "Adam" (lr 5e-2) and "AdamW" (lr 5e-2, λ 0).
///
/// - Parameter start: the first point; default (2, 2).
/// - Returns: each track's name and its final distance to (1, 1); not finite for a run that
///   diverged.
public func reRace(start: [Double] = [2, 2]) -> [String: Double] {
  // BEGIN SOLUTION
  let tracks: [(String, RosenbrockOptimizer, Double)] = [
    ("SGD", .sgd, 2e-3), ("Momentum", .momentum(beta: 0.9), 2e-3), ("Adam", .adam, 5e-2),
    ("AdamW", .adamw(weightDecay: 0), 5e-2),
  ]
  var distances: [String: Double] = [:]
  for (name, optimizer, lr) in tracks {
    let last = finalPoint(optimizer, lr: lr, nSteps: 2000, start: start) ?? [.nan, .nan]
    distances[name] = norm(adding(last, [1, 1], scaledBy: -1))
  }
  return distances
  // END SOLUTION
}

// BEGIN SOLUTION (no stub)
/// The last point of a run on Rosenbrock's function, or nil as soon as a point is not finite.
private func finalPoint(
  _ optimizer: RosenbrockOptimizer, lr: Double, nSteps: Int, start: [Double]
) -> [Double]? {
  var p = start
  var velocity = [Double](repeating: 0, count: p.count)
  var m = velocity
  var v = velocity
  for t in stride(from: 1, through: nSteps, by: 1) {
    let g = rosenbrockGrad(p)
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
    case .adam, .adamw:
      var weightDecay = 0.0
      if case .adamw(let decay) = optimizer { weightDecay = decay }
      let correction1 = 1 - pow(0.9, Double(t))
      let correction2 = 1 - pow(0.999, Double(t))
      for i in p.indices {
        m[i] = 0.9 * m[i] + 0.1 * g[i]
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i]
        let adaptive = (m[i] / correction1) / ((v[i] / correction2).squareRoot() + 1e-8)
        p[i] -= lr * adaptive + lr * weightDecay * p[i]
      }
    }
    guard p.allSatisfy(\.isFinite) else { return nil }
  }
  return p
}
// END SOLUTION
