import Workbook

// Exercise N9, reference: the learner's stub in Exercises/ documents the formula.

/// One gradient descent step whose update −η·g is shortened to length `clip` when longer.
public func clippedStep(theta: [Double], grad: [Double], eta: Double, clip: Double?) -> [Double] {
  var update = scaled(grad, by: -eta)
  let length = norm(update)
  if let clip, length > clip {
    update = scaled(update, by: clip / length)
  }
  return adding(theta, update)
}
