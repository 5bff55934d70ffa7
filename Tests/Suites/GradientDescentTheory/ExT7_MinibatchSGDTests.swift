import Testing

@Suite("T7 Minibatch SGD and the variance of its gradient", .graded)
struct ExT7_MinibatchSGDTests {
  /// The chapter's data, drawn as numpy draws it; the generator continues from there.
  ///
  /// `np.random.seed(42); X = randn(1000, 20); true_w = randn(20); y = X @ true_w + 0.1 · randn(1000)`.
  private static func chapterData() -> (X: Matrix, y: [Double], random: NumpyRandomState) {
    var random = NumpyRandomState(seed: 42)
    let x = random.randn(rows: 1000, columns: 20)
    let trueW = random.randn(20)
    let noise = random.randn(1000)
    let y = zip(x * trueW, noise).map { $0 + 0.1 * $1 }
    return (x, y, random)
  }

  @Test("the loss and its gradient, on small data by hand")
  func lossAndGradient() {
    let x = Matrix([[1, 2], [3, 4], [0, -1]])
    let y: [Double] = [1, 0, 2]
    // Xw − y for w = (1, −1): (−1 − 1, −1 − 0, 1 − 2) = (−2, −1, −1).
    TestSupport.expectClose(
      mseLoss(w: [1, -1], X: x, y: y), 1, tolerance: 1e-15, "½ · mean of (4, 1, 1)")
    TestSupport.expectClose(
      mseGradient(w: [1, -1], X: x, y: y), [-5.0 / 3, -7.0 / 3], tolerance: 1e-15,
      "Xᵀ(Xw − y)/n = ((−2 − 3 + 0), (−4 − 4 + 1)) / 3")
  }

  @Test(
    "the chapter's runs, with its shuffles: batch 50, then the full batch, then 300 (a short last batch)"
  )
  func chapterRuns() throws {
    var (x, y, random) = Self.chapterData()
    TestSupport.expectClose(
      mseLoss(w: [Double](repeating: 0, count: 20), X: x, y: y), 12.57017759382288,
      tolerance: 1e-10,
      "the loss at w = 0 (the data set itself)")
    let runs: [(Int, Int, Double, [Double], [Double])] = [
      (
        50, 3, 0.01, [8.48660911113031, 5.746765049371578, 3.9021395034625743],
        [0.18857556427935762, 0.06332696448561612, -0.4220911826844675]
      ),
      (
        1000, 2, 0.01, [12.325350231971731, 12.085381825835931],
        [0.00887737233551992, 0.0019304497861771062, -0.018774631859365017]
      ),
      (
        300, 2, 0.05, [8.530534337633084, 5.698627946848228],
        [0.1314685060781923, 0.07387966546427595, -0.3432255712834793]
      ),
    ]
    for (batch, epochs, eta, losses, firstWeights) in runs {
      let run = sgdMinibatch(
        X: x, y: y, batchSize: batch, learningRate: eta, nEpochs: epochs, random: &random)
      try #require(
        run.losses.count == epochs, "one loss per epoch: \(epochs), got \(run.losses.count)")
      TestSupport.expectClose(
        run.losses, losses, tolerance: 1e-9,
        "the losses after each epoch, batch \(batch), η = \(TestSupport.format(eta)) (numpy's run: one permutation per epoch)"
      )
      TestSupport.expectClose(
        Array(run.w.prefix(3)), firstWeights, tolerance: 1e-9,
        "the first three weights after batch \(batch)")
    }
  }

  @Test("no epochs: w stays 0 and no loss is recorded")
  func noEpochs() {
    var random = NumpyRandomState(seed: 1)
    let run = sgdMinibatch(
      X: Matrix([[1, 2]]), y: [3], batchSize: 1, learningRate: 0.1, nEpochs: 0, random: &random)
    #expect(run.w == [0, 0] && run.losses.isEmpty)
  }

  @Test(
    "gradientVariance is the mean over the draws of ‖∇L_B(w) − ∇L(w)‖², ∇L on all the rows",
    arguments: [
      (batchSize: 4, nSamples: 5), (batchSize: 1, nSamples: 3), (batchSize: 7, nSamples: 1),
    ])
  func varianceOfTheDraws(batchSize: Int, nSamples: Int) {
    var random = NumpyRandomState(seed: 9)
    let x = random.randn(rows: 12, columns: 3)
    let y = random.randn(12)
    let w: [Double] = [0.5, -1, 0.25]
    var replay = random
    let measured = gradientVariance(
      w: w, X: x, y: y, batchSize: batchSize, nSamples: nSamples, random: &random)
    // The gradient of ½·mean((xᵢᵀw − yᵢ)²) over some rows: the mean of (xᵢᵀw − yᵢ)·xᵢ.
    func meanGradient(_ rows: [Int]) -> [Double] {
      var sum = [Double](repeating: 0, count: w.count)
      for i in rows {
        let residual = (0..<w.count).reduce(-y[i]) { $0 + x[i, $1] * w[$1] }
        for j in sum.indices { sum[j] += residual * x[i, j] }
      }
      return sum.map { $0 / Double(rows.count) }
    }
    let everyRow = meanGradient(Array(0..<12))
    var squaredDistances: [Double] = []
    for _ in 0..<nSamples {
      let drawn = meanGradient(Array(replay.permutation(12)[..<batchSize]))
      squaredDistances.append(zip(drawn, everyRow).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
    }
    let expected = squaredDistances.reduce(0, +) / Double(nSamples)
    let agrees = measured.isApproximatelyEqual(
      to: expected, absoluteTolerance: 1e-14, relativeTolerance: 1e-10)
    #expect(
      agrees,
      "gradientVariance(batchSize: \(batchSize), nSamples: \(nSamples)) on 12 rows returned \(TestSupport.format(measured)), which is not the mean over the \(nSamples) draw(s) (B = the first \(batchSize) entries of random.permutation(12)) of ‖∇L_B(w) − ∇L(w)‖²: divide the sum by nSamples (not nSamples − 1), and measure each minibatch gradient from the full gradient on all the rows, not from the draws' own mean"
    )
  }

  @Test("the variance law: four times the batch, a quarter of the variance; the full batch, none")
  func varianceLaw() {
    var (x, y, random) = Self.chapterData()
    let w = [Double](repeating: 0, count: 20)
    let small = gradientVariance(w: w, X: x, y: y, batchSize: 10, nSamples: 2000, random: &random)
    let large = gradientVariance(w: w, X: x, y: y, batchSize: 40, nSamples: 2000, random: &random)
    // Without replacement the law is σ²/|B| · (n − |B|)/(n − 1): a ratio of 4.12 for these sizes.
    #expect(
      small / large > 3.5 && small / large < 4.8,
      "variance with |B| = 10 over variance with |B| = 40 should be about 4; got \(TestSupport.format(small / large)) (\(TestSupport.format(small)) / \(TestSupport.format(large)))"
    )
    let full = gradientVariance(w: w, X: x, y: y, batchSize: 1000, nSamples: 3, random: &random)
    #expect(full < 1e-20, "a batch of all the data is the full gradient; got \(full)")
  }
}
