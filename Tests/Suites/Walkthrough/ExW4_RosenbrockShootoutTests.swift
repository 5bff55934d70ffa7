import Testing

@Suite("W4 The Rosenbrock shootout", .graded)
struct ExW4_RosenbrockShootoutTests {
  private static let start: [Double] = [-2, 2]
  private static let optimum: [Double] = [1, 1]

  private func distance(_ point: [Double]) -> Double {
    norm(adding(point, Self.optimum, scaledBy: -1))
  }

  @Test("the first step of each, by hand")
  func firstSteps() {
    TestSupport.expectClose(
      runSgd(start: Self.start, steps: 1).last ?? [], [-0.394, 2.4], tolerance: 1e-12,
      "SGD: (−2, 2) − 0.001·∇f(−2, 2), with ∇f = (−1606, −400)")
    TestSupport.expectClose(
      runMomentum(start: Self.start, steps: 1).last ?? [], [-0.394, 2.4], tolerance: 1e-12,
      "momentum: v₁ = ∇f(x₀)")
    TestSupport.expectClose(
      runAdam(start: Self.start, steps: 1).last ?? [], [-1.99, 2.01], tolerance: 1e-12,
      "Adam: each coordinate moves by lr = 0.01 against its gradient's sign")
  }

  @Test("5000 steps each, the walkthrough's settings: momentum arrives, SGD is close, Adam is far")
  func shootout() throws {
    let sgd = runSgd(start: Self.start)
    let momentum = runMomentum(start: Self.start)
    let adam = runAdam(start: Self.start)
    for (name, run) in [("SGD", sgd), ("momentum", momentum), ("Adam", adam)] {
      try #require(run.count == 5001, "\(name): 5000 steps visit 5001 points, the start first")
    }
    TestSupport.expectClose(
      sgd.last ?? [], [0.928224204630396, 0.8613003388195686], tolerance: 1e-9,
      "SGD after 5000 steps (numpy's run)")
    TestSupport.expectClose(
      distance(momentum.last ?? []), 7.604452389327586e-10, tolerance: 1e-10,
      "momentum's distance to (1, 1) after 5000 steps")
    TestSupport.expectClose(
      adam.last ?? [], [0.45170686723149334, 0.2029512677853112], tolerance: 1e-9,
      "Adam (lr 0.01) after 5000 steps: the walkthrough's 'Adam finds the optimum' does not hold here"
    )
  }

  @Test("the first step within 0.1 of (1, 1): momentum at 518, the others never")
  func firstWithin() {
    #expect(firstStepWithin(runMomentum(start: Self.start), of: Self.optimum) == 518)
    #expect(firstStepWithin(runSgd(start: Self.start), of: Self.optimum) == nil)
    #expect(firstStepWithin(runAdam(start: Self.start), of: Self.optimum) == nil)
    #expect(firstStepWithin([[3, 4], [0.6, 0.8], [0, 0]], of: [0, 0], distance: 1.5) == 1)
    #expect(firstStepWithin([[0, 0.5]], of: [0, 0], distance: 0.5) == nil, "strictly within")
    #expect(
      firstStepWithin([[0.05, 0], [0, 0]], of: [0, 0]) == 0,
      "a start already within 0.1 is step 0: the search begins at the start")
  }

  @Test("path lengths over all 5000 steps (the walkthrough sums the first 1000 only)")
  func pathLengths() {
    TestSupport.expectClose(
      pathLength(runSgd(start: Self.start)), 6.473929403075187, tolerance: 1e-6, "SGD's path")
    TestSupport.expectClose(
      pathLength(runMomentum(start: Self.start)), 19.990776348782727, tolerance: 1e-6,
      "momentum's path")
    TestSupport.expectClose(
      pathLength(runAdam(start: Self.start)), 4.181025867946278, tolerance: 1e-6, "Adam's path")
    TestSupport.expectClose(pathLength([[0, 0], [3, 4], [3, 0]]), 9, tolerance: 1e-15, "5 + 4")
    TestSupport.expectClose(pathLength([[1, 1]]), 0, tolerance: 0, "a single point")
  }

  @Test("other settings: every parameter counts")
  func otherSettings() {
    let momentum = runMomentum(start: [0, 0], lr: 0.0005, beta: 0.5, steps: 3)
    let adam = runAdam(start: [0, 0], lr: 0.05, beta1: 0.5, beta2: 0.9, eps: 1e-6, steps: 3)
    let sgd = runSgd(start: [0, 0], lr: 0.002, steps: 3)
    #expect(momentum.count == 4 && adam.count == 4 && sgd.count == 4)
    // One step from (0, 0), where ∇f = (−2, 0): SGD and momentum move x by 2·lr; Adam by lr.
    TestSupport.expectClose(sgd[1], [0.004, 0], tolerance: 1e-15, "SGD's first step with lr 0.002")
    TestSupport.expectClose(
      momentum[1], [0.001, 0], tolerance: 1e-15, "momentum's first step with lr 0.0005")
    TestSupport.expectClose(
      adam[1], [0.05 * 2 / (2 + 1e-6), 0], tolerance: 1e-12,
      "Adam's first step with lr 0.05, ε 1e-6")
    // The first step is the same for every β (v₁ = ∇f, m̂₁ = g, v̂₁ = g²); the third is not.
    TestSupport.expectClose(
      momentum[3], [0.004245997628929246, 7.645000000400041e-07], tolerance: 1e-12,
      "momentum after 3 steps with lr 0.0005, β 0.5 (numpy's run)")
    TestSupport.expectClose(
      adam[3], [0.15291252313338122, 0.0006403416404490367], tolerance: 1e-12,
      "Adam after 3 steps with lr 0.05, β₁ 0.5, β₂ 0.9, ε 1e-6 (numpy's run)")
  }
}
