import Workbook

// Exercise N4 (★★): two numerical gradients to check an analytic one against, centred
// differences and the complex step, and how their accuracy depends on the step h.

/// Approximates the gradient of `f` at `x` by centred differences, one coordinate at a time.
///
/// ```
/// ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / (2h)
/// ```
///
/// eᵢ is the i-th unit vector: only coordinate i moves, by +h and by −h, and every other
/// coordinate stays at its value in `x`. The error has two parts: truncation, O(h²) (the even
/// terms of the Taylor series cancel in the difference, the h³ term leaves (h²/6)·∂³f/∂xᵢ³),
/// and rounding, O(ε/h) (the subtraction of two nearly equal values of f, ε ≈ 2.2e-16). They
/// balance near h ≈ ε^(1/3) ≈ 6e-6.
///
/// - Parameters:
///   - f: the function, evaluated 2n times for n = `x.count`.
///   - x: the point; the result is the gradient there.
///   - h: the step, h > 0; default 1e-5.
/// - Returns: the approximate gradient, as long as `x`.
public func finiteDiffGrad(f: ([Double]) -> Double, x: [Double], h: Double = 1e-5) -> [Double] {
  // BEGIN SOLUTION
  x.indices.map { i in
    var plus = x
    var minus = x
    plus[i] += h
    minus[i] -= h
    return (f(plus) - f(minus)) / (2 * h)
  }
  // END SOLUTION
}

/// Computes the gradient of `f` at `x` by the complex step, accurate to rounding for any tiny h.
///
/// ```
/// ∂f/∂xᵢ ≈ Im f(x + i·h·eᵢ) / h
/// ```
///
/// Coordinate i gets the imaginary part h; every coordinate keeps its real part from `x`, and
/// the others have imaginary part 0. For an analytic f the Taylor series
/// f(x + ih·eᵢ) = f(x) + ih·∂f/∂xᵢ − (h²/2)·∂²f/∂xᵢ² − … puts the derivative in the imaginary
/// part with no subtraction, so nothing cancels: the error is O(h²) with no rounding term, and h
/// can be as small as 1e-150, or even 1e-300.
///
/// - Parameters:
///   - f: the function on complex arguments, written with `Complex` arithmetic and the library's
///     `sin`, `cos` and `exp` (it must be analytic: no `abs`, no comparisons of values).
///   - x: the real point; the result is the gradient there.
///   - h: the size of the imaginary step, h > 0 (and at most about 1e-8 for full accuracy);
///     default 1e-150.
/// - Returns: the gradient, as long as `x`.
public func complexStepGrad(f: ([Complex]) -> Complex, x: [Double], h: Double = 1e-150)
  -> [Double]
{
  // BEGIN SOLUTION
  x.indices.map { i in
    var z = x.map { Complex($0) }
    z[i].imaginary = h
    return f(z).imaginary / h
  }
  // END SOLUTION
}
