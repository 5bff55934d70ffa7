import Foundation

/// One axis of a panel: its label, scale, and an optional fixed data range (fitted to the data when `nil`).
public struct Axis: Sendable {
  public var label: String?
  public var scale: Scale
  /// The visible data range; on a log scale both bounds must be positive.
  public var range: ClosedRange<Double>?

  public init(_ label: String? = nil, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
    self.label = label
    self.scale = scale
    self.range = range
  }
}

/// An axis resolved for drawing: maps data values to pixel positions along one side of the plot area.
struct AxisMap {
  let scale: Scale
  /// The visible range in the scale's linear space (log10 of the data on a log axis).
  let lower: Double
  let upper: Double
  /// Pixel positions of `lower` and `upper`.
  let start: Double
  let end: Double

  /// Resolves `axis` for drawing: an explicit range wins, then `domain` (a contour grid's extent), then the data.
  ///
  /// A linear axis fitted to data gets 5 % padding; a log axis is widened to whole decades so it has power-of-ten ticks.
  init(axis: Axis, data: [Double], domain: ClosedRange<Double>?, start: Double, end: Double) {
    let scale = axis.scale
    self.scale = scale
    self.start = start
    self.end = end
    if let range = axis.range {
      guard let lower = scale.transform(range.lowerBound),
        let upper = scale.transform(range.upperBound)
      else {
        preconditionFailure("axis range \(range) cannot be shown on a \(scale) scale")
      }
      (self.lower, self.upper) = Self.nonEmpty(lower, upper)
    } else if let domain, let lower = scale.transform(domain.lowerBound),
      let upper = scale.transform(domain.upperBound)
    {
      (self.lower, self.upper) = Self.nonEmpty(lower, upper)
    } else {
      // Values beyond ±1e300 would make the span overflow; they are drawn as off-range instead.
      let shown = data.compactMap(scale.transform).filter { abs($0) <= 1e300 }
      if let lower = shown.min(), let upper = shown.max() {
        switch scale {
        case .linear:
          let pad = (upper - lower) * 0.05
          (self.lower, self.upper) = Self.nonEmpty(lower - pad, upper + pad)
        case .log10:
          (self.lower, self.upper) = Self.nonEmpty(floor(lower), ceil(upper))
        }
      } else {
        (self.lower, self.upper) = (0, 1)
      }
    }
  }

  /// The pixel position of a data value, or `nil` when the scale cannot show it or it lies absurdly far off the plot.
  func pixel(_ value: Double) -> Double? {
    guard let t = scale.transform(value) else { return nil }
    let p = position(t)
    return abs(p) < 1e9 ? p : nil
  }

  /// The pixel position of a value in the scale's linear space (as used by ticks).
  func position(_ t: Double) -> Double {
    start + (t - lower) / (upper - lower) * (end - start)
  }

  /// The ticks of this axis, in order.
  var ticks: [Tick] {
    switch scale {
    case .linear: Ticks.linear(lower, upper)
    case .log10: Ticks.log(lower, upper)
    }
  }

  /// A range with positive span, so that positions stay finite even for constant data.
  private static func nonEmpty(_ lower: Double, _ upper: Double) -> (Double, Double) {
    if upper > lower { return (lower, upper) }
    let pad = max(abs(lower) * 0.05, 0.5)
    return (lower - pad, lower + pad)
  }
}
