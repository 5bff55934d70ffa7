import Foundation
import Workbook

// Exercise T2 (★★): how fast gradient descent converges on a strongly convex quadratic
// f(x) = ½xᵀAx (minimum x* = 0), and practice problem 1: measure the linear rate for κ = 10 and
// κ = 100 and compare it with the theory.

/// Returns a random quadratic's matrix A = QΛQᵀ with eigenvalues spread evenly from m to L.
///
/// ```
/// Λ = diag(linspace(m, L, dim))         m = λ_min, L = λ_max, κ = L/m
/// Q = the Q of QR(G), G a dim × dim matrix of random.randn(rows: dim, columns: dim)
/// A = Q Λ Qᵀ
/// ```
///
/// `Matrix.qr()` is in the shared library. With `NumpyRandomState(seed:)` the matrix is the
/// document's own (`np.random.seed` before `create_quadratic`).
///
/// - Parameters:
///   - m: the smallest eigenvalue (the strong convexity), > 0.
///   - L: the largest eigenvalue (the gradient's Lipschitz constant), ≥ m.
///   - dim: the dimension, ≥ 2, default 10.
///   - random: numpy's generator; the Gaussian matrix is drawn from it, row by row.
/// - Returns: the symmetric `dim × dim` matrix A.
public func createQuadratic(m: Double, L: Double, dim: Int = 10, random: inout NumpyRandomState)
  -> Matrix
{
  // BEGIN SOLUTION
  let eigenvalues = (0..<dim).map { m + (L - m) * Double($0) / Double(dim - 1) }
  let q = random.randn(rows: dim, columns: dim).qr().q
  return q * .diagonal(eigenvalues) * q.transposed
  // END SOLUTION
}

/// Runs gradient descent on f(x) = ½xᵀAx and returns the squared distance to the minimum
/// after each step.
///
/// ```
/// x_{t+1} = x_t − η A x_t         (∇f(x) = Ax)
/// returns ‖x₀‖², ‖x₁‖², …, ‖x_n‖²     (x* = 0)
/// ```
///
/// - Parameters:
///   - A: the symmetric positive definite matrix.
///   - x0: the starting point.
///   - learningRate: the step size η.
///   - nIterations: the number of steps, ≥ 0.
/// - Returns: `nIterations + 1` squared distances, the first one ‖x₀‖².
public func gdQuadratic(A: Matrix, x0: [Double], learningRate: Double, nIterations: Int)
  -> [Double]
{
  // BEGIN SOLUTION
  var x = x0
  var trajectory = [dot(x, x)]
  for _ in 0..<nIterations {
    x = adding(x, A * x, scaledBy: -learningRate)
    trajectory.append(dot(x, x))
  }
  return trajectory
  // END SOLUTION
}

/// Returns the linear rate theory gives: the factor by which the distance to the minimum shrinks
/// at each step, in the worst direction.
///
/// ```
/// ‖x_{t+1} − x*‖ ≤ ρ ‖x_t − x*‖        ρ = max over the eigenvalues λ of A of |1 − ηλ|
/// ```
///
/// For η = 1/L this is 1 − 1/κ; the best η, 2/(m + L), gives (κ − 1)/(κ + 1).
///
/// - Parameters:
///   - m: the smallest eigenvalue of A, > 0.
///   - L: the largest eigenvalue of A, ≥ m.
///   - learningRate: the step size η.
/// - Returns: ρ, the contraction factor of the distance per step (≥ 1 when η is unstable).
public func theoreticalRate(m: Double, L: Double, learningRate: Double) -> Double {
  // BEGIN SOLUTION
  max(abs(1 - learningRate * m), abs(1 - learningRate * L))
  // END SOLUTION
}

/// Returns the linear rate measured at the end of a run of `gdQuadratic`: how much the distance
/// to the minimum shrank in the last step.
///
/// ```
/// measured ρ = ‖x_n‖ / ‖x_{n−1}‖ = √(trajectory[n] / trajectory[n − 1])
/// ```
///
/// Late in a run the slowest direction dominates, so this approaches the theoretical rate.
///
/// - Parameter trajectory: squared distances ‖x₀‖², …, ‖x_n‖² (n ≥ 1), as `gdQuadratic` returns.
/// - Returns: the measured contraction factor of the distance in the last step.
public func measuredRate(trajectory: [Double]) -> Double {
  // BEGIN SOLUTION
  (trajectory[trajectory.count - 1] / trajectory[trajectory.count - 2]).squareRoot()
  // END SOLUTION
}
