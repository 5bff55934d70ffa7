import Workbook

// Exercise N9 (★★★): gradient descent on the steep quadratic ½θᵀHθ, H = diag(100, 1), with
// η = 0.05 diverges; clipping the length of each update keeps it stable, like a trust region.

/// Takes one gradient descent step whose update −η·g is shortened to length `clip` when longer.
///
/// ```
/// u = −η·g
/// if clip ≠ nil and ‖u‖ > clip:   u ← u · clip / ‖u‖
/// θ ← θ + u
/// ```
///
/// Like a trust region of radius `clip`: a step that fits is taken unchanged, a longer one keeps
/// its direction −g and is cut back to the boundary. It is the update that is clipped, not the
/// gradient, and as a whole vector (by its norm), not coordinate by coordinate.
///
/// A NaN in the gradient must reach θ, as np.clip and torch's clipping keep NaN: ‖u‖ is then
/// NaN, ‖u‖ > clip is false, and the update is taken as it is. Never skip the step because of it.
///
/// - Parameters:
///   - theta: the parameters θ.
///   - grad: the gradient g at θ, as long as `theta`.
///   - eta: the learning rate η > 0.
///   - clip: the largest update length allowed (> 0), or `nil` for a plain step.
/// - Returns: the parameters after the step.
public func clippedStep(theta: [Double], grad: [Double], eta: Double, clip: Double?) -> [Double] {
  // BEGIN SOLUTION
  var update = scaled(grad, by: -eta)
  let length = norm(update)
  if let clip, length > clip {
    update = scaled(update, by: clip / length)
  }
  return adding(theta, update)
  // END SOLUTION
}
