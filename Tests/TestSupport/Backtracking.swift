import Workbook

/// The step size the documents' drivers use: α from 1, halved until Armijo's condition holds.
///
/// ```
/// f(x + α·p) ≤ f(x) + c₁·α·slope,   c₁ = 1e-4,   slope = ∇f(x)ᵀp < 0
/// ```
///
/// Suites that race a learner's direction against gradient descent take their line search from
/// here rather than from the learner's `armijoBacktrack` (N1), so each suite grades one exercise.
///
/// - Parameters:
///   - f: the objective.
///   - x: the current point.
///   - p: the search direction.
///   - slope: ∇f(x)ᵀp.
///   - maxHalvings: how many times α may be halved (the documents use 40 or 60).
public func armijoStepSize(
  f: ([Double]) -> Double, x: [Double], p: [Double], slope: Double, maxHalvings: Int = 60
) -> Double {
  let f0 = f(x)
  var alpha = 1.0
  for _ in 0..<maxHalvings {
    if f(adding(x, p, scaledBy: alpha)) <= f0 + 1e-4 * alpha * slope { break }
    alpha *= 0.5
  }
  return alpha
}
