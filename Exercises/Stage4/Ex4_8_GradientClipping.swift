import Workbook

// Exercise 4.8 (★★): implement gradient clipping, by global norm and by value. Both take the
// gradients of all the parameter tensors of a model, one array per tensor, and clip them in place.

/// Scales all the gradients together so that their global norm is at most `maxNorm`.
///
/// ```
/// globalNorm = √(Σ g²)    over every element of every array in grads
/// if globalNorm > maxNorm:
///     g ← g · maxNorm / globalNorm    for every element of every array
/// ```
///
/// One factor for all arrays keeps the direction of the whole gradient. Gradients whose global
/// norm is at most `maxNorm` (all zeros included) are left exactly as they are. A NaN element must
/// stay NaN: clipping never hides a broken gradient behind a number.
///
/// - Parameters:
///   - grads: one gradient array per parameter tensor, clipped in place; an array may be empty.
///   - maxNorm: the largest global norm allowed, > 0.
public func clipGradNorm(grads: inout [[Double]], maxNorm: Double) {
  unimplemented()
}

/// Clips every gradient element, independently, to the interval [−maxValue, maxValue].
///
/// ```
/// g ← min(max(g, −maxValue), maxValue)    for every element of every array in grads
/// ```
///
/// Unlike ``clipGradNorm(grads:maxNorm:)`` this can change the gradient's direction. As in
/// `np.clip` and `torch.clamp`, ±∞ is clamped to ±maxValue and NaN stays NaN.
///
/// - Parameters:
///   - grads: one gradient array per parameter tensor, clipped in place; an array may be empty.
///   - maxValue: the largest magnitude allowed for an element, > 0.
public func clipGradValue(grads: inout [[Double]], maxValue: Double) {
  unimplemented()
}
