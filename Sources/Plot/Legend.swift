/// Where a panel's legend sits inside its plot area.
public enum LegendPosition: Sendable, Hashable {
  case topRight, topLeft, bottomRight, bottomLeft
  /// No legend.
  case hidden
}

/// A legend box listing series names beside a sample of their line.
struct Legend {
  /// One row of the legend.
  struct Entry {
    let name: String
    let color: Color
    let lineWidth: Double
  }

  let entries: [Entry]
  let position: LegendPosition

  private static let fontSize = 11.0, rowHeight = 16.0, sampleLength = 20.0, padding = 6.0,
    inset = 8.0

  /// Writes the legend into a corner of `plot`; nothing when hidden or empty.
  func write(into writer: inout SVGWriter, plot: Rect) {
    guard position != .hidden, !entries.isEmpty else { return }
    // Text width is estimated (no font metrics): about 0.65 em per character (DejaVu Sans is wide).
    let textWidth = entries.map { Double($0.name.count) * Self.fontSize * 0.65 }.max() ?? 0
    let width = Self.padding * 3 + Self.sampleLength + textWidth
    let height = Self.padding * 2 + Double(entries.count) * Self.rowHeight
    let left = position == .topLeft || position == .bottomLeft
    let top = position == .topLeft || position == .topRight
    let box = Rect(
      x: left ? plot.minX + Self.inset : plot.maxX - Self.inset - width,
      y: top ? plot.minY + Self.inset : plot.maxY - Self.inset - height,
      width: width, height: height)
    writer.begin("g", [("class", "legend")])
    writer.leaf(
      "rect",
      [
        ("x", box.x.svg), ("y", box.y.svg), ("width", box.width.svg), ("height", box.height.svg),
        ("fill", "white"), ("fill-opacity", "0.85"), ("stroke", "#bbbbbb"), ("stroke-width", "0.8"),
      ])
    for (row, entry) in entries.enumerated() {
      let y = box.y + Self.padding + (Double(row) + 0.5) * Self.rowHeight
      let x = box.x + Self.padding
      writer.leaf(
        "line",
        [
          ("x1", x.svg), ("y1", y.svg), ("x2", (x + Self.sampleLength).svg), ("y2", y.svg),
          ("stroke", entry.color.hex), ("stroke-width", entry.lineWidth.svg),
        ])
      writer.text(
        "text",
        [
          ("class", "legend-label"), ("x", (x + Self.sampleLength + Self.padding).svg),
          ("y", (y + Self.fontSize * 0.35).svg), ("font-size", Self.fontSize.svg),
        ], entry.name)
    }
    writer.end()
  }
}
