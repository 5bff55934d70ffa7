import Foundation
import Workbook

// Exercise 4.6 (★★): implement Adam, with its moments kept per parameter name.
// `init` is given; write `step`, which updates every named parameter in place and carries its
// state (`t`, `m`, `v`) from one call to the next.

/// The Adam optimizer: momentum on the gradient, divided per coordinate by the gradient's RMS.
///
/// One optimizer serves all the parameters of a model, each stored under a name (`"w"`, `"b"`,
/// …); each call to ``step(params:grads:)`` is one optimization step for all of them together.
public final class Adam {
  /// The learning rate lr > 0.
  public var lr: Double
  /// The decay rate β₁ of the first moment, in [0, 1).
  public var beta1: Double
  /// The decay rate β₂ of the second moment, in [0, 1).
  public var beta2: Double
  /// The small ε > 0 added to √v̂ so that the step stays finite where v̂ = 0.
  public var eps: Double
  /// The number of steps taken so far (the bias correction's t).
  public var t: Int
  /// First moments, per parameter name.
  public var m: [String: [Double]]
  /// Second moments, per parameter name.
  public var v: [String: [Double]]

  /// Creates an optimizer that has taken no step and holds no moments yet.
  ///
  /// - Parameters:
  ///   - lr: the learning rate, default 0.001.
  ///   - beta1: the first moment's decay rate β₁ in [0, 1), default 0.9.
  ///   - beta2: the second moment's decay rate β₂ in [0, 1), default 0.999.
  ///   - eps: the ε added to √v̂, default 1e-8.
  public init(lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
    self.lr = lr
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
    self.t = 0
    self.m = [:]
    self.v = [:]
  }

  /// Takes one Adam step for every named parameter.
  ///
  /// The step counter goes up once per call, before any update (the first step has t = 1, and
  /// every parameter in a step uses the same t). Then, for each name, element by element, with
  /// g the gradient and θ the parameter:
  ///
  /// ```
  /// m ← β₁m + (1 − β₁)g
  /// v ← β₂v + (1 − β₂)g²
  /// m̂ = m / (1 − β₁ᵗ)          bias correction
  /// v̂ = v / (1 − β₂ᵗ)
  /// θ ← θ − lr · m̂ / (√v̂ + ε)
  /// ```
  ///
  /// `m` and `v` store the moments before bias correction. The first time a name is seen, its
  /// moments start as zeros of its parameter's length.
  ///
  /// - Parameters:
  ///   - params: the parameters θ by name, updated in place.
  ///   - grads: the gradients by name: the same names as `params`, each as long as its parameter.
  public func step(params: inout [String: [Double]], grads: [String: [Double]]) {
    // BEGIN SOLUTION
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
    // END SOLUTION
  }
}
