import Workbook

// Exercise N3, reference: the learner's stub in Exercises/ documents the recursion.

/// H⁻¹g by the L-BFGS two-loop recursion, leaving out the pairs with yᵀs ≤ 0.
public func lbfgsDirection(g: [Double], sList: [[Double]], yList: [[Double]]) -> [Double] {
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
}
