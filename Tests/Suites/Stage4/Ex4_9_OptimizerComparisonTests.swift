import Foundation
import Testing

@Suite("4.9 Optimizer comparison", .graded)
struct Ex4_9_OptimizerComparisonTests {
  /// Softmax regression on the first 400 training digits, and the curves of the six runs with
  /// `compareOptimizers`' defaults (batch 32, 60 steps, seed 0), computed once for the suite.
  private static let comparison = Result {
    () throws -> (model: SoftmaxRegression, curves: [[Double]]) in
    let model = SoftmaxRegression(data: try Digits.load().split().training.rows(0..<400))
    return (model, compareOptimizers(model: model))
  }

  /// The curves, checked for their shape: six runs of 61 losses each.
  private func comparisonCurves() throws -> (model: SoftmaxRegression, curves: [[Double]]) {
    let (model, curves) = try Self.comparison.get()
    try #require(
      curves.count == ComparisonRun.all.count,
      "compareOptimizers returns one curve per run of ComparisonRun.all (6), got \(curves.count)")
    for (run, curve) in zip(ComparisonRun.all, curves) {
      try #require(
        curve.count == 61,
        "\(run): with the defaults (60 steps) a curve has 61 losses, the start and one per step; got \(curve.count)"
      )
    }
    return (model, curves)
  }

  private static func run(_ index: Int) -> String { "\(ComparisonRun.all[index])" }

  @Test("(a) SGD at 0.001, 0.01, 0.1 and 1.0: θ ← θ − lr·g, and curves measured on all the data")
  func sgdRuns() throws {
    // The rule by hand: it keeps no state, so two steps are two plain steps.
    var optimizer = ComparisonOptimizer(run: ComparisonRun(.sgd, lr: 0.1), parameterCount: 3)
    var params: [Double] = [1, -2, 0.5]
    optimizer.step(params: &params, grads: [0.5, -1, 0])
    TestSupport.expectClose(
      params, [0.95, -1.9, 0.5], tolerance: 1e-15,
      "SGD (lr 0.1) from [1, −2, 0.5] with g = [0.5, −1, 0]: θ − lr·g (against the gradient)")
    optimizer.step(params: &params, grads: [1, 1, 1])
    TestSupport.expectClose(
      params, [0.85, -2.0, 0.4], tolerance: 1e-15, "a second SGD step, with g = [1, 1, 1]")

    // Training on a quadratic, whose batches do not matter: the curve is exact.
    // L = ½(θ₁² + 4θ₂²) from (1, 1); SGD with lr 0.1 multiplies θ by (0.9, 0.6) per step.
    let quadratic = TestSupport.BatchRecorder(
      QuadraticModel(curvatures: [1, 4], start: [1, 1], exampleCount: 10))
    var random = SeededGenerator(seed: 3)
    let (final, losses) = train(
      run: ComparisonRun(.sgd, lr: 0.1), model: quadratic, batchSize: 4, steps: 7,
      random: &random)
    try #require(losses.count == 8, "7 steps give 8 losses, the start and one after each step")
    TestSupport.expectClose(
      [losses[0], losses[1], losses[2], losses[7]],
      [2.5, 1.125, 0.58725, 0.5 * (pow(0.81, 7.0) + 4 * pow(0.36, 7.0))], tolerance: 1e-12,
      "losses[0], [1], [2], [7] on L = ½(θ₁² + 4θ₂²) from (1, 1): losses[k] is the loss after k steps"
    )
    TestSupport.expectClose(
      final, [pow(0.9, 7), pow(0.6, 7)], tolerance: 1e-12, "the parameters after 7 steps")
    let sizes = quadratic.trainingBatches.map(\.count)
    #expect(
      sizes == [4, 4, 2, 4, 4, 2, 4],
      "10 examples in batches of 4: each epoch is batches of 4, 4 and the 2 left over; got batch sizes \(sizes)"
    )
    if sizes == [4, 4, 2, 4, 4, 2, 4] {
      for epoch in 0..<2 {
        let rows = quadratic.trainingBatches[(3 * epoch)..<(3 * epoch + 3)].flatMap { $0 }
        #expect(
          rows.sorted() == Array(0..<10),
          "epoch \(epoch + 1) should visit every example once (a shuffle of 0..<10), got \(rows)")
      }
      #expect(
        quadratic.trainingBatches[0..<3] != quadratic.trainingBatches[3..<6],
        "each epoch draws a new order from `random`")
    }

    // The digits: the four SGD runs of the comparison.
    let (model, curves) = try comparisonCurves()
    let initial = model.loss(model.initialParameters(), batch: model.allExamples)
    for index in curves.indices {
      TestSupport.expectClose(
        curves[index][0], initial, tolerance: 1e-12,
        "\(Self.run(index)): losses[0] is the loss on all the examples at the initial parameters")
    }
    for index in [0, 5] {
      var random = SeededGenerator(seed: 0)
      let alone = train(
        run: ComparisonRun.all[index], model: model, batchSize: 32, steps: 60, random: &random)
      #expect(
        curves[index] == alone.losses,
        "\(Self.run(index)): compareOptimizers' curve should be train(run:…, batchSize: 32, steps: 60) with its own SeededGenerator(seed: 0), so that every run sees the same batches"
      )
    }
    let finals = curves.map { $0.last! }
    #expect(
      finals[0] < initial && finals[0] > 0.98 * initial,
      "SGD at lr 0.001 should barely move in 60 steps (from \(TestSupport.format(initial)) to just below it); it ends at \(TestSupport.format(finals[0]))"
    )
    #expect(
      finals[0] > finals[1] && finals[1] > finals[2] && finals[2] > finals[3],
      "with every rate stable here, a larger SGD rate ends lower: final losses at 0.001, 0.01, 0.1, 1.0 are \(TestSupport.format(Array(finals[0..<4])))"
    )
    #expect(
      finals[2] < 0.7 * initial && finals[3] < 0.35,
      "SGD at 0.1 and at 1.0 should learn: final losses \(TestSupport.format(finals[2])) and \(TestSupport.format(finals[3])) (from \(TestSupport.format(initial)))"
    )
  }

  @Test("(b) SGD + momentum (β = 0.9): v ← βv + g, θ ← θ − lr·v")
  func momentumRun() throws {
    var optimizer = ComparisonOptimizer(
      run: ComparisonRun(.momentum, lr: 0.1), parameterCount: 2)
    var params: [Double] = [1, -1]
    optimizer.step(params: &params, grads: [1, 2])
    TestSupport.expectClose(
      params, [0.9, -1.2], tolerance: 1e-15,
      "momentum (lr 0.1), first step from [1, −1] with g = [1, 2]: v = g (v starts at 0), θ − lr·v")
    optimizer.step(params: &params, grads: [0.5, -1])
    TestSupport.expectClose(
      params, [0.76, -1.28], tolerance: 1e-15,
      "second step with g = [0.5, −1]: v ← 0.9·v + g (the velocity keeps 0.9 of the old one, then adds the whole gradient)"
    )
    TestSupport.expectClose(
      optimizer.velocity, [1.4, 0.8], tolerance: 1e-15, "the velocity after the two steps")

    let (_, curves) = try comparisonCurves()
    let (sgd, momentum) = (curves[2].last!, curves[4].last!)
    #expect(
      momentum < sgd - 0.3,
      "momentum at lr 0.1 should end well below SGD at the same rate (its steps grow toward lr/(1 − β) = 10·lr): \(TestSupport.format(momentum)) against SGD's \(TestSupport.format(sgd))"
    )
  }

  @Test(
    "(c) Adam with its defaults: bias-corrected moments, so the first step moves each weight by lr")
  func adamRun() throws {
    var optimizer = ComparisonOptimizer(run: ComparisonRun(.adam, lr: 0.01), parameterCount: 3)
    var params: [Double] = [1, -1, 0]
    optimizer.step(params: &params, grads: [0.5, -2, 0])
    TestSupport.expectClose(
      params, [0.9900000002, -0.99000000005, 0], tolerance: 1e-12,
      "Adam (lr 0.01), first step from [1, −1, 0] with g = [0.5, −2, 0]: m̂ = g and √v̂ = |g|, so each coordinate moves by about lr against its gradient"
    )
    optimizer.step(params: &params, grads: [1, 1, 0])
    TestSupport.expectClose(
      params, [0.9803481800638509, -0.9873366296702432, 0], tolerance: 1e-12,
      "second step with g = [1, 1, 0]: t = 2, m and v keep their running averages (numpy's values)")
    #expect(optimizer.t == 2, "t counts the steps taken: 2 after two steps, got \(optimizer.t)")

    // One full-batch step from θ = 0 on the digits.
    let (model, curves) = try comparisonCurves()
    let start = model.initialParameters()
    let gradient = model.lossAndGradient(start, batch: model.allExamples).gradient
    var random = SeededGenerator(seed: 1)
    let (after, _) = train(
      run: ComparisonRun.all[5], model: model, batchSize: model.exampleCount, steps: 1,
      random: &random)
    try #require(after.count == 650, "softmax regression has 650 parameters; got \(after.count)")
    // Each weight moves by −lr·g/(|g| + ε): about ±0.001 wherever g ≠ 0, and 0 where g = 0.
    let errors = gradient.indices.map {
      abs((after[$0] - start[$0]) - (-0.001 * gradient[$0] / (abs(gradient[$0]) + 1e-8)))
    }
    let worst = errors.indices.max { errors[$0] < errors[$1] }!
    let largest = zip(after, start).map { abs($0 - $1) }.max()!
    #expect(
      errors[worst] <= 1e-9,
      "one full-batch Adam step (lr 0.001) from θ = 0 moves every weight by about 0.001 against its gradient, whatever the gradient's size (m̂ = g, √v̂ = |g|): weight \(worst), with g = \(TestSupport.format(gradient[worst])), moved by \(TestSupport.format(after[worst] - start[worst])); the largest move of any weight is \(TestSupport.format(largest))"
    )
    let adam = curves[5]
    #expect(
      adam.last! < adam[0] - 0.1 && adam.last! > 0.5,
      "Adam at its default lr 0.001 should learn, slowly: its curve goes from \(TestSupport.format(adam[0])) to \(TestSupport.format(adam.last!)) in 60 steps"
    )
  }

  @Test("which run converges fastest, which most stably: your verdicts follow your own curves")
  func verdicts() throws {
    // The measures, on curves made up for the purpose.
    let curve: [Double] = [3, 2, 2.5, 1, 0.5, 0.7, 0.4]
    #expect(
      stepsToReach(curve, threshold: 0.5) == 4,
      "[3, 2, 2.5, 1, 0.5, 0.7, 0.4] first reaches ≤ 0.5 at k = 4 (the threshold itself counts)")
    #expect(stepsToReach(curve, threshold: 2.2) == 1)
    #expect(stepsToReach(curve, threshold: 0.1) == nil, "a curve that never reaches 0.1: nil")
    TestSupport.expectClose(
      totalIncrease(curve), 0.7, tolerance: 1e-12,
      "the rises of [3, 2, 2.5, 1, 0.5, 0.7, 0.4] are 0.5 and 0.2; falls do not count")
    TestSupport.expectClose(
      totalIncrease([2, 1, 1, 0.5]), 0, tolerance: 0, "a curve that never rises")
    #expect(
      totalIncrease([2, 1, .nan]) == .infinity && totalIncrease([2, .infinity, 1]) == .infinity,
      "a curve with a loss that is not finite scores +∞")

    let made: [[Double]] = [
      [2.3, 2.29, 2.28, 2.27, 2.26, 2.25],  // barely moves: never rises, never converges
      [2.3, 1.0, 0.4, 0.6, 0.3, 0.35],  // the first below 0.5, and zigzags
      [2.3, 1.9, 1.2, 0.8, 0.6, 0.5],  // smooth, slow
      [2.3, 1.5, 0.9, 0.55, 0.3, 0.25],  // smooth, faster
      [2.3, 1.2, 0.8, 0.85, 0.49, 0.4],  // one small rise
    ]
    let fastest05 = fastestRun(curves: made, threshold: 0.5)
    let stable05 = mostStableRun(curves: made, threshold: 0.5)
    #expect(
      fastest05 == 1,
      "made-up curves, threshold 0.5: run 1 is the first to reach it (at step 2); fastestRun says \(fastest05.map(String.init) ?? "nil")"
    )
    #expect(
      stable05 == 3,
      "made-up curves, threshold 0.5: run 0 never rises but never converges (no candidate); runs 2 and 3 never rise and 3 reaches 0.5 in fewer steps; mostStableRun says \(stable05.map(String.init) ?? "nil")"
    )
    #expect(
      fastestRun(curves: made) == fastest05 && mostStableRun(curves: made) == stable05,
      "without a threshold, the default 0.5 applies")
    let fastest03 = fastestRun(curves: made, threshold: 0.3)
    #expect(
      fastest03 == 1,
      "made-up curves, threshold 0.3: runs 1 and 3 both reach it at step 4, and a tie goes to the earlier run; fastestRun says \(fastest03.map(String.init) ?? "nil")"
    )
    #expect(
      fastestRun(curves: made, threshold: 0.1) == nil
        && mostStableRun(curves: made, threshold: 0.1) == nil,
      "when no run reaches the threshold there is no verdict: nil")

    // Your own curves: the verdicts must be what they show.
    let (_, curves) = try comparisonCurves()
    let reached = curves.map { c in c.firstIndex { $0 <= 0.5 } }
    let climbs = curves.map { c in
      c.allSatisfy(\.isFinite)
        ? zip(c, c.dropFirst()).reduce(0) { $0 + max(0, $1.1 - $1.0) } : .infinity
    }
    let table = curves.indices.map {
      "\(Self.run($0)): reaches 0.5 at \(reached[$0].map(String.init) ?? "never"), climbs \(TestSupport.format(climbs[$0]))"
    }.joined(separator: "; ")
    let candidates = curves.indices.filter { reached[$0] != nil }
    try #require(!candidates.isEmpty, "some run should reach 0.5 in 60 steps (\(table))")
    let fastest = candidates.min { reached[$0]! < reached[$1]! }!
    let stable = candidates.min {
      (climbs[$0], reached[$0]!, $0) < (climbs[$1], reached[$1]!, $1)
    }!
    let yourFastest = fastestRun(curves: curves)
    let yourStable = mostStableRun(curves: curves)
    #expect(
      yourFastest == fastest,
      "on your curves (\(table)) the fastest run is \(Self.run(fastest)); fastestRun says \(yourFastest.map(Self.run) ?? "nil")"
    )
    #expect(
      yourStable == stable,
      "on your curves (\(table)) the most stable run is \(Self.run(stable)); mostStableRun says \(yourStable.map(Self.run) ?? "nil")"
    )
  }
}
