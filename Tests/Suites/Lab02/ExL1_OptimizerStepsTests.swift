import Foundation
import Testing

@Suite("L1 The four optimizers as pure step functions", .graded)
struct ExL1_OptimizerStepsTests {
  /// The lab's start, (−1.5, 2.0).
  private static let labStart: [Double] = [-1.5, 2.0]

  /// `n` steps of `step` on Rosenbrock's function (the library's `rosenbrockGrad`) from `start`.
  private static func descend<State>(
    _ n: Int, from start: [Double], state: State,
    _ step: ([Double], [Double], State) -> (params: [Double], state: State)
  ) -> (params: [Double], state: State) {
    var current = (params: start, state: state)
    for _ in 0..<n { current = step(current.params, rosenbrockGrad(current.params), current.state) }
    return current
  }

  /// Whether every component of `v` is finite.
  private static func finite(_ v: [Double]) -> Bool { v.allSatisfy(\.isFinite) }

  /// Whether `a` and `b` agree within `tolerance` by norm (for recognising a known wrong answer).
  private static func near(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && norm(adding(a, b, scaledBy: -1)) < tolerance
  }

  @Test("SGD: p − lr·g, by hand and for three steps of the lab's race; the state passes through")
  func sgd() {
    let (params, state) = sgdStep(
      params: [1, -2, 0.5], grads: [0.5, -1, 4], state: SGDStepState(), lr: 0.1)
    if Self.near(params, [1.05, -2.1, 0.9]) {
      Issue.record("the step climbs: gradient descent moves against the gradient, p − lr·g")
    }
    TestSupport.expectClose(
      params, [0.95, -1.9, 0.1], tolerance: 1e-15,
      "one step from p = (1, −2, 0.5), g = (0.5, −1, 4), lr 0.1")
    #expect(state == SGDStepState())
    TestSupport.expectClose(
      Self.descend(3, from: Self.labStart, state: SGDStepState()) {
        sgdStep(params: $0, grads: $1, state: $2, lr: 2e-3)
      }.params, [0.4231308479599596, 2.438812078817536], tolerance: 1e-12,
      "3 steps on Rosenbrock from (−1.5, 2), lr 2e-3 (numpy, the lab's sgd_step)")
    TestSupport.expectClose(
      Self.descend(4, from: [0.5, 0.5], state: SGDStepState()) {
        sgdStep(params: $0, grads: $1, state: $2, lr: 1e-3)
      }.params, [0.6141447682496917, 0.3967189745088165], tolerance: 1e-12,
      "4 steps on Rosenbrock from (0.5, 0.5), lr 1e-3 (numpy)")
  }

  @Test("momentum: v ← βv + g, p ← p − lr·v, from a fresh state and from a given one")
  func momentum() throws {
    let p0: [Double] = [1, -2, 0.5]
    let first = momentumStep(params: p0, grads: [0.5, -1, 4], state: MomentumStepState(), lr: 0.1)
    if Self.near(first.params, [0.995, -1.99, 0.46]) {
      Issue.record(
        "this is an exponential average, v ← βv + (1 − β)g; the lab's momentum sums the gradients, v ← βv + g (no 1 − β factor)"
      )
    }
    TestSupport.expectClose(
      first.params, [0.95, -1.9, 0.1], tolerance: 1e-15,
      "first step from MomentumStepState() (v = 0): v = g, so it is SGD's step")
    try #require(
      first.state.v.count == 3, "the returned velocity has one component per parameter")
    TestSupport.expectClose(
      first.state.v, [0.5, -1, 4], tolerance: 1e-15, "v after the first step")
    let second = momentumStep(params: first.params, grads: [1, 1, -2], state: first.state, lr: 0.1)
    TestSupport.expectClose(
      second.params, [0.805, -1.91, -0.06], tolerance: 1e-14,
      "second step with g = (1, 1, −2) and the default β: v = β·v₁ + g")
    let given = momentumStep(
      params: [0, 0], grads: [1, 1], state: MomentumStepState(v: [2, -2]), lr: 0.5, beta: 0.5)
    TestSupport.expectClose(
      given.params, [-1, 0], tolerance: 1e-15,
      "from v = (2, −2) with β = 0.5, g = (1, 1), lr 0.5: the step uses the state's velocity and β")
    let race = Self.descend(5, from: Self.labStart, state: MomentumStepState()) {
      momentumStep(params: $0, grads: $1, state: $2, lr: 2e-3)
    }
    TestSupport.expectClose(
      race.params, [-1.4293385846428652, 1.721096425846658], tolerance: 1e-12,
      "5 steps of the lab's Momentum track (lr 2e-3, β 0.9) from (−1.5, 2) (numpy)")
    TestSupport.expectClose(
      race.state.v, [37.52617933507931, 53.53678333489829], tolerance: 1e-10, "v after 5 steps")
    TestSupport.expectClose(
      Self.descend(5, from: [0.5, 0.5], state: MomentumStepState()) {
        momentumStep(params: $0, grads: $1, state: $2, lr: 1e-3, beta: 0.5)
      }.params, [0.6369293556709117, 0.36871652665088384], tolerance: 1e-12,
      "5 steps from (0.5, 0.5), lr 1e-3, β 0.5 (numpy)")
  }

  @Test("Adam: the first step moves each coordinate by about lr; ε sits outside the root")
  func adamFirstStep() throws {
    let p0: [Double] = [1, -2, 0.5, 3]
    let g: [Double] = [0.5, -1, 4, 1e-8]
    let (params, state) = adamStep(params: p0, grads: g, state: AdamStepState(), lr: 0.1)
    guard Self.finite(params) else {
      Issue.record(
        "the first step is not finite, \(TestSupport.format(params)): with t = 0 the bias correction divides by 1 − β⁰ = 0. t counts steps from 1: increment it before correcting the moments."
      )
      return
    }
    if Self.near(
      params, [0.6837724339830356, -1.6837723339831303, 0.18377225898316002, 2.9903065343003172],
      1e-6)
    {
      Issue.record(
        "the moments are not bias-corrected: m = 0.1·g and v = 0.001·g² after one step, so m/√v moves each coordinate by about 3.16·lr. Divide m by 1 − β₁ᵗ and v by 1 − β₂ᵗ."
      )
    }
    TestSupport.expectClose(
      params, [0.900000002, -1.900000001, 0.40000000025, 2.95], tolerance: 1e-12,
      "first step from AdamStepState(), lr 0.1, default β₁, β₂, ε: m̂ = g, v̂ = g², so each coordinate moves by lr·g/(|g| + ε); the last, g = 1e-8 = ε, moves by lr/2"
    )
    try #require(state.m.count == 4 && state.v.count == 4, "one moment per parameter")
    TestSupport.expectClose(
      state.m, [0.05, -0.1, 0.4, 1e-9], tolerance: 1e-15, "m after one step: (1 − β₁)·g, not m̂")
    TestSupport.expectClose(
      state.v, [0.00025, 0.001, 0.016, 1e-19], tolerance: 1e-15,
      "v after one step: (1 − β₂)·g², not v̂")
  }

  @Test("Adam's bias correction: t counts steps from 1, and the state carries it")
  func biasCorrection() {
    let (first, firstState) = adamStep(
      params: [1, 1], grads: [1, -1], state: AdamStepState(), lr: 0.01)
    #expect(
      firstState.t == 1,
      "after one step from AdamStepState() the returned state must have t = 1 (got \(firstState.t)): the next step's bias correction uses it"
    )
    #expect(
      Self.finite(first), "the first step must be finite: it corrects with t = 1, 1 − β₁¹ = 0.1")
    let state = AdamStepState(m: [0.2, -0.1], v: [0.05, 0.002], t: 4)
    let (params, next) = adamStep(params: [1, 1], grads: [0.3, 0.1], state: state, lr: 0.01)
    #expect(next.t == 5, "a step from t = 4 returns t = 5 (got \(next.t))")
    if Self.near(params, [0.998274826752504, 1.0032808033406382]) {
      Issue.record(
        "the step was corrected with the old t (4): t ← t + 1 comes before m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ)"
      )
    }
    TestSupport.expectClose(
      params, [0.9983806272043169, 1.0030796000798594], tolerance: 1e-12,
      "one step from m = (0.2, −0.1), v = (0.05, 0.002), t = 4 with g = (0.3, 0.1), lr 0.01 (numpy)"
    )
    TestSupport.expectClose(next.m, [0.21, -0.08], tolerance: 1e-15, "m after that step")
    TestSupport.expectClose(next.v, [0.05004, 0.002008], tolerance: 1e-15, "v after that step")
    let race = Self.descend(10, from: Self.labStart, state: AdamStepState()) {
      adamStep(params: $0, grads: $1, state: $2, lr: 5e-2)
    }
    #expect(race.state.t == 10, "10 steps, t = 10 (got \(race.state.t))")
    TestSupport.expectClose(
      race.params, [-1.456196136578357, 2.012379848113389], tolerance: 1e-12,
      "10 steps of the lab's Adam track (lr 5e-2) from (−1.5, 2) (numpy)")
    TestSupport.expectClose(
      race.state.v, [57.03201354689871, 6.8917943920508025], tolerance: 1e-9,
      relativeTolerance: 1e-12,
      "v after 10 steps")
    TestSupport.expectClose(
      Self.descend(3, from: [0.5, 0.5], state: AdamStepState()) {
        adamStep(params: $0, grads: $1, state: $2, lr: 5e-2, beta1: 0.8, beta2: 0.99, eps: 1e-6)
      }.params, [0.6385980197265096, 0.36369777731350655], tolerance: 1e-12,
      "3 steps from (0.5, 0.5) with lr 5e-2, β₁ 0.8, β₂ 0.99, ε 1e-6 (numpy): every argument counts"
    )
  }

  @Test("AdamW with weight decay 0 is Adam, element for element, along 200 steps of the race")
  func adamwWithoutDecay() {
    var adam = (params: Self.labStart, state: AdamStepState())
    var adamw = adam
    var adamwDefault = adam
    for step in 1...200 {
      adam = adamStep(
        params: adam.params, grads: rosenbrockGrad(adam.params), state: adam.state, lr: 5e-2)
      adamw = adamwStep(
        params: adamw.params, grads: rosenbrockGrad(adamw.params), state: adamw.state, lr: 5e-2,
        weightDecay: 0)
      adamwDefault = adamwStep(
        params: adamwDefault.params, grads: rosenbrockGrad(adamwDefault.params),
        state: adamwDefault.state, lr: 5e-2)
      let worst = max(
        zip(adam.params, adamw.params).map { abs($0 - $1) }.max() ?? .infinity,
        zip(adam.params, adamwDefault.params).map { abs($0 - $1) }.max() ?? .infinity)
      guard worst <= 1e-12 else {
        Issue.record(
          "at step \(step) AdamW (weightDecay 0, and the default) is \(TestSupport.format(worst)) away from your adamStep: with no decay AdamW must do exactly Adam's arithmetic (the lab's check is < 1e-12)"
        )
        return
      }
    }
    #expect(adamw.state == adam.state, "with no decay the moments and t are Adam's")
  }

  @Test("AdamW's decay is decoupled: p − lr·λ·p beside Adam's step, never added to the gradient")
  func adamwDecoupled() throws {
    let gradients: [[Double]] = [[0.3, 0, -2], [-0.1, 0, 1], [0.2, 0, 0.5]]
    var params: [Double] = [1.5, -0.8, 0.01]
    var state = AdamStepState()
    var adamState = AdamStepState()
    var adamParams = params
    for g in gradients {
      (params, state) = adamwStep(
        params: params, grads: g, state: state, lr: 0.02, weightDecay: 0.2)
      (adamParams, adamState) = adamStep(params: adamParams, grads: g, state: adamState, lr: 0.02)
    }
    if Self.near(params, [1.444197340865578, -0.7400547725829549, 0.036420678965734594]) {
      Issue.record(
        "this is Adam with L2 regularization: λ·p was added to the gradient, so the moments average it and the division by √v̂ rescales it. Decoupled decay leaves the gradient alone and subtracts lr·λ·p from the weights next to Adam's step."
      )
      return
    }
    if Self.near(params, [1.4423569994030525, -0.7904383488000001, 0.03614851618005079]) {
      Issue.record(
        "the decay was taken from the weights after Adam's step; the lab's AdamW decays the weights the step started from (p − lr·λ·p with the old p)"
      )
      return
    }
    TestSupport.expectClose(
      params, [1.4421975017942295, -0.7904383488000001, 0.0362540103038261], tolerance: 1e-12,
      "3 steps from (1.5, −0.8, 0.01) with lr 0.02, λ 0.2 (numpy, the lab's adamw_step)")
    TestSupport.expectClose(
      state.m, adamState.m, tolerance: 1e-15,
      "AdamW's m must be Adam's: the moments see the gradient alone")
    TestSupport.expectClose(
      state.v, adamState.v, tolerance: 1e-15,
      "AdamW's v must be Adam's: the moments see the gradient alone")
    #expect(state.t == 3)

    var decayed: [Double] = [2, -0.5]
    var zeroState = AdamStepState()
    for _ in 0..<5 {
      (decayed, zeroState) = adamwStep(
        params: decayed, grads: [0, 0], state: zeroState, lr: 0.05, weightDecay: 0.3)
    }
    if Self.near(decayed, [1.7506337687295146, -0.2539818460532557]) {
      Issue.record(
        "with g = 0 your AdamW moved each weight by about lr a step, whatever its size: that is L2 through Adam's normalization, not decoupled decay"
      )
    }
    TestSupport.expectClose(
      decayed, [2 * pow(0.985, 5), -0.5 * pow(0.985, 5)], tolerance: 1e-12,
      "5 steps with g = 0, lr 0.05, λ 0.3: Adam's step is 0, so only the decay acts, in proportion to each weight"
    )
  }

  @Test("Nesterov: v ← βv + g, p ← p − lr·(g + βv), the look-ahead scaled by lr")
  func nesterov() {
    let first = nesterovStep(
      params: [1, -2], grads: [0.5, -1], state: MomentumStepState(), lr: 0.1)
    if Self.near(first.params, [0.95, -1.9]) {
      Issue.record(
        "this step is heavy-ball momentum's (p − lr·v); Nesterov's adds the look-ahead: p − lr·(g + β·v) with the new v"
      )
    }
    if Self.near(first.params, [0.5, -1.0]) {
      Issue.record(
        "the look-ahead β·v was not multiplied by lr: the step is p − lr·(g + β·v), both terms scaled by the learning rate"
      )
    }
    TestSupport.expectClose(
      first.params, [0.905, -1.81], tolerance: 1e-15,
      "first step from MomentumStepState(), lr 0.1, default β: v = g")
    TestSupport.expectClose(first.state.v, [0.5, -1], tolerance: 1e-15, "v after the first step")
    let given = nesterovStep(
      params: [0, 0], grads: [1, 1], state: MomentumStepState(v: [2, -2]), lr: 0.5, beta: 0.5)
    if Self.near(given.params, [-1, 0]) {
      Issue.record(
        "the look-ahead used the old velocity: update v ← βv + g first, then step with the new v")
    }
    TestSupport.expectClose(
      given.params, [-1, -0.5], tolerance: 1e-15,
      "from v = (2, −2) with β = 0.5, g = (1, 1), lr 0.5")
    TestSupport.expectClose(given.state.v, [2, 0], tolerance: 1e-15, "v after that step")
    let race = Self.descend(6, from: Self.labStart, state: MomentumStepState()) {
      nesterovStep(params: $0, grads: $1, state: $2, lr: 1e-3)
    }
    TestSupport.expectClose(
      race.params, [-0.9170388534037572, 1.359491436882311], tolerance: 1e-12,
      "6 steps from (−1.5, 2), lr 1e-3, β 0.9 (numpy)")
    TestSupport.expectClose(
      race.state.v, [-184.7101970560391, 114.57199222985595], tolerance: 1e-9, "v after 6 steps")
    TestSupport.expectClose(
      Self.descend(4, from: [0.5, 0.5], state: MomentumStepState()) {
        nesterovStep(params: $0, grads: $1, state: $2, lr: 1e-3, beta: 0.5)
      }.params, [0.630972337016383, 0.37778120772124646], tolerance: 1e-12,
      "4 steps from (0.5, 0.5), lr 1e-3, β 0.5 (numpy)")
  }
}
