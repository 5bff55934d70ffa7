import Testing

@Suite("W6 Batch-size trade-offs", .graded)
struct ExW6_BatchSizeTradeoffsTests {
  /// The walkthrough's data: np.random.seed(42); X = randn(10000, 5); y = X @ true_w + randn(n)·0.5.
  private static func data() -> (X: Matrix, y: [Double], random: NumpyRandomState) {
    var random = NumpyRandomState(seed: 42)
    let x = random.randn(rows: 10_000, columns: 5)
    let noise = random.randn(10_000)
    let y = zip(x * [1, -2, 0.5, 3, -1], noise).map { $0 + 0.5 * $1 }
    return (x, y, random)
  }

  private static let trueW: [Double] = [1, -2, 0.5, 3, -1]

  @Test(
    "the walkthrough's table, batch sizes 1 to the full batch, with its shuffles, then its norm variances"
  )
  func table() throws {
    var (x, y, random) = Self.data()
    // (batch, lr, epochs, final loss, ‖w − true_w‖, mean gradient variance), numpy's run.
    let rows: [(Int, Double, Int, Double, Double, Double)] = [
      (1, 0.01, 1, 0.2868024074360181, 0.19447274863351968, 1.3184496071256029),
      (16, 0.01, 1, 0.25559462702615765, 0.04703045817478661, 0.7091723959947484),
      (64, 0.01, 1, 0.2790042413248041, 0.151649354443688, 2.1076669298723716),
      (256, 0.1, 1, 0.25652787352100076, 0.04408162976505736, 0.8584187077027693),
      (1024, 0.1, 2, 0.2566077521078063, 0.043298924381753645, 1.6696600981855172),
      (10_000, 0.1, 14, 0.28395625456545415, 0.16674594742358786, 0),
    ]
    for (batch, lr, epochs, loss, error, meanVariance) in rows {
      let run = train(X: x, y: y, batchSize: batch, lr: lr, random: &random)
      try #require(
        run.losses.count == epochs,
        "batch \(batch): \(epochs) epochs until the loss is below 0.3, got \(run.losses.count)")
      TestSupport.expectClose(
        run.losses.last ?? .nan, loss, tolerance: 1e-9, "batch \(batch): the final loss")
      TestSupport.expectClose(
        norm(adding(run.w, Self.trueW, scaledBy: -1)), error, tolerance: 1e-9,
        "batch \(batch): the weight error")
      TestSupport.expectClose(
        run.gradVariances.reduce(0, +) / Double(run.gradVariances.count), meanVariance,
        tolerance: 1e-9,
        "batch \(batch): the mean over epochs of np.var of the epoch's batch gradients")
    }
    // The script then draws 100 batches per size, from where the training left the generator.
    let variances = [231.45325651633237, 5.163067794543455, 1.964856075357701, 0.5039811646340345]
    for (batch, value) in zip([1, 16, 64, 256], variances) {
      TestSupport.expectClose(
        gradientNormVariance(
          X: x, y: y, w: [0, 0, 0, 0, 0], batchSize: batch, samples: 100, random: &random),
        value, tolerance: 0, relativeTolerance: 1e-9,
        "np.var of 100 gradient norms at w = 0, batch \(batch)")
    }
  }

  @Test("the gradient-norm variance at w = 0 falls as the batch grows (the walkthrough's numbers)")
  func normVariance() {
    var (x, y, random) = Self.data()
    // The walkthrough draws these after its six training runs; from fresh data the generator is
    // elsewhere, so here the draws follow the data directly.
    var values: [Double] = []
    for batch in [1, 16, 64, 256] {
      values.append(
        gradientNormVariance(X: x, y: y, w: [0, 0, 0, 0, 0], batchSize: batch, random: &random))
    }
    #expect(
      zip(values, values.dropFirst()).allSatisfy { $0 > $1 },
      "larger batches, smaller variance: \(values)")
    #expect(
      values[0] / values[3] > 100,
      "256 times the batch should cut the variance by far more than 100: \(values)")
  }

  @Test("updates per run: one per batch, so the full batch needs the fewest, not the sweet spot")
  func updateCounts() {
    #expect(updates(epochs: 1, batchSize: 1, n: 10_000) == 10_000)
    #expect(
      updates(epochs: 1, batchSize: 64, n: 10_000) == 157, "a short last batch is a batch too")
    #expect(updates(epochs: 2, batchSize: 1024, n: 10_000) == 20)
    #expect(updates(epochs: 14, batchSize: 10_000, n: 10_000) == 14)
  }

  @Test("the defaults: lr 0.01 and at most 50 epochs")
  func defaults() {
    var random = NumpyRandomState(seed: 1)
    // Targets that no linear model fits to a loss below 0.3: all 50 epochs run.
    let x = Matrix([[1], [1]])
    let run = train(X: x, y: [1, -1], batchSize: 2, random: &random)
    #expect(run.losses.count == 50)
    TestSupport.expectClose(run.w, [0], tolerance: 1e-15, "the gradients cancel: w stays 0")
    let one = train(X: Matrix([[1]]), y: [1], batchSize: 1, maxEpochs: 1, random: &random)
    TestSupport.expectClose(one.w, [0.02], tolerance: 1e-15, "one step of lr 0.01 with gradient −2")
  }

  @Test("a run stops only once the loss is below 0.3: a loss of exactly 0.3 goes on")
  func strictlyBelow() {
    // A zero feature: the prediction stays 0, so every epoch's loss is mean y² = 3/10, which is
    // 0.3 to the last bit (numpy's np.mean gives the same).
    let x = Matrix(Array(repeating: [0], count: 10))
    let y: [Double] = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    for batch in [4, 10] {
      var random = NumpyRandomState(seed: 2)
      let run = train(X: x, y: y, batchSize: batch, maxEpochs: 3, random: &random)
      #expect(
        run.losses.count == 3,
        "batch \(batch): the loss is 0.3, not below it, so all 3 epochs run; got \(run.losses.count)"
      )
    }
  }

  @Test("the default number of samples: 100 batches")
  func defaultSamples() {
    // Thirty examples; from the same state of the generator, leaving `samples` out must draw the
    // same 100 batches as samples: 100 (99 or 101 batches give another variance).
    var random = NumpyRandomState(seed: 3)
    let x = random.randn(rows: 30, columns: 2)
    let y = random.randn(30)
    var (first, second) = (random, random)
    let byDefault = gradientNormVariance(X: x, y: y, w: [0.5, -1], batchSize: 2, random: &first)
    let hundred = gradientNormVariance(
      X: x, y: y, w: [0.5, -1], batchSize: 2, samples: 100, random: &second)
    TestSupport.expectClose(
      byDefault, hundred, tolerance: 0, relativeTolerance: 1e-12,
      "gradientNormVariance without `samples` should draw the walkthrough's 100 batches, as samples: 100 does from the same generator"
    )
  }
}
