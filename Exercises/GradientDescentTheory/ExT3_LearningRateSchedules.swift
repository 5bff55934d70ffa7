import Foundation
import Workbook

// Exercise T3 (★★): the chapter's four learning-rate schedules (§6.1), as functions of the
// iteration t = 0, 1, 2, … . Where a schedule has a length T, it ends at η_min and stays there.

/// Step decay: the rate is multiplied by γ every k iterations.
///
/// ```
/// η_t = η₀ · γ^⌊t / k⌋
/// ```
///
/// - Parameters:
///   - t: the iteration, ≥ 0.
///   - eta0: the first rate η₀, default 0.1.
///   - gamma: the factor γ of each drop, in (0, 1], default 0.5.
///   - k: iterations between drops, ≥ 1, default 50.
/// - Returns: η_t.
public func stepDecay(t: Int, eta0: Double = 0.1, gamma: Double = 0.5, k: Int = 50) -> Double {
  unimplemented()
}

/// Exponential decay: the rate shrinks continuously.
///
/// ```
/// η_t = η₀ · e^(−λt)
/// ```
///
/// - Parameters:
///   - t: the iteration, ≥ 0.
///   - eta0: the first rate η₀, default 0.1.
///   - lam: the decay constant λ ≥ 0, default 0.01.
/// - Returns: η_t.
public func exponentialDecay(t: Int, eta0: Double = 0.1, lam: Double = 0.01) -> Double {
  unimplemented()
}

/// Cosine annealing: half a cosine wave from η_max at t = 0 down to η_min at t = T, then η_min.
///
/// ```
/// η_t = η_min + ½(η_max − η_min)(1 + cos(πt / T))      for t ≤ T
/// η_t = η_min                                          for t > T
/// ```
///
/// - Parameters:
///   - t: the iteration, ≥ 0.
///   - etaMin: the final rate η_min, default 0.
///   - etaMax: the first rate η_max, default 0.1.
///   - T: the length of the schedule, ≥ 1, default 100.
/// - Returns: η_t.
public func cosineAnnealing(t: Int, etaMin: Double = 0.0, etaMax: Double = 0.1, T: Int = 100)
  -> Double
{
  unimplemented()
}

/// The 1-cycle policy: a linear warm-up from η_min to η_max over the first warmupFrac·T
/// iterations, then cosine annealing back to η_min at t = T, then η_min.
///
/// ```
/// w = warmupFrac · T
/// η_t = η_min + (η_max − η_min) · t / w                        for t < w
/// η_t = η_min + ½(η_max − η_min)(1 + cos(π (t − w) / (T − w)))  for w ≤ t ≤ T
/// η_t = η_min                                                  for t > T
/// ```
///
/// - Parameters:
///   - t: the iteration, ≥ 0.
///   - etaMin: the rate at the start and at the end, default 0.001.
///   - etaMax: the peak rate, reached at t = w, default 0.1.
///   - T: the length of the cycle, ≥ 1, default 100.
///   - warmupFrac: the share of the cycle spent warming up, in [0, 1), default 0.3.
/// - Returns: η_t.
public func oneCycle(
  t: Int, etaMin: Double = 0.001, etaMax: Double = 0.1, T: Int = 100, warmupFrac: Double = 0.3
) -> Double {
  unimplemented()
}
