import Workbook

// Exercise N10 (★★★): the centred difference of two gradients gives H·v to second order in ε,
// for the same cost as the forward difference of N8.

/// Approximates the Hessian-vector product `H(x)·v` by a centred difference of two gradients.
///
/// ```
/// H(x)·v ≈ (∇f(x + εv) − ∇f(x − εv)) / (2ε)
/// ```
///
/// The even terms of the Taylor expansion cancel, so the error is O(ε²), against O(ε) for the
/// forward difference (∇f(x + εv) − ∇f(x)) / ε, and it still costs two gradient evaluations and
/// never forms the Hessian.
///
/// - Parameters:
///   - gradF: the gradient ∇f.
///   - x: the point where the Hessian is taken.
///   - v: the direction, as long as `x`.
///   - eps: the step ε > 0, default 1e-5.
/// - Returns: the approximation of `H(x)·v`, as long as `x`.
public func hvpCentralDiff(
  gradF: ([Double]) -> [Double], x: [Double], v: [Double], eps: Double = 1e-5
) -> [Double] {
  // BEGIN SOLUTION
  let ahead = gradF(adding(x, v, scaledBy: eps))
  let behind = gradF(adding(x, v, scaledBy: -eps))
  return zip(ahead, behind).map { ($0 - $1) / (2 * eps) }
  // END SOLUTION
}
