import Foundation
import Workbook

// Exercise L1 (★★): Lab 02, Part A and the stretch's fifth track. The four optimizers of the race
// (and Nesterov) as pure step functions: each takes the parameters, their gradient and its own
// state, and returns the new parameters and the new state; nothing is kept anywhere else.

/// The state of ``sgdStep(params:grads:state:lr:)``: none; it exists so that every step function
/// has the same shape, as the lab's `state` argument does.
public struct SGDStepState: Sendable, Equatable {
  /// The state before the first step (and after every other).
  public init() {}
}

/// The state of ``momentumStep(params:grads:state:lr:beta:)`` and
/// ``nesterovStep(params:grads:state:lr:beta:)``: the velocity.
public struct MomentumStepState: Sendable, Equatable {
  /// The velocity v; empty before the first step, where it counts as zeros.
  public var v: [Double]

  /// The state before the first step: no velocity yet (v = 0).
  public init() { v = [] }

  /// A state partway through a run.
  public init(v: [Double]) { self.v = v }
}

/// The state of ``adamStep(params:grads:state:lr:beta1:beta2:eps:)`` and
/// ``adamwStep(params:grads:state:lr:beta1:beta2:eps:weightDecay:)``: both moments and the step
/// count.
public struct AdamStepState: Sendable, Equatable {
  /// The first moment m; empty before the first step, where it counts as zeros.
  public var m: [Double]
  /// The second moment v; empty before the first step, where it counts as zeros.
  public var v: [Double]
  /// The number of steps taken so far.
  public var t: Int

  /// The state before the first step: no moments yet (m = v = 0) and t = 0.
  public init() {
    m = []
    v = []
    t = 0
  }

  /// A state partway through a run.
  public init(m: [Double], v: [Double], t: Int) {
    self.m = m
    self.v = v
    self.t = t
  }
}

/// One step of plain gradient descent, the lab's `sgd_step`.
///
/// ```
/// p ← p − lr·g
/// ```
///
/// - Parameters:
///   - params: the parameters p.
///   - grads: the gradient g at p, as many components as p.
///   - state: unused, returned as it is.
///   - lr: the learning rate, > 0.
/// - Returns: the new parameters and the state.
public func sgdStep(params: [Double], grads: [Double], state: SGDStepState, lr: Double) -> (
  params: [Double], state: SGDStepState
) {
  unimplemented()
}

/// One step of heavy-ball momentum, the lab's `momentum_step`: the velocity sums the gradients.
///
/// ```
/// v ← β·v + g          (v = 0 before the first step)
/// p ← p − lr·v
/// ```
///
/// - Parameters:
///   - params: the parameters p.
///   - grads: the gradient g at p.
///   - state: the velocity; `MomentumStepState()` before the first step.
///   - lr: the learning rate, > 0.
///   - beta: β in [0, 1), default 0.9.
/// - Returns: the new parameters and the new velocity.
public func momentumStep(
  params: [Double], grads: [Double], state: MomentumStepState, lr: Double, beta: Double = 0.9
) -> (params: [Double], state: MomentumStepState) {
  unimplemented()
}

/// One step of Adam, the lab's `adam_step`, with bias-corrected moments.
///
/// ```
/// t ← t + 1                                    (so the first step has t = 1)
/// m ← β₁·m + (1 − β₁)·g          m̂ = m / (1 − β₁ᵗ)
/// v ← β₂·v + (1 − β₂)·g²         v̂ = v / (1 − β₂ᵗ)
/// p ← p − lr·m̂ / (√v̂ + ε)
/// ```
///
/// ε goes outside the square root, √v̂ + ε, after the bias correction: the lab's `adam_step`
/// writes `np.sqrt(v_hat) + eps`, as the Stage 4 sheet (4.4 (c), 4.6) and the code of every other
/// document that has ε do; the workbook requires this placement in every exercise. ε inside the
/// root, √(v̂ + ε), is another rule: a coordinate whose gradient is about ε then barely moves, and
/// the tests reject it.
///
/// - Parameters:
///   - params: the parameters p.
///   - grads: the gradient g at p.
///   - state: m, v and t; `AdamStepState()` before the first step.
///   - lr: the learning rate, > 0.
///   - beta1: β₁ in [0, 1), default 0.9.
///   - beta2: β₂ in [0, 1), default 0.999.
///   - eps: ε, added to √v̂ (outside the root), default 1e-8.
/// - Returns: the new parameters and the new state.
public func adamStep(
  params: [Double], grads: [Double], state: AdamStepState, lr: Double, beta1: Double = 0.9,
  beta2: Double = 0.999, eps: Double = 1e-8
) -> (params: [Double], state: AdamStepState) {
  unimplemented()
}

/// One step of AdamW, the lab's `adamw_step`: Adam's step, then a decay of the weights that
/// bypasses the moments (decoupled weight decay).
///
/// ```
/// (p', state') = Adam's step from (p, g, state)
/// p ← p' − lr·λ·p                (λ multiplies the weights before the step)
/// ```
///
/// With λ = 0 this is exactly Adam. The decay is not added to the gradient (that would be L2
/// regularization, whose decay Adam's division by √v̂ rescales).
///
/// - Parameters:
///   - params: the parameters p.
///   - grads: the gradient g at p (of the loss alone).
///   - state: m, v and t; `AdamStepState()` before the first step.
///   - lr: the learning rate, > 0.
///   - beta1: β₁ in [0, 1), default 0.9.
///   - beta2: β₂ in [0, 1), default 0.999.
///   - eps: ε, added to √v̂, default 1e-8.
///   - weightDecay: λ ≥ 0, default 0.
/// - Returns: the new parameters and the new state (the same moments as Adam's).
public func adamwStep(
  params: [Double], grads: [Double], state: AdamStepState, lr: Double, beta1: Double = 0.9,
  beta2: Double = 0.999, eps: Double = 1e-8, weightDecay: Double = 0.0
) -> (params: [Double], state: AdamStepState) {
  unimplemented()
}

/// One step of Nesterov momentum, the stretch's fifth track, in the form a step function that
/// sees only the gradient at p can take (PyTorch's and optax's).
///
/// ```
/// v ← β·v + g                    (v = 0 before the first step)
/// p ← p − lr·(g + β·v)           (the look-ahead β·v is scaled by lr, like g)
/// ```
///
/// - Parameters:
///   - params: the parameters p.
///   - grads: the gradient g at p.
///   - state: the velocity; `MomentumStepState()` before the first step.
///   - lr: the learning rate, > 0.
///   - beta: β in [0, 1), default 0.9.
/// - Returns: the new parameters and the new velocity.
public func nesterovStep(
  params: [Double], grads: [Double], state: MomentumStepState, lr: Double, beta: Double = 0.9
) -> (params: [Double], state: MomentumStepState) {
  unimplemented()
}
