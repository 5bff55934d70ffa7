import Workbook

// Exercise 4.8, reference: the learner's stub in Exercises/ documents each formula.

/// Scales every array by maxNorm / globalNorm when the global norm exceeds maxNorm.
public func clipGradNorm(grads: inout [[Double]], maxNorm: Double) {
  let globalNorm = grads.reduce(0) { $0 + dot($1, $1) }.squareRoot()
  guard globalNorm > maxNorm else { return }
  let scale = maxNorm / globalNorm
  grads = grads.map { scaled($0, by: scale) }
}

/// Clamps every element to [−maxValue, maxValue].
public func clipGradValue(grads: inout [[Double]], maxValue: Double) {
  grads = grads.map { g in g.map { min(max($0, -maxValue), maxValue) } }
}
