import Foundation

extension Experiments {
  /// 4.9: the same model trained by SGD at four rates, SGD + momentum and Adam; the curves, and
  /// which run converges fastest and which most stably, by the learner's own measures.
  static let optimizerComparison = Experiment(
    name: "optimizer-comparison", exercise: "4.9",
    summary: "SGD at 0.001…1.0, momentum and Adam on the digits: loss curves, fastest, most stable"
  ) { context in
    let (training, _) = try Digits.load().split()
    let model = SoftmaxRegression(data: training.rows(0..<400))
    context.parameter("model", "softmax regression, first 400 training images")
    context.parameter("batch size", 32)
    context.parameter("steps", 60)
    context.parameter("seed", 0)
    let curves = context.timed("six runs of 60 minibatch steps") { compareOptimizers(model: model) }
    let names = ComparisonRun.all.map(\.description)
    let fastest = fastestRun(curves: curves)
    let stablest = mostStableRun(curves: curves)
    context.table(
      ["run", "first loss", "final loss", "steps to 0.5", "total increase"],
      zip(names, curves).map { name, curve in
        [
          name, formatted(curve.first ?? .nan), formatted(curve.last ?? .nan),
          stepsToReach(curve, threshold: 0.5).map(String.init) ?? "never",
          formatted(totalIncrease(curve)),
        ]
      })
    context.say(
      "\nfastest: \(fastest.map { names[$0] } ?? "none reaches 0.5"); "
        + "most stable: \(stablest.map { names[$0] } ?? "none reaches 0.5")")
    try context.writeFigure(
      "loss-curves.svg",
      Figure(
        title: "4.9: the training loss (all 400 images) after each step",
        panels: [
          Panel(
            x: Axis("step"), y: Axis("loss", scale: .log10),
            series: zip(names, curves).map { Series($0, y: $1) })
        ], panelWidth: 640))
    try context.writeJSON(
      "results.json", Dictionary(uniqueKeysWithValues: zip(names, curves)))
  }
}
