import Foundation

/// A tick on an axis: its position in the scale's linear space and its label.
struct Tick {
  let position: Double
  let label: String
}

/// Tick placement and readable tick labels.
enum Ticks {
  /// About `target` ticks at a spacing of 1, 2 or 5 × 10ⁿ over a linear range.
  static func linear(_ lower: Double, _ upper: Double, target: Int = 6) -> [Tick] {
    let (values, step) = niceValues(lower, upper, target: target)
    let largest = values.map(abs).max() ?? 0
    return values.map { Tick(position: $0, label: label($0, step: step, largest: largest)) }
  }

  /// Ticks for a log10 range (bounds given as exponents): at powers of ten labelled "10ⁿ", thinned to every
  /// 2nd, 5th, 10th… decade to keep at most about ten; ranges holding fewer than two powers of ten get nice values
  /// placed logarithmically instead.
  static func log(_ lower: Double, _ upper: Double) -> [Tick] {
    let first = ceil(lower - 1e-9), last = floor(upper + 1e-9)
    if last - first >= 1, last - first < 1000 {
      let stride = [1, 2, 5, 10, 20, 50].first { Double($0 * 10) >= last - first + 1 } ?? 100
      return (Int(first)...Int(last)).filter { $0 % stride == 0 }.map {
        Tick(position: Double($0), label: "10" + superscript($0))
      }
    }
    let (values, step) = niceValues(pow(10, lower), pow(10, upper), target: 5)
    let positive = values.filter { $0 > 0 }
    let largest = positive.max() ?? 0
    return positive.map {
      Tick(position: log10($0), label: label($0, step: step, largest: largest))
    }
  }

  /// Multiples of a 1-2-5 step covering `lower...upper`, and that step.
  private static func niceValues(_ lower: Double, _ upper: Double, target: Int) -> (
    values: [Double], step: Double
  ) {
    let span = upper - lower
    guard span > 0, span.isFinite else { return ([], 1) }
    let raw = span / Double(target)
    let magnitude = pow(10, floor(log10(raw)))
    let ratio = raw / magnitude
    let step = (ratio < 1.5 ? 1 : ratio < 3 ? 2 : ratio < 7 ? 5 : 10) * magnitude
    let first = ceil(lower / step - 1e-9), last = floor(upper / step + 1e-9)
    // Beyond 2^53 consecutive multiples are no longer distinct doubles.
    guard abs(first) < 1e15, abs(last) < 1e15, first <= last else { return ([], step) }
    return (Swift.stride(from: first, through: last, by: 1).map { $0 * step }, step)
  }

  /// A label for `value` on a grid of spacing `step`: plain decimals ("0.25"), or scientific ("2.5e-4")
  /// when that would need more than four decimals or the largest value reaches 1e5.
  static func label(_ value: Double, step: Double, largest: Double) -> String {
    if value == 0 { return "0" }
    let stepExponent = Int(floor(log10(step)))
    let decimals = max(0, -stepExponent)
    if decimals <= 4 && largest < 1e5 { return value.fixed(decimals: decimals) }
    let exponent = Int(floor(log10(largest)))
    let mantissa = value / pow(10, Double(exponent))
    return mantissa.fixed(decimals: min(12, max(0, exponent - stepExponent))) + "e"
      + String(exponent)
  }

  /// The exponent in Unicode superscripts, for example -3 → "⁻³".
  static func superscript(_ exponent: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    return String(String(exponent).map { $0 == "-" ? "⁻" : digits[Int(String($0))!] })
  }
}
