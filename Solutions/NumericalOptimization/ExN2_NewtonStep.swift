import Workbook

// Exercise N2 (★): the Newton direction, with a safe fallback where the Hessian cannot be used.
// The tests run Newton's method with a backtracking Armijo line search on Rosenbrock's function.

/// Returns the Newton direction −H⁻¹g when H is positive definite, and −g otherwise.
///
/// The Newton step minimises the quadratic model f(x) + gᵀp + ½pᵀHp, so it solves
///
/// ```
/// H · p = −g          if H is positive definite
/// p = −g              otherwise (steepest descent)
/// ```
///
/// Only a positive definite H makes −H⁻¹g a descent direction (gᵀp = −gᵀH⁻¹g < 0). An
/// indefinite H can be perfectly invertible, so a solve that succeeds is not enough: test
/// positive definiteness first, for example with `hess.cholesky()`, which throws when it is not.
/// Solve with `hess.solve(_:)`, or with the Cholesky factor L (L·y = −g, then Lᵀ·p = y).
///
/// - Parameters:
///   - grad: the gradient g at the current point.
///   - hess: the Hessian H at the current point, symmetric, `grad.count` × `grad.count`.
/// - Returns: the search direction p, as long as `grad`.
public func newtonStep(grad: [Double], hess: Matrix) -> [Double] {
  // BEGIN SOLUTION
  do {
    _ = try hess.cholesky()
    return scaled(try hess.solve(grad), by: -1)
  } catch {
    return scaled(grad, by: -1)
  }
  // END SOLUTION
}
