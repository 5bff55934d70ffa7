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
    /// The loss curve drawn for a record: the loss after the step at each rate.
    func curve(_ record: LossRecorder<some TrainableModel>) -> [Point] {
      record.losses.indices.dropFirst().map { Point(rate($0 - 1), record.losses[$0]) }
    }
    /// The rate found, on the curve: its loss read off the drawn (log-log) curve at that rate.
    func found(_ rate: Double, on curve: [Point]) -> Series {
      Series(
        "rate found", points: [Point(rate, lossOnCurve(curve, at: rate) ?? 1)],
        markers: .endpoints, marks: "loss")
    }
    try context.writeFigure(
      "range-test.svg",
      Figure(
        title: "4.10: the loss after a step at each rate (the first loss is before any step)",
        panels: [
          Panel(
            title: "quadratic, λ_max = 10", x: Axis("learning rate", scale: .log10),
            y: Axis("loss", scale: .log10),
            series: [
              Series("loss", points: curve(quadraticRecord)),
              found(quadraticRate, on: curve(quadraticRecord)),
            ]),
          Panel(
            title: "digits", x: Axis("learning rate", scale: .log10),
            y: Axis("loss", scale: .log10),
            series: [
              Series("loss", points: curve(digitsRecord)),
              found(digitsRate, on: curve(digitsRecord)),
            ], legend: .hidden),
        ]))
    try context.writeJSON(
      "results.json",
      ["quadraticRate": quadraticRate, "digitsRate": digitsRate])
  }
}

/// The loss of a curve of (rate, loss) points at `rate`, interpolated as the log-log plot draws it.
///
/// A rate outside the curve's span takes the nearest end's loss; `nil` when no point is positive.
private func lossOnCurve(_ curve: [Point], at rate: Double) -> Double? {
  let shown = curve.filter { $0.x > 0 && $0.y > 0 && $0.x.isFinite && $0.y.isFinite }
  guard let first = shown.first, let last = shown.last else { return nil }
  if rate <= first.x { return first.y }
  if rate >= last.x { return last.y }
  for (a, b) in zip(shown, shown.dropFirst()) where a.x <= rate && rate <= b.x {
    if a.x == b.x { return a.y }
    let t = (log10(rate) - log10(a.x)) / (log10(b.x) - log10(a.x))
    return pow(10, log10(a.y) + t * (log10(b.y) - log10(a.y)))
  }
  return last.y
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
