import Workbook

// Exercise N1 (★): backtracking line search with the Armijo (sufficient decrease) condition.

/// Finds a step length along a descent direction by shrinking a trial step until f drops enough.
///
/// The trials are α = alpha0, alpha0·ρ, alpha0·ρ², …; the first one that satisfies the Armijo
/// condition is returned:
///
/// ```
/// f(x + α·p) ≤ f(x) + c1 · α · ∇f(x)ᵀp
/// ```
///
/// The slope ∇f(x)ᵀp is negative, so the right-hand side asks for a decrease proportional to
/// the step: a fraction c1 of what the tangent line promises. Compute f(x) and the slope once.
/// If 100 reductions find no acceptable trial (f has a kink, or `gradF` does not match `f`),
/// give up and return alpha0·ρ¹⁰⁰, as the document's loop does.
///
/// - Parameters:
///   - f: the objective.
///   - gradF: its gradient ∇f.
///   - x: the current point.
///   - p: the search direction, as long as `x`.
///   - alpha0: the first trial step, alpha0 > 0, default 1.
///   - rho: the factor that shrinks a rejected trial, 0 < ρ < 1, default 0.5 (halving).
///   - c1: the sufficient decrease constant, 0 < c1 < 1, default 1e-4.
/// - Returns: the first trial α that satisfies the Armijo condition.
/// - Precondition: p is a descent direction, ∇f(x)ᵀp < 0. With a slope ≥ 0 the condition
///   would accept steps that go uphill; the reference traps, and the tests never pass one.
public func armijoBacktrack(
  f: ([Double]) -> Double, gradF: ([Double]) -> [Double], x: [Double], p: [Double],
  alpha0: Double = 1.0, rho: Double = 0.5, c1: Double = 1e-4
) -> Double {
  // BEGIN SOLUTION
  let f0 = f(x)
  let slope = dot(gradF(x), p)
  precondition(slope < 0, "armijoBacktrack: p is not a descent direction (∇f(x)ᵀp = \(slope))")
  var alpha = alpha0
  for _ in 0..<100 {
    if f(adding(x, p, scaledBy: alpha)) <= f0 + c1 * alpha * slope { break }
    alpha *= rho
  }
  return alpha
  // END SOLUTION
}
