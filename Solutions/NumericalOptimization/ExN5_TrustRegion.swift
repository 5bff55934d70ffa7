import Workbook

// Exercise N5 (★★): a trust-region method whose step is the Cauchy point, the minimizer of the
// quadratic model along −g inside the ball ‖p‖ ≤ Δ. Then race it against gradient descent.

/// Computes the Cauchy point: the minimizer of the quadratic model along −g within the radius.
///
/// The model is m(p) = gᵀp + ½pᵀBp. Along −g it is minimized at −(‖g‖²/gᵀBg)·g when the
/// curvature gᵀBg is positive; the step is then cut back to the boundary ‖p‖ = Δ if it is longer.
/// When gᵀBg ≤ 0 the model decreases all the way along −g, so the step goes to the boundary.
///
/// ```
/// τ = 1                               if gᵀBg ≤ 0
/// τ = min(1, ‖g‖³ / (Δ · gᵀBg))        otherwise
/// p = −τ · (Δ / ‖g‖) · g
/// ```
///
/// - Parameters:
///   - g: the gradient at the current point.
///   - B: the Hessian (or an approximation of it), symmetric, `g.count × g.count`.
///   - delta: the trust radius Δ > 0.
/// - Returns: the Cauchy point p, with ‖p‖ ≤ Δ; the zero vector when g = 0. A gradient with a
///   NaN in it gives a NaN step, as the document's code does: never a zero step that hides it.
public func cauchyPoint(g: [Double], B: Matrix, delta: Double) -> [Double] {
  // BEGIN SOLUTION
  let gNorm = norm(g)
  // `== 0`, not `!(gNorm > 0)`: a NaN gradient must give a NaN step, not a zero one.
  if gNorm == 0 { return Array(repeating: 0, count: g.count) }
  let curvature = dot(g, B * g)
  let tau = curvature <= 0 ? 1 : min(1, gNorm * gNorm * gNorm / (delta * curvature))
  return scaled(g, by: -tau * delta / gNorm)
  // END SOLUTION
}

/// Takes one trust-region step with the Cauchy point and updates the trust radius.
///
/// The ratio ρ compares what f actually gained with what the model promised:
///
/// ```
/// g = ∇f(x),  B = ∇²f(x),  p = cauchyPoint(g, B, Δ)
/// actual    = f(x) − f(x + p)
/// predicted = −(gᵀp + ½pᵀBp)
/// ρ = actual / predicted
///
/// accepted = ρ > eta1               (x ← x + p, otherwise x stays)
/// Δ ← t1 · Δ                        if ρ < 0.25
/// Δ ← min(t2 · Δ, 1e8)              if ρ > eta2 and ‖p‖ = Δ (the step reached the boundary)
/// Δ unchanged                        otherwise
/// ```
///
/// If the predicted reduction is at most 1e-15 (the model promises nothing, as at a stationary
/// point), the step is rejected and the radius shrinks to t1 · Δ, without computing ρ.
/// A NaN (in the gradient, or f(x + p) = NaN) rejects the step: ρ > eta1 is false for ρ = NaN,
/// so x is returned unchanged.
///
/// - Parameters:
///   - f: the objective.
///   - gradF: its gradient.
///   - hessF: its Hessian.
///   - x: the current point.
///   - delta: the current trust radius Δ > 0.
///   - eta1: the acceptance threshold on ρ, default 0.1.
///   - eta2: the threshold on ρ above which a boundary step expands the radius, default 0.75.
///   - t1: the shrink factor in (0, 1), default 0.5.
///   - t2: the expansion factor > 1, default 2.
/// - Returns: the new point (x itself if the step was rejected), the new radius, and whether the
///   step was accepted.
public func trustRegionStep(
  f: ([Double]) -> Double, gradF: ([Double]) -> [Double], hessF: ([Double]) -> Matrix,
  x: [Double], delta: Double, eta1: Double = 0.1, eta2: Double = 0.75, t1: Double = 0.5,
  t2: Double = 2.0
) -> (x: [Double], delta: Double, accepted: Bool) {
  // BEGIN SOLUTION
  let g = gradF(x)
  let B = hessF(x)
  let p = cauchyPoint(g: g, B: B, delta: delta)
  let predicted = -(dot(g, p) + 0.5 * dot(p, B * p))
  guard predicted > 1e-15 else { return (x, t1 * delta, false) }
  let trial = adding(x, p)
  let rho = (f(x) - f(trial)) / predicted
  let accepted = rho > eta1
  // Relative test: ‖p‖ is Δ up to rounding when the Cauchy point reached the boundary.
  let onBoundary = abs(norm(p) - delta) <= 1e-10 * delta
  let newDelta: Double
  if rho < 0.25 {
    newDelta = t1 * delta
  } else if rho > eta2 && onBoundary {
    newDelta = min(t2 * delta, 1e8)
  } else {
    newDelta = delta
  }
  return (accepted ? trial : x, newDelta, accepted)
  // END SOLUTION
}
