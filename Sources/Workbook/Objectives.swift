import Foundation

// The test functions the documents optimise, each with the derivatives the exercises use.

/// Rosenbrock's banana valley `f(x) = (1 − x₁)² + 100(x₂ − x₁²)²`, minimum 0 at (1, 1).
public func rosenbrock(_ x: [Double]) -> Double {
  let a = 1 - x[0]
  let b = x[1] - x[0] * x[0]
  return a * a + 100 * b * b
}

/// The gradient of ``rosenbrock(_:)``.
public func rosenbrockGrad(_ x: [Double]) -> [Double] {
  let b = x[1] - x[0] * x[0]
  return [-2 * (1 - x[0]) - 400 * x[0] * b, 200 * b]
}

/// The Hessian of ``rosenbrock(_:)``; at the minimum (1, 1) it is [[802, −400], [−400, 200]].
public func rosenbrockHess(_ x: [Double]) -> Matrix {
  let h00 = 2 - 400 * (x[1] - x[0] * x[0]) + 800 * x[0] * x[0]
  let h01 = -400 * x[0]
  return Matrix([[h00, h01], [h01, 200]])
}

/// Beale's function `(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²`, minimum 0 at (3, 0.5).
public func beale(_ p: [Double]) -> Double {
  let (x, y) = (p[0], p[1])
  let t1 = 1.5 - x + x * y
  let t2 = 2.25 - x + x * y * y
  let t3 = 2.625 - x + x * y * y * y
  return t1 * t1 + t2 * t2 + t3 * t3
}

/// The gradient of ``beale(_:)``.
public func bealeGradient(_ p: [Double]) -> [Double] {
  let (x, y) = (p[0], p[1])
  let t1 = 1.5 - x + x * y
  let t2 = 2.25 - x + x * y * y
  let t3 = 2.625 - x + x * y * y * y
  let dx = 2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y * y * y - 1)
  let dy = 2 * t1 * x + 2 * t2 * (2 * x * y) + 2 * t3 * (3 * x * y * y)
  return [dx, dy]
}

/// The double well `f(x) = x⁴ − 2x² + 1` of Exercise 4.1: minima at ±1, a local maximum at 0.
public func doubleWell(_ x: Double) -> Double {
  x * x * x * x - 2 * x * x + 1
}

/// The derivative `f′(x) = 4x³ − 4x` of ``doubleWell(_:)``.
public func doubleWellDerivative(_ x: Double) -> Double {
  4 * x * x * x - 4 * x
}

/// The tilted quartic `f(x) = 0.1x⁴ − 3x² + x`: global minimum near −3.954, local near 3.787.
public func tiltedQuartic(_ x: Double) -> Double {
  0.1 * x * x * x * x - 3 * x * x + x
}

/// The derivative `f′(x) = 0.4x³ − 6x + 1` of ``tiltedQuartic(_:)``.
public func tiltedQuarticDerivative(_ x: Double) -> Double {
  0.4 * x * x * x - 6 * x + 1
}

/// The quadratic `f(x) = ½xᵀAx − bᵀx`, with gradient `Ax − b` and Hessian `A`.
public struct Quadratic: Sendable {
  /// The (symmetric) Hessian.
  public let a: Matrix
  /// The linear term.
  public let b: [Double]

  /// A quadratic with Hessian `a` and linear term `b` (zero when omitted).
  public init(a: Matrix, b: [Double]? = nil) {
    precondition(a.rows == a.columns, "Quadratic: A must be square")
    self.a = a
    self.b = b ?? Array(repeating: 0, count: a.rows)
  }

  /// `f(x) = ½xᵀAx − bᵀx`.
  public func value(_ x: [Double]) -> Double {
    0.5 * dot(x, a * x) - dot(b, x)
  }

  /// `∇f(x) = Ax − b`.
  public func gradient(_ x: [Double]) -> [Double] {
    adding(a * x, b, scaledBy: -1)
  }
}

/// The elliptic bowl `(x − 1)² + 2(y − 2)²` of the Gradient Descent Theory chapter (§1.3):
/// minimum 0 at (1, 2), curvatures 2 and 4 (so m = 2 and L = 4).
public func ellipticBowl(_ p: [Double]) -> Double {
  (p[0] - 1) * (p[0] - 1) + 2 * (p[1] - 2) * (p[1] - 2)
}

/// The gradient of ``ellipticBowl(_:)``: `(2(x − 1), 4(y − 2))`.
public func ellipticBowlGradient(_ p: [Double]) -> [Double] {
  [2 * (p[0] - 1), 4 * (p[1] - 2)]
}
