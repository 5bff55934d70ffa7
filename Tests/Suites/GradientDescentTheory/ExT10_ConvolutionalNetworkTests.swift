import Foundation
import Testing

@Suite("T10 Learning-rate schedules on a small convolutional network", .graded)
struct ExT10_ConvolutionalNetworkTests {
  /// The digits, loaded once for every test of the suite.
  private static let digits = Result { try Digits.load().split() }

  @Test("cross-correlation slides the kernel unflipped, and the output has the valid size")
  func crossCorrelationByHand() throws {
    let image = Matrix(rows: 4, columns: 5, elements: (0..<20).map(Double.init))
    let kernel = Matrix([[1, 0, -1], [2, 0.5, 0]])
    let out = crossCorrelate(image: image, kernel: kernel)
    try #require(
      out.rows == 3 && out.columns == 3,
      "a 2×3 kernel fits a 4×5 image at (4 − 2 + 1) × (5 − 3 + 1) = 3×3 positions; got \(out.rows)×\(out.columns)"
    )
    TestSupport.expectClose(
      out.elements, [11, 13.5, 16, 23.5, 26, 28.5, 36, 38.5, 41], tolerance: 1e-12,
      "out[i, j] = Σ image[i + a, j + b] · kernel[a, b] (a flipped kernel gives 6.5 at [0, 0])")
  }

  @Test(
    "the forward pass of one filter on one image, by hand (25 of the 36 positions switched off)")
  func forwardByHand() {
    let pixels: [Double] = (0..<64).map { (k: Int) -> Double in
      let level: Int = (3 * (k / 8) + 5 * (k % 8)) % 7
      return Double(level) / 6
    }
    let image = Matrix(rows: 8, columns: 8, elements: pixels)
    let weights: [Double] = (0..<72).map { (k: Int) -> Double in
      let level: Int = (7 * (k / 36) + 3 * (k % 36)) % 5 - 2
      return Double(level) / 10
    }
    let network = ConvNetwork(
      kernels: [Matrix([[1, 0, -1], [0.5, -0.5, 0], [0, 1, -1]])], kernelBiases: [-0.2],
      w: Matrix(rows: 2, columns: 36, elements: weights),
      b: [0.1, -0.1])
    TestSupport.expectClose(
      forward(network: network, image: image), [0.6201064323430902, 0.3798935676569099],
      tolerance: 1e-12,
      "softmax(W · max(0, image ⋆ K + β) + b), the 6×6 map flattened row by row")
  }

  @Test(
    "the backward pass matches central differences in every filter, weight and bias",
    arguments: [(images: 3, seed: 3 as UInt64), (images: 1, seed: 4)])
  func gradientCheck(images: Int, seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    let network = ConvNetwork(filters: 2, classes: 3, random: &generator)
    let x = Matrix(
      rows: images, columns: 64, elements: generator.gaussianVector(count: images * 64))
    let labels = (0..<images).map { ($0 + 1) % 3 }
    let computed = Self.flattened(
      lossAndGradient(network: network, images: x, labels: labels).gradient)
    let numerical = TestSupport.centralDifferences(
      of: {
        lossAndGradient(network: Self.network($0, like: network), images: x, labels: labels).loss
      },
      at: Self.flattened(network))
    TestSupport.expectClose(
      Array(computed.prefix(20)), Array(numerical.prefix(20)), tolerance: 1e-7,
      relativeTolerance: 1e-6,
      "∂L/∂(K₀, K₁, β) against central differences of your loss: ∂L/∂K_c = image ⋆ ∂L/∂z_c")
    TestSupport.expectClose(
      Array(computed.dropFirst(20)), Array(numerical.dropFirst(20)), tolerance: 1e-7,
      relativeTolerance: 1e-6, "∂L/∂(W, b) against central differences of your loss")
  }

  /// A schedule of problem 5 over `total` steps from the base rate η₀.
  struct Schedule: CustomTestStringConvertible, Sendable {
    let name: String
    let rate: @Sendable (_ step: Int, _ total: Int) -> Double
    var testDescription: String { name }
  }

  static let baseRate = 0.2

  /// The four schedules of problem 5.
  static let schedules = [
    Schedule(name: "fixed η₀") { _, _ in baseRate },
    Schedule(name: "step decay, halving every third of the run") { t, total in
      baseRate * pow(0.5, Double(t / (total / 3 + 1)))
    },
    Schedule(name: "cosine annealing to 0") { t, total in
      0.5 * baseRate * (1 + cos(Double.pi * Double(t) / Double(total)))
    },
    Schedule(name: "1-cycle: warm up for 30 %, then anneal") { t, total in
      let warmup = 0.3 * Double(total)
      return Double(t) < warmup
        ? baseRate / 10 + (baseRate - baseRate / 10) * Double(t) / warmup
        : 0.5 * baseRate * (1 + cos(Double.pi * (Double(t) - warmup) / (Double(total) - warmup)))
    },
  ]

  /// Trains a fresh network (seed 21) on the first `count` training digits with `schedule`.
  private static func run(
    _ schedule: Schedule, count: Int, batchSize: Int, epochs: Int
  ) throws -> (network: ConvNetwork, history: TrainingHistory, total: Int) {
    let data = try digits.get().0.rows(0..<count)
    let total = epochs * ((count + batchSize - 1) / batchSize)
    var random = SeededGenerator(seed: 21)
    let start = ConvNetwork(random: &random)
    let (network, history) = train(
      network: start, data: data, batchSize: batchSize, epochs: epochs,
      schedule: { schedule.rate($0, total) }, random: &random)
    return (network, history, total)
  }

  @Test("one step on a full batch moves every filter, weight and bias to θ − η·∇L")
  func oneStep() throws {
    let data = try Self.digits.get().0.rows(0..<16)
    var random = SeededGenerator(seed: 5)
    let start = ConvNetwork(filters: 2, classes: 10, random: &random)
    let gradient = lossAndGradient(network: start, images: data.images, labels: data.labels)
      .gradient
    let (network, _) = train(
      network: start, data: data, batchSize: 16, epochs: 1, schedule: { _ in 0.1 },
      random: &random)
    TestSupport.expectClose(
      Self.flattened(network),
      zip(Self.flattened(start), Self.flattened(gradient)).map { $0 - 0.1 * $1 },
      tolerance: 1e-12,
      "the filters, β, W and b after one step on all 16 images: each against its own gradient")
  }

  @Test("each schedule of problem 5 is followed step by step", arguments: schedules)
  func scheduleIsFollowed(_ schedule: Schedule) throws {
    let (_, history, total) = try Self.run(schedule, count: 100, batchSize: 32, epochs: 2)
    try #require(
      history.steps == total,
      "2 epochs of ⌈100/32⌉ = 4 steps (the last batch shorter): expected \(total) steps, got \(history.steps)"
    )
    TestSupport.expectClose(
      history.learningRates, (0..<total).map { schedule.rate($0, total) }, tolerance: 1e-15,
      "the rate of step t is schedule(t), t counting every step from 0 across the epochs")
    #expect(history.epochLosses.count == 2, "one training loss per epoch")
  }

  @Test(
    "the network learns: 3 epochs of 400 digits with the 1-cycle schedule reach 0.5 test accuracy")
  func networkLearns() throws {
    let (network, history, total) = try Self.run(
      Self.schedules[3], count: 400, batchSize: 32, epochs: 3)
    try #require(history.steps == total, "3 epochs of ⌈400/32⌉ = 13 steps: \(total) steps")
    let test = try Self.digits.get().1
    let testAccuracy = accuracy(network: network, images: test.images, labels: test.labels)
    #expect(
      testAccuracy >= 0.5,
      "test accuracy \(TestSupport.format(testAccuracy)): chance is 0.1, a correct implementation reaches 0.5 or more"
    )
  }

  @Test("a fresh network (4 filters and 10 classes, the defaults) starts near ln 10")
  func initialLoss() throws {
    let (training, _) = try Self.digits.get()
    var random = SeededGenerator(seed: 8)
    let network = ConvNetwork(random: &random)
    try #require(network.kernels.count == 4 && network.w.rows == 10 && network.w.columns == 144)
    let data = training.rows(0..<200)
    let loss = lossAndGradient(network: network, images: data.images, labels: data.labels).loss
    #expect(
      abs(loss - Foundation.log(10)) < 0.4,
      "near-uniform predictions give L ≈ ln 10 ≈ 2.303; got \(TestSupport.format(loss))")
  }

  @Test(
    "the history, step by step and epoch by epoch: the loss before each update, schedule(t), the loss on all the data after each epoch, and a new shuffle every epoch",
    arguments: [1, 3])
  func historyIsRecorded(batchSize: Int) throws {
    // Ten digits of ten different labels, and output biases all different: two images whose
    // features are all off then still differ in loss, so each step's batch is told by its loss.
    let (rows, epochs) = (10, 3)
    let data = try Self.digits.get().0.rows(0..<rows)
    try #require(Set(data.labels).count == rows)
    var random = SeededGenerator(seed: 17)
    var start = ConvNetwork(filters: 2, random: &random)
    start.b = (0..<10).map { 0.1 - 0.02 * Double($0) }
    let rate: @Sendable (Int) -> Double = { t in 0.05 + 0.03 * Double(t % 4) }
    let (trained, history) = train(
      network: start, data: data, batchSize: batchSize, epochs: epochs, schedule: rate,
      random: &random)
    let perEpoch = (rows + batchSize - 1) / batchSize
    try #require(
      history.steps == epochs * perEpoch && history.epochLosses.count == epochs,
      "\(epochs) epochs of ⌈\(rows)/\(batchSize)⌉ = \(perEpoch) steps: expected \(epochs * perEpoch) step losses and \(epochs) epoch losses, got \(history.steps) and \(history.epochLosses.count)"
    )
    TestSupport.expectClose(
      history.learningRates, (0..<history.steps).map(rate), tolerance: 1e-15,
      "one rate per step, schedule(t) for t = 0, 1, 2, … across the epochs")
    // Replay the run: the batch of each step is the set of images not yet drawn this epoch whose
    // mean loss, at the weights before the step, is the loss the step recorded.
    var network = start
    var epochBatches: [[Set<Int>]] = []
    for epoch in 0..<epochs {
      var unused = Array(0..<rows)
      var batches: [Set<Int>] = []
      for t in (epoch * perEpoch)..<((epoch + 1) * perEpoch) {
        let single = unused.map { image in
          lossAndGradient(
            network: network, images: Matrix([data.images.row(image)]),
            labels: [data.labels[image]]
          ).loss
        }
        let recorded = history.stepLosses[t]
        let found = Self.batch(
          of: min(batchSize, unused.count), among: unused, losses: single, meanLoss: recorded)
        guard found.miss <= 1e-9 * max(1, abs(recorded)) else {
          Issue.record(
            "step \(t) (epoch \(epoch + 1)) recorded the loss \(TestSupport.format(recorded)), which is the mean loss of no batch of \(min(batchSize, unused.count)) images not yet drawn this epoch, at the weights before the step: record L of the step's own batch before the update"
          )
          return
        }
        let members = found.rows
        let update = lossAndGradient(
          network: network, images: Matrix(members.map { data.images.row($0) }),
          labels: members.map { data.labels[$0] })
        network = Self.network(
          zip(Self.flattened(network), Self.flattened(update.gradient)).map { $0 - rate(t) * $1 },
          like: network)
        unused.removeAll { members.contains($0) }
        batches.append(Set(members))
      }
      let onAllImages = lossAndGradient(
        network: network, images: data.images, labels: data.labels
      ).loss
      TestSupport.expectClose(
        history.epochLosses[epoch], onAllImages, tolerance: 1e-9, relativeTolerance: 1e-9,
        "epoch \(epoch + 1)'s loss is the loss on all \(rows) images after its last step (not the mean of its steps' losses)"
      )
      epochBatches.append(batches)
    }
    TestSupport.expectClose(
      Self.flattened(trained), Self.flattened(network), tolerance: 1e-9, relativeTolerance: 1e-9,
      "the returned network is the last step's")
    for epoch in 1..<epochs {
      #expect(
        epochBatches[epoch] != epochBatches[epoch - 1],
        "epochs \(epoch) and \(epoch + 1) drew the same batches in the same order: shuffle the images with `random` at the start of every epoch"
      )
    }
  }

  /// The `size` images among `candidates` whose mean loss is nearest `meanLoss`, and how far it is.
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

  /// Every filter, weight and bias of `network`, in a fixed order: the filters, β, W, b.
  private static func flattened(_ network: ConvNetwork) -> [Double] {
    network.kernels.flatMap(\.elements) + network.kernelBiases + network.w.elements + network.b
  }

  /// The network of `shape`'s sizes holding `parameters`, in the order of `flattened`.
  private static func network(_ parameters: [Double], like shape: ConvNetwork) -> ConvNetwork {
    let filters = shape.kernels.count
    let wStart = filters * 10
    let bStart = wStart + shape.w.elements.count
    return ConvNetwork(
      kernels: stride(from: 0, to: filters * 9, by: 9).map {
        Matrix(rows: 3, columns: 3, elements: Array(parameters[$0..<($0 + 9)]))
      },
      kernelBiases: Array(parameters[(filters * 9)..<wStart]),
      w: Matrix(
        rows: shape.w.rows, columns: shape.w.columns, elements: Array(parameters[wStart..<bStart])),
      b: Array(parameters[bStart...]))
  }
}
