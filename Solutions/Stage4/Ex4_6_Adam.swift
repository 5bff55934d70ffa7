import Foundation
import Workbook

// Exercise 4.6, reference: the learner's stub in Exercises/ documents each formula.

/// Adam with bias-corrected moments kept per parameter name.
public final class Adam {
  /// The learning rate.
  public var lr: Double
  /// The first moment's decay rate β₁.
  public var beta1: Double
  /// The second moment's decay rate β₂.
  public var beta2: Double
  /// The ε added to √v̂.
  public var eps: Double
  /// The number of steps taken so far.
  public var t: Int
  /// First moments, per parameter name.
  public var m: [String: [Double]]
  /// Second moments, per parameter name.
  public var v: [String: [Double]]

  /// An optimizer with no steps taken and no moments.
  public init(lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
    self.lr = lr
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
    self.t = 0
    self.m = [:]
    self.v = [:]
  }

  /// One step: t += 1, update the moments, then θ ← θ − lr · m̂ / (√v̂ + ε) for every name.
  public func step(params: inout [String: [Double]], grads: [String: [Double]]) {
    t += 1
    let correction1 = 1 - pow(beta1, Double(t))
    let correction2 = 1 - pow(beta2, Double(t))
    for (name, g) in grads {
      guard var theta = params[name] else { continue }
      var first = m[name] ?? Array(repeating: 0, count: g.count)
      var second = v[name] ?? Array(repeating: 0, count: g.count)
      for i in g.indices {
        first[i] = beta1 * first[i] + (1 - beta1) * g[i]
        second[i] = beta2 * second[i] + (1 - beta2) * g[i] * g[i]
        let mHat = first[i] / correction1
        let vHat = second[i] / correction2
        theta[i] -= lr * mHat / (vHat.squareRoot() + eps)
      }
      m[name] = first
      v[name] = second
      params[name] = theta
    }
  }
}
