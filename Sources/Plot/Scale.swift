import Foundation

/// How an axis maps data values to positions: linearly, or by log10 for losses and learning rates spanning decades.
public enum Scale: Sendable, Hashable {
  case linear
  case log10

  /// The value in the scale's linear space, or `nil` when it cannot be shown (non-finite, or non-positive on a log scale).
  func transform(_ value: Double) -> Double? {
    guard value.isFinite else { return nil }
    switch self {
    case .linear: return value
    case .log10: return value > 0 ? Foundation.log10(value) : nil
    }
  }
}
