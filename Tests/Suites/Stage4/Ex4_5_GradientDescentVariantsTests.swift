import Testing

@Suite("4.5 Gradient descent variants", .graded)
struct Ex4_5_GradientDescentVariantsTests {
  /// The ill-conditioned bowl f(x, y) = ½(x² + 25y²) on which the three methods are compared.
  let bowl = Quadratic(a: .diagonal([1, 25]))

  @Test("sgd steps against the gradient: θ − lr·g")
  func sgdStep() {
    var params = [1.0, -2.0, 3.0]
    sgd(params: &params, grads: [0.5, -1.0, 0.0], lr: 0.1)
    TestSupport.expectClose(
      params, [0.95, -1.9, 3.0], tolerance: 1e-12, "params after one sgd step")
  }

  @Test("sgdMomentum sums gradients into the velocity: v ← βv + g, θ ← θ − lr·v")
  func momentumSumsGradients() {
    var params = [1.0, -1.0]
    var velocity = [0.0, 0.0]
    sgdMomentum(params: &params, grads: [2.0, -4.0], velocity: &velocity, lr: 0.1)
    TestSupport.expectClose(
      velocity, [2.0, -4.0], tolerance: 1e-12, "velocity after the first step (v = g)")
    TestSupport.expectClose(params, [0.8, -0.6], tolerance: 1e-12, "params after the first step")

    sgdMomentum(params: &params, grads: [1.0, 1.0], velocity: &velocity, lr: 0.1, beta: 0.5)
    TestSupport.expectClose(
      velocity, [2.0, -1.0], tolerance: 1e-12, "velocity after the second step, β = 0.5")
    TestSupport.expectClose(params, [0.6, -0.5], tolerance: 1e-12, "params after the second step")
  }

  @Test("sgdMomentum with β = 0 is plain sgd")
  func momentumWithoutBetaIsSGD() {
    var plain = [0.3, -0.7]
    var heavy = plain
    var velocity = [5.0, 5.0]
    sgd(params: &plain, grads: [1.5, 2.5], lr: 0.2)
    sgdMomentum(params: &heavy, grads: [1.5, 2.5], velocity: &velocity, lr: 0.2, beta: 0)
    TestSupport.expectClose(heavy, plain, tolerance: 1e-12, "momentum with β = 0 against sgd")
  }

  @Test("sgdNesterov looks ahead: θ ← θ − lr·(g + βv)")
  func nesterovLooksAhead() {
    var params = [1.0, 2.0]
    var velocity = [0.0, 0.0]
    sgdNesterov(params: &params, grads: [1.0, -2.0], velocity: &velocity, lr: 0.1)
    TestSupport.expectClose(
      velocity, [1.0, -2.0], tolerance: 1e-12, "velocity after the first step (v = g)")
    TestSupport.expectClose(
      params, [0.81, 2.38], tolerance: 1e-12, "params after the first step, lr·(1 + β)·g")

    sgdNesterov(params: &params, grads: [0.5, 0.5], velocity: &velocity, lr: 0.1, beta: 0.5)
    TestSupport.expectClose(
      velocity, [1.0, -0.5], tolerance: 1e-12, "velocity after the second step, β = 0.5")
    TestSupport.expectClose(
      params, [0.71, 2.355], tolerance: 1e-12, "params after the second step")
  }

  @Test("a zero gradient with zero velocity leaves the parameters where they are")
  func zeroGradient() {
    let start = [0.25, -4.0]
    var (a, b, c) = (start, start, start)
    var (vb, vc) = ([0.0, 0.0], [0.0, 0.0])
    sgd(params: &a, grads: [0, 0], lr: 0.5)
    sgdMomentum(params: &b, grads: [0, 0], velocity: &vb, lr: 0.5)
    sgdNesterov(params: &c, grads: [0, 0], velocity: &vc, lr: 0.5)
    TestSupport.expectClose(a, start, tolerance: 0, "sgd")
    TestSupport.expectClose(b, start, tolerance: 0, "sgdMomentum")
    TestSupport.expectClose(c, start, tolerance: 0, "sgdNesterov")
  }

  @Test("compare: on an ill-conditioned bowl both momentum methods beat plain sgd")
  func momentumBeatsSGD() {
    let lr = 0.02
    var (plain, heavy, nesterov) = ([1.0, 1.0], [1.0, 1.0], [1.0, 1.0])
    var (vHeavy, vNesterov) = ([0.0, 0.0], [0.0, 0.0])
    var losses: [[Double]] = [[], [], []]
    for _ in 0..<100 {
      sgd(params: &plain, grads: bowl.gradient(plain), lr: lr)
      sgdMomentum(params: &heavy, grads: bowl.gradient(heavy), velocity: &vHeavy, lr: lr)
      sgdNesterov(params: &nesterov, grads: bowl.gradient(nesterov), velocity: &vNesterov, lr: lr)
      for (i, p) in [plain, heavy, nesterov].enumerated() { losses[i].append(bowl.value(p)) }
    }
    let chart = TestSupport.lossChart([
      ("sgd", losses[0]), ("sgdMomentum", losses[1]), ("sgdNesterov", losses[2]),
    ])
    let (fPlain, fHeavy, fNesterov) = (losses[0][99], losses[1][99], losses[2][99])
    #expect(
      fHeavy < fPlain / 50, "after 100 steps momentum f = \(fHeavy), sgd f = \(fPlain)\n\(chart)")
    #expect(
      fNesterov < fPlain / 50,
      "after 100 steps Nesterov f = \(fNesterov), sgd f = \(fPlain)\n\(chart)")
  }
}
