import Foundation

extension Experiments {
  /// T9: problem 2's comparison of batch GD, minibatch SGD and SGD on the digits.
  static let digitsBatchSizes = Experiment(
    name: "digits-batch-sizes", exercise: "T9",
    summary:
      "batch GD, minibatch SGD (32, 128, 512) and SGD on the handwritten digits: loss, accuracy, time"
  ) { context in
    let (training, test) = try Digits.load().split()
    let methods: [(name: String, batchSize: Int, learningRate: Double)] = [
      ("batch GD", training.count, 1.0), ("minibatch 512", 512, 0.5),
      ("minibatch 128", 128, 0.3), ("minibatch 32", 32, 0.1), ("SGD", 1, 0.01),
    ]
    let (epochs, hidden, seed): (Int, Int, UInt64) = (10, 32, 1)
    context.parameter("epochs", epochs)
    context.parameter("hidden", hidden)
    context.parameter("seed", seed)
    context.parameter("training images", training.count)
    context.parameter("test images", test.count)
    struct Row: Encodable {
      let method: String, batchSize: Int, learningRate: Double, steps: Int
      let epochLosses: [Double], testAccuracy: Double, seconds: Double
    }
    var rows: [Row] = []
    for method in methods {
      var generator = SeededGenerator(seed: seed)
      let start = TwoLayerNetwork(hidden: hidden, random: &generator)
      let (network, history) = context.timed(method.name) {
        train(
          network: start, data: training, batchSize: method.batchSize,
          learningRate: method.learningRate, epochs: epochs, random: &generator)
      }
      rows.append(
        Row(
          method: method.name, batchSize: method.batchSize, learningRate: method.learningRate,
          steps: history.steps, epochLosses: history.epochLosses,
          testAccuracy: accuracy(network: network, X: test.images, labels: test.labels),
          seconds: context.timings.last!.seconds))
    }
    context.table(
      [
        "method", "batch", "η", "steps", "loss after 1 epoch", "final loss", "test accuracy",
        "seconds",
      ],
      rows.map {
        [
          $0.method, "\($0.batchSize)", formatted($0.learningRate, decimals: 2), "\($0.steps)",
          formatted($0.epochLosses.first ?? .nan), formatted($0.epochLosses.last ?? .nan),
          formatted($0.testAccuracy, decimals: 3), formatted($0.seconds, decimals: 2),
        ]
      })
    try context.writeFigure(
      "loss-curves.svg",
      Figure(
        title: "Training loss after each epoch (one epoch = one pass over the 1,347 images)",
        panels: [
          Panel(
            x: Axis("epoch"), y: Axis("training loss", scale: .log10),
            series: rows.map { row in
              Series(
                row.method, x: (1...row.epochLosses.count).map(Double.init), y: row.epochLosses,
                markers: Markers(end: true))
            })
        ], panelWidth: 640))
    try context.writeJSON("results.json", rows)
  }
}
