import Foundation
import Testing

@Suite("T5 The optimizer family on Beale's function", .graded)
struct ExT5_AdaptiveOptimizersTests {
  private static let start: [Double] = [3, 3]

  @Test("the first step of each optimizer from (3, 3), the chapter's start and rates")
  func firstSteps() {
    let g = bealeGradient(Self.start)
    let sgd = SGD(learningRate: 0.001).update(x: Self.start, grad: g)
    TestSupport.expectClose(
      sgd, adding(Self.start, g, scaledBy: -0.001), tolerance: 1e-12, "SGD: x − ηg")
    let momentum = Momentum(learningRate: 0.001).update(x: Self.start, grad: g)
    TestSupport.expectClose(
      momentum, sgd, tolerance: 1e-12, "Momentum's first step: v = g, the SGD step")
    TestSupport.expectClose(
      AdaGrad(learningRate: 0.5).update(x: Self.start, grad: g),
      [2.500000000001077, 2.5000000000003557],
      tolerance: 1e-12, "AdaGrad's first step: G = g², so x − η g/(|g| + ε) ≈ x − η·sign(g)")
    TestSupport.expectClose(
      RMSProp(learningRate: 0.01).update(x: Self.start, grad: g),
      [2.9683772233985315, 2.968377223398387],
      tolerance: 1e-12, "RMSProp's first step: G = (1 − β)g², so x − η g/(√(0.1)|g| + ε)")
    TestSupport.expectClose(
      AdamOptimizer(learningRate: 0.01).update(x: Self.start, grad: g),
      [2.9900000000000215, 2.9900000000000073],
      tolerance: 1e-12,
      "Adam's first step: bias correction makes m̂ = g and √v̂ = |g|, so x − η·sign(g)")
  }

  @Test("the state carries over: the second step of each stateful optimizer")
  func secondSteps() {
    let (g1, g2): ([Double], [Double]) = ([2, -1], [1, 3])
    let x: [Double] = [0, 0]
    let momentum = Momentum(learningRate: 0.1, beta: 0.5)
    _ = momentum.update(x: x, grad: g1)
    TestSupport.expectClose(
      momentum.update(x: x, grad: g2), [-0.2, -0.25], tolerance: 1e-12,
      "Momentum: v = βv + g = (2, 2.5)")
    let adagrad = AdaGrad(learningRate: 1, epsilon: 0)
    _ = adagrad.update(x: x, grad: g1)
    TestSupport.expectClose(
      adagrad.update(x: x, grad: g2), [-1 / 5.0.squareRoot(), -3 / 10.0.squareRoot()],
      tolerance: 1e-12,
      "AdaGrad: G sums every g² (G = (5, 10)), not an average")
    let rmsprop = RMSProp(learningRate: 1, beta: 0.5, epsilon: 0)
    _ = rmsprop.update(x: x, grad: g1)
    TestSupport.expectClose(
      rmsprop.update(x: x, grad: g2), [-1 / 1.5.squareRoot(), -3 / 4.75.squareRoot()],
      tolerance: 1e-12,
      "RMSProp: G = βG + (1 − β)g² = (1.5, 4.75) after G = (2, 0.5)")
    let adam = AdamOptimizer(learningRate: 1, beta1: 0.5, beta2: 0.5, epsilon: 0)
    _ = adam.update(x: x, grad: g1)
    // m = (1, 1.25), v = (1.5, 4.75); m̂ = m/0.75, v̂ = v/0.75 (1 − 0.5² = 0.75).
    TestSupport.expectClose(
      adam.update(x: x, grad: g2), [-0.9428090415820632, -0.662266178532522],
      tolerance: 1e-12, "Adam at t = 2: both moments bias-corrected with t = 2")
    #expect(adam.t == 2, "t counts the steps taken")
  }

  @Test("the defaults: Momentum's β = 0.9; Adam's β₁ = 0.9, β₂ = 0.999 and ε = 1e-8")
  func defaults() {
    let (g1, g2): ([Double], [Double]) = ([1, -2], [0.5, 4])
    let momentum = Momentum(learningRate: 0.5)
    _ = momentum.update(x: [0, 0], grad: g1)
    let carried = momentum.update(x: [0, 0], grad: g2)
    let velocity = (0..<2).map { 0.9 * g1[$0] + g2[$0] }
    let momentumAgrees = zip(carried, velocity).allSatisfy {
      $0.isApproximatelyEqual(to: -0.5 * $1, absoluteTolerance: 1e-12)
    }
    #expect(
      momentumAgrees && carried.count == 2,
      "Momentum(learningRate: 0.5), second step from (0, 0) with g = (1, −2) then (0.5, 4), went to \(TestSupport.format(carried)): β is 0.9 unless given (v = 0.9v + g)"
    )
    let adam = AdamOptimizer(learningRate: 1)
    _ = adam.update(x: [0, 0], grad: g1)
    let second = adam.update(x: [0, 0], grad: g2)
    let expectedSecond = (0..<2).map { i -> Double in
      let m = 0.9 * 0.1 * g1[i] + 0.1 * g2[i]
      let v = 0.999 * 0.001 * g1[i] * g1[i] + 0.001 * g2[i] * g2[i]
      return -(m / 0.19) / ((v / 0.001999).squareRoot() + 1e-8)
    }
    let adamAgrees = zip(second, expectedSecond).allSatisfy {
      $0.isApproximatelyEqual(to: $1, absoluteTolerance: 1e-12)
    }
    #expect(
      adamAgrees && second.count == 2,
      "AdamOptimizer(learningRate: 1), second step from (0, 0) with g = (1, −2) then (0.5, 4), went to \(TestSupport.format(second)): β₁ = 0.9 and β₂ = 0.999 unless given"
    )
    let tiny = AdamOptimizer(learningRate: 1).update(x: [0, 0], grad: [1e-8, 0])
    let tinyAgrees =
      tiny.count == 2 && tiny[0].isApproximatelyEqual(to: -0.5, absoluteTolerance: 1e-12)
      && tiny[1] == 0
    #expect(
      tinyAgrees,
      "AdamOptimizer(learningRate: 1), first step with g = (1e-8, 0), went to \(TestSupport.format(tiny)): m̂ = g and √v̂ = |g|, so the step is g/(|g| + ε) with ε = 1e-8 unless given, and 0 where g = 0"
    )
  }

  @Test(
    "ε is added outside the square root, as the chapter's code does (its formulas put it inside)")
  func epsilonPlacement() {
    let tiny: [Double] = [1e-8, 0]
    let adagrad = AdaGrad(learningRate: 1).update(x: [0, 0], grad: tiny)
    TestSupport.expectClose(
      adagrad, [-0.5, 0], tolerance: 1e-12,
      "AdaGrad with g = (1e-8, 0): η·g/(√G + ε) = 1e-8/(1e-8 + 1e-8) = 0.5, and 0 where g = 0 (not NaN)"
    )
    let rmsprop = RMSProp(learningRate: 1, beta: 0).update(x: [0, 0], grad: tiny)
    TestSupport.expectClose(
      rmsprop, [-0.5, 0], tolerance: 1e-12, "RMSProp with β = 0 and g = (1e-8, 0)")
  }

  @Test("the chapter's race, 500 steps from (3, 3): SGD and Momentum diverge at lr 1e-3")
  func race() {
    for (name, optimizer) in [
      ("SGD", SGD(learningRate: 0.001) as Optimizer), ("Momentum", Momentum(learningRate: 0.001)),
    ] {
      let run = runOptimizer(optimizer, x0: Self.start, nIterations: 500)
      #expect(run.count == 501, "\(name): 500 steps visit 501 points")
      let finite = (run.last ?? [0]).allSatisfy { $0.isFinite }
      #expect(
        !finite,
        "\(name) at lr 0.001 from (3, 3) overflows within 5 steps (the gradient there is about 2·10⁴); it ended at \(run.last ?? [])"
      )
    }
    let ends: [(String, Optimizer, [Double])] = [
      ("AdaGrad", AdaGrad(learningRate: 0.5), [1.445509218925409, 0.7813255997449036]),
      ("Adam", AdamOptimizer(learningRate: 0.01), [1.6631383653600738, 1.5928258633378412]),
    ]
    // RMSProp at lr 0.01 hops about the valley floor: a rounding difference at the start moves
    // its end by 0.01, so it is checked by where it ends up, not by its exact point.
    let rmsprop =
      runOptimizer(RMSProp(learningRate: 0.01), x0: Self.start, nIterations: 500).last ?? []
    #expect(
      norm(adding(rmsprop, [3, 0.5], scaledBy: -1)) < 0.08 && beale(rmsprop) < 0.01,
      "RMSProp should end near Beale's minimum (3, 0.5) after 500 steps; it ended at \(TestSupport.format(rmsprop))"
    )
    for (name, optimizer, end) in ends {
      let run = runOptimizer(optimizer, x0: Self.start, nIterations: 500)
      TestSupport.expectClose(
        run.last ?? [], end, tolerance: 1e-6,
        "\(name)'s point after 500 steps from (3, 3) (numpy's run of the chapter's code)")
    }
  }

  @Test("from (1, 1), 2000 steps: momentum, AdaGrad and Adam reach Beale's minimum (3, 0.5)")
  func convergence() {
    for (name, optimizer) in [
      ("Momentum", Momentum(learningRate: 0.001) as Optimizer),
      ("AdaGrad", AdaGrad(learningRate: 0.5)),
      ("Adam", AdamOptimizer(learningRate: 0.01)),
    ] {
      let end = runOptimizer(optimizer, x0: [1, 1], nIterations: 2000).last ?? []
      #expect(
        norm(adding(end, [3, 0.5], scaledBy: -1)) < 0.01,
        "\(name) ended at \(TestSupport.format(end))")
    }
  }

  @Test("runOptimizer with another gradient: x₀ first, then one point per step")
  func otherGradient() {
    let run = runOptimizer(SGD(learningRate: 0.25), x0: [4], nIterations: 3) { [2 * $0[0]] }
    TestSupport.expectClose(
      run.flatMap { $0 }, [4, 2, 1, 0.5], tolerance: 0, "SGD on x² from 4 with η = 0.25")
  }
}
