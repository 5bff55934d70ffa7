import Foundation
import Workbook

// Exercise 4.11 (★★★): train the same model with batch sizes 16, 32, 64, 128 and 256 for the same
// number of epochs, (a) at one learning rate for all, (b) with the rate scaled linearly with the
// batch size, and (c) test the "linear scaling rule" (lr ∝ batch size) those runs rest on. The
// model is any `TrainableModel`; the tests train the library's `SoftmaxRegression` on 500 digits.

/// One run of the batch-size study: its settings and what it measured.
public struct BatchSizeRun: Equatable, Sendable {
  /// The examples per step.
  public let batchSize: Int
  /// The learning rate.
  public let lr: Double
  /// The number of updates made, over all epochs.
  public let steps: Int
  /// The loss on all the examples after each epoch.
  public let epochLosses: [Double]

  /// A run's record.
  public init(batchSize: Int, lr: Double, steps: Int, epochLosses: [Double]) {
    self.batchSize = batchSize
    self.lr = lr
    self.steps = steps
    self.epochLosses = epochLosses
  }

  /// The loss on all the examples at the end of the run (NaN for a run of no epochs).
  public var finalLoss: Double { epochLosses.last ?? .nan }
}

/// Returns the number of steps of one epoch: one per batch, the last batch shorter when the batch
/// size does not divide the number of examples.
///
/// ```
/// ⌈exampleCount / batchSize⌉
/// ```
///
/// - Parameters:
///   - exampleCount: the number of examples, ≥ 1.
///   - batchSize: the examples per batch, ≥ 1.
/// - Returns: the number of batches that cover every example once.
public func stepsPerEpoch(exampleCount: Int, batchSize: Int) -> Int {
  unimplemented()
}

/// Trains a model by minibatch SGD for a number of epochs.
///
/// ```
/// θ = model.initialParameters()
/// each epoch:  order = model.allExamples shuffled with random
///              for each batch of batchSize consecutive indices of order (the last may be shorter):
///                  θ ← θ − lr · gradient of the loss on the batch
///              record the loss on all the examples
/// ```
///
/// - Parameters:
///   - model: what to train, from `model.initialParameters()`.
///   - batchSize: examples per step, ≥ 1.
///   - lr: the learning rate.
///   - epochs: passes over the examples, ≥ 0.
///   - random: the generator of the shuffles.
/// - Returns: the trained parameters, the loss on all the examples after each epoch, and the
///   number of steps taken (epochs · ⌈n / batchSize⌉).
public func trainMinibatchSGD(
  model: some TrainableModel, batchSize: Int, lr: Double, epochs: Int,
  random: inout SeededGenerator
) -> (parameters: [Double], epochLosses: [Double], steps: Int) {
  unimplemented()
}

/// Part (a): trains with every batch size at the same learning rate.
///
/// Each run starts from `model.initialParameters()` with its own `SeededGenerator(seed: seed)`.
///
/// - Parameters:
///   - model: what to train.
///   - batchSizes: the batch sizes, default 16, 32, 64, 128 and 256.
///   - lr: the rate of every run, default 0.2.
///   - epochs: epochs per run, default 3: the same passes over the data for every batch size.
///   - seed: the shuffles' seed, default 0.
/// - Returns: one run per batch size, in order.
public func sameLearningRate(
  model: some TrainableModel, batchSizes: [Int] = [16, 32, 64, 128, 256], lr: Double = 0.2,
  epochs: Int = 3, seed: UInt64 = 0
) -> [BatchSizeRun] {
  unimplemented()
}

/// Part (b): trains with every batch size at a rate scaled linearly with it.
///
/// ```
/// lr_B = baseLr · B / B₀,    B₀ = batchSizes[0], the base batch size
/// ```
///
/// Each run starts from `model.initialParameters()` with its own `SeededGenerator(seed: seed)`.
///
/// - Parameters:
///   - model: what to train.
///   - batchSizes: the batch sizes, the base first; default 16, 32, 64, 128 and 256.
///   - baseLr: the rate of the base batch size, default 0.2.
///   - epochs: epochs per run, default 3.
///   - seed: the shuffles' seed, default 0.
/// - Returns: one run per batch size, in order.
public func scaledLearningRate(
  model: some TrainableModel, batchSizes: [Int] = [16, 32, 64, 128, 256], baseLr: Double = 0.2,
  epochs: Int = 3, seed: UInt64 = 0
) -> [BatchSizeRun] {
  unimplemented()
}

/// Part (c): tests the linear scaling rule on runs with scaled rates: for each run, whether it
/// ends as the base run does.
///
/// The rule says that with lr ∝ B, training for the same number of epochs reaches the same loss
/// whatever the batch size. A run agrees with it when its final loss is within `tolerance`
/// (relative) of the base run's:
///
/// ```
/// holds(run) = | run.finalLoss / runs[0].finalLoss − 1 | ≤ tolerance
/// ```
///
/// - Parameters:
///   - runs: runs with scaled rates, the base batch size first (as
///     ``scaledLearningRate(model:batchSizes:baseLr:epochs:seed:)`` returns them).
///   - tolerance: the relative difference that still counts as the same loss, default 0.2.
/// - Returns: one verdict per run, in order (the base run agrees with itself).
public func linearScalingHolds(_ runs: [BatchSizeRun], tolerance: Double = 0.2) -> [Bool] {
  unimplemented()
}
