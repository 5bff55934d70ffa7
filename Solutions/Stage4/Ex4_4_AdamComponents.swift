import Workbook

// Exercise 4.4 (★): what Adam's pieces do. Adam combines momentum and adaptive learning rates.
// Each function asks one question; answer by returning your choice, for example `return .b`.
//
// ```
// m ← β₁m + (1 − β₁)g          (first moment)
// v ← β₂v + (1 − β₂)g²         (second moment, g² element by element)
// m̂ = m / (1 − β₁ᵗ)            (bias correction)
// v̂ = v / (1 − β₂ᵗ)
// θ ← θ − lr · m̂ / (√v̂ + ε)    (defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8)
// ```

/// Answers 4.4 (a), about Adam's first moment m.
///
/// What does the first moment m track?
///
/// - (a) The sum of all past gradients, each with the same weight, so that no past information is
///   lost.
/// - (b) An exponential moving average of the gradient: an estimate of its recent mean (the
///   momentum part of Adam).
/// - (c) A moving average of the parameters θ, which Adam returns at the end of training.
/// - (d) A moving average of the loss values, used to notice when training stalls.
///
/// - Returns: your choice, `.a`, `.b`, `.c` or `.d`.
public func adamFirstMoment() -> Choice {
  // BEGIN SOLUTION
  .b
  // END SOLUTION
}

/// Answers 4.4 (b), about Adam's second moment v.
///
/// What does the second moment v track?
///
/// - (a) The variance of the gradient around its mean m, an average of (g − m)², coordinate by
///   coordinate.
/// - (b) The second derivative (curvature) of the loss in each coordinate, as in Newton's method.
/// - (c) The square of the first moment, m², which measures how large the average gradient is.
/// - (d) An exponential moving average of the squared gradient g², coordinate by coordinate: its
///   typical size.
///
/// - Returns: your choice, `.a`, `.b`, `.c` or `.d`.
public func adamSecondMoment() -> Choice {
  // BEGIN SOLUTION
  .d
  // END SOLUTION
}

/// Answers 4.4 (c), about Adam's divisor √v̂ + ε.
///
/// Why does Adam divide by √v̂ + ε?
///
/// - (a) Dividing by √v̂ gives every coordinate a step of about lr whatever the scale of its
///   gradient; ε keeps the division defined where v̂ ≈ 0.
/// - (b) ε sets a minimum step size, which keeps training moving, and faster, once the gradients
///   get small.
/// - (c) Dividing by √v̂ makes the steps larger for parameters with large gradients, so they learn
///   faster.
/// - (d) Dividing by √v̂ corrects m's bias towards zero in the first steps of training, and ε keeps
///   that correction finite.
///
/// - Returns: your choice, `.a`, `.b`, `.c` or `.d`.
public func adamDivisor() -> Choice {
  // BEGIN SOLUTION
  .a
  // END SOLUTION
}
