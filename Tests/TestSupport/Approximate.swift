import Foundation
import Testing

extension Double {
  /// Whether `self` and `other` agree within either tolerance, with swift-numerics' meaning.
  ///
  /// True when `|self − other| ≤ max(absoluteTolerance, relativeTolerance · max(|self|, |other|))`.
  /// NaN is close to nothing, and an infinity only to itself.
  public func isApproximatelyEqual(
    to other: Double, absoluteTolerance: Double, relativeTolerance: Double = 0
  ) -> Bool {
    if self == other { return true }
    guard isFinite && other.isFinite else { return false }
    let scale = Swift.max(abs(self), abs(other))
    return abs(self - other) <= Swift.max(absoluteTolerance, relativeTolerance * scale)
  }
}

/// Records a failure unless `actual` is within the tolerances of `expected`.
///
/// The failure message shows expected versus actual and the difference, which the grader prints
/// as the reason an exercise failed; `sourceLocation` points it at the caller's line.
public func expectClose(
  _ actual: Double, _ expected: Double, tolerance: Double, relativeTolerance: Double = 0,
  _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard
    !actual.isApproximatelyEqual(
      to: expected, absoluteTolerance: tolerance, relativeTolerance: relativeTolerance)
  else { return }
  Issue.record(
    Comment(
      rawValue: """
        \(what)
          expected: \(format(expected))
          actual:   \(format(actual))
          difference \(format(abs(actual - expected))) exceeds \(toleranceText(tolerance, relativeTolerance))
        """), sourceLocation: sourceLocation)
}

/// Records a failure unless `actual` is within the tolerances of `expected`, measured by norm.
///
/// Passes when `‖actual − expected‖ ≤ max(tolerance, relativeTolerance · max(‖actual‖, ‖expected‖))`,
/// so a correct computation whose rounding differs component by component still passes. The
/// message lines up both vectors and names the worst component.
public func expectClose(
  _ actual: [Double], _ expected: [Double], tolerance: Double, relativeTolerance: Double = 0,
  _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.count == expected.count else {
    Issue.record(
      Comment(
        rawValue: """
          \(what)
            expected \(expected.count) components: \(format(expected))
            actual has \(actual.count) components: \(format(actual))
          """), sourceLocation: sourceLocation)
    return
  }
  let difference = zip(actual, expected).map { $0 - $1 }
  let distance = euclidean(difference)
  let scale = max(euclidean(actual), euclidean(expected))
  if distance.isFinite, distance <= max(tolerance, relativeTolerance * scale) { return }
  let worst = difference.indices.max { abs(difference[$0]).isLess(than: abs(difference[$1])) } ?? 0
  Issue.record(
    Comment(
      rawValue: """
        \(what)
          expected: \(format(expected))
          actual:   \(format(actual))
          ‖difference‖ \(format(distance)) exceeds \(toleranceText(tolerance, relativeTolerance)); \
        worst component [\(worst)]: expected \(format(expected[worst])), actual \(format(actual[worst]))
        """), sourceLocation: sourceLocation)
}

private func euclidean(_ v: [Double]) -> Double {
  v.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

private func toleranceText(_ absolute: Double, _ relative: Double) -> String {
  relative > 0
    ? "tolerance \(format(absolute)) (absolute) or \(format(relative)) (relative)"
    : "tolerance \(format(absolute))"
}

/// A number as the grader shows it: up to 10 significant digits.
public func format(_ x: Double) -> String {
  if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
  return String(describing: Double(String(format: "%.10g", x)) ?? x)
}

/// A vector as the grader shows it.
public func format(_ v: [Double]) -> String {
  "[" + v.map(format).joined(separator: ", ") + "]"
}
