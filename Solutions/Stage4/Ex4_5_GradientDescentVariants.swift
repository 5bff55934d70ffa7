import Workbook

// Exercise 4.5 (★★): implement the three gradient descent updates, then compare them.
// Each function updates `params` (and `velocity`) in place, element by element.

/// Takes one plain stochastic gradient descent step against the gradient.
///
/// ```
/// θ ← θ − lr · g
/// ```
///
/// - Parameters:
///   - params: the parameters θ, updated in place.
///   - grads: the gradient g at θ, as long as `params`.
///   - lr: the learning rate, lr > 0.
public func sgd(params: inout [Double], grads: [Double], lr: Double) {
  // BEGIN SOLUTION
  params = zip(params, grads).map { θ, g in θ - lr * g }
  // END SOLUTION
}

/// Takes one SGD step with (heavy-ball) momentum: the velocity sums past gradients.
///
/// ```
/// v ← βv + g
/// θ ← θ − lr · v
/// ```
///
/// - Parameters:
///   - params: the parameters θ, updated in place.
///   - grads: the gradient g at θ.
///   - velocity: the velocity v (start with zeros), updated in place.
///   - lr: the learning rate, lr > 0.
///   - beta: the momentum β in [0, 1), default 0.9.
public func sgdMomentum(
  params: inout [Double], grads: [Double], velocity: inout [Double], lr: Double,
  beta: Double = 0.9
) {
  // BEGIN SOLUTION
  velocity = zip(velocity, grads).map { v, g in beta * v + g }
  params = zip(params, velocity).map { θ, v in θ - lr * v }
  // END SOLUTION
}

/// Takes one Nesterov momentum step: the update looks ahead along the velocity.
///
/// Nesterov evaluates the gradient at the look-ahead point θ − lr·βv. This function only gets
/// the gradient at θ, so it uses the equivalent form that PyTorch and optax use:
///
/// ```
/// v ← βv + g
/// θ ← θ − lr · (g + βv)
/// ```
///
/// - Parameters:
///   - params: the parameters θ, updated in place.
///   - grads: the gradient g at θ.
///   - velocity: the velocity v (start with zeros), updated in place.
///   - lr: the learning rate, lr > 0.
///   - beta: the momentum β in [0, 1), default 0.9.
public func sgdNesterov(
  params: inout [Double], grads: [Double], velocity: inout [Double], lr: Double,
  beta: Double = 0.9
) {
  // BEGIN SOLUTION
  velocity = zip(velocity, grads).map { v, g in beta * v + g }
  for i in params.indices {
    params[i] -= lr * (grads[i] + beta * velocity[i])
  }
  // END SOLUTION
}
