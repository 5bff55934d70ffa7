import Workbook

// Exercise N8 (★★★): Hessian-vector products from two gradients, then the curvature they reveal
// (the power method and Lanczos) without ever forming the Hessian.

/// Approximates the Hessian-vector product `H(x)·v` by a forward difference of two gradients.
///
/// ```
/// H(x)·v ≈ (∇f(x + εv) − ∇f(x)) / ε
/// ```
///
/// It costs two gradient evaluations and O(d) memory: the d×d Hessian is never formed. The
/// error is O(ε); for a quadratic the gradient is linear, so the difference is exact up to
/// rounding.
///
/// - Parameters:
///   - gradF: the gradient ∇f.
///   - x: the point where the Hessian is taken.
///   - v: the direction, as long as `x`.
///   - eps: the step ε > 0, default 1e-5.
/// - Returns: the approximation of `H(x)·v`, as long as `x`.
public func hvpFiniteDiff(
  gradF: ([Double]) -> [Double], x: [Double], v: [Double], eps: Double = 1e-5
) -> [Double] {
  // BEGIN SOLUTION
  let here = gradF(x)
  let ahead = gradF(adding(x, v, scaledBy: eps))
  return zip(ahead, here).map { ($0 - $1) / eps }
  // END SOLUTION
}

/// Estimates the largest eigenvalue of a symmetric positive definite `H` by the power method.
///
/// It only needs products `H·v`, so `hvp` can be `hvpFiniteDiff` at a fixed point:
///
/// ```
/// v ← v0 / ‖v0‖
/// repeat `iterations` times:
///   w ← H·v
///   λ ← ‖w‖            (or the Rayleigh quotient vᵀw; both tend to λ_max)
///   v ← w / ‖w‖
/// ```
///
/// The error shrinks like (λ₂/λ_max)ᵏ. Normalise every iterate: ‖Hᵏv0‖ grows like λ_maxᵏ and
/// overflows to infinity within a few hundred steps when λ_max is large.
///
/// - Parameters:
///   - hvp: the product `v ↦ H·v`.
///   - v0: the start vector, nonzero (it need not have norm 1).
///   - iterations: the number of products, default 100.
/// - Returns: the estimate of λ_max(H).
public func powerMethod(hvp: ([Double]) -> [Double], v0: [Double], iterations: Int = 100)
  -> Double
{
  // BEGIN SOLUTION
  var v = scaled(v0, by: 1 / norm(v0))
  var lambda = 0.0
  for _ in 0..<iterations {
    let w = hvp(v)
    lambda = norm(w)
    v = scaled(w, by: 1 / lambda)
  }
  return lambda
  // END SOLUTION
}

/// Estimates the largest and smallest eigenvalues of a symmetric `H` by k steps of Lanczos.
///
/// Lanczos builds an orthonormal basis q₁, q₂, … of the Krylov space {v0, Hv0, H²v0, …} with a
/// three-term recurrence, using only products `H·q`:
///
/// ```
/// q₁ = v0 / ‖v0‖,   q₀ = 0,   β₀ = 0
/// for j = 1 … k:
///   z   = H·q_j
///   α_j = q_jᵀz
///   r   = z − α_j·q_j − β_{j−1}·q_{j−1}
///   β_j = ‖r‖
///   if β_j < 1e-12: stop        (the Krylov space is invariant: nothing new to find)
///   q_{j+1} = r / β_j
///
/// T = the m×m symmetric tridiagonal matrix (m = the number of α's) with
///     diagonal α₁ … α_m and off-diagonals β₁ … β_{m−1}
/// ```
///
/// The eigenvalues of T (Ritz values; use `Matrix.symmetricEigenvalues()`) lie between
/// λ_min(H) and λ_max(H), and the extreme ones converge first: a d×d `H` is exact after d steps,
/// and a few steps already give λ_max well.
///
/// - Parameters:
///   - hvp: the product `v ↦ H·v`.
///   - v0: the start vector, nonzero (it need not have norm 1).
///   - k: the number of steps (products), k ≥ 1, default 10.
/// - Returns: the largest and the smallest eigenvalue of T.
public func lanczos(hvp: ([Double]) -> [Double], v0: [Double], k: Int = 10)
  -> (lambdaMax: Double, lambdaMin: Double)
{
  // BEGIN SOLUTION
  var q = scaled(v0, by: 1 / norm(v0))
  var previous = Array(repeating: 0.0, count: v0.count)
  var betaPrevious = 0.0
  var alphas: [Double] = []
  var betas: [Double] = []
  for _ in 0..<k {
    let z = hvp(q)
    let alpha = dot(q, z)
    alphas.append(alpha)
    let r = adding(adding(z, q, scaledBy: -alpha), previous, scaledBy: -betaPrevious)
    let beta = norm(r)
    if beta < 1e-12 { break }
    betas.append(beta)
    (previous, q, betaPrevious) = (q, scaled(r, by: 1 / beta), beta)
  }
  let m = alphas.count
  var t = Matrix.diagonal(alphas)
  for i in 0..<(m - 1) {
    t[i, i + 1] = betas[i]
    t[i + 1, i] = betas[i]
  }
  let ritz = t.symmetricEigenvalues()
  return (ritz[m - 1], ritz[0])
  // END SOLUTION
}
