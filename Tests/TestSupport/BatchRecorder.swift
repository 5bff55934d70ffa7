import Workbook

/// A model that records the batches it is asked about, around a quadratic: what a suite checks
/// to see which minibatches a learner's training loop drew, and how many.
public final class BatchRecorder: TrainableModel {
  public let base: QuadraticModel
  public private(set) var batches: [[Int]] = []

  public init(_ base: QuadraticModel) { self.base = base }

  public var parameterCount: Int { base.parameterCount }
  public var exampleCount: Int { base.exampleCount }
  /// The batches of training steps: every batch but the full one the losses are measured on.
  public var trainingBatches: [[Int]] { batches.filter { $0.count != base.exampleCount } }

  public func initialParameters() -> [Double] { base.initialParameters() }

  public func lossAndGradient(_ parameters: [Double], batch: [Int]) -> (
    loss: Double, gradient: [Double]
  ) {
    batches.append(batch)
    return base.lossAndGradient(parameters, batch: batch)
  }

  public func loss(_ parameters: [Double], batch: [Int]) -> Double {
    batches.append(batch)
    return base.loss(parameters, batch: batch)
  }
}
