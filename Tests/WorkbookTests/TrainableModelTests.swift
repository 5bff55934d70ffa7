import Foundation
import TestSupport
import Testing
import Workbook

@Suite("The trainable models of the challenges: softmax regression and the quadratic")
struct TrainableModelTests {
  private static let digits = Result { try Digits.load().split() }

  @Test(
    "softmax regression starts at ln 10 from zeros, and its gradient matches central differences")
  func softmaxGradient() throws {
    let (training, _) = try Self.digits.get()
    let model = SoftmaxRegression(data: training.rows(0..<40))
    #expect(model.parameterCount == 650 && model.exampleCount == 40)
    let zero = model.initialParameters()
    #expect(zero == Array(repeating: 0, count: 650))
    expectClose(
      model.loss(zero, batch: model.allExamples), log(10), tolerance: 1e-12,
      "uniform probabilities at θ = 0")
    var random = SeededGenerator(seed: 4)
    let theta = random.gaussianVector(count: 650).map { 0.3 * $0 }
    let batch = [3, 17, 17, 25, 39]
    let (loss, gradient) = model.lossAndGradient(theta, batch: batch)
    expectClose(
      loss, model.loss(theta, batch: batch), tolerance: 1e-12,
      "loss(_:batch:) is lossAndGradient's loss")
    let numerical = centralDifferences(of: { model.loss($0, batch: batch) }, at: theta)
    expectClose(
      gradient, numerical, tolerance: 1e-7, relativeTolerance: 1e-6,
      "∂L/∂(W, b) against central differences")
  }

  @Test("the loss of a batch is the mean over its rows: by hand on two rows")
  func meanOverTheBatch() throws {
    let (training, _) = try Self.digits.get()
    let model = SoftmaxRegression(data: training.rows(0..<10))
    // W = 0 except class 3's weight on pixel 20, b = 0: scores are 0 except s₃ = x₂₀.
    var theta = [Double](repeating: 0, count: 650)
    theta[3 * 64 + 20] = 2
    func rowLoss(_ row: Int) -> Double {
      let x = training.images[row, 20]
      let scores = (0..<10).map { $0 == 3 ? 2 * x : 0 }
      return -log(softmax(scores)[training.labels[row]])
    }
    expectClose(
      model.loss(theta, batch: [2, 5]), (rowLoss(2) + rowLoss(5)) / 2, tolerance: 1e-12,
      "the mean cross-entropy of rows 2 and 5")
    let single = model.lossAndGradient(theta, batch: [5])
    let doubled = model.lossAndGradient(theta, batch: [5, 5])
    expectClose(doubled.loss, single.loss, tolerance: 1e-15, "a row twice weighs the same")
    expectClose(doubled.gradient, single.gradient, tolerance: 1e-15, "and so does its gradient")
  }

  @Test(
    "blank pixels: the gradient gives each one's weights exactly 0, and an infinite weight on one makes the loss NaN, as 0 · ∞ is"
  )
  func blankPixels() throws {
    let (training, _) = try Self.digits.get()
    let model = SoftmaxRegression(data: training.rows(0..<10))
    let blank = try #require((0..<64).first { training.images[0, $0] == 0 })
    let inked = try #require((0..<64).first { training.images[0, $0] != 0 })
    var random = SeededGenerator(seed: 7)
    var theta = random.gaussianVector(count: 650).map { 0.1 * $0 }
    let (_, gradient) = model.lossAndGradient(theta, batch: [0])
    for c in 0..<10 {
      #expect(gradient[c * 64 + blank] == 0, "class \(c)'s weight on blank pixel \(blank)")
      #expect(gradient[c * 64 + inked] != 0, "class \(c)'s weight on inked pixel \(inked)")
    }
    theta[2 * 64 + blank] = .infinity
    #expect(model.loss(theta, batch: [0]).isNaN)
    #expect(model.lossAndGradient(theta, batch: [0]).gradient.contains { $0.isNaN })
  }

  @Test("seeded initial parameters: the same seed gives the same start, of the requested scale")
  func seededStart() throws {
    let (training, test) = try Self.digits.get()
    let data = training.rows(0..<20)
    let a = SoftmaxRegression(data: data, initialScale: 0.01, seed: 3).initialParameters()
    let b = SoftmaxRegression(data: data, initialScale: 0.01, seed: 3).initialParameters()
    let c = SoftmaxRegression(data: data, initialScale: 0.01, seed: 4).initialParameters()
    #expect(a == b && a != c)
    let rms = (a.reduce(0) { $0 + $1 * $1 } / 650).squareRoot()
    #expect(abs(rms - 0.01) < 0.002, "root mean square \(rms) for scale 0.01")
    // Accuracy: a classifier that always says 0 is right on the zeros alone.
    var alwaysZero = [Double](repeating: 0, count: 650)
    alwaysZero[640] = 1
    let zeros = Double(test.labels.filter { $0 == 0 }.count) / Double(test.count)
    expectClose(model(test).accuracy(alwaysZero, on: test), zeros, tolerance: 1e-15, "accuracy")
  }

  private func model(_ data: Digits) -> SoftmaxRegression { SoftmaxRegression(data: data) }

  @Test("full-batch gradient descent on the digits: stable at lr 1, the loss falls every step")
  func trainsStably() throws {
    let (training, test) = try Self.digits.get()
    let model = SoftmaxRegression(data: training.rows(0..<300))
    var params = model.initialParameters()
    var losses = [model.loss(params, batch: model.allExamples)]
    for _ in 0..<30 {
      let g = model.lossAndGradient(params, batch: model.allExamples).gradient
      for i in params.indices { params[i] -= g[i] }
      losses.append(model.loss(params, batch: model.allExamples))
    }
    #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 < $0 }, "\(losses)")
    #expect(losses.last! < 0.5 && model.accuracy(params, on: test) > 0.8)
  }

  @Test("the quadratic: ½Σλᵢ(θᵢ − θ*ᵢ)², its gradient, and a batch that changes nothing")
  func quadratic() {
    let model = QuadraticModel(
      curvatures: [1, 4], minimum: [0.5, -1], start: [1, 1], exampleCount: 3)
    #expect(model.parameterCount == 2 && model.exampleCount == 3 && model.allExamples == [0, 1, 2])
    #expect(model.initialParameters() == [1, 1] && model.largestCurvature == 4)
    let (loss, gradient) = model.lossAndGradient([1, 1], batch: [0])
    expectClose(loss, 0.5 * 0.25 + 0.5 * 4 * 4, tolerance: 1e-15, "½(0.5² + 4·2²)")
    expectClose(gradient, [0.5, 8], tolerance: 1e-15, "λᵢ(θᵢ − θ*ᵢ)")
    #expect(model.lossAndGradient([1, 1], batch: [2, 1]).loss == loss)
    #expect(model.loss([0.5, -1], batch: [0]) == 0)
    let origin = QuadraticModel(curvatures: [2], start: [3])
    #expect(origin.minimum == [0] && origin.exampleCount == 1)
  }
}
