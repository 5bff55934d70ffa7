import Foundation

extension Experiments {
  /// T10: problem 5's four learning-rate schedules on the small convolutional network.
  static let digitsSchedules = Experiment(
    name: "digits-schedules", exercise: "T10",
    summary:
      "fixed rate, step decay, cosine annealing and 1-cycle on a small CNN: learning curves, accuracy"
  ) { context in
    let (training, test) = try Digits.load().split()
    let (batchSize, epochs, baseRate, seed): (Int, Int, Double, UInt64) = (32, 5, 0.2, 1)
    let total = epochs * ((training.count + batchSize - 1) / batchSize)
    for (name, value) in [
      ("batch size", "\(batchSize)"), ("epochs", "\(epochs)"), ("η₀", "\(baseRate)"),
      ("seed", "\(seed)"), ("filters", "4"), ("steps", "\(total)"),
    ] { context.parameter(name, value) }
    let schedules: [(name: String, rate: (Int) -> Double)] = [
      ("fixed", { _ in baseRate }),
      ("step decay (halve every third)", { t in baseRate * pow(0.5, Double(t / (total / 3 + 1))) }),
      (
        "cosine annealing",
        { t in 0.5 * baseRate * (1 + cos(Double.pi * Double(t) / Double(total))) }
      ),
      (
        "1-cycle (30 % warm-up)",
        { t in
          let warmup = 0.3 * Double(total)
          return Double(t) < warmup
            ? baseRate / 10 + 0.9 * baseRate * Double(t) / warmup
            : 0.5 * baseRate
              * (1 + cos(Double.pi * (Double(t) - warmup) / (Double(total) - warmup)))
        }
      ),
    ]
    struct Row: Encodable {
      let schedule: String, epochLosses: [Double], learningRates: [Double]
      let testAccuracy: Double, seconds: Double
    }
    var rows: [Row] = []
    for schedule in schedules {
      var generator = SeededGenerator(seed: seed)
      let start = ConvNetwork(random: &generator)
      let (network, history) = context.timed(schedule.name) {
        train(
          network: start, data: training, batchSize: batchSize, epochs: epochs,
          schedule: schedule.rate, random: &generator)
      }
      rows.append(
        Row(
          schedule: schedule.name, epochLosses: history.epochLosses,
          learningRates: history.learningRates,
          testAccuracy: accuracy(network: network, images: test.images, labels: test.labels),
          seconds: context.timings.last!.seconds))
    }
    context.table(
      ["schedule"] + (1...epochs).map { "loss ep \($0)" } + ["test accuracy", "seconds"],
      rows.map {
        [$0.schedule] + $0.epochLosses.map { formatted($0) }
          + [formatted($0.testAccuracy, decimals: 3), formatted($0.seconds, decimals: 2)]
      })
    try context.writeFigure(
      "learning-curves.svg",
      Figure(
        title: "Problem 5: four schedules on a small CNN",
        panels: [
          Panel(
            title: "training loss after each epoch", x: Axis("epoch"),
            y: Axis("loss", scale: .log10),
            series: rows.map { row in
              Series(
                row.schedule, x: (1...row.epochLosses.count).map(Double.init), y: row.epochLosses,
                markers: Markers(end: true))
            }),
          Panel(
            title: "learning rate per step", x: Axis("step"), y: Axis("η"),
            series: rows.map { Series($0.schedule, y: $0.learningRates) }, legend: .hidden),
        ]))
    try context.writeJSON("results.json", rows)
  }
}
