import Foundation
import Workbook

// Exercise N6 (★★): Adam from scratch, then a look at its per-coordinate step size
// lr / (√v̂ + ε), which is often read as a diagonal approximation of the inverse Hessian.

/// Runs T steps of Adam from x0 and records the loss after every step.
///
/// With t counted from 1 (so the first bias corrections divide by 1 − β₁ and 1 − β₂):
///
/// ```
/// g = ∇f(x)
/// m ← β₁m + (1 − β₁)g            v ← β₂v + (1 − β₂)g²        (element by element, m = v = 0 at first)
/// m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)
/// x ← x − lr · m̂ / (√v̂ + ε)
/// losses[t − 1] = f(x)            (after the step)
/// ```
///
/// The document's `adam(grad_f, x0, …)` has no `f`: its solution reads the global `c` of part (b)
/// to record the loss. Here the objective is passed in, so the function works for any problem.
///
/// - Parameters:
///   - f: the objective, evaluated after each step for the loss history.
///   - gradF: its gradient.
///   - x0: the starting point.
///   - lr: the learning rate η > 0, default 1e-3.
///   - beta1: the decay β₁ in [0, 1) of the first moment, default 0.9.
///   - beta2: the decay β₂ in [0, 1) of the second moment, default 0.999.
///   - eps: ε > 0, added to √v̂ (outside the square root), default 1e-8.
///   - T: the number of steps, T ≥ 1, default 1000.
/// - Returns: the point after T steps, and the T losses f(x₁), …, f(x_T) after each step.
public func adam(
  f: ([Double]) -> Double, gradF: ([Double]) -> [Double], x0: [Double], lr: Double = 1e-3,
  beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8, T: Int = 1000
) -> (x: [Double], losses: [Double]) {
  // BEGIN SOLUTION
  var state = AdamRun(x: x0)
  var losses: [Double] = []
  losses.reserveCapacity(T)
  for t in 1...T {
    state.step(t: t, gradF: gradF, lr: lr, beta1: beta1, beta2: beta2, eps: eps)
    losses.append(f(state.x))
  }
  return (state.x, losses)
  // END SOLUTION
}

/// Runs T steps of Adam from x0 and returns its per-coordinate effective learning rate.
///
/// The same iteration as `adam`; after step T it returns, for each coordinate i,
///
/// ```
/// lr / (√v̂_T,i + ε)        with v̂_T = v_T / (1 − β₂ᵀ)
/// ```
///
/// - Parameters:
///   - gradF: the gradient of the objective.
///   - x0: the starting point.
///   - lr: the learning rate η > 0, default 1e-3.
///   - beta1: the decay β₁ in [0, 1) of the first moment, default 0.9.
///   - beta2: the decay β₂ in [0, 1) of the second moment, default 0.999.
///   - eps: ε > 0, added to √v̂, default 1e-8.
///   - T: the number of steps, T ≥ 1, default 1000.
/// - Returns: the effective learning rates after T steps, one per coordinate.
public func adamEffectiveLearningRates(
  gradF: ([Double]) -> [Double], x0: [Double], lr: Double = 1e-3, beta1: Double = 0.9,
  beta2: Double = 0.999, eps: Double = 1e-8, T: Int = 1000
) -> [Double] {
  // BEGIN SOLUTION
  var state = AdamRun(x: x0)
  for t in 1...T {
    state.step(t: t, gradF: gradF, lr: lr, beta1: beta1, beta2: beta2, eps: eps)
  }
  let correction = 1 - pow(beta2, Double(T))
  return state.v.map { lr / (($0 / correction).squareRoot() + eps) }
  // END SOLUTION
}

// BEGIN SOLUTION (no stub)
/// The point and both moments of one Adam run.
private struct AdamRun {
  var x: [Double]
  var m: [Double]
  var v: [Double]

  init(x: [Double]) {
    self.x = x
    m = Array(repeating: 0, count: x.count)
    v = Array(repeating: 0, count: x.count)
  }

  /// Step t (from 1) of Adam.
  mutating func step(
    t: Int, gradF: ([Double]) -> [Double], lr: Double, beta1: Double, beta2: Double, eps: Double
  ) {
    let g = gradF(x)
    let (c1, c2) = (1 - pow(beta1, Double(t)), 1 - pow(beta2, Double(t)))
    for i in x.indices {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i]
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
      x[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
    }
  }
}
// END SOLUTION
