/// What a training run records, step by step and epoch by epoch: the learning curves.
public struct TrainingHistory: Equatable, Sendable {
  /// The minibatch loss before each update, one per step.
  public var stepLosses: [Double] = []
  /// The learning rate of each update, one per step.
  public var learningRates: [Double] = []
  /// The loss on the whole training set after each epoch.
  public var epochLosses: [Double] = []

  /// An empty history, to append to while training.
  public init() {}

  /// The number of updates made.
  public var steps: Int { stepLosses.count }
}
