import Workbook

// Exercise 4.1, reference: the learner's stub in Exercises/ documents each question.

/// The kind of a critical point of a function of one variable.
public enum CriticalPointKind: Sendable, Equatable {
  /// f″ > 0 there.
  case localMinimum
  /// f″ < 0 there.
  case localMaximum
  /// f′ = 0 without an extremum.
  case saddlePoint
}

/// The roots of f′(x) = 4x³ − 4x = 4x(x − 1)(x + 1), in increasing order.
public func doubleWellCriticalPoints() -> [Double] {
  [-1, 0, 1]
}

/// The second-derivative test with f″(x) = 12x² − 4 (never 0 at a critical point of f).
public func classifyCriticalPoint(_ x: Double) -> CriticalPointKind {
  let curvature = 12 * x * x - 4
  if curvature > 0 { return .localMinimum }
  if curvature < 0 { return .localMaximum }
  return .saddlePoint
}

/// Gradient flow runs downhill into the well on x0's side of the maximum at 0, and stays at 0.
public func gradientDescentLimit(from x0: Double) -> Double {
  x0 > 0 ? 1 : x0 < 0 ? -1 : 0
}
