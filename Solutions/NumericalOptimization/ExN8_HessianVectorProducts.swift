import Workbook

// Exercise N8, reference: the learner's stub in Exercises/ documents each formula.

/// The forward difference (∇f(x + εv) − ∇f(x)) / ε.
public func hvpFiniteDiff(
  gradF: ([Double]) -> [Double], x: [Double], v: [Double], eps: Double = 1e-5
) -> [Double] {
  let here = gradF(x)
  let ahead = gradF(adding(x, v, scaledBy: eps))
  return zip(ahead, here).map { ($0 - $1) / eps }
}

/// The power method with a normalised iterate; the estimate is ‖H·v‖.
public func powerMethod(hvp: ([Double]) -> [Double], v0: [Double], iterations: Int = 100)
  -> Double
{
  var v = scaled(v0, by: 1 / norm(v0))
  var lambda = 0.0
  for _ in 0..<iterations {
    let w = hvp(v)
    lambda = norm(w)
    v = scaled(w, by: 1 / lambda)
  }
  return lambda
}

/// k steps of the Lanczos recurrence; the extreme eigenvalues of the tridiagonal T.
public func lanczos(hvp: ([Double]) -> [Double], v0: [Double], k: Int = 10)
  -> (lambdaMax: Double, lambdaMin: Double)
{
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
}
