import Workbook

// Exercise N5, reference: the learner's stub in Exercises/ documents each formula.

/// The Cauchy point p = −τ(Δ/‖g‖)g, zero when g = 0.
public func cauchyPoint(g: [Double], B: Matrix, delta: Double) -> [Double] {
  let gNorm = norm(g)
  guard gNorm > 0 else { return Array(repeating: 0, count: g.count) }
  let curvature = dot(g, B * g)
  let tau = curvature <= 0 ? 1 : min(1, gNorm * gNorm * gNorm / (delta * curvature))
  return scaled(g, by: -tau * delta / gNorm)
}

/// One Cauchy-point trust-region step: accept by ρ > eta1, then shrink, expand or keep Δ.
public func trustRegionStep(
  f: ([Double]) -> Double, gradF: ([Double]) -> [Double], hessF: ([Double]) -> Matrix,
  x: [Double], delta: Double, eta1: Double = 0.1, eta2: Double = 0.75, t1: Double = 0.5,
  t2: Double = 2.0
) -> (x: [Double], delta: Double, accepted: Bool) {
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
}
