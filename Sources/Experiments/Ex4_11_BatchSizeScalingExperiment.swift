import Foundation

extension Experiments {
  /// 4.11: batch sizes 16…256 with one learning rate, then with the rate scaled linearly.
  static let batchScaling = Experiment(
    name: "batch-scaling", exercise: "4.11",
    summary:
      "batch sizes 16…256 with the same rate and with the linearly scaled rate, on the digits"
  ) { context in
    let (training, _) = try Digits.load().split()
    let model = SoftmaxRegression(data: training.rows(0..<500))
    context.parameter("model", "softmax regression, first 500 training images")
    context.parameter("rates", "0.2 for all; 0.2 · B/16 scaled")
    context.parameter("epochs", 3)
    context.parameter("seed", 0)
    let same = context.timed("the same rate for every batch size") {
      sameLearningRate(model: model)
    }
    let scaled = context.timed("the linearly scaled rate") { scaledLearningRate(model: model) }
    let holds = linearScalingHolds(scaled)
    context.table(
      ["batch", "steps", "final loss (lr 0.2)", "scaled lr", "final loss (scaled)", "rule holds"],
      zip(zip(same, scaled), holds).map { pair, holds in
        [
          "\(pair.0.batchSize)", "\(pair.0.steps)", formatted(pair.0.finalLoss),
          formatted(pair.1.lr), formatted(pair.1.finalLoss), holds ? "yes" : "no",
        ]
      })
    try context.writeFigure(
      "batch-scaling.svg",
      Figure(
        title: "4.11: the loss after 3 epochs against the batch size",
        panels: [
          Panel(
            x: Axis("batch size", scale: .log10), y: Axis("final loss", scale: .log10),
            series: [
              Series(
                "same rate 0.2", x: same.map { Double($0.batchSize) }, y: same.map(\.finalLoss),
                markers: Markers(every: 1)),
              Series(
                "rate × B/16", x: scaled.map { Double($0.batchSize) },
                y: scaled.map(\.finalLoss), markers: Markers(every: 1)),
            ])
        ]))
    struct Row: Encodable { let batchSize: Int, lr: Double, steps: Int, epochLosses: [Double] }
    try context.writeJSON(
      "results.json",
      [
        "same": same.map {
          Row(batchSize: $0.batchSize, lr: $0.lr, steps: $0.steps, epochLosses: $0.epochLosses)
        },
        "scaled": scaled.map {
          Row(batchSize: $0.batchSize, lr: $0.lr, steps: $0.steps, epochLosses: $0.epochLosses)
        },
      ])
  }
}
