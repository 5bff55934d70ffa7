import Foundation
import Workbook

// Exercise N6, reference: the learner's stub in Exercises/ documents each formula.

/// T steps of bias-corrected Adam; the losses are f after each step.
public func adam(
  f: ([Double]) -> Double, gradF: ([Double]) -> [Double], x0: [Double], lr: Double = 1e-3,
  beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8, T: Int = 1000
) -> (x: [Double], losses: [Double]) {
  var state = AdamRun(x: x0)
  var losses: [Double] = []
  losses.reserveCapacity(T)
  for t in 1...T {
    state.step(t: t, gradF: gradF, lr: lr, beta1: beta1, beta2: beta2, eps: eps)
    losses.append(f(state.x))
  }
  return (state.x, losses)
}

/// lr / (√v̂_T + ε) per coordinate after T steps of Adam.
public func adamEffectiveLearningRates(
  gradF: ([Double]) -> [Double], x0: [Double], lr: Double = 1e-3, beta1: Double = 0.9,
  beta2: Double = 0.999, eps: Double = 1e-8, T: Int = 1000
) -> [Double] {
  var state = AdamRun(x: x0)
  for t in 1...T {
    state.step(t: t, gradF: gradF, lr: lr, beta1: beta1, beta2: beta2, eps: eps)
  }
  let correction = 1 - pow(beta2, Double(T))
  return state.v.map { lr / (($0 / correction).squareRoot() + eps) }
}

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
