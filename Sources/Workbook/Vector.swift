import Foundation

/// Vectors are plain `[Double]`; these few helpers name the operations the exercises repeat.
///
/// Element-wise arithmetic is left to `zip(a, b).map { … }`, which reads clearly and avoids an
/// overload of `+` that would clash with array concatenation.

/// The dot product `aᵀb`.
///
/// - Precondition: `a` and `b` have the same length.
public func dot(_ a: [Double], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
  var sum = 0.0
  for i in a.indices { sum += a[i] * b[i] }
  return sum
}

/// The Euclidean norm `‖a‖₂ = √(aᵀa)`.
public func norm(_ a: [Double]) -> Double {
  dot(a, a).squareRoot()
}

/// `a + s·b`, element by element (BLAS's axpy).
///
/// - Precondition: `a` and `b` have the same length.
public func adding(_ a: [Double], _ b: [Double], scaledBy s: Double = 1) -> [Double] {
  precondition(a.count == b.count, "adding: lengths \(a.count) and \(b.count) differ")
  return zip(a, b).map { $0 + s * $1 }
}

/// `s·a`, element by element.
public func scaled(_ a: [Double], by s: Double) -> [Double] {
  a.map { s * $0 }
}

/// The softmax `pᵢ = exp(zᵢ) / Σⱼ exp(zⱼ)`: probabilities from a network's scores (logits).
///
/// Computed as `exp(zᵢ − max z)`, which is the same in exact arithmetic and never overflows.
public func softmax(_ z: [Double]) -> [Double] {
  var p = z
  p.withUnsafeMutableBufferPointer { softmax(inPlace: $0) }
  return p
}

/// `softmax(z)` written over the entries of `z` itself, with the same arithmetic: for the rows of
/// a batch's scores, without an array for each row.
@inlinable
public func softmax(inPlace z: UnsafeMutableBufferPointer<Double>) {
  let largest = z.max() ?? 0
  for i in z.indices { z[i] = Foundation.exp(z[i] - largest) }
  let total = z.reduce(0.0) { $0 + $1 }
  for i in z.indices { z[i] /= total }
}

/// `y += s·x` over `count` entries in place, four at a time (BLAS's axpy on raw storage).
///
/// For the inner loop of a layer's gradient, where the arrays' own bounds checks and copies would
/// cost more than the arithmetic. Each entry gets exactly `y[i] + s * x[i]`, as the scalar loop
/// gives.
///
/// - Precondition: `x` and `y` hold `count` entries each; `y` may be `x` but not overlap it
///   otherwise.
@inlinable
public func addScaled(
  _ x: UnsafePointer<Double>, by s: Double, into y: UnsafeMutablePointer<Double>, count: Int
) {
  let scale = SIMD4(repeating: s)
  var i = 0
  while i + 4 <= count {
    let sum =
      UnsafeRawPointer(y + i).loadUnaligned(as: SIMD4<Double>.self)
      + scale * UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<Double>.self)
    UnsafeMutableRawPointer(y + i).storeBytes(of: sum, as: SIMD4<Double>.self)
    i += 4
  }
  while i < count {
    y[i] += s * x[i]
    i += 1
  }
}
