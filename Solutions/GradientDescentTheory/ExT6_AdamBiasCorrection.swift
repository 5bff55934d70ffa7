import Foundation
import Workbook

// Exercise T6 (★★): practice problem 3 and §5.5: Adam with and without bias correction, and
// what the correction really does to the first steps.

/// Returns the bias correction factor of a moment with decay β after t steps, 1 / (1 − βᵗ).
///
/// ```
/// m̂_t = m_t · biasCorrection(beta: β₁, t: t)      (and v̂_t with β₂)
/// ```
///
/// - Parameters:
///   - beta: the moment's decay β in [0, 1).
///   - t: the step, ≥ 1.
/// - Returns: 1 / (1 − βᵗ).
public func biasCorrection(beta: Double, t: Int) -> Double {
  // BEGIN SOLUTION
  1 / (1 - pow(beta, Double(t)))
  // END SOLUTION
}

/// Runs Adam and returns every point it visits, with or without bias correction.
///
/// ```
/// m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²        (m = v = 0 at first; t = 1, 2, …)
/// x ← x − η m̂ / (√v̂ + ε)      m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) with correction,
///                              m̂ = m, v̂ = v without
/// ```
///
/// - Parameters:
///   - x0: the starting point.
///   - learningRate: η.
///   - nIterations: the number of steps, ≥ 0.
///   - beta1: β₁, default 0.9.
///   - beta2: β₂, default 0.999.
///   - epsilon: ε, added to √v̂, default 1e-8.
///   - biasCorrection: whether to correct the moments, default true.
///   - gradient: ∇f; default the gradient of Rosenbrock's function.
/// - Returns: the trajectory x₀, x₁, …, x_n.
public func adamSteps(
  x0: [Double], learningRate: Double, nIterations: Int, beta1: Double = 0.9,
  beta2: Double = 0.999, epsilon: Double = 1e-8, biasCorrection: Bool = true,
  gradient: ([Double]) -> [Double] = rosenbrockGrad
) -> [[Double]] {
  // BEGIN SOLUTION
  var x = x0
  var m = [Double](repeating: 0, count: x0.count)
  var v = m
  var trajectory = [x0]
  for step in 0..<nIterations {
    let t = Double(step + 1)
    let g = gradient(x)
    for i in x.indices {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i]
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
      let mHat = biasCorrection ? m[i] / (1 - pow(beta1, t)) : m[i]
      let vHat = biasCorrection ? v[i] / (1 - pow(beta2, t)) : v[i]
      x[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
    }
    trajectory.append(x)
  }
  return trajectory
  // END SOLUTION
}

/// Returns how much larger the uncorrected step is than the corrected one at step t, for a
/// constant gradient (ε neglected).
///
/// ```
/// uncorrected / corrected = (1 − β₁ᵗ) / √(1 − β₂ᵗ)
/// ```
///
/// - Parameters:
///   - beta1: β₁, default 0.9.
///   - beta2: β₂, default 0.999.
///   - t: the step, ≥ 1.
/// - Returns: the ratio of the step sizes (above 1: the uncorrected step is larger).
public func uncorrectedStepRatio(beta1: Double = 0.9, beta2: Double = 0.999, t: Int) -> Double {
  // BEGIN SOLUTION
  (1 - pow(beta1, Double(t))) / (1 - pow(beta2, Double(t))).squareRoot()
  // END SOLUTION
}
