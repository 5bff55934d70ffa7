import Workbook

// Exercise W1 (★★): the walkthrough's first worked problem. It claims that on
// f(x) = 0.1x⁴ − 3x² + x, SGD from x = −3 "gets stuck at the local minimum x = −2" and momentum
// "escapes to the global minimum x = 2". Find where the minima really are, run both loops, and
// see where each one ends. The shared library has `tiltedQuartic(_:)` (f) and
// `tiltedQuarticDerivative(_:)` (f′).

/// Returns both local minima of f(x) = 0.1x⁴ − 3x² + x, in increasing order.
///
/// ```
/// f′(x) = 0.4x³ − 6x + 1 = 0      three real roots: two minima and a maximum between them
/// ```
///
/// - Returns: the two x with f′(x) = 0 and f″(x) > 0, increasing, each within 1e-9.
public func tiltedQuarticMinima() -> [Double] {
  unimplemented()
}

/// Returns the global minimum of f(x) = 0.1x⁴ − 3x² + x: the x where f is lowest.
public func tiltedQuarticGlobalMinimum() -> Double {
  unimplemented()
}

/// Runs the walkthrough's SGD loop and returns where it ends.
///
/// ```
/// x ← x − lr · f′(x)        (steps times)
/// ```
///
/// - Parameters:
///   - x0: the start, default −3.
///   - lr: the learning rate, default 0.1.
///   - steps: the number of steps, default 20.
/// - Returns: x after the steps.
public func sgdOnTiltedQuartic(x0: Double = -3, lr: Double = 0.1, steps: Int = 20) -> Double {
  unimplemented()
}

/// Runs the walkthrough's momentum loop, an exponential moving average of the gradients, and
/// returns where it ends.
///
/// ```
/// v ← βv + (1 − β) f′(x)      v = 0 at first
/// x ← x − lr · v              (steps times)
/// ```
///
/// - Parameters:
///   - x0: the start, default −3.
///   - lr: the learning rate, default 0.1.
///   - beta: β in [0, 1), default 0.9.
///   - steps: the number of steps, default 20.
/// - Returns: x after the steps.
public func momentumOnTiltedQuartic(
  x0: Double = -3, lr: Double = 0.1, beta: Double = 0.9, steps: Int = 20
)
  -> Double
{
  unimplemented()
}
