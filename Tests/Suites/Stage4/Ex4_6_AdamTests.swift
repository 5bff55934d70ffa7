import Testing

@Suite("4.6 Adam", .graded)
struct Ex4_6_AdamTests {
  @Test("the first step moves each coordinate by ≈ lr·sign(g), whatever the gradient's size")
  func firstStepFollowsTheSign() throws {
    let adam = Adam()
    let g = [1e-3, -5.0, 200.0, -1e6, 0.0]
    var params = ["w": [0.0, 0.0, 0.0, 0.0, 0.0]]
    adam.step(params: &params, grads: ["w": g])
    #expect(adam.t == 1, "t after one step is \(adam.t), expected 1")
    // After one step m̂ = g and v̂ = g², so the move is lr·g/(|g| + ε) ≈ lr·sign(g).
    TestSupport.expectClose(
      try #require(params["w"], "params[\"w\"] is missing after the step"),
      g.map { -0.001 * $0 / (abs($0) + 1e-8) }, tolerance: 0, relativeTolerance: 1e-12,
      "params after the first step from 0 with lr = 0.001: each should be ≈ −lr·sign(g) "
        + "(bias correction makes m̂ = g and √v̂ = |g|)")
    TestSupport.expectClose(
      adam.m["w"] ?? [], g.map { 0.1 * $0 }, tolerance: 0, relativeTolerance: 1e-12,
      "m[\"w\"] after the first step: the moving average (1 − β₁)·g, before bias correction")
    TestSupport.expectClose(
      adam.v["w"] ?? [], g.map { 0.001 * $0 * $0 }, tolerance: 0, relativeTolerance: 1e-12,
      "v[\"w\"] after the first step: the moving average (1 − β₂)·g², before bias correction")
  }

  @Test("ε is added to √v̂, outside the square root: a gradient of size ε moves by lr/2")
  func epsilonOutsideTheRoot() throws {
    let adam = Adam(lr: 1)
    var params = ["w": [0.0, 0.0]]
    adam.step(params: &params, grads: ["w": [1e-8, -1e-8]])
    TestSupport.expectClose(
      try #require(params["w"], "params[\"w\"] is missing after the step"), [-0.5, 0.5],
      tolerance: 1e-12,
      "params after one step with lr = 1 and g = ±ε = ±1e-8: lr·m̂/(√v̂ + ε) = ±1e-8/2e-8 "
        + "(ε inside the square root, √(v̂ + ε), would move by only about 1e-4)")
  }

  @Test("t counts calls to step: with a constant gradient every step moves by ≈ lr")
  func constantGradient() throws {
    let adam = Adam(lr: 0.01)
    var params = ["w": [1.0, 2.0], "b": [0.0]]
    let grads = ["w": [4.0, -0.5], "b": [0.02]]
    for _ in 0..<50 {
      adam.step(params: &params, grads: grads)
    }
    #expect(
      adam.t == 50,
      "t after 50 steps on two parameters is \(adam.t), expected 50 (once per call, not per name)")
    // With a constant g the corrected moments are m̂ = g and v̂ = g² at every step (up to rounding).
    let move = { (g: Double) in -50 * 0.01 * g / (abs(g) + 1e-8) }
    TestSupport.expectClose(
      try #require(params["w"], "params[\"w\"] is missing"), [1 + move(4), 2 + move(-0.5)],
      tolerance: 0, relativeTolerance: 1e-12,
      "params[\"w\"] after 50 steps with the constant gradient [4, -0.5] and lr = 0.01: "
        + "m̂ = g and v̂ = g² at every step, so each step moves by lr against the sign of g")
    TestSupport.expectClose(
      try #require(params["b"], "params[\"b\"] is missing"), [move(0.02)], tolerance: 0,
      relativeTolerance: 1e-12,
      "params[\"b\"] after 50 steps with the constant gradient [0.02] and lr = 0.01")
  }

  @Test("three steps on two parameters match a reference computation")
  func matchesReference() throws {
    let adam = Adam(lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-6)
    var params = ["w": [1.0, -2.0, 0.5], "b": [0.25]]
    let grads: [[String: [Double]]] = [
      ["w": [0.5, -2.0, 0.0], "b": [3.0]],
      ["w": [0.4, 1.0, -0.25], "b": [-1.0]],
      ["w": [-0.1, 0.5, 2.0], "b": [0.5]],
    ]
    // numpy, the document's formulas in float64.
    let expectedW = [
      [0.9500000999998, -1.9500000249999876, 0.5],
      [0.9008924379812646, -1.9394431792858118, 0.5391851566114307],
      [0.8712332031835709, -1.9397541028924634, 0.5076442210994706],
    ]
    let expectedB = [[0.20000001666666112], [0.18257332082526512], [0.16453641339919942]]
    for (k, g) in grads.enumerated() {
      adam.step(params: &params, grads: g)
      #expect(adam.t == k + 1, "t after step \(k + 1) is \(adam.t)")
      let setting = "after step \(k + 1) (lr 0.05, β₁ 0.8, β₂ 0.99, ε 1e-6)"
      TestSupport.expectClose(
        params["w"] ?? [], expectedW[k], tolerance: 0, relativeTolerance: 1e-12,
        "params[\"w\"] \(setting)")
      TestSupport.expectClose(
        params["b"] ?? [], expectedB[k], tolerance: 0, relativeTolerance: 1e-12,
        "params[\"b\"] \(setting)")
    }
    TestSupport.expectClose(
      adam.m["w"] ?? [], [0.108, 0.004, 0.36], tolerance: 1e-15, relativeTolerance: 1e-12,
      "m[\"w\"] after three steps (moving average of the gradients, not bias-corrected)")
    TestSupport.expectClose(
      adam.m["b"] ?? [], [0.324], tolerance: 1e-15, relativeTolerance: 1e-12,
      "m[\"b\"] after three steps")
    TestSupport.expectClose(
      adam.v["w"] ?? [], [0.00413425, 0.051604, 0.04061875], tolerance: 1e-15,
      relativeTolerance: 1e-12,
      "v[\"w\"] after three steps (moving average of g², not bias-corrected)")
    TestSupport.expectClose(
      adam.v["b"] ?? [], [0.100609], tolerance: 1e-15, relativeTolerance: 1e-12,
      "v[\"b\"] after three steps")
  }

  @Test("each name keeps its own moments, and a name seen for the first time starts from zeros")
  func statePerName() {
    let adam = Adam(beta1: 0.5, beta2: 0.75)
    var params = ["w": [0.0, 0.0]]
    adam.step(params: &params, grads: ["w": [2.0, -4.0]])
    params["b"] = [1.0, 1.0, 1.0]
    adam.step(params: &params, grads: ["w": [1.0, 1.0], "b": [-2.0, 0.0, 6.0]])
    TestSupport.expectClose(
      adam.m["w"] ?? [], [1.0, -0.5], tolerance: 1e-15,
      "m[\"w\"] after two steps with g = [2, -4] then [1, 1] and β₁ = 0.5")
    TestSupport.expectClose(
      adam.v["w"] ?? [], [1.0, 3.25], tolerance: 1e-15,
      "v[\"w\"] after two steps with g = [2, -4] then [1, 1] and β₂ = 0.75")
    TestSupport.expectClose(
      adam.m["b"] ?? [], [-1.0, 0.0, 3.0], tolerance: 1e-15,
      "m[\"b\"] after its first step, g = [-2, 0, 6]: (1 − β₁)·g, starting from zeros")
    TestSupport.expectClose(
      adam.v["b"] ?? [], [1.0, 0.0, 9.0], tolerance: 1e-15,
      "v[\"b\"] after its first step, g = [-2, 0, 6]: (1 − β₂)·g², starting from zeros")
  }

  @Test("behaviour: Adam (lr 0.02) takes Rosenbrock from (0, 0) to within 0.01 of (1, 1)")
  func minimizesRosenbrock() throws {
    let adam = Adam(lr: 0.02)
    var params = ["xy": [0.0, 0.0]]
    var losses: [Double] = []
    for _ in 0..<1000 {
      let xy = try #require(params["xy"], "params[\"xy\"] went missing")
      try #require(xy.count == 2, "params[\"xy\"] became \(xy)")
      adam.step(params: &params, grads: ["xy": rosenbrockGrad(xy)])
      losses.append(rosenbrock(params["xy"] ?? xy))
    }
    let xy = try #require(params["xy"])
    let distance = norm(adding(xy, [1, 1], scaledBy: -1))
    #expect(
      distance < 0.01,
      """
      after 1000 steps from (0, 0) Adam is at \(TestSupport.format(xy)), \(TestSupport.format(distance)) from (1, 1)
      \(TestSupport.lossChart([("Adam, Rosenbrock f", losses)]))
      """)
  }
}
