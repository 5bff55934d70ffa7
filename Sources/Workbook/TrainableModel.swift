/// A model whose parameters are one flat vector, with the loss and gradient of a batch of examples.
///
/// The challenge exercises 4.9–4.11 train models through this protocol, so one training loop, one
/// optimizer or one learning-rate finder serves the digits classifier (``SoftmaxRegression``) and
/// a quadratic whose curvature is known (``QuadraticModel``), on which the answer can be derived
/// by hand. A batch is a list of example indices, `0..<exampleCount`; the loss of a batch is the
/// mean over its examples, so batches of different sizes give losses on the same scale.
public protocol TrainableModel {
  /// The number of parameters, the length of every parameter and gradient vector.
  var parameterCount: Int { get }
  /// The number of training examples that batches index, `0..<exampleCount`.
  var exampleCount: Int { get }
  /// The parameters training starts from; the same vector at every call.
  func initialParameters() -> [Double]
  /// The mean loss over the examples of `batch` at `parameters`, and its gradient.
  func lossAndGradient(_ parameters: [Double], batch: [Int]) -> (loss: Double, gradient: [Double])
  /// The mean loss over the examples of `batch` at `parameters`, without the gradient.
  func loss(_ parameters: [Double], batch: [Int]) -> Double
}

extension TrainableModel {
  /// The loss of `lossAndGradient`; models override it where the gradient costs extra work.
  public func loss(_ parameters: [Double], batch: [Int]) -> Double {
    lossAndGradient(parameters, batch: batch).loss
  }

  /// Every example's index, `0..<exampleCount`: the batch of a full-batch step, and the batch
  /// on which a training curve measures the loss.
  public var allExamples: [Int] { Array(0..<exampleCount) }
}
