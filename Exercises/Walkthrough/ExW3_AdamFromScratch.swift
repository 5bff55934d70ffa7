import Foundation
import Workbook

// Exercise W3 (★★): the walkthrough's "Adam from scratch" on the ellipse f(x, y) = 0.5x² + 5y²
// (gentle in x, steep in y), with Adam's state at every step and the effective learning rate
// per dimension, which the walkthrough reads the wrong way round.

/// Runs Adam on f(x, y) = 0.5x² + 5y² (∇f = (x, 10y)) and returns every point with the moments.
///
/// ```
/// t = 1, 2, …:  m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²
///               x ← x − lr · m̂ / (√v̂ + ε)      m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
/// ```
///
/// - Parameters:
///   - start: the starting point (x, y).
///   - lr: the learning rate, default 0.1.
///   - beta1: β₁, default 0.9.
///   - beta2: β₂, default 0.999.
///   - eps: ε, added to √v̂, default 1e-8.
///   - steps: the number of steps, default 100.
/// - Returns: the points, the first moments and the second moments, each `steps + 1` long: index
///   0 holds the start and zero moments, index t the values after step t (m and v before
///   bias correction).
public func adamFromScratch(
  start: [Double], lr: Double = 0.1, beta1: Double = 0.9, beta2: Double = 0.999,
  eps: Double = 1e-8, steps: Int = 100
) -> (history: [[Double]], mHistory: [[Double]], vHistory: [[Double]]) {
  unimplemented()
}

/// Returns Adam's effective learning rate per dimension after a step: the factor lr/(√v̂ + ε)
/// that multiplies m̂.
///
/// ```
/// lr_i = lr / (√v̂_i + ε)        v̂ = v / (1 − β₂ᵗ)
/// ```
///
/// - Parameters:
///   - v: the second moment after step t (as `adamFromScratch` records it).
///   - step: t ≥ 1.
///   - lr: the learning rate, default 0.1.
///   - beta2: β₂, default 0.999.
///   - eps: ε, default 1e-8.
/// - Returns: one effective learning rate per dimension.
public func effectiveLearningRates(
  v: [Double], step: Int, lr: Double = 0.1, beta2: Double = 0.999, eps: Double = 1e-8
) -> [Double] {
  unimplemented()
}
