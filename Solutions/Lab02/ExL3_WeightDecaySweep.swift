import Foundation
import Workbook

// Exercise L3 (★★): Lab 02, Part E. AdamW on the race's track with weight decay λ > 0: where
// does decoupled decay leave the end point? The library has `rosenbrockGrad(_:)`.

/// Runs AdamW on Rosenbrock's function once per weight decay and reports where each run ends,
/// the lab's Part E.
///
/// Each run is the lab's `run(adamw_step, lr, weight_decay=λ)`: from `start`, nSteps steps of
///
/// ```
/// g = ∇f(p);  t ← t + 1
/// m ← β₁·m + (1 − β₁)·g          m̂ = m / (1 − β₁ᵗ)
/// v ← β₂·v + (1 − β₂)·g²         v̂ = v / (1 − β₂ᵗ)
/// p ← p − lr·m̂ / (√v̂ + ε) − lr·λ·p       (λ·p with the p the step started from)
/// ```
///
/// with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 and m = v = 0, t = 0 at the start. Write the loop here
/// (it is short) so that this exercise stands on its own.
///
/// - Parameters:
///   - decays: the weight decays λ ≥ 0 to try, in order; default 0, 0.01 and 0.1, the lab's.
///   - lr: the learning rate, default 5e-2 (the race's Adam rate).
///   - nSteps: steps per run, ≥ 0; default 2000.
///   - start: the first point; default (−1.5, 2.0).
/// - Returns: one entry per decay, in the order given: λ, the last point, and its distance to
///   the minimum (1, 1).
public func weightDecaySweep(
  decays: [Double] = [0, 0.01, 0.1], lr: Double = 5e-2, nSteps: Int = 2000,
  start: [Double] = [-1.5, 2.0]
) -> [(weightDecay: Double, final: [Double], distance: Double)] {
  // BEGIN SOLUTION
  decays.map { weightDecay in
    let (beta1, beta2, eps) = (0.9, 0.999, 1e-8)
    var p = start
    var m = [Double](repeating: 0, count: p.count)
    var v = m
    for t in stride(from: 1, through: nSteps, by: 1) {
      let g = rosenbrockGrad(p)
      let correction1 = 1 - pow(beta1, Double(t))
      let correction2 = 1 - pow(beta2, Double(t))
      for i in p.indices {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i]
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
        let adaptive = (m[i] / correction1) / ((v[i] / correction2).squareRoot() + eps)
        p[i] -= lr * adaptive + lr * weightDecay * p[i]
      }
    }
    return (weightDecay, p, norm(adding(p, [1, 1], scaledBy: -1)))
  }
  // END SOLUTION
}
