import Foundation
import Testing

@Suite("4.P Mini-project: optimizer comparison", .graded)
struct Ex4_P_MiniProjectTests {
  /// The sweep's log grid, 10^−4.5 … 10^−1 in half decades, and its length of run.
  private static let lrs = (-9 ... -2).map { pow(10, Double($0) / 2) }
  private static let steps = 2000
  private static let warmup = 100

  @Test(
    "all four optimizers, by hand: two steps each, the second at another rate",
    arguments: [
      (BenchmarkMethod.sgd, [0.95, -0.8, 0.5], [0.9, -0.85, 0.525]),
      (.momentum, [0.95, -0.8, 0.5], [0.8775, -0.76, 0.525]),
      (
        .rmsprop, [0.6837722539831608, -0.683772238983162, 0.5],
        [0.5409151152076505, -0.757493215973654, 0.6581138730084196]
      ),
      (
        .adam, [0.9000000019999999, -0.9000000005, 0.5],
        [0.8517409013192545, -0.8866831486012157, 0.5372068401262439]
      ),
    ])
  func updateRules(method: BenchmarkMethod, first: [Double], second: [Double]) {
    let rule: String =
      switch method {
      case .sgd: "θ − lr·g"
      case .momentum: "v ← 0.9v + g (v from 0), θ − lr·v"
      case .rmsprop:
        "s ← 0.9s + 0.1g² (s from 0), θ − lr·g/(√s + ε): the first step is about lr·g/(√0.1·|g|) ≈ 3.16·lr"
      case .adam: "bias-corrected moments: the first step is about lr against the gradient's sign"
      }
    var optimizer = BenchmarkOptimizer(method, parameterCount: 3)
    var params: [Double] = [1, -1, 0.5]
    optimizer.step(params: &params, grads: [0.5, -2, 0], lr: 0.1)
    // Every slip in a rule moves something by 1e-3 or more; where ε sits is checked below, with a
    // gradient of the size of ε (here it moves nothing by more than about 1e-7).
    TestSupport.expectClose(
      params, first, tolerance: 1e-6,
      "\(method.rawValue), one step from [1, −1, 0.5] with g = [0.5, −2, 0] and lr 0.1: \(rule)")
    optimizer.step(params: &params, grads: [1, 1, -0.5], lr: 0.05)
    TestSupport.expectClose(
      params, second, tolerance: 1e-6,
      "\(method.rawValue), a second step with g = [1, 1, −0.5] and lr 0.05 (the rate of this step, the state kept from the first; numpy's values)"
    )
  }

  @Test(
    "ε is added outside the square root, √s + ε and √v̂ + ε: a gradient of size ε still moves",
    arguments: [
      (BenchmarkMethod.rmsprop, 1 - 0.1 / (0.1.squareRoot() + 1)),
      (.adam, 0.95),
    ] as [(BenchmarkMethod, Double)])
  func epsilonOutsideTheRoot(method: BenchmarkMethod, expected: Double) {
    // g = 1e-8 = ε. RMSprop: √s = √0.1·ε, so the step is lr·ε/(√0.1·ε + ε) = lr/(√0.1 + 1).
    // Adam: m̂ = g and √v̂ = |g| = ε, so the step is lr·ε/(ε + ε) = lr/2. With ε inside the root,
    // √(s + ε) ≈ √(v̂ + ε) ≈ 1e-4, each would move by only about 1e-4·lr.
    var optimizer = BenchmarkOptimizer(method, parameterCount: 2)
    var params: [Double] = [1, 0]
    optimizer.step(params: &params, grads: [1e-8, 0], lr: 0.1)
    TestSupport.expectClose(
      params, [expected, 0], tolerance: 1e-12,
      "\(method.rawValue), one step from [1, 0] with g = [1e-8, 0] and lr 0.1: ε = 1e-8 goes outside the square root, as the Stage 4 sheet writes Adam's step (√v̂ + ε), so a gradient of size ε still moves θ by a good part of lr (and a zero gradient moves nothing)"
    )
  }

  @Test("convergence curves (steps vs. loss) for each, on a quadratic and on the digits")
  func convergenceCurves() throws {
    // A quadratic first: with SGD each step multiplies θ by (1 − lr·λ), so the curve is exact.
    let quadratic = QuadraticModel(curvatures: [1, 4], start: [1, 1])
    let sgd = lossCurve(.sgd, model: quadratic, lr: 0.1, steps: 5)
    let exact = (0...5).map { 0.5 * (pow(0.81, Double($0)) + 4 * pow(0.36, Double($0))) }
    TestSupport.expectClose(
      sgd, exact, tolerance: 1e-12,
      "SGD (lr 0.1) on ½(θ₁² + 4θ₂²) from (1, 1): losses[k] is the loss after k steps, 6 values for 5 steps"
    )

    // Every rule along a curve: lossCurve keeps one optimizer for the whole run, so its losses are
    // those of your BenchmarkOptimizer stepped with its state carried from one step to the next.
    for method in BenchmarkMethod.allCases {
      var optimizer = BenchmarkOptimizer(method, parameterCount: 2)
      var theta = quadratic.initialParameters()
      var replay = [quadratic.loss(theta, batch: quadratic.allExamples)]
      for _ in 0..<5 {
        let gradient = quadratic.lossAndGradient(theta, batch: quadratic.allExamples).gradient
        optimizer.step(params: &theta, grads: gradient, lr: 0.1)
        replay.append(quadratic.loss(theta, batch: quadratic.allExamples))
      }
      TestSupport.expectClose(
        lossCurve(method, model: quadratic, lr: 0.1, steps: 5), replay, tolerance: 1e-12,
        "\(method.rawValue) (lr 0.1) on ½(θ₁² + 4θ₂²) from (1, 1): the curve should follow one BenchmarkOptimizer through all 5 steps, its state (velocity, averages, t) carried from step to step"
      )
    }

    let (training, _) = try Digits.load().split()
    let model = SoftmaxRegression(data: training.rows(0..<300))
    let start = model.initialParameters()
    let initial = model.loss(start, batch: model.allExamples)
    let gradient = model.lossAndGradient(start, batch: model.allExamples).gradient
    for (method, lr) in [
      (BenchmarkMethod.sgd, 1.0), (.momentum, 0.1), (.rmsprop, 0.01), (.adam, 0.01),
    ] {
      let curve = lossCurve(method, model: model, lr: lr, steps: 30)
      try #require(
        curve.count == 31,
        "\(method.rawValue) on the digits: 30 steps give 31 losses; got \(curve.count)")
      TestSupport.expectClose(
        curve[0], initial, tolerance: 1e-12,
        "\(method.rawValue) on the digits: losses[0] is the loss on all the examples at the initial parameters"
      )
      #expect(
        curve.last! < 0.8 * initial && curve.allSatisfy(\.isFinite),
        "\(method.rawValue) at lr \(lr) should learn in 30 full-batch steps: from \(TestSupport.format(initial)) to \(TestSupport.format(curve.last!))"
      )
      if method == .sgd || method == .adam {
        // The first step, by hand: SGD moves by −lr·g, Adam by −lr·g/(|g| + ε).
        let after = gradient.indices.map {
          method == .sgd
            ? start[$0] - lr * gradient[$0]
            : start[$0] - lr * gradient[$0] / (abs(gradient[$0]) + 1e-8)
        }
        // For Adam a missing bias correction or a t off by one costs 0.02 or more, ε inside the
        // square root 5.6e-5 (weights with tiny gradients then move less).
        TestSupport.expectClose(
          curve[1], model.loss(after, batch: model.allExamples), tolerance: 1e-10,
          "\(method.rawValue): losses[1] is the loss after one step with the gradient on all the examples"
        )
      }
    }
  }

  @Test("2-D trajectories on Rosenbrock: the start and one point per step, toward (1, 1)")
  func trajectories() throws {
    let start: [Double] = [-1.5, 2]
    for method in BenchmarkMethod.allCases {
      let path = rosenbrockTrajectory(method, lr: 1e-3, steps: 10)
      try #require(
        path.count == 11 && path.allSatisfy { $0.count == 2 },
        "\(method.rawValue): 10 steps give 11 points of 2 coordinates, the start first; got \(path.count) points"
      )
      TestSupport.expectClose(
        path[0], start, tolerance: 0, "\(method.rawValue): the path starts at (−1.5, 2) by default")
    }
    // ∇f(−1.5, 2) = (−155, −50).
    TestSupport.expectClose(
      rosenbrockTrajectory(.sgd, lr: 1e-3, steps: 1)[1], [-1.345, 2.05], tolerance: 1e-12,
      "SGD's first step on Rosenbrock: (−1.5, 2) − 0.001·(−155, −50)")
    TestSupport.expectClose(
      rosenbrockTrajectory(.adam, lr: 1e-2, steps: 1, start: [0, 0])[1], [0.01, 0], tolerance: 1e-9,
      "Adam's first step from (0, 0), where ∇f = (−2, 0): lr against the gradient's sign (0 where g = 0)"
    )
    var rates: [Int] = []
    let scheduledPath = rosenbrockTrajectory(
      .momentum,
      schedule: {
        rates.append($0); return 1e-3
      }, steps: 5)
    #expect(
      rates == [0, 1, 2, 3, 4],
      "the schedule is asked for steps 0, 1, …, steps − 1, once each; got \(rates)")
    TestSupport.expectClose(
      scheduledPath.first ?? [], start, tolerance: 0,
      "rosenbrockTrajectory(_:schedule:steps:) starts at (−1.5, 2) by default")

    // At a suitable rate each reaches the valley floor and heads for the minimum.
    for (method, lr, bound) in [
      (BenchmarkMethod.sgd, 1e-3, 0.5), (.momentum, 1e-3, 1e-6), (.rmsprop, pow(10, -2.5), 0.05),
      (.adam, pow(10, -1.5), 1e-6),
    ] {
      let end = rosenbrock(rosenbrockTrajectory(method, lr: lr, steps: Self.steps).last!)
      #expect(
        end < bound,
        "\(method.rawValue) at lr \(TestSupport.format(lr)), 2000 steps from (−1.5, 2) where f = 12.5: f should end below \(TestSupport.format(bound)); it ends at \(TestSupport.format(end))"
      )
    }
  }

  @Test(
    "learning-rate sensitivity: a table of final values, one row per optimizer, consistent with single runs"
  )
  func sensitivity() throws {
    let table = learningRateSweep(lrs: Self.lrs, steps: Self.steps)
    try #require(
      table.count == 4 && table.allSatisfy { $0.count == Self.lrs.count },
      "one row per optimizer (4, in the order of BenchmarkMethod.allCases), one entry per rate (\(Self.lrs.count)); got \(table.map(\.count))"
    )
    for (i, method) in BenchmarkMethod.allCases.enumerated() {
      for (j, lr) in Self.lrs.enumerated() {
        let end = rosenbrock(rosenbrockTrajectory(method, lr: lr, steps: Self.steps).last!)
        let expected = end.isFinite ? end : Double.infinity
        #expect(
          table[i][j] == expected
            || table[i][j].isApproximatelyEqual(
              to: expected, absoluteTolerance: 0, relativeTolerance: 1e-9),
          "table[\(i)][\(j)], \(method.rawValue) at lr \(TestSupport.format(lr)): the final f of that run is \(TestSupport.format(expected)) (+∞ when it diverged); the table holds \(TestSupport.format(table[i][j]))"
        )
      }
    }
    // The shape of the results: SGD diverges beyond the stability limit 2/λ_max ≈ 0.002 at (1, 1).
    #expect(
      table[0][5...].allSatisfy { $0 == .infinity },
      "SGD at lr 0.01 and above diverges on Rosenbrock (stable only below 2/1001.6 ≈ 0.002): +∞ in the table; got \(TestSupport.format(Array(table[0][5...])))"
    )
    let tableOfTwo = learningRateSweep(lrs: [1e-3, 1e-2], steps: 50, methods: [.adam, .sgd])
    #expect(
      tableOfTwo.count == 2 && tableOfTwo[0].count == 2
        && tableOfTwo[0][0] == rosenbrock(rosenbrockTrajectory(.adam, lr: 1e-3, steps: 50).last!),
      "learningRateSweep(lrs:steps:methods:) follows the methods given, in their order")
  }

  @Test("extension: warmup + cosine decay, its boundary values and how much it helps, measured")
  func warmupAndCosine() throws {
    let base = 0.4
    let cases: [(step: Int, expected: Double, what: String)] = [
      (0, 0, "step 0: the warmup starts from 0"),
      (1, 0.004, "step 1: baseLr · 1/100"),
      (99, 0.396, "step 99, the last of the warmup: baseLr · 99/100"),
      (100, 0.4, "step 100 = warmupSteps: the peak, baseLr"),
      (1050, 0.2, "halfway through the decay: baseLr / 2"),
      (
        1999, 0.4 * 0.5 * (1 + cos(Double.pi * 1899 / 1900)),
        "step 1999, the last step of a 2000-step run: just above 0"
      ),
      (2000, 0, "step 2000 = totalSteps: 0"),
      (2500, 0, "past totalSteps: 0 (the cosine would rise again)"),
    ]
    for (step, expected, what) in cases {
      TestSupport.expectClose(
        warmupCosineLr(step: step, baseLr: base, warmupSteps: 100, totalSteps: 2000), expected,
        tolerance: 1e-15, relativeTolerance: 1e-12,
        "warmupCosineLr(step: \(step), baseLr: 0.4, warmupSteps: 100, totalSteps: 2000), \(what)")
    }
    TestSupport.expectClose(
      warmupCosineLr(step: 0, baseLr: base, warmupSteps: 0, totalSteps: 10), base, tolerance: 0,
      "without warmup the schedule starts at baseLr")

    // The sweep with warmup, against runs scheduled here: warmup over w steps, then the cosine
    // over all the steps − w steps after it, down to 0 at step `steps`.
    let (shortRates, shortSteps, shortWarmup) = ([1e-3, pow(10, -2.5)], 300, 30)
    let shortTable = learningRateSweep(
      lrs: shortRates, steps: shortSteps, warmupSteps: shortWarmup)
    try #require(
      shortTable.count == 4 && shortTable.allSatisfy { $0.count == 2 },
      "learningRateSweep with warmupSteps: one row per optimizer, one entry per rate; got \(shortTable.map(\.count))"
    )
    for (i, method) in BenchmarkMethod.allCases.enumerated() {
      for (j, lr) in shortRates.enumerated() {
        let schedule = { (k: Int) -> Double in
          k < shortWarmup
            ? lr * Double(k) / Double(shortWarmup)
            : lr * (1 + cos(Double.pi * Double(k - shortWarmup) / Double(shortSteps - shortWarmup)))
              / 2
        }
        let end = rosenbrock(
          rosenbrockTrajectory(method, schedule: schedule, steps: shortSteps).last!)
        let expected = end.isFinite ? end : Double.infinity
        #expect(
          shortTable[i][j] == expected
            || shortTable[i][j].isApproximatelyEqual(
              to: expected, absoluteTolerance: 0, relativeTolerance: 1e-9),
          "learningRateSweep(lrs: [0.001, 10^−2.5], steps: 300, warmupSteps: 30), \(method.rawValue) at base rate \(TestSupport.format(lr)): the run warms up over steps 0 … 29, then follows the cosine from step 30 to 0 at step 300 = steps (totalSteps is all the steps, not the steps after the warmup); that run ends at f = \(TestSupport.format(expected)), the table holds \(TestSupport.format(shortTable[i][j]))"
        )
      }
    }

    // The benefit, measured: consistent with the optimizer's own sweeps.
    for method in BenchmarkMethod.allCases {
      let benefit = scheduleBenefit(
        method, lrs: Self.lrs, steps: Self.steps, warmupSteps: Self.warmup)
      let constantRow = learningRateSweep(lrs: Self.lrs, steps: Self.steps, methods: [method])[0]
      let scheduledRow = learningRateSweep(
        lrs: Self.lrs, steps: Self.steps, methods: [method], warmupSteps: Self.warmup)[0]
      TestSupport.expectClose(
        benefit.constant, constantRow.min()!, tolerance: 0, relativeTolerance: 1e-9,
        "\(method.rawValue): `constant` is the best final f over the rates at a constant rate, the smallest of \(TestSupport.format(constantRow))"
      )
      TestSupport.expectClose(
        benefit.scheduled, scheduledRow.min()!, tolerance: 0, relativeTolerance: 1e-9,
        "\(method.rawValue): `scheduled` is the best final f over the base rates with warmup + cosine, the smallest of \(TestSupport.format(scheduledRow))"
      )
      if benefit.constant.isFinite && benefit.scheduled.isFinite && benefit.scheduled > 0 {
        TestSupport.expectClose(
          benefit.improvement, benefit.constant / benefit.scheduled, tolerance: 0,
          relativeTolerance: 1e-12, "\(method.rawValue): improvement = constant / scheduled")
      }
      if method == .sgd {
        #expect(
          constantRow[4] == .infinity && scheduledRow[4].isFinite && scheduledRow[4] < 1,
          "SGD at lr 10^−2.5 ≈ 0.0032 diverges at a constant rate but, warmed up and decayed below the limit 0.002, should settle: constant \(TestSupport.format(constantRow[4])), scheduled \(TestSupport.format(scheduledRow[4]))"
        )
        #expect(
          benefit.improvement > 1,
          "for SGD the schedule reaches rates a constant run cannot survive: the best scheduled run should end lower than the best constant one (\(TestSupport.format(benefit.scheduled)) against \(TestSupport.format(benefit.constant)))"
        )
      }
    }
  }
}
