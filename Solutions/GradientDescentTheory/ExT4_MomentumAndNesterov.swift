import Workbook

// Exercise T4 (★★): momentum and Nesterov's accelerated gradient (§4), on Rosenbrock as the
// chapter runs them, and practice problem 4: which one converges faster on an ill-conditioned
// quadratic (κ = 100), and when.

/// Runs heavy-ball momentum and returns every point it visits.
///
/// ```
/// v_t     = β v_{t−1} + ∇f(x_t)          v_0 = 0
/// x_{t+1} = x_t − η v_t
/// ```
///
/// - Parameters:
///   - x0: the starting point.
///   - learningRate: the step size η.
///   - beta: the momentum coefficient β in [0, 1).
///   - nIterations: the number of steps, ≥ 0.
///   - gradient: ∇f; default the gradient of Rosenbrock's function, as in the chapter.
/// - Returns: the trajectory x₀, x₁, …, x_n.
public func momentumGd(
  x0: [Double], learningRate: Double, beta: Double, nIterations: Int,
  gradient: ([Double]) -> [Double] = rosenbrockGrad
) -> [[Double]] {
  // BEGIN SOLUTION
  var x = x0
  var v = [Double](repeating: 0, count: x0.count)
  var trajectory = [x0]
  for _ in 0..<nIterations {
    v = adding(scaled(v, by: beta), gradient(x))
    x = adding(x, v, scaledBy: -learningRate)
    trajectory.append(x)
  }
  return trajectory
  // END SOLUTION
}

/// Runs Nesterov's accelerated gradient and returns every point it visits.
///
/// The gradient is taken where momentum alone would carry x, one step ahead:
///
/// ```
/// v_t     = β v_{t−1} + ∇f(x_t − η β v_{t−1})     v_0 = 0
/// x_{t+1} = x_t − η v_t
/// ```
///
/// - Parameters:
///   - x0: the starting point.
///   - learningRate: the step size η.
///   - beta: the momentum coefficient β in [0, 1).
///   - nIterations: the number of steps, ≥ 0.
///   - gradient: ∇f; default the gradient of Rosenbrock's function, as in the chapter.
/// - Returns: the trajectory x₀, x₁, …, x_n.
public func nesterovGd(
  x0: [Double], learningRate: Double, beta: Double, nIterations: Int,
  gradient: ([Double]) -> [Double] = rosenbrockGrad
) -> [[Double]] {
  // BEGIN SOLUTION
  var x = x0
  var v = [Double](repeating: 0, count: x0.count)
  var trajectory = [x0]
  for _ in 0..<nIterations {
    let ahead = adding(x, v, scaledBy: -learningRate * beta)
    v = adding(scaled(v, by: beta), gradient(ahead))
    x = adding(x, v, scaledBy: -learningRate)
    trajectory.append(x)
  }
  return trajectory
  // END SOLUTION
}

/// Returns the first iteration at which a trajectory is within `tolerance` of the minimum.
///
/// ```
/// min { t : ‖x_t − x*‖ ≤ tolerance }
/// ```
///
/// - Parameters:
///   - trajectory: the points x₀, x₁, … of a run.
///   - minimum: the minimizer x*.
///   - tolerance: the distance that counts as converged, ≥ 0.
/// - Returns: that t (0 when x₀ is already close enough), or nil if no point is.
public func iterationsToConverge(trajectory: [[Double]], minimum: [Double], tolerance: Double)
  -> Int?
{
  // BEGIN SOLUTION
  trajectory.firstIndex { norm(adding($0, minimum, scaledBy: -1)) <= tolerance }
  // END SOLUTION
}
