/// A quadratic of known curvature, to test training code where the answer follows by hand.
///
/// ```
/// L(θ) = ½ Σᵢ λᵢ (θᵢ − θ*ᵢ)²      ∇L(θ)ᵢ = λᵢ (θᵢ − θ*ᵢ)      Hessian diag(λ)
/// ```
///
/// The loss does not depend on the batch: every batch gives the full loss, so training on it is
/// deterministic whatever the batches. Gradient descent with rate lr multiplies each coordinate's
/// error by 1 − lr·λᵢ per step: it converges iff lr < 2/λ_max, and lr = 1/λᵢ solves coordinate i
/// in one step.
public struct QuadraticModel: TrainableModel, Equatable, Sendable {
  /// The curvatures λᵢ > 0, the Hessian's diagonal.
  public let curvatures: [Double]
  /// The minimum θ*, where the loss is 0.
  public let minimum: [Double]
  /// The initial parameters.
  public let start: [Double]
  /// The number of examples batches may index (they all give the same loss).
  public let exampleCount: Int

  /// A quadratic with these curvatures, minimum at `minimum` (the origin when omitted), from
  /// `start`.
  ///
  /// - Precondition: `curvatures`, `minimum` and `start` have the same length; `exampleCount ≥ 1`.
  public init(
    curvatures: [Double], minimum: [Double]? = nil, start: [Double], exampleCount: Int = 1
  ) {
    let minimum = minimum ?? Array(repeating: 0, count: curvatures.count)
    precondition(
      minimum.count == curvatures.count && start.count == curvatures.count,
      "QuadraticModel: \(curvatures.count) curvatures, \(minimum.count) minimum coordinates, "
        + "\(start.count) start coordinates")
    precondition(exampleCount >= 1, "QuadraticModel: exampleCount must be at least 1")
    self.curvatures = curvatures
    self.minimum = minimum
    self.start = start
    self.exampleCount = exampleCount
  }

  public var parameterCount: Int { curvatures.count }

  /// The largest curvature λ_max: gradient descent on this model is stable iff lr < 2/λ_max.
  public var largestCurvature: Double { curvatures.max() ?? 0 }

  public func initialParameters() -> [Double] { start }

  /// `L(θ) = ½ Σ λᵢ(θᵢ − θ*ᵢ)²` and its gradient; `batch` is ignored.
  public func lossAndGradient(_ parameters: [Double], batch: [Int]) -> (
    loss: Double, gradient: [Double]
  ) {
    precondition(
      parameters.count == parameterCount,
      "QuadraticModel: \(parameters.count) parameters, expected \(parameterCount)")
    var loss = 0.0
    var gradient = [Double](repeating: 0, count: parameterCount)
    for i in 0..<parameterCount {
      let error = parameters[i] - minimum[i]
      loss += 0.5 * curvatures[i] * error * error
      gradient[i] = curvatures[i] * error
    }
    return (loss, gradient)
  }
}
