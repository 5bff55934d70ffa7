import Foundation
import Testing

@Suite("4.10 The learning-rate finder", .graded)
struct Ex4_10_LearningRateFinderTests {
  /// The rates a run tried, read back from the points it evaluated: lr_k = (θ_k − θ_{k+1}) / g_k.
  private static func rates(_ recorder: Recorder) -> [Double] {
    zip(recorder.calls, recorder.calls.dropFirst()).map { now, next in
      (now.parameters[0] - next.parameters[0]) / now.gradient[0]
    }
  }

  /// The rates of an exponential sweep, as the document asks for them.
  private static func sweep(_ minLr: Double, _ maxLr: Double, _ numSteps: Int) -> [Double] {
    (0..<numSteps).map { minLr * pow(maxLr / minLr, Double($0) / Double(numSteps - 1)) }
  }

  /// Checks that `tried` is the exponential sweep from `minLr` to `maxLr` in `numSteps` rates.
  private static func expectSweep(
    _ tried: [Double], _ minLr: Double, _ maxLr: Double, _ numSteps: Int, _ call: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let expected = sweep(minLr, maxLr, numSteps)
    guard tried.count == numSteps else {
      Issue.record(
        "\(call): expected \(numSteps) training steps (one per rate), read back \(tried.count) from the points evaluated",
        sourceLocation: sourceLocation)
      return
    }
    TestSupport.expectClose(
      tried[0], minLr, tolerance: 0, relativeTolerance: 1e-6,
      "\(call): the first step's rate is minLr", sourceLocation: sourceLocation)
    TestSupport.expectClose(
      tried[numSteps - 1], maxLr, tolerance: 0, relativeTolerance: 1e-6,
      "\(call): the last step's rate is maxLr", sourceLocation: sourceLocation)
    let factor = pow(maxLr / minLr, 1 / Double(numSteps - 1))
    if let k = (1..<numSteps).first(where: {
      !tried[$0].isApproximatelyEqual(
        to: expected[$0], absoluteTolerance: 0, relativeTolerance: 1e-6)
    }) {
      Issue.record(
        Comment(
          rawValue:
            "\(call): the rates should grow by the same factor at every step (exponentially), (maxLr / minLr)^(1 / (numSteps − 1)) = \(TestSupport.format(factor)); step \(k) used \(TestSupport.format(tried[k])) after \(TestSupport.format(tried[k - 1])), a factor of \(TestSupport.format(tried[k] / tried[k - 1]))"
        ), sourceLocation: sourceLocation)
    }
  }

  @Test(
    "the sweep with the defaults: 100 rates from 1e-7 to 10, growing exponentially, one step each, batches in turn"
  )
  func defaults() throws {
    // λ = 0.05: even lr = 10 is stable (lr·λ ≤ 0.5), so the sweep runs to its end.
    let recorder = Recorder(QuadraticModel(curvatures: [0.05], start: [1], exampleCount: 3))
    let found = findLr(model: recorder, data: [[0], [1], [2]])
    try #require(
      recorder.calls.count == 101,
      "numSteps defaults to 100, and a loss that never explodes runs them all: one call of lossAndGradient at the start and one after each step, 101; got \(recorder.calls.count)"
    )
    let tried = Self.rates(recorder)
    Self.expectSweep(tried, 1e-7, 10, 100, "findLr(model:data:) with the defaults")
    let batches = recorder.calls.map(\.batch)
    let inTurn = batches == (0...100).map { [$0 % 3] }
    #expect(
      inTurn,
      "the i-th call of lossAndGradient uses data[i % data.count]: batches [0], [1], [2], [0], …; got \(batches.prefix(6).map(\.description).joined(separator: ", "))…"
    )
    // The steepest fall, from the losses this run saw.
    let losses = recorder.calls.map(\.loss)
    let drops = zip(losses, losses.dropFirst()).map { $0 - $1 }
    let steepest = drops.indices.max { drops[$0] < drops[$1] }!
    TestSupport.expectClose(
      found, tried[steepest], tolerance: 0, relativeTolerance: 1e-6,
      "the rate returned should be the one whose step lowered the loss most (the loss before the step minus the loss after it); in this run that is step \(steepest)"
    )
  }

  @Test("equal drops: the first rate of them wins")
  func equalDrops() {
    // Started at the minimum, the loss stays 0 whatever the rate: every drop is 0.
    let found = findLr(
      model: QuadraticModel(curvatures: [1], start: [0]), data: [[0]], minLr: 1e-3, maxLr: 1,
      numSteps: 10)
    TestSupport.expectClose(
      found, 1e-3, tolerance: 0, relativeTolerance: 1e-6,
      "from θ = θ*, where the loss is 0 and stays 0, every step's drop is 0: the rate returned is the first of the equal drops, the sweep's first rate (minLr: 1e-3 here)"
    )
  }

  @Test("other settings: minLr, maxLr and numSteps all count")
  func otherSettings() throws {
    let recorder = Recorder(QuadraticModel(curvatures: [0.05], start: [2]))
    _ = findLr(model: recorder, data: [[0]], minLr: 1e-4, maxLr: 1, numSteps: 20)
    try #require(
      recorder.calls.count == 21,
      "numSteps: 20 gives 20 steps: 21 calls of lossAndGradient; got \(recorder.calls.count)")
    Self.expectSweep(
      Self.rates(recorder), 1e-4, 1, 20, "findLr(…, minLr: 1e-4, maxLr: 1, numSteps: 20)")
  }

  @Test("it stops once the loss explodes: above 4 × the best loss so far, or not finite")
  func stopsWhenTheLossExplodes() throws {
    // On ½λθ² a step multiplies the loss by (1 − lr·λ)²: it falls while lr < 2/λ and each step
    // past 3/λ multiplies it by more than 4, so the sweep ends between those two rates.
    let lambda = 4.0
    let rates = Self.sweep(1e-7, 10, 100)
    let pastTwo = rates.firstIndex { $0 * lambda > 2 }!
    let pastThree = rates.firstIndex { $0 * lambda > 3 }!
    let recorder = Recorder(QuadraticModel(curvatures: [lambda], start: [1]))
    _ = findLr(model: recorder, data: [[0]])
    let evaluations = recorder.calls.count
    #expect(
      (pastTwo + 2...pastThree + 2).contains(evaluations),
      "on ½·4θ² from θ = 1 the loss falls until lr passes 2/λ = 0.5 (step \(pastTwo)) and explodes by lr = 3/λ = 0.75 (step \(pastThree)): expected \(pastTwo + 2) to \(pastThree + 2) calls of lossAndGradient, got \(evaluations)\(evaluations == 101 ? " (the sweep never stopped)" : "")"
    )

    // One batch whose loss is 3 × the best (a noisy batch, not an explosion) does not end it.
    let noisy = Recorder(QuadraticModel(curvatures: [0.05], start: [1]), spikeAtCall: 30)
    _ = findLr(model: noisy, data: [[0]])
    #expect(
      noisy.calls.count == 101,
      "one batch with 3 × the best loss (call 30) is noise, not an explosion (above 4 × the best): the sweep should go on to its 101 calls; got \(noisy.calls.count)"
    )

    // A loss that triples at every call never jumps 4 × from one call to the next, but it passes
    // 4 × the best loss at its second rise.
    let growing = Recorder(QuadraticModel(curvatures: [0.05], start: [1]), tripleFromCall: 40)
    _ = findLr(model: growing, data: [[0]])
    #expect(
      growing.calls.count == 41,
      "the loss triples at every call from call 40 on: no single step multiplies it by 4, but at call 41 it is 9 × the best loss so far; the sweep should stop there, after 41 calls (compare with the best loss, not the previous one); got \(growing.calls.count)"
    )

    // A loss that turns NaN (say an overflow) ends the sweep at that call.
    let failing = Recorder(QuadraticModel(curvatures: [0.05], start: [1]), nanFromCall: 10)
    _ = findLr(model: failing, data: [[0]])
    #expect(
      failing.calls.count == 10,
      "the loss is NaN from the 10th call on: the sweep should stop right there (NaN > 4·best is false, so test isFinite), after 10 calls; got \(failing.calls.count)"
    )
  }

  /// A quadratic, its sweep and the rate range in which the steepest fall must be.
  struct Case: Sendable, CustomTestStringConvertible {
    let curvatures: [Double]
    let start: [Double]
    let numSteps: Int
    var testDescription: String { "λ = \(curvatures), \(numSteps) rates" }
  }

  @Test(
    "on a quadratic of curvature λ the steepest fall is at lr ≈ (q − 1)/(2λ), q the factor between rates",
    arguments: [
      Case(curvatures: [4], start: [1], numSteps: 100),
      Case(curvatures: [100], start: [1], numSteps: 100),
      Case(curvatures: [100, 1], start: [1, 1], numSteps: 100),
      Case(curvatures: [4], start: [1], numSteps: 50),
    ])
  func steepestFallOnAQuadratic(_ quadratic: Case) {
    // A step at a = lr·λ removes the fraction a(2 − a) of the loss left, and the steps before it
    // (at a/q, a/q², …) have left about exp(−2a/(q − 1)) of it: the drop, about 2a·exp(−2a/(q − 1))
    // of the first loss, peaks at a = (q − 1)/2, about 0.1 for 100 rates over eight decades, a
    // tenth of the one-step optimum a = 1 and far below the limit a = 2. Half to 1.5 times that
    // leaves room for the grid (one rate either way is a factor q).
    let model = QuadraticModel(curvatures: quadratic.curvatures, start: quadratic.start)
    let lambda = model.largestCurvature
    let found = findLr(model: model, data: [[0]], numSteps: quadratic.numSteps)
    let q = pow(10, 8 / Double(quadratic.numSteps - 1))
    let (low, high) = (0.5 * (q - 1) / 2 / lambda, 1.5 * (q - 1) / 2 / lambda)
    #expect(
      (low...high).contains(found),
      "findLr on ½Σλᵢθᵢ² with λ_max = \(TestSupport.format(lambda)), \(quadratic.numSteps) rates from 1e-7 to 10: the loss falls fastest between lr = \(TestSupport.format(low)) and \(TestSupport.format(high)) (the one-step optimum 1/λ is \(TestSupport.format(1 / lambda)), the stability limit 2/λ is \(TestSupport.format(2 / lambda))); got \(TestSupport.format(found))"
    )
  }

  @Test("on the digits, the rate it finds trains softmax regression well")
  func digits() throws {
    let (training, test) = try Digits.load().split()
    let model = SoftmaxRegression(data: training.rows(0..<500))
    let batches = stride(from: 0, to: 500, by: 100).map { Array($0..<($0 + 100)) }
    let found = findLr(model: model, data: batches)
    try #require(
      found.isFinite && (1e-7...10).contains(found),
      "the rate found lies in the sweep, 1e-7 … 10; got \(TestSupport.format(found))")
    // 20 steps of full-batch gradient descent from θ = 0 with the rate found, and with a tenth.
    func trained(_ lr: Double) -> [Double] {
      var params = model.initialParameters()
      for _ in 0..<20 {
        let g = model.lossAndGradient(params, batch: model.allExamples).gradient
        for i in params.indices { params[i] -= lr * g[i] }
      }
      return params
    }
    let withFound = trained(found)
    let loss = model.loss(withFound, batch: model.allExamples)
    let lossTenth = model.loss(trained(found / 10), batch: model.allExamples)
    let accuracy = model.accuracy(withFound, on: test)
    #expect(
      loss < 1 && accuracy > 0.8,
      "20 steps of gradient descent at the rate found, \(TestSupport.format(found)), should train the classifier: loss \(TestSupport.format(loss)) (from ln 10 ≈ 2.303), test accuracy \(TestSupport.format(accuracy)) (chance is 0.1)"
    )
    #expect(
      loss < lossTenth,
      "the rate found should train faster than a tenth of it: loss \(TestSupport.format(loss)) against \(TestSupport.format(lossTenth))"
    )
  }
}

/// A model that records every call of `lossAndGradient`; it can turn its loss to NaN from one call
/// on, make one call's loss 3 × the best so far, as a noisy batch would, or triple its loss at
/// every call from one on.
private final class Recorder: TrainableModel {
  struct Call {
    let parameters: [Double]
    let batch: [Int]
    let loss: Double
    let gradient: [Double]
  }

  let base: QuadraticModel
  let nanFromCall: Int?
  let spikeAtCall: Int?
  let tripleFromCall: Int?
  private(set) var calls: [Call] = []

  init(
    _ base: QuadraticModel, nanFromCall: Int? = nil, spikeAtCall: Int? = nil,
    tripleFromCall: Int? = nil
  ) {
    self.base = base
    self.nanFromCall = nanFromCall
    self.spikeAtCall = spikeAtCall
    self.tripleFromCall = tripleFromCall
  }

  var parameterCount: Int { base.parameterCount }
  var exampleCount: Int { base.exampleCount }
  func initialParameters() -> [Double] { base.initialParameters() }

  func lossAndGradient(_ parameters: [Double], batch: [Int]) -> (loss: Double, gradient: [Double]) {
    var (loss, gradient) = base.lossAndGradient(parameters, batch: batch)
    if let nanFromCall, calls.count + 1 >= nanFromCall {
      loss = .nan
      gradient = gradient.map { _ in .nan }
    }
    if let spikeAtCall, calls.count + 1 == spikeAtCall {
      loss = 3 * calls.map(\.loss).min()!
    }
    if let tripleFromCall, calls.count + 1 >= tripleFromCall {
      loss *= pow(3, Double(calls.count + 2 - tripleFromCall))
    }
    calls.append(Call(parameters: parameters, batch: batch, loss: loss, gradient: gradient))
    return (loss, gradient)
  }
}
