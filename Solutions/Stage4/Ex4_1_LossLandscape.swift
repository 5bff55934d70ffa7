import Workbook

// Exercise 4.1 (★): the loss landscape of the double well f(x) = x⁴ − 2x² + 1.
// Work it out on paper first, then write the answers as code. The shared library has
// `doubleWell(_:)` (f) and `doubleWellDerivative(_:)` (f′) if you want to compute.

/// The kind of a critical point (a point where f′(x) = 0) of a function of one variable.
public enum CriticalPointKind: Sendable, Equatable {
  /// f is smallest there among nearby points (f″ > 0 is enough to tell).
  case localMinimum
  /// f is largest there among nearby points (f″ < 0 is enough to tell).
  case localMaximum
  /// f′ = 0 but f has no extremum there: in one dimension this needs f″ = 0 and f′ keeping its
  /// sign on both sides, as for x³ at 0 (in several dimensions f curves up one way, down another).
  case saddlePoint
}

/// Returns the critical points of the double well, where its derivative vanishes.
///
/// ```
/// f(x)  = x⁴ − 2x² + 1
/// f′(x) = 0
/// ```
///
/// You may solve f′(x) = 0 by hand or numerically; the test allows a small rounding error.
///
/// - Returns: every x with f′(x) = 0, in increasing order.
public func doubleWellCriticalPoints() -> [Double] {
  // BEGIN SOLUTION
  [-1, 0, 1]
  // END SOLUTION
}

/// Classifies a critical point of the double well with the second-derivative test.
///
/// ```
/// f″(x) > 0  →  local minimum
/// f″(x) < 0  →  local maximum
/// f″(x) = 0  →  the test says nothing by itself; in 1-D a saddle point is a critical point
///               where f″ = 0 and f has no extremum (f′ does not change sign)
/// ```
///
/// - Parameters:
///   - x: a critical point of the double well, one of those `doubleWellCriticalPoints()` returns.
/// - Returns: whether f has a local minimum, a local maximum or a saddle point at `x`.
public func classifyCriticalPoint(_ x: Double) -> CriticalPointKind {
  // BEGIN SOLUTION
  let curvature = 12 * x * x - 4
  if curvature > 0 { return .localMinimum }
  if curvature < 0 { return .localMaximum }
  return .saddlePoint
  // END SOLUTION
}

/// Returns the point that gradient descent on the double well converges to from `x0`.
///
/// ```
/// x ← x − η · f′(x)     repeated until x stops moving
/// ```
///
/// The learning rate η is small and stable: no step jumps across a hill, so the answer is the
/// limit as η → 0 (η = 0.01 is small enough for |x0| ≤ 2; η = 0.1 is not).
///
/// - Parameters:
///   - x0: the starting point, −2 ≤ x0 ≤ 2.
/// - Returns: the limit of the iterates x₀, x₁, x₂, … (exactly, or within 1e-6 if you iterate).
public func gradientDescentLimit(from x0: Double) -> Double {
  // BEGIN SOLUTION
  x0 > 0 ? 1 : x0 < 0 ? -1 : 0
  // END SOLUTION
}
