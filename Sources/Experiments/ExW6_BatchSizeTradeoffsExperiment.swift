import Foundation

extension Experiments {
  /// W6: the walkthrough's batch-size table and gradient variances, with its own data and draws.
  static let batchSizes = Experiment(
    name: "batch-sizes", exercise: "W6",
    summary: "the walkthrough's batch-size trade-offs on its n = 10,000 regression set"
  ) { context in
    let n = 10_000
    context.parameter("seed", 42)
    context.parameter("n", n)
    var random = NumpyRandomState(seed: 42)
    let x = random.randn(rows: n, columns: 5)
    let trueW: [Double] = [1, -2, 0.5, 3, -1]
    let noise = random.randn(n)
    let y = zip(x * trueW, noise).map { $0 + 0.5 * $1 }
    struct Row: Encodable {
      let batchSize: Int, learningRate: Double, epochs: Int, finalLoss: Double
      let weightError: Double, meanGradientVariance: Double
    }
    let sizes = [1, 16, 64, 256, 1024, n]
    let rows = context.timed(
      "training with batch sizes \(sizes.map(String.init).joined(separator: ", "))"
    ) {
      sizes.map { batchSize in
        let lr = batchSize < 256 ? 0.01 : 0.1
        let run = train(X: x, y: y, batchSize: batchSize, lr: lr, random: &random)
        let variances = run.gradVariances
        return Row(
          batchSize: batchSize, learningRate: lr, epochs: run.losses.count,
          finalLoss: run.losses.last ?? .nan,
          weightError: norm(adding(run.w, trueW, scaledBy: -1)),
          meanGradientVariance: (variances.first ?? 0) > 0
            ? variances.reduce(0, +) / Double(variances.count) : 0)
      }
    }
    let normVariances = context.timed("the variance of the gradient's norm, 100 draws each") {
      [1, 16, 64, 256].map { batchSize in
        (
          batchSize,
          gradientNormVariance(
            X: x, y: y, w: [0, 0, 0, 0, 0], batchSize: batchSize, random: &random)
        )
      }
    }
    context.table(
      ["batch", "η", "epochs", "final loss", "weight error", "mean grad var"],
      rows.map {
        [
          $0.batchSize == n ? "full" : "\($0.batchSize)", formatted($0.learningRate, decimals: 2),
          "\($0.epochs)", formatted($0.finalLoss, decimals: 6),
          formatted($0.weightError, decimals: 6),
          formatted($0.meanGradientVariance, decimals: 6),
        ]
      })
    context.say("")
    context.table(
      ["batch", "Var ‖∇L_B(0)‖"],
      normVariances.map { ["\($0.0)", formatted($0.1)] })
    try context.writeFigure(
      "gradient-variance.svg",
      Figure(
        title: "The variance of the minibatch gradient's norm at w = 0",
        panels: [
          Panel(
            x: Axis("batch size", scale: .log10), y: Axis("Var ‖∇L_B‖", scale: .log10),
            series: [
              Series(
                "measured", x: normVariances.map { Double($0.0) }, y: normVariances.map(\.1),
                markers: Markers(start: true, end: true, every: 1))
            ])
        ]))
    struct Results: Encodable {
      let training: [Row]
      let gradientNormVariance: [String: Double]
    }
    try context.writeJSON(
      "results.json",
      Results(
        training: rows,
        gradientNormVariance: Dictionary(
          uniqueKeysWithValues: normVariances.map { ("\($0.0)", $0.1) })
      ))
  }
}
