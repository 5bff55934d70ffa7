import Foundation

extension Experiments {
  /// 4.P (the Stage 4 mini-project): SGD, Momentum, RMSprop and Adam on Rosenbrock and on the
  /// digits; the learning-rate sensitivity sweep, the trajectories, and warmup + cosine decay.
  static let optimizerSweep = Experiment(
    name: "optimizer-sweep", exercise: "4.P",
    summary:
      "the mini-project: four optimizers, a learning-rate sweep on Rosenbrock, warmup + cosine"
  ) { context in
    let (steps, warmup, digitsSteps) = (2000, 100, 100)
    let lrs = (0...16).map { pow(10, -5 + Double($0) / 4) }  // 1e-5 … 1e-1, four per decade
    context.parameter("steps", steps)
    context.parameter("warmup steps", warmup)
    context.parameter("learning rates", "10^-5 … 10^-1, 17 log-spaced")
    context.parameter("start", "(-1.5, 2)")
    context.parameter("digits", "softmax regression, first 400 training images, full batch")
    let methods = BenchmarkMethod.allCases

    let sweep = context.timed("the sweep: \(methods.count) optimizers × \(lrs.count) rates") {
      learningRateSweep(lrs: lrs, steps: steps)
    }
    let scheduledSweep = context.timed("the same sweep with warmup + cosine decay") {
      learningRateSweep(lrs: lrs, steps: steps, warmupSteps: warmup)
    }
    let best = sweep.map { row in lrs[row.indices.min { row[$0] < row[$1] }!] }
    let trajectories = context.timed("trajectories at each optimizer's best rate") {
      zip(methods, best).map { rosenbrockTrajectory($0, lr: $1, steps: steps) }
    }
    let (training, _) = try Digits.load().split()
    let model = SoftmaxRegression(data: training.rows(0..<400))
    let digitsCurves = context.timed("loss curves on the digits") {
      methods.map { method in
        lossCurve(
          method, model: model, lr: method == .sgd || method == .momentum ? 0.5 : 0.01,
          steps: digitsSteps)
      }
    }

    let names = methods.map(\.rawValue)
    context.table(
      ["optimizer", "best lr", "f at best", "with warmup + cosine", "improvement ×"],
      methods.indices.map { i in
        let constant = sweep[i].min()!
        let scheduled = scheduledSweep[i].min()!
        return [
          names[i], formatted(best[i]), formatted(constant), formatted(scheduled),
          formatted(constant / scheduled),
        ]
      })
    try context.writeFigure(
      "sensitivity.svg",
      Figure(
        title: "Learning-rate sensitivity: f after \(steps) steps on Rosenbrock",
        panels: [
          Panel(
            title: "constant rate", x: Axis("learning rate", scale: .log10),
            y: Axis("final f", scale: .log10),
            series: zip(names, sweep).map {
              Series($0, x: lrs, y: $1, markers: Markers(every: 1))
            }),
          Panel(
            title: "warmup + cosine decay", x: Axis("peak learning rate", scale: .log10),
            y: Axis("final f", scale: .log10),
            series: zip(names, scheduledSweep).map {
              Series($0, x: lrs, y: $1, markers: Markers(every: 1))
            }, legend: .hidden),
        ]))
    let grid = Grid(x: -2...2, y: -1...3, samples: 161) { x, y in rosenbrock([x, y]) }
    // Adam's path runs along RMSprop's down the valley: dashed, Adam lets RMSprop show in its gaps.
    func dash(_ name: String) -> [Double]? { name == BenchmarkMethod.adam.rawValue ? [7, 5] : nil }
    try context.writeFigure(
      "trajectories.svg",
      Figure(
        title: "Each optimizer at its best rate, and the convergence",
        panels: [
          Panel(
            title: "trajectories on Rosenbrock", x: Axis("x", range: -2...2),
            y: Axis("y", range: -1...3),
            contours: [
              Contours(grid: grid, levels: Contours.logSpacedLevels(from: 0.1, to: 1000, count: 20))
            ],
            series: zip(names, trajectories).map {
              Series(
                $0, points: $1.map { Point($0[0], $0[1]) }, markers: .endpoints, dash: dash($0))
            }),
          Panel(
            title: "f per step on Rosenbrock", x: Axis("step"), y: Axis("f", scale: .log10),
            series: zip(names, trajectories).map {
              Series($0, y: $1.map(rosenbrock), dash: dash($0))
            },
            legend: .hidden),
          Panel(
            title: "loss per step on the digits", x: Axis("step"),
            y: Axis("cross-entropy", scale: .log10),
            series: zip(names, digitsCurves).map { Series($0, y: $1, dash: dash($0)) },
            legend: .hidden),
        ]))
    struct Results: Encodable {
      let learningRates: [Double]
      let constant: [String: [Double]]
      let warmupCosine: [String: [Double]]
      let digitsLoss: [String: [Double]]
    }
    try context.writeJSON(
      "results.json",
      Results(
        learningRates: lrs, constant: Dictionary(uniqueKeysWithValues: zip(names, sweep)),
        warmupCosine: Dictionary(uniqueKeysWithValues: zip(names, scheduledSweep)),
        digitsLoss: Dictionary(uniqueKeysWithValues: zip(names, digitsCurves))))
  }
}
