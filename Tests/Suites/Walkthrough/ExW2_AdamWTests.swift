import Foundation
import Testing

@Suite("W2 Adam with L2 versus AdamW", .graded)
struct ExW2_AdamWTests {
  /// The three gradients of the multi-step cases, for weights (2, −0.5, 0.001).
  private static let gradients: [[Double]] = [[0.1, 0, -3], [0.2, 0, 1], [-0.1, 0, 0.5]]

  private func run(
    _ step: (inout AdamState, [Double], [Double]) -> [Double], from w: [Double],
    gradients: [[Double]]
  ) -> ([Double], AdamState) {
    var state = AdamState(count: w.count)
    var weights = w
    for g in gradients { weights = step(&state, weights, g) }
    return (weights, state)
  }

  @Test("with λ = 0 both are Adam, element for element")
  func noDecay() {
    let w: [Double] = [2, -0.5, 0.001]
    let (l2, l2State) = run(
      { adamL2Step(w: $1, grad: $2, state: &$0, lr: 0.01, weightDecay: 0) }, from: w,
      gradients: Self.gradients)
    let (adamW, adamWState) = run(
      { adamWStep(w: $1, grad: $2, state: &$0, lr: 0.01, weightDecay: 0) }, from: w,
      gradients: Self.gradients)
    TestSupport.expectClose(
      adamW, l2, tolerance: 1e-12, "AdamW with λ = 0 against Adam + L2 with λ = 0: both plain Adam")
    #expect(adamWState == l2State)
  }

  @Test("Adam + L2: λw joins the gradient, so the moments see it (numpy's three steps)")
  func adamWithL2() {
    let (w, state) = run(
      { adamL2Step(w: $1, grad: $2, state: &$0, lr: 0.01, weightDecay: 0.1) },
      from: [2, -0.5, 0.001],
      gradients: Self.gradients)
    TestSupport.expectClose(
      w, [1.9712287164792133, -0.4700213351546591, 0.017050702548275808], tolerance: 1e-12,
      "w after 3 steps")
    TestSupport.expectClose(
      state.m, [0.07001025700115875, -0.013260057814844687, -0.10274290936456346], tolerance: 1e-12,
      "m after 3 steps: it averages g + λw")
    TestSupport.expectClose(
      state.v, [0.00025846639274956963, 7.197657004885355e-06, 0.010234111374239796],
      tolerance: 1e-15, "v after 3 steps")
    #expect(state.t == 3)
  }

  @Test("AdamW: the moments see the gradient alone, the weights decay apart (numpy's three steps)")
  func adamW() {
    let (w, state) = run(
      { adamWStep(w: $1, grad: $2, state: &$0, lr: 0.01, weightDecay: 0.1) },
      from: [2, -0.5, 0.001],
      gradients: Self.gradients)
    let l2 = [1.9712287164792133, -0.4700213351546591, 0.017050702548275808]
    if norm(adding(w, l2, scaledBy: -1)) < 1e-9 {
      Issue.record(
        "this is Adam with L2 regularization: λw was added to the gradient, where the adaptive scaling rescales it. AdamW keeps the gradient as it is and shrinks w by lr·λ·w outside the adaptive step."
      )
      return
    }
    TestSupport.expectClose(
      w, [1.9701829284311194, -0.4985014995, 0.01703228103017136], tolerance: 1e-12,
      "w after 3 steps")
    TestSupport.expectClose(
      state.m, [0.0161, 0, -0.10300000000000001], tolerance: 1e-12,
      "m after 3 steps: the gradients alone")
    TestSupport.expectClose(
      state.v, [5.994001000000007e-05, 0, 0.010231009000000008], tolerance: 1e-15, "v after 3 steps"
    )
  }

  @Test(
    "with no gradient, AdamW shrinks each weight by (1 − lr·λ) a step; L2 moves each by about lr")
  func decayAlone() {
    let zeros: [[Double]] = Array(repeating: [0, 0], count: 10)
    let (adamW, _) = run(
      { adamWStep(w: $1, grad: $2, state: &$0, lr: 0.01, weightDecay: 0.1) }, from: [2, -0.5],
      gradients: zeros)
    TestSupport.expectClose(
      adamW, [2 * pow(0.999, 10), -0.5 * pow(0.999, 10)], tolerance: 1e-12,
      "AdamW, 10 steps with g = 0: w·(1 − lr·λ)¹⁰ (decoupled decay is proportional to w)")
    let (l2, _) = run(
      { adamL2Step(w: $1, grad: $2, state: &$0, lr: 0.01, weightDecay: 0.1) }, from: [2, -0.5],
      gradients: zeros)
    TestSupport.expectClose(
      l2, [1.9001677720986903, -0.40076018260438645], tolerance: 1e-12,
      "Adam + L2, 10 steps with g = 0: Adam normalizes λw, so each weight moves about lr a step, whatever its size"
    )
  }

  @Test("the defaults: lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8, λ 0.01")
  func defaults() {
    var first = AdamState(count: 1)
    var second = AdamState(count: 1)
    let adamW = adamWStep(w: [1], grad: [1], state: &first)
    let l2 = adamL2Step(w: [1], grad: [1], state: &second)
    TestSupport.expectClose(
      adamW, [1 - 0.001 * (1 / (1 + 1e-8) + 0.01)], tolerance: 1e-15,
      "AdamW's first step from w = 1, g = 1")
    TestSupport.expectClose(
      l2, [1 - 0.001 * (1.01 / (1.01 + 1e-8))], tolerance: 1e-15,
      "Adam + L2's first step from w = 1, g = 1")
  }
}
