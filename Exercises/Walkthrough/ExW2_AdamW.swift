import Foundation
import Workbook

// Exercise W2 (★★): the walkthrough's interview question, as code. Adam with L2 regularization
// adds λw to the gradient, where the adaptive scaling then rescales it; AdamW decays the weights
// outside the adaptive step (Loshchilov & Hutter, "Decoupled Weight Decay Regularization").

/// Adam's state for one parameter vector: both moments and the step count.
public struct AdamState: Sendable, Equatable {
  /// The first moment m.
  public var m: [Double]
  /// The second moment v.
  public var v: [Double]
  /// Steps taken so far.
  public var t: Int

  /// The state before the first step: zero moments for `count` weights.
  public init(count: Int) {
    m = Array(repeating: 0, count: count)
    v = Array(repeating: 0, count: count)
    t = 0
  }
}

/// One step of Adam with L2 regularization: the decay term joins the gradient.
///
/// ```
/// g' = g + λw
/// t ← t + 1;  m ← β₁m + (1 − β₁)g';  v ← β₂v + (1 − β₂)g'²
/// w ← w − lr · m̂ / (√v̂ + ε)          m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
/// ```
///
/// - Parameters:
///   - w: the weights.
///   - grad: the loss's gradient g at w.
///   - state: the moments and step count, updated.
///   - lr: the learning rate, default 0.001.
///   - beta1: β₁, default 0.9.
///   - beta2: β₂, default 0.999.
///   - eps: ε, added to √v̂, default 1e-8.
///   - weightDecay: λ ≥ 0, default 0.01.
/// - Returns: the new weights.
public func adamL2Step(
  w: [Double], grad: [Double], state: inout AdamState, lr: Double = 0.001, beta1: Double = 0.9,
  beta2: Double = 0.999, eps: Double = 1e-8, weightDecay: Double = 0.01
) -> [Double] {
  unimplemented()
}

/// One step of AdamW: the moments see the loss's gradient alone, and the weights decay apart.
///
/// ```
/// t ← t + 1;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²
/// w ← w − lr · (m̂ / (√v̂ + ε) + λw)
/// ```
///
/// With λ = 0 this is exactly Adam.
///
/// - Parameters:
///   - w: the weights.
///   - grad: the loss's gradient g at w.
///   - state: the moments and step count, updated.
///   - lr: the learning rate, default 0.001.
///   - beta1: β₁, default 0.9.
///   - beta2: β₂, default 0.999.
///   - eps: ε, added to √v̂, default 1e-8.
///   - weightDecay: λ ≥ 0, default 0.01.
/// - Returns: the new weights.
public func adamWStep(
  w: [Double], grad: [Double], state: inout AdamState, lr: Double = 0.001, beta1: Double = 0.9,
  beta2: Double = 0.999, eps: Double = 1e-8, weightDecay: Double = 0.01
) -> [Double] {
  unimplemented()
}
