import Workbook

// Exercise N7, reference: the learner's stub in Exercises/ documents each formula.

/// What happens to a gradient when it is rounded to half precision.
public enum Float16Fate: Sendable, Equatable {
  /// A normal Float16, at least 2⁻¹⁴ in magnitude.
  case normal
  /// A nonzero subnormal Float16, below 2⁻¹⁴ in magnitude.
  case subnormal
  /// Zero: the gradient vanished.
  case zero
  /// ±∞: the gradient was too large.
  case overflow
}

/// Classifies the rounded value Float16(gradient), not the gradient itself.
public func float16Fate(_ gradient: Float) -> Float16Fate {
  let half = Float16(gradient)
  if half.isZero { return .zero }
  if half.isSubnormal { return .subnormal }
  if half.isInfinite { return .overflow }
  return .normal
}

/// Scales in fp32, rounds to fp16, and unscales in fp32.
public func lossScaledGradient(_ gradient: Float, scale: Float = 32768) -> Float {
  Float(Float16(gradient * scale)) / scale
}

/// Whether no scaled gradient is ±∞ or NaN.
public func gradientsAreFinite(_ grads: [Float16]) -> Bool {
  grads.allSatisfy(\.isFinite)
}

/// Backs off on overflow and grows after `growthInterval` good steps in a row.
public final class DynamicLossScaler {
  /// The current loss scale.
  public private(set) var scale: Double
  /// Good steps in a row before growth.
  public let growthInterval: Int
  /// The factor for growing.
  public let growthFactor: Double
  /// The factor for backing off.
  public let backoffFactor: Double
  /// Good steps since the last overflow or growth.
  public private(set) var stepsSinceOverflow = 0

  /// Starts at `initScale` with no good steps counted.
  public init(
    initScale: Double = 32768, growthInterval: Int = 2000, growthFactor: Double = 2.0,
    backoffFactor: Double = 0.5
  ) {
    scale = initScale
    self.growthInterval = growthInterval
    self.growthFactor = growthFactor
    self.backoffFactor = backoffFactor
  }

  /// Updates the scale; returns whether to apply this step's update.
  public func step(gradsOK: Bool) -> Bool {
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
  }
}
