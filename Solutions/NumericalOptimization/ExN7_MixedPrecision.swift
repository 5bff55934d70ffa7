import Workbook

// Exercise N7 (★★): mixed-precision gradient accumulation. The backward pass produces gradients
// in half precision (Float16, IEEE binary16); the master copy and the update stay in Float
// (fp32). Loss scaling keeps small gradients out of Float16's subnormal and zero ranges, and a
// dynamic loss scaler finds a scale that is as large as possible without overflowing.
//
// Float16 in numbers: the largest finite value is 65504; the smallest normal is 2⁻¹⁴ ≈ 6.1e-5;
// below it the subnormals are multiples of 2⁻²⁴ ≈ 5.96e-8, with fewer significant bits the
// smaller they are; magnitudes at or below 2⁻²⁵ ≈ 2.98e-8 round to zero.

/// What happens to a gradient when it is rounded to half precision.
public enum Float16Fate: Sendable, Equatable {
  /// `Float16(g)` is a normal number: at least 2⁻¹⁴ in magnitude and finite, rounded with a
  /// relative error of at most 2⁻¹¹ ≈ 4.9e-4.
  case normal
  /// `Float16(g)` is a nonzero subnormal, below 2⁻¹⁴ in magnitude: not lost, but the smaller it
  /// is, the fewer significant bits it keeps.
  case subnormal
  /// `Float16(g)` is zero (of either sign): the gradient has vanished.
  case zero
  /// `Float16(g)` is +∞ or −∞: the gradient was too large for half precision.
  case overflow
}

/// Tells what a single-precision gradient becomes when it is rounded to `Float16`.
///
/// The answer is about the rounded value `h = Float16(gradient)`, not about the gradient
/// before rounding (a value just below a boundary may round onto it):
///
/// ```
/// h = ±0                       → .zero
/// 0 < |h| < 2⁻¹⁴               → .subnormal
/// 2⁻¹⁴ ≤ |h| ≤ 65504           → .normal
/// h = ±∞                       → .overflow
/// ```
///
/// - Parameter gradient: a gradient in single precision, of either sign, not NaN.
/// - Returns: the kind of `Float16` value the gradient is rounded to.
public func float16Fate(_ gradient: Float) -> Float16Fate {
  // BEGIN SOLUTION
  let half = Float16(gradient)
  if half.isZero { return .zero }
  if half.isSubnormal { return .subnormal }
  if half.isInfinite { return .overflow }
  return .normal
  // END SOLUTION
}

/// Simulates loss scaling: the gradient of the scaled loss is rounded to half precision,
/// then unscaled in single precision.
///
/// Multiplying the loss by S multiplies every gradient by S, which lifts small gradients out
/// of Float16's subnormal range before they are rounded; dividing by S afterwards, in fp32,
/// gives back the gradient with Float16's relative precision:
///
/// ```
/// scaled   = Float16(gradient · S)      // S · g computed in Float, then rounded to half
/// returned = Float(scaled) / S          // unscaled in Float, never in Float16
/// ```
///
/// A scaled gradient of magnitude 65520 or more rounds beyond Float16's largest finite value,
/// 65504, to ±∞, and the result is then ±∞ too.
///
/// - Parameters:
///   - gradient: the true gradient, in single precision.
///   - scale: the loss scale S > 0, default 2¹⁵ = 32768; `scale: 1` is plain half precision.
/// - Returns: the gradient as the fp32 update sees it, after the round trip through Float16.
public func lossScaledGradient(_ gradient: Float, scale: Float = 32768) -> Float {
  // BEGIN SOLUTION
  Float(Float16(gradient * scale)) / scale
  // END SOLUTION
}

/// Tells whether every scaled half-precision gradient is finite, the check a loss scaler
/// makes before it applies an update.
///
/// - Parameter grads: the scaled gradients in half precision (possibly empty).
/// - Returns: `false` if any gradient is +∞, −∞ or NaN, `true` otherwise.
public func gradientsAreFinite(_ grads: [Float16]) -> Bool {
  // BEGIN SOLUTION
  grads.allSatisfy(\.isFinite)
  // END SOLUTION
}

/// A dynamic loss scaler, as in PyTorch's `GradScaler`: it backs off when the scaled gradients
/// overflow and grows again after a run of good steps.
///
/// One call of ``step(gradsOK:)`` per training step:
///
/// ```
/// if gradsOK is false:                  // inf or NaN in the scaled gradients
///     scale ← scale · backoffFactor
///     stepsSinceOverflow ← 0
///     return false                      // skip this update
/// stepsSinceOverflow ← stepsSinceOverflow + 1
/// if stepsSinceOverflow = growthInterval:
///     scale ← scale · growthFactor
///     stepsSinceOverflow ← 0            // the next growth needs another full interval
/// return true                           // apply this update
/// ```
///
/// So the scale grows on the `growthInterval`-th good step in a row, counted since the last
/// overflow or the last growth, whichever was later.
public final class DynamicLossScaler {
  /// The current loss scale S.
  public private(set) var scale: Double
  /// How many good steps in a row make the scale grow, default 2000.
  public let growthInterval: Int
  /// What the scale is multiplied by when it grows, default 2.
  public let growthFactor: Double
  /// What the scale is multiplied by on an overflow, default 0.5.
  public let backoffFactor: Double
  /// Good steps since the last overflow or growth (0 at the start).
  public private(set) var stepsSinceOverflow: Int

  /// Creates a scaler that starts at `initScale` with no good steps counted.
  ///
  /// - Parameters:
  ///   - initScale: the first loss scale, default 2¹⁵ = 32768.
  ///   - growthInterval: good steps in a row before the scale grows, ≥ 1, default 2000.
  ///   - growthFactor: the factor for growing, > 1, default 2.
  ///   - backoffFactor: the factor for backing off, in (0, 1), default 0.5.
  public init(
    initScale: Double = 32768, growthInterval: Int = 2000, growthFactor: Double = 2.0,
    backoffFactor: Double = 0.5
  ) {
    // BEGIN SOLUTION
    scale = initScale
    self.growthInterval = growthInterval
    self.growthFactor = growthFactor
    self.backoffFactor = backoffFactor
    stepsSinceOverflow = 0
    // END SOLUTION
  }

  /// Updates the scale after one training step and says whether to apply that step's update.
  ///
  /// - Parameter gradsOK: whether the scaled gradients were all finite (no inf, no NaN).
  /// - Returns: `true` to apply the update, `false` to skip it because of inf/NaN.
  public func step(gradsOK: Bool) -> Bool {
    // BEGIN SOLUTION
    guard gradsOK else {
      scale *= backoffFactor
      stepsSinceOverflow = 0
      return false
    }
    stepsSinceOverflow += 1
    if stepsSinceOverflow >= growthInterval {
      scale *= growthFactor
      stepsSinceOverflow = 0
    }
    return true
    // END SOLUTION
  }
}
