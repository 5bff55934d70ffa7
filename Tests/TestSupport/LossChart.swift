import Foundation

/// A text chart of loss curves on a log scale, for failure messages that compare optimizers.
///
/// A learner whose method loses a race sees where its curve parts from the others, which a
/// table of final values does not show. Values that are not finite and positive are left out,
/// and the legend says where a curve stopped being finite.
///
/// - Parameters:
///   - series: labelled curves, one value per step.
///   - width: columns of the plot area; steps are sampled evenly across them.
///   - height: rows of the plot area.
public func lossChart(
  _ series: [(label: String, values: [Double])], width: Int = 56, height: Int = 8
) -> String {
  let symbols: [Character] = ["•", "×", "∘", "+", "#"]
  let steps = series.map(\.values.count).max() ?? 0
  let logs = series.map { $0.values.map { $0.isFinite && $0 > 0 ? log10($0) : Double.nan } }
  let finite = logs.flatMap { $0 }.filter { !$0.isNaN }
  guard steps > 0, let low = finite.min(), let high = finite.max() else {
    return "(no finite values)"
  }
  let span = max(high - low, 1e-12)
  var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
  for (index, curve) in logs.enumerated() {
    for column in 0..<width {
      let step = steps == 1 ? 0 : column * (steps - 1) / max(width - 1, 1)
      guard step < curve.count, !curve[step].isNaN else { continue }
      let row = height - 1 - Int(((curve[step] - low) / span * Double(height - 1)).rounded())
      grid[row][column] = symbols[index % symbols.count]
    }
  }
  let label = { (exponent: Double) in String(format: "1e%+03d", Int(exponent.rounded(.down))) }
  var lines = grid.enumerated().map { row, cells in
    let axis = row == 0 ? label(high) + " ┤" : row == height - 1 ? label(low) + " ┤" : "      │"
    return (axis + String(cells)).replacingOccurrences(
      of: " +$", with: "", options: .regularExpression)
  }
  lines.append("      └" + String(repeating: "─", count: width))
  lines.append("       0" + String(repeating: " ", count: max(0, width - 8)) + "\(steps - 1) steps")
  lines.append(
    "       "
      + series.enumerated().map { index, curve in
        let stop =
          curve.values.firstIndex { !$0.isFinite }.map { " (not finite from step \($0))" } ?? ""
        return "\(symbols[index % symbols.count]) \(curve.label)\(stop)"
      }.joined(separator: "   "))
  return lines.joined(separator: "\n")
}
