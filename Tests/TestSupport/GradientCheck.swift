/// The gradient of `f` at `x` by central differences, the check for a hand-written backward pass.
///
/// ```
/// gᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h        error O(h²) plus rounding O(ε f / h)
/// ```
///
/// With h = 1e-5 and f of order 1 both errors are about 1e-10, far below the mistakes a wrong
/// backward pass makes (a missing factor, a transposed product, a forgotten ReLU mask).
public func centralDifferences(
  of f: ([Double]) -> Double, at x: [Double], step h: Double = 1e-5
) -> [Double] {
  x.indices.map { i in
    var forward = x
    var backward = x
    forward[i] += h
    backward[i] -= h
    return (f(forward) - f(backward)) / (2 * h)
  }
}
