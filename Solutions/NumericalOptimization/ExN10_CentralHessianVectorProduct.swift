import Workbook

// Exercise N10, reference: the learner's stub in Exercises/ documents the formula.

/// The centred difference (∇f(x + εv) − ∇f(x − εv)) / (2ε).
public func hvpCentralDiff(
  gradF: ([Double]) -> [Double], x: [Double], v: [Double], eps: Double = 1e-5
) -> [Double] {
  let ahead = gradF(adding(x, v, scaledBy: eps))
  let behind = gradF(adding(x, v, scaledBy: -eps))
  return zip(ahead, behind).map { ($0 - $1) / (2 * eps) }
}
