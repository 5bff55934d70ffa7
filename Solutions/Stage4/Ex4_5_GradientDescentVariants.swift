import Workbook

// Exercise 4.5, reference: the learner's stub in Exercises/ documents each formula.

/// Plain SGD: θ ← θ − lr · g.
public func sgd(params: inout [Double], grads: [Double], lr: Double) {
  params = zip(params, grads).map { θ, g in θ - lr * g }
}

/// Heavy-ball momentum: v ← βv + g, then θ ← θ − lr · v.
public func sgdMomentum(
  params: inout [Double], grads: [Double], velocity: inout [Double], lr: Double,
  beta: Double = 0.9
) {
  velocity = zip(velocity, grads).map { v, g in beta * v + g }
  params = zip(params, velocity).map { θ, v in θ - lr * v }
}

/// Nesterov momentum: v ← βv + g, then θ ← θ − lr · (g + βv), the look-ahead at θ.
public func sgdNesterov(
  params: inout [Double], grads: [Double], velocity: inout [Double], lr: Double,
  beta: Double = 0.9
) {
  velocity = zip(velocity, grads).map { v, g in beta * v + g }
  for i in params.indices {
    params[i] -= lr * (grads[i] + beta * velocity[i])
  }
}
