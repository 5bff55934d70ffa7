import Workbook

// Exercise N1, reference: the learner's stub in Exercises/ documents the formula.

/// Shrinks α from alpha0 by ρ until f(x + αp) ≤ f(x) + c1·α·∇f(x)ᵀp, for at most 100 reductions.
public func armijoBacktrack(
  f: ([Double]) -> Double, gradF: ([Double]) -> [Double], x: [Double], p: [Double],
  alpha0: Double = 1.0, rho: Double = 0.5, c1: Double = 1e-4
) -> Double {
  let f0 = f(x)
  let slope = dot(gradF(x), p)
  precondition(slope < 0, "armijoBacktrack: p is not a descent direction (∇f(x)ᵀp = \(slope))")
  var alpha = alpha0
  for _ in 0..<100 {
    if f(adding(x, p, scaledBy: alpha)) <= f0 + c1 * alpha * slope { break }
    alpha *= rho
  }
  return alpha
}
