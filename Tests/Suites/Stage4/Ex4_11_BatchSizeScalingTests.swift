import Foundation
import Testing

@Suite("4.11 Batch size and learning rate", .graded)
struct Ex4_11_BatchSizeScalingTests {
  private static let batchSizes = [16, 32, 64, 128, 256]

  /// Softmax regression on the first 500 training digits (500 is not a multiple of any batch
  /// size, so every epoch ends with a shorter batch).
  private static let model = Result { () throws -> SoftmaxRegression in
    SoftmaxRegression(data: try Digits.load().split().training.rows(0..<500))
  }

  /// Checks the shape of a study's runs: one per batch size, in order, 3 epochs each.
  private static func checkShape(_ runs: [BatchSizeRun], _ call: String) throws {
    try #require(
      runs.map(\.batchSize) == batchSizes,
      "\(call) returns one run per batch size, in order 16, 32, 64, 128, 256; got batch sizes \(runs.map(\.batchSize))"
    )
    for run in runs {
      let expected = 3 * ((500 + run.batchSize - 1) / run.batchSize)
      try #require(
        run.steps == expected,
        "\(call), batch \(run.batchSize): 3 epochs of ⌈500/\(run.batchSize)⌉ steps (the last batch of each epoch shorter) are \(expected) steps; the run reports \(run.steps)"
      )
      try #require(
        run.epochLosses.count == 3 && run.epochLosses.allSatisfy(\.isFinite),
        "\(call), batch \(run.batchSize): one finite loss per epoch (3 with the defaults); got \(TestSupport.format(run.epochLosses))"
      )
    }
  }

  /// Checks that a study's run is `trainMinibatchSGD` with its own `SeededGenerator(seed: 0)`.
  private static func expectAlone(
    _ run: BatchSizeRun, model: SoftmaxRegression, _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var random = SeededGenerator(seed: 0)
    let alone = trainMinibatchSGD(
      model: model, batchSize: run.batchSize, lr: run.lr, epochs: 3, random: &random)
    #expect(
      run.epochLosses == alone.epochLosses,
      "\(name), batch \(run.batchSize): the run should be trainMinibatchSGD with its own SeededGenerator(seed: 0), as if it were the only one: its losses \(TestSupport.format(run.epochLosses)), alone \(TestSupport.format(alone.epochLosses))",
      sourceLocation: sourceLocation)
  }

  private static func losses(_ runs: [BatchSizeRun]) -> String {
    runs.map { "B = \($0.batchSize): \(TestSupport.format($0.finalLoss))" }.joined(separator: ", ")
  }

  @Test(
    "(a) the same learning rate for every batch size: ⌈n/B⌉ steps an epoch, fewer steps, slower")
  func sameRate() throws {
    for (n, b, expected) in [
      (500, 16, 32), (500, 256, 2), (10, 4, 3), (8, 4, 2), (3, 8, 1), (1, 1, 1),
    ] as [(Int, Int, Int)] {
      #expect(
        stepsPerEpoch(exampleCount: n, batchSize: b) == expected,
        "stepsPerEpoch(exampleCount: \(n), batchSize: \(b)): ⌈\(n)/\(b)⌉ = \(expected), counting the shorter last batch"
      )
    }

    // Training on a quadratic (the batches do not change the loss, so the result is exact):
    // ½(θ₁² + 4θ₂²) from (1, 1), lr 0.1 multiplies θ by (0.9, 0.6) per step.
    let quadratic = TestSupport.BatchRecorder(
      QuadraticModel(curvatures: [1, 4], start: [1, 1], exampleCount: 10))
    var random = SeededGenerator(seed: 5)
    let (theta, epochLosses, steps) = trainMinibatchSGD(
      model: quadratic, batchSize: 4, lr: 0.1, epochs: 2, random: &random)
    let sizes = quadratic.trainingBatches.map(\.count)
    #expect(
      sizes == [4, 4, 2, 4, 4, 2],
      "10 examples in batches of 4, 2 epochs: each epoch takes batches of 4, 4 and the 2 left over; got batch sizes \(sizes)"
    )
    #expect(steps == 6, "2 epochs of ⌈10/4⌉ = 3 steps: 6 steps; the run reports \(steps)")
    if sizes == [4, 4, 2, 4, 4, 2] {
      for epoch in 0..<2 {
        let rows = quadratic.trainingBatches[(3 * epoch)..<(3 * epoch + 3)].flatMap { $0 }
        #expect(
          rows.sorted() == Array(0..<10),
          "epoch \(epoch + 1) should visit every example once (a shuffle of 0..<10); got \(rows)")
      }
      #expect(
        quadratic.trainingBatches[0..<3] != quadratic.trainingBatches[3..<6],
        "each epoch shuffles the examples again, with `random`")
    }
    TestSupport.expectClose(
      theta, [pow(0.9, 6), pow(0.6, 6)], tolerance: 1e-12,
      "θ after 6 steps of θ ← θ − 0.1·∇L on ½(θ₁² + 4θ₂²) from (1, 1)")
    let lossAfter = { (steps: Double) -> Double in 0.5 * (pow(0.81, steps) + 4 * pow(0.36, steps)) }
    TestSupport.expectClose(
      epochLosses, [lossAfter(3), lossAfter(6)], tolerance: 1e-12,
      "the loss on all the examples after each epoch (after steps 3 and 6)")

    // The digits.
    let model = try Self.model.get()
    let runs = sameLearningRate(model: model)
    try Self.checkShape(runs, "sameLearningRate(model:)")
    Self.expectAlone(runs[4], model: model, "sameLearningRate")
    #expect(
      runs.allSatisfy { $0.lr == 0.2 }, "every run at the default rate 0.2; got \(runs.map(\.lr))")
    let finals = runs.map(\.finalLoss)
    #expect(
      zip(finals, finals.dropFirst()).allSatisfy { $0 < $1 },
      "at the same rate and the same epochs, a larger batch takes fewer steps of the same length and ends higher: \(Self.losses(runs))"
    )
  }

  @Test("(b) the rate scaled linearly with the batch size: lr = 0.2 · B/16, and it helps")
  func scaledRate() throws {
    let model = try Self.model.get()
    let runs = scaledLearningRate(model: model)
    try Self.checkShape(runs, "scaledLearningRate(model:)")
    let expectedRates = Self.batchSizes.map { 0.2 * Double($0) / 16 }
    TestSupport.expectClose(
      runs.map(\.lr), expectedRates, tolerance: 1e-12,
      "lr_B = baseLr · B / B₀ with baseLr 0.2 and B₀ = 16, the first batch size")
    let same = sameLearningRate(model: model)
    #expect(
      runs[0].epochLosses == same[0].epochLosses,
      "batch 16 at lr 0.2 is the same run in (a) and (b): each run starts from the initial parameters with its own SeededGenerator(seed: seed); got \(TestSupport.format(runs[0].epochLosses)) and \(TestSupport.format(same[0].epochLosses))"
    )
    Self.expectAlone(runs[4], model: model, "scaledLearningRate")
    // Another grid, neither doubling nor starting at 16, on a quadratic whose loss does not depend
    // on the batches: each run takes ⌈60/B⌉ steps θᵢ ← (1 − lr·λᵢ)θᵢ, so its loss is exact.
    let quadratic = QuadraticModel(curvatures: [1, 4], start: [1, 1], exampleCount: 60)
    let grid = [10, 30, 20, 5]
    let gridRuns = scaledLearningRate(
      model: quadratic, batchSizes: grid, baseLr: 0.05, epochs: 1, seed: 3)
    try #require(
      gridRuns.map(\.batchSize) == grid,
      "scaledLearningRate(batchSizes: [10, 30, 20, 5]) returns one run per batch size, in order; got \(gridRuns.map(\.batchSize))"
    )
    for run in gridRuns {
      let lr = 0.05 * Double(run.batchSize) / 10
      let steps = Double((60 + run.batchSize - 1) / run.batchSize)
      let loss = 0.5 * (pow(1 - lr, 2 * steps) + 4 * pow(1 - 4 * lr, 2 * steps))
      TestSupport.expectClose(
        run.lr, lr, tolerance: 1e-15, relativeTolerance: 1e-12,
        "batches [10, 30, 20, 5] with baseLr 0.05: batch \(run.batchSize) trains at baseLr · B / B₀ with B₀ = 10, the first entry of the grid (not 16, and not a doubling per entry)"
      )
      TestSupport.expectClose(
        run.epochLosses, [loss], tolerance: 1e-12,
        "batches [10, 30, 20, 5] with baseLr 0.05, batch \(run.batchSize): the loss after one epoch of \(Int(steps)) steps at lr \(TestSupport.format(lr)) on ½(θ₁² + 4θ₂²) from (1, 1)"
      )
    }

    for i in 1...3 {
      #expect(
        runs[i].finalLoss < same[i].finalLoss - 0.2,
        "batch \(Self.batchSizes[i]): the scaled rate \(TestSupport.format(runs[i].lr)) should end well below the same-rate run (\(TestSupport.format(runs[i].finalLoss)) against \(TestSupport.format(same[i].finalLoss)))"
      )
    }
  }

  @Test("(c) the linear scaling rule: the same loss up to moderate batches, broken at 256")
  func linearScalingRule() throws {
    func made(_ losses: [Double]) -> [BatchSizeRun] {
      losses.enumerated().map {
        BatchSizeRun(batchSize: 16 << $0.offset, lr: 0.1, steps: 1, epochLosses: [3, $0.element])
      }
    }
    let madeRuns = made([0.5, 0.41, 0.59, 0.61, 0.39, 1.0])
    let verdicts = linearScalingHolds(madeRuns)
    #expect(
      verdicts == [true, true, true, false, false, false],
      "final losses 0.5 (the base), 0.41, 0.59, 0.61, 0.39, 1.0 with the default tolerance 0.2: each run is compared with the base run, and within 20% of 0.5 means 0.4…0.6 (the final loss, the last epoch's); got \(verdicts)"
    )
    let strict = linearScalingHolds(madeRuns, tolerance: 0.05)
    #expect(
      strict == [true, false, false, false, false, false],
      "the same runs with tolerance 0.05 (0.475…0.525); got \(strict)")
    // Losses exactly at the tolerance (powers of two, so the arithmetic is exact) still agree.
    let edge = linearScalingHolds(made([0.5, 0.625, 0.375, 0.75]), tolerance: 0.25)
    #expect(
      edge == [true, true, true, false],
      "final losses 0.5 (the base), 0.625, 0.375, 0.75 with tolerance 0.25: 0.625 and 0.375 differ from 0.5 by exactly 25%, and a difference equal to the tolerance still agrees (≤); got \(edge)"
    )

    // Your scaled runs. Whatever the shuffles, batches 32 and 64 end within 20% of batch 16 (over
    // 300 numpy shuffles and 200 seeds of this generator their ratio to it stayed in 0.90…1.08),
    // while batch 256 at lr 3.2, past the stability limit 2/λ_max ≈ 1.7, ends at least 1.36 times
    // higher. Batch 128 (lr 1.6) sits at the limit and goes either way (0.90…1.34): no verdict is
    // asked for it.
    let runs = scaledLearningRate(model: try Self.model.get())
    try Self.checkShape(runs, "scaledLearningRate(model:)")
    let holds = linearScalingHolds(runs)
    try #require(holds.count == 5, "one verdict per run; got \(holds.count)")
    let base = runs[0].finalLoss
    for i in runs.indices {
      let agrees = abs(runs[i].finalLoss / base - 1) <= 0.2
      #expect(
        holds[i] == agrees,
        "batch \(runs[i].batchSize): final loss \(TestSupport.format(runs[i].finalLoss)) against the base's \(TestSupport.format(base)); linearScalingHolds says \(holds[i])"
      )
    }
    #expect(
      holds[1] && holds[2],
      "with the rate scaled, batches 32 and 64 should end as batch 16 does: \(Self.losses(runs))")
    #expect(
      !holds[4],
      "at batch 256 the scaled rate 3.2 is past the stability limit (about 1.7 here): the rule should break down, but \(Self.losses(runs))"
    )
  }
}
