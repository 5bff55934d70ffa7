import Foundation

extension Experiments {
  /// 4.10: the learning-rate range test on a quadratic of known curvature and on the digits, with
  /// the loss the finder saw at each rate.
  static let learningRateFinder = Experiment(
    name: "lr-finder", exercise: "4.10",
    summary: "the LR range test on a quadratic (λ = 10: stable below 0.2) and on the digits"
  ) { context in
    let (training, _) = try Digits.load().split()
    let digits = SoftmaxRegression(data: training.rows(0..<500))
    let batches = (0..<5).map { k in Array((k * 100)..<((k + 1) * 100)) }
    let quadratic = QuadraticModel(curvatures: [10, 1], minimum: [0, 0], start: [1, 1])
    context.parameter("quadratic", "½(10θ₁² + θ₂²) from (1, 1)")
    context.parameter("digits", "softmax regression, 500 images in 5 batches of 100")
    context.parameter("range", "findLr's defaults: 1e-7 … 10, 100 steps")
    let quadraticRecord = LossRecorder(quadratic)
    let quadraticRate = context.timed("the range test on the quadratic") {
      findLr(model: quadraticRecord, data: [[0]])
    }
    let digitsRecord = LossRecorder(digits)
    let digitsRate = context.timed("the range test on the digits") {
      findLr(model: digitsRecord, data: batches)
    }
    context.table(
      ["model", "rate found", "losses seen", "for reference"],
      [
        [
          "quadratic, λ_max = 10", formatted(quadraticRate), "\(quadraticRecord.losses.count)",
          "stable below 2/λ = 0.2",
        ],
        ["digits", formatted(digitsRate), "\(digitsRecord.losses.count)", ""],
      ])
    /// The rate of step i of the default sweep: 1e-7 · (10/1e-7)^(i/99).
    func rate(_ i: Int) -> Double { 1e-7 * pow(1e8, Double(i) / 99) }
    try context.writeFigure(
      "range-test.svg",
      Figure(
        title: "4.10: the loss after a step at each rate (the first loss is before any step)",
        panels: [
          Panel(
            title: "quadratic, λ_max = 10", x: Axis("learning rate", scale: .log10),
            y: Axis("loss", scale: .log10),
            series: [
              Series(
                "loss", x: quadraticRecord.losses.indices.dropFirst().map { rate($0 - 1) },
                y: Array(quadraticRecord.losses.dropFirst())),
              Series(
                "rate found", x: [quadraticRate], y: [quadraticRecord.losses.min() ?? 1],
                markers: .endpoints),
            ]),
          Panel(
            title: "digits", x: Axis("learning rate", scale: .log10),
            y: Axis("loss", scale: .log10),
            series: [
              Series(
                "loss", x: digitsRecord.losses.indices.dropFirst().map { rate($0 - 1) },
                y: Array(digitsRecord.losses.dropFirst())),
              Series(
                "rate found", x: [digitsRate], y: [digitsRecord.losses.min() ?? 1],
                markers: .endpoints),
            ], legend: .hidden),
        ]))
    try context.writeJSON(
      "results.json",
      ["quadraticRate": quadraticRate, "digitsRate": digitsRate])
  }
}

/// A model that remembers the loss of every evaluation the finder makes, to draw its curve.
private final class LossRecorder<Model: TrainableModel>: TrainableModel, @unchecked Sendable {
  let model: Model
  private(set) var losses: [Double] = []

  init(_ model: Model) { self.model = model }

  var parameterCount: Int { model.parameterCount }
  var exampleCount: Int { model.exampleCount }
  func initialParameters() -> [Double] { model.initialParameters() }
  func lossAndGradient(_ parameters: [Double], batch: [Int]) -> (loss: Double, gradient: [Double]) {
    let result = model.lossAndGradient(parameters, batch: batch)
    losses.append(result.loss)
    return result
  }
}
