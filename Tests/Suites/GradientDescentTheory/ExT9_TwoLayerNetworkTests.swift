import Foundation
import Testing

@Suite("T9 SGD versus batch gradient descent on a two-layer network", .graded)
struct ExT9_TwoLayerNetworkTests {
  /// A network of 3 inputs, 2 hidden units and 3 classes, with weights chosen so that each
  /// hidden unit is switched off by its ReLU on some of `handRows`.
  private static let hand = TwoLayerNetwork(
    w1: Matrix([[0.5, -1.0, 0.25], [-0.5, 0.2, -0.1]]), b1: [0.1, -0.2],
    w2: Matrix([[1.0, -1.0], [0.5, 2.0], [-1.5, 0.3]]), b2: [0.0, 0.1, -0.1])
  private static let handRows = Matrix([[1, -1, 2], [2, 0.5, -1], [-1, 0, 1], [0, 2, 0]])
  private static let handLabels = [0, 2, 1, 1]

  /// The digits, loaded once for every test of the suite.
  private static let digits = Result { try Digits.load().split() }

  @Test("the forward pass of a small network, by hand (z = (2.1, −1.1) for the first row)")
  func forwardByHand() {
    let expected: [[Double]] = [
      [0.7186545309577763, 0.27793318881282497, 0.00341228022939875],
      [0.4338515557322332, 0.40250295486408855, 0.1636454894036782],
      [0.23881945362685666, 0.48092332133770255, 0.2802572250354408],
      [0.23881945362685666, 0.48092332133770255, 0.2802572250354408],
    ]
    for row in 0..<4 {
      TestSupport.expectClose(
        forward(network: Self.hand, x: Self.handRows.row(row)), expected[row], tolerance: 1e-12,
        "softmax(W₂ max(0, W₁x + b₁) + b₂) for x = \(TestSupport.format(Self.handRows.row(row)))")
    }
  }

  @Test("the loss is the mean cross-entropy; accuracy counts the most probable class")
  func lossAndAccuracyByHand() {
    let twoRows = Matrix([Self.handRows.row(0), Self.handRows.row(1)])
    TestSupport.expectClose(
      lossAndGradient(network: Self.hand, X: twoRows, labels: [0, 2]).loss, 1.0702136815297765,
      tolerance: 1e-12, "−(log p₀(x₁) + log p₂(x₂)) / 2: the mean over the rows, not the sum")
    TestSupport.expectClose(
      accuracy(network: Self.hand, X: Self.handRows, labels: Self.handLabels), 0.75,
      tolerance: 0, "predictions 0, 0, 1, 1 against labels 0, 2, 1, 1")
  }

  @Test(
    "the backward pass matches central differences in every weight and bias",
    arguments: [(rows: 6, seed: 1 as UInt64), (rows: 1, seed: 2)])
  func gradientCheck(rows: Int, seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    let network = TwoLayerNetwork(inputs: 5, hidden: 4, classes: 3, random: &generator)
    let x = Matrix(rows: rows, columns: 5, elements: generator.gaussianVector(count: rows * 5))
    let labels = (0..<rows).map { $0 % 3 }
    let computed = Self.flattened(lossAndGradient(network: network, X: x, labels: labels).gradient)
    let numerical = TestSupport.centralDifferences(
      of: { lossAndGradient(network: Self.network($0, like: network), X: x, labels: labels).loss },
      at: Self.flattened(network))
    let names = Self.parameterNames(network)
    let worst = zip(computed, numerical).map { abs($0 - $1) }.enumerated().max { $0.1 < $1.1 }
    TestSupport.expectClose(
      computed, numerical, tolerance: 1e-7, relativeTolerance: 1e-6,
      "∂L/∂(W₁, b₁, W₂, b₂) on \(rows) row(s) against central differences of your loss; the worst is \(names[worst?.0 ?? 0])"
    )
  }

  @Test("a fresh network (64 → 32 → 10, the defaults) starts near ln 10 on the digits")
  func initialLoss() throws {
    let (training, _) = try Self.digits.get()
    var random = SeededGenerator(seed: 7)
    let network = TwoLayerNetwork(random: &random)
    try #require(network.w1.columns == 64 && network.w1.rows == 32 && network.w2.rows == 10)
    let loss = lossAndGradient(network: network, X: training.images, labels: training.labels).loss
    #expect(
      abs(loss - Foundation.log(10)) < 0.3,
      "near-uniform predictions give L ≈ ln 10 ≈ 2.303; got \(TestSupport.format(loss))")
  }

  /// A method of problem 2 and what a correct implementation reaches with it.
  struct Method: CustomTestStringConvertible, Sendable {
    let name: String
    let batchSize: Int
    let learningRate: Double
    let epochs: Int
    let floor: Double
    var testDescription: String { "\(name) (batch \(batchSize), η = \(learningRate))" }
  }

  @Test(
    "every method of problem 2 learns: one step per batch, the loss falls, test accuracy above its floor",
    arguments: [
      Method(name: "batch GD", batchSize: 600, learningRate: 1.0, epochs: 6, floor: 0.25),
      Method(name: "minibatch 512", batchSize: 512, learningRate: 0.5, epochs: 3, floor: 0.25),
      Method(name: "minibatch 128", batchSize: 128, learningRate: 0.3, epochs: 3, floor: 0.3),
      Method(name: "minibatch 32", batchSize: 32, learningRate: 0.1, epochs: 2, floor: 0.3),
      Method(name: "SGD", batchSize: 1, learningRate: 0.01, epochs: 1, floor: 0.35),
    ])
  func methodLearns(_ method: Method) throws {
    let (training, test) = try Self.digits.get()
    let data = training.rows(0..<600)
    var random = SeededGenerator(seed: 11)
    let start = TwoLayerNetwork(hidden: 16, random: &random)
    let initialLoss = lossAndGradient(network: start, X: data.images, labels: data.labels).loss
    let (network, history) = train(
      network: start, data: data, batchSize: method.batchSize,
      learningRate: method.learningRate, epochs: method.epochs, random: &random)
    let stepsPerEpoch = (data.count + method.batchSize - 1) / method.batchSize
    try #require(
      history.steps == method.epochs * stepsPerEpoch,
      "\(method.epochs) epochs of ⌈600/\(method.batchSize)⌉ = \(stepsPerEpoch) steps, the last batch shorter when \(method.batchSize) does not divide 600: expected \(method.epochs * stepsPerEpoch) minibatch losses, got \(history.steps)"
    )
    #expect(
      history.learningRates == Array(repeating: method.learningRate, count: history.steps),
      "one learning rate recorded per step, η = \(TestSupport.format(method.learningRate)) each time; got \(history.learningRates.count) rates for \(history.steps) steps"
    )
    try #require(history.epochLosses.count == method.epochs, "one training loss per epoch")
    let finalLoss = lossAndGradient(network: network, X: data.images, labels: data.labels).loss
    TestSupport.expectClose(
      history.epochLosses.last!, finalLoss, tolerance: 1e-9,
      "the last epoch's loss is the returned network's loss on all the training data")
    #expect(
      finalLoss < initialLoss - 0.1,
      "training must lower the loss: \(TestSupport.format(initialLoss)) → \(TestSupport.format(finalLoss)) (a sign error climbs)"
    )
    let testAccuracy = accuracy(network: network, X: test.images, labels: test.labels)
    #expect(
      testAccuracy >= method.floor,
      "test accuracy \(TestSupport.format(testAccuracy)): chance is 0.1, a correct implementation reaches \(method.floor) or more here"
    )
  }

  @Test("one step of batch GD moves every weight and bias to θ − η·∇L")
  func oneStep() throws {
    let data = try Self.digits.get().0.rows(0..<64)
    var random = SeededGenerator(seed: 3)
    let start = TwoLayerNetwork(hidden: 8, random: &random)
    let gradient = lossAndGradient(network: start, X: data.images, labels: data.labels).gradient
    let (network, _) = train(
      network: start, data: data, batchSize: 64, learningRate: 0.1, epochs: 1, random: &random)
    TestSupport.expectClose(
      Self.flattened(network),
      zip(Self.flattened(start), Self.flattened(gradient)).map { $0 - 0.1 * $1 },
      tolerance: 1e-12,
      "W₁, b₁, W₂ and b₂ after one step on all 64 rows: each against its own gradient")
  }

  @Test(
    "the shuffles come from the generator: the same seed repeats a run, another seed changes it")
  func shufflesAreSeeded() throws {
    let (training, _) = try Self.digits.get()
    let data = training.rows(0..<64)
    func run(seed: UInt64) -> [Double] {
      var random = SeededGenerator(seed: 5)
      let network = TwoLayerNetwork(hidden: 8, random: &random)
      random = SeededGenerator(seed: seed)
      return train(
        network: network, data: data, batchSize: 8, learningRate: 0.1, epochs: 2, random: &random
      ).history.stepLosses
    }
    #expect(run(seed: 1) == run(seed: 1), "with the same generator, the same run")
    #expect(run(seed: 1) != run(seed: 2), "each epoch shuffles the rows with `random`")
  }

  @Test(
    "the history, step by step and epoch by epoch: the loss before each update, its rate, the loss on all the data after each epoch, and a new shuffle every epoch",
    arguments: [1, 3])
  func historyIsRecorded(batchSize: Int) throws {
    // Ten digits of ten different labels, and output biases all different: two rows whose hidden
    // units are all off then still differ in loss, so each step's batch is told by its loss.
    let (rows, epochs) = (10, 3)
    let data = try Self.digits.get().0.rows(0..<rows)
    try #require(Set(data.labels).count == rows)
    var random = SeededGenerator(seed: 13)
    var start = TwoLayerNetwork(hidden: 8, random: &random)
    start.b2 = (0..<10).map { 0.03 * Double($0) - 0.1 }
    let eta = 0.2
    let (trained, history) = train(
      network: start, data: data, batchSize: batchSize, learningRate: eta, epochs: epochs,
      random: &random)
    let perEpoch = (rows + batchSize - 1) / batchSize
    try #require(
      history.steps == epochs * perEpoch && history.epochLosses.count == epochs,
      "\(epochs) epochs of ⌈\(rows)/\(batchSize)⌉ = \(perEpoch) steps: expected \(epochs * perEpoch) step losses and \(epochs) epoch losses, got \(history.steps) and \(history.epochLosses.count)"
    )
    #expect(
      history.learningRates == Array(repeating: eta, count: history.steps),
      "one rate per step, η = \(TestSupport.format(eta)) each time; got \(history.learningRates.count) rates: \(TestSupport.format(history.learningRates))"
    )
    // Replay the run: the batch of each step is the set of rows not yet drawn this epoch whose
    // mean loss, at the weights before the step, is the loss the step recorded.
    var network = start
    var epochBatches: [[Set<Int>]] = []
    for epoch in 0..<epochs {
      var unused = Array(0..<rows)
      var batches: [Set<Int>] = []
      for step in (epoch * perEpoch)..<((epoch + 1) * perEpoch) {
        let single = unused.map { row in
          lossAndGradient(
            network: network, X: Matrix([data.images.row(row)]), labels: [data.labels[row]]
          ).loss
        }
        let recorded = history.stepLosses[step]
        let found = Self.batch(
          of: min(batchSize, unused.count), among: unused, losses: single, meanLoss: recorded)
        guard found.miss <= 1e-9 * max(1, abs(recorded)) else {
          Issue.record(
            "step \(step) (epoch \(epoch + 1)) recorded the loss \(TestSupport.format(recorded)), which is the mean loss of no batch of \(min(batchSize, unused.count)) rows not yet drawn this epoch, at the weights before the step: record L of the step's own batch before the update"
          )
          return
        }
        let members = found.rows
        let update = lossAndGradient(
          network: network, X: Matrix(members.map { data.images.row($0) }),
          labels: members.map { data.labels[$0] })
        network = Self.network(
          zip(Self.flattened(network), Self.flattened(update.gradient)).map { $0 - eta * $1 },
          like: network)
        unused.removeAll { members.contains($0) }
        batches.append(Set(members))
      }
      let onAllRows = lossAndGradient(network: network, X: data.images, labels: data.labels).loss
      TestSupport.expectClose(
        history.epochLosses[epoch], onAllRows, tolerance: 1e-9, relativeTolerance: 1e-9,
        "epoch \(epoch + 1)'s loss is the loss on all \(rows) rows after its last step (not the mean of its steps' losses)"
      )
      epochBatches.append(batches)
    }
    TestSupport.expectClose(
      Self.flattened(trained), Self.flattened(network), tolerance: 1e-9, relativeTolerance: 1e-9,
      "the returned network is the last step's")
    for epoch in 1..<epochs {
      #expect(
        epochBatches[epoch] != epochBatches[epoch - 1],
        "epochs \(epoch) and \(epoch + 1) drew the same batches in the same order: shuffle the rows with `random` at the start of every epoch"
      )
    }
  }

  /// The `size` rows among `candidates` whose mean loss is nearest `meanLoss`, and how far it is.
  private static func batch(
    of size: Int, among candidates: [Int], losses: [Double], meanLoss: Double
  ) -> (rows: [Int], miss: Double) {
    var best: (rows: [Int], miss: Double) = ([], .infinity)
    func extend(from first: Int, _ chosen: [Int], _ sum: Double) {
      if chosen.count == size {
        let miss = abs(sum / Double(size) - meanLoss)
        if miss < best.miss { best = (chosen, miss) }
        return
      }
      guard first + size - chosen.count <= candidates.count else { return }
      for k in first..<candidates.count {
        extend(from: k + 1, chosen + [candidates[k]], sum + losses[k])
      }
    }
    extend(from: 0, [], 0)
    return best
  }

  /// Every weight and bias of `network`, in a fixed order: W₁, b₁, W₂, b₂.
  private static func flattened(_ network: TwoLayerNetwork) -> [Double] {
    network.w1.elements + network.b1 + network.w2.elements + network.b2
  }

  /// The network of `shape`'s sizes holding `parameters`, in the order of `flattened`.
  private static func network(_ parameters: [Double], like shape: TwoLayerNetwork)
    -> TwoLayerNetwork
  {
    let sizes = [shape.w1.elements.count, shape.b1.count, shape.w2.elements.count]
    let (b1Start, w2Start, b2Start) = (
      sizes[0], sizes[0] + sizes[1], sizes[0] + sizes[1] + sizes[2]
    )
    return TwoLayerNetwork(
      w1: Matrix(
        rows: shape.w1.rows, columns: shape.w1.columns, elements: Array(parameters[..<b1Start])),
      b1: Array(parameters[b1Start..<w2Start]),
      w2: Matrix(
        rows: shape.w2.rows, columns: shape.w2.columns,
        elements: Array(parameters[w2Start..<b2Start])),
      b2: Array(parameters[b2Start...]))
  }

  /// The name of each entry of `flattened`, for the failure message.
  private static func parameterNames(_ shape: TwoLayerNetwork) -> [String] {
    func matrix(_ name: String, _ m: Matrix) -> [String] {
      (0..<m.rows).flatMap { i in (0..<m.columns).map { j in "\(name)[\(i), \(j)]" } }
    }
    return matrix("W₁", shape.w1) + shape.b1.indices.map { "b₁[\($0)]" } + matrix("W₂", shape.w2)
      + shape.b2.indices.map { "b₂[\($0)]" }
  }
}
