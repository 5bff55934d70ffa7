import Workbook

// Exercise N3 (★★): the L-BFGS two-loop recursion, the inverse-Hessian product of a
// quasi-Newton method computed from the last m curvature pairs without ever forming a matrix.

/// Computes H⁻¹g, the L-BFGS inverse-Hessian approximation times g, by the two-loop recursion.
///
/// H⁻¹ is the matrix that m BFGS updates with the stored pairs (sᵢ, yᵢ) would build from the
/// scaled identity γI, applying the pairs oldest first:
///
/// ```
/// H⁻¹ ← (I − ρᵢ sᵢyᵢᵀ) H⁻¹ (I − ρᵢ yᵢsᵢᵀ) + ρᵢ sᵢsᵢᵀ,   ρᵢ = 1 / (yᵢᵀsᵢ)
/// ```
///
/// The recursion gives H⁻¹g with two passes over the pairs, in O(m·n) operations:
///
/// ```
/// q ← g
/// for i from the newest pair to the oldest:
///     αᵢ ← ρᵢ sᵢᵀq                  (with q as it is before this pair's update)
///     q  ← q − αᵢ yᵢ
/// r ← γ q,   γ = yᵀs / yᵀy of the newest pair
/// for i from the oldest pair to the newest:
///     β ← ρᵢ yᵢᵀr
///     r ← r + (αᵢ − β) sᵢ
/// return r
/// ```
///
/// A pair with yᵢᵀsᵢ ≤ 0 has no positive curvature: its ρᵢ would be negative (or infinite) and
/// H⁻¹ would stop being positive definite. Leave such a pair out entirely, as if it were not in
/// the lists, so that γ comes from the newest pair that is kept. With no pair kept, H⁻¹ = I and
/// the result is g itself.
///
/// - Parameters:
///   - g: the current gradient ∇f(xₖ).
///   - sList: the steps sᵢ = xᵢ₊₁ − xᵢ, oldest first, most recent last; empty at the first
///     iteration, at most m long (m = 5 in the document).
///   - yList: the gradient changes yᵢ = ∇f(xᵢ₊₁) − ∇f(xᵢ), in the same order; as many as
///     `sList`, each as long as `g`.
/// - Returns: H⁻¹g, as long as `g`. This is not yet a direction to step along: the L-BFGS
///   descent direction is its negative, −H⁻¹g.
public func lbfgsDirection(g: [Double], sList: [[Double]], yList: [[Double]]) -> [Double] {
  // BEGIN SOLUTION
  precondition(sList.count == yList.count, "lbfgsDirection: \(sList.count) s, \(yList.count) y")
  let pairs = zip(sList, yList).filter { s, y in dot(y, s) > 0 }
  guard let (sNewest, yNewest) = pairs.last else { return g }
  let rho = pairs.map { s, y in 1 / dot(y, s) }
  var alpha = Array(repeating: 0.0, count: pairs.count)
  var q = g
  for i in pairs.indices.reversed() {
    alpha[i] = rho[i] * dot(pairs[i].0, q)
    q = adding(q, pairs[i].1, scaledBy: -alpha[i])
  }
  var r = scaled(q, by: dot(yNewest, sNewest) / dot(yNewest, yNewest))
  for i in pairs.indices {
    let beta = rho[i] * dot(pairs[i].1, r)
    r = adding(r, pairs[i].0, scaledBy: alpha[i] - beta)
  }
  return r
  // END SOLUTION
}
