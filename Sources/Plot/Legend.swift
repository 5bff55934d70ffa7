/// Where a panel's legend sits.
public enum LegendPosition: Sendable, Hashable {
  /// The first place inside the plot area where the legend covers no plotted line or marker (the
  /// corners, then the middles of the sides), else `.outside`.
  case automatic
  /// A fixed corner of the plot area, whatever lies under it.
  case topRight, topLeft, bottomRight, bottomLeft
  /// Right of the plot area, which narrows to make room.
  case outside
  /// No legend.
  case hidden
}

/// A legend box listing series names beside a swatch drawn like the series: a line (dashed when the
/// series is) for a line, with a dot when its points carry dots, and a circle for a series drawn only
/// by its markers.
struct Legend {
  /// How an entry's swatch is drawn, matching how its series is drawn.
  enum Swatch: Equatable {
    /// A line sample, with the series' dash pattern, and a dot at its middle when `dot`.
    case line(dash: [Double]?, dot: Bool)
    /// A circle like the series' markers: open (white fill) or filled with the colour.
    case marker(open: Bool, radius: Double)

    /// The swatch matching how `series` is drawn.
    init(_ series: Series) {
      if series.drawsLine {
        self = .line(dash: series.dash, dot: series.markers.every != nil)
      } else {
        let marker = series.points.indices.lazy.compactMap(series.marker).first
        self = .marker(open: marker?.open ?? true, radius: marker?.radius ?? 4)
      }
    }

    /// The `data-swatch` value: "line" or "marker".
    var kind: String {
      switch self {
      case .line: "line"
      case .marker: "marker"
      }
    }
  }

  /// One row of the legend.
  struct Entry {
    let name: String
    let color: Color
    let lineWidth: Double
    let swatch: Swatch
  }

  /// A place for the box: its `data-placement` name and the box in pixels.
  struct Spot {
    let name: String
    let box: Rect
  }

  let entries: [Entry]

  static let fontSize = 11.0, rowHeight = 16.0, sampleLength = 20.0, padding = 6.0, inset = 8.0
  /// The gap between the plot area and a legend outside it.
  static let outsideGap = 10.0

  /// The box's width and height, from the longest name's estimated width.
  var size: (width: Double, height: Double) {
    let textWidth =
      entries.map { TextMetrics.width(of: $0.name, fontSize: Self.fontSize) }.max() ?? 0
    return (
      Self.padding * 3 + Self.sampleLength + textWidth,
      Self.padding * 2 + Double(entries.count) * Self.rowHeight
    )
  }

  /// The box at `position` (a corner of `plot`, or right of it for `.outside`); `nil` when hidden.
  func spot(_ position: LegendPosition, plot: Rect) -> Spot? {
    let (width, height) = size
    let inset = Self.inset
    let (left, right) = (plot.minX + inset, plot.maxX - inset - width)
    let (top, bottom) = (plot.minY + inset, plot.maxY - inset - height)
    switch position {
    case .hidden: return nil
    case .topRight, .automatic:
      return Spot(name: "top-right", box: Rect(x: right, y: top, width: width, height: height))
    case .topLeft:
      return Spot(name: "top-left", box: Rect(x: left, y: top, width: width, height: height))
    case .bottomRight:
      return Spot(
        name: "bottom-right", box: Rect(x: right, y: bottom, width: width, height: height))
    case .bottomLeft:
      return Spot(name: "bottom-left", box: Rect(x: left, y: bottom, width: width, height: height))
    case .outside:
      return Spot(
        name: "outside",
        box: Rect(x: plot.maxX + Self.outsideGap, y: top, width: width, height: height))
    }
  }

  /// The places `.automatic` tries inside `plot`, in order of preference: the four corners, then
  /// boxes sliding along the edges in eighths of the free length, nearest a corner first.
  func insideSpots(plot: Rect) -> [Spot] {
    let (width, height) = size
    let inset = Self.inset
    let (left, right) = (plot.minX + inset, plot.maxX - inset - width)
    let (top, bottom) = (plot.minY + inset, plot.maxY - inset - height)
    guard right >= left, bottom >= top else { return [] }
    let corners = [LegendPosition.topRight, .topLeft, .bottomRight, .bottomLeft].compactMap {
      spot($0, plot: plot)
    }
    var sliding: [(spot: Spot, distance: Double)] = []
    for k in 1..<8 {
      let x = left + (right - left) * Double(k) / 8, y = top + (bottom - top) * Double(k) / 8
      let along = [
        ("top", x, top), ("bottom", x, bottom), ("left", left, y), ("right", right, y),
      ]
      for (name, x, y) in along {
        let distance = min(abs(x - left), abs(x - right)) + min(abs(y - top), abs(y - bottom))
        sliding.append(
          (Spot(name: name, box: Rect(x: x, y: y, width: width, height: height)), distance))
      }
    }
    return corners
      + sliding.enumerated().sorted {
        ($0.element.distance, $0.offset) < ($1.element.distance, $1.offset)
      }.map(\.element.spot)
  }

  /// The first inside spot clear of `obstacles`, or `nil`.
  func freeSpot(plot: Rect, obstacles: Obstacles) -> Spot? {
    insideSpots(plot: plot).first { !obstacles.intersects($0.box) }
  }

  /// Writes the legend at `spot`; nothing when there are no entries.
  func write(into writer: inout SVGWriter, spot: Spot) {
    guard !entries.isEmpty else { return }
    let box = spot.box
    writer.begin("g", [("class", "legend"), ("data-placement", spot.name)])
    writer.leaf(
      "rect",
      box.attributes + [
        ("class", "legend-box"), ("fill", "white"), ("fill-opacity", "0.85"),
        ("stroke", "#bbbbbb"), ("stroke-width", "0.8"),
      ])
    for (row, entry) in entries.enumerated() {
      let y = box.y + Self.padding + (Double(row) + 0.5) * Self.rowHeight
      let x = box.x + Self.padding
      writer.begin(
        "g",
        [
          ("class", "legend-entry"), ("data-series", entry.name),
          ("data-swatch", entry.swatch.kind),
        ])
      let middle = x + Self.sampleLength / 2
      switch entry.swatch {
      case .line(let dash, let dot):
        var attributes: SVGWriter.Attributes = [
          ("class", "swatch swatch-line"), ("x1", x.svg), ("y1", y.svg),
          ("x2", (x + Self.sampleLength).svg), ("y2", y.svg), ("stroke", entry.color.hex),
          ("stroke-width", entry.lineWidth.svg),
        ]
        if let dash { attributes.append(("stroke-dasharray", dashArray(dash))) }
        writer.leaf("line", attributes)
        if dot {
          writer.leaf(
            "circle",
            [
              ("class", "swatch swatch-dot"), ("cx", middle.svg), ("cy", y.svg), ("r", "2"),
              ("fill", entry.color.hex), ("stroke", entry.color.hex), ("stroke-width", "1.5"),
            ])
        }
      case .marker(let open, let radius):
        writer.leaf(
          "circle",
          [
            ("class", "swatch swatch-marker"), ("cx", middle.svg), ("cy", y.svg), ("r", radius.svg),
            ("fill", open ? "white" : entry.color.hex), ("stroke", entry.color.hex),
            ("stroke-width", "1.5"),
          ])
      }
      writer.text(
        "text",
        [
          ("class", "legend-label"), ("x", (x + Self.sampleLength + Self.padding).svg),
          ("y", (y + Self.fontSize * 0.35).svg), ("font-size", Self.fontSize.svg),
        ], entry.name)
      writer.end()
    }
    writer.end()
  }
}

/// The `stroke-dasharray` value of a dash pattern.
func dashArray(_ dash: [Double]) -> String {
  dash.map(\.svg).joined(separator: " ")
}

/// What a legend must not cover: the drawn line segments and markers of a plot area, in pixels.
struct Obstacles {
  /// Segments with the half-width of their stroke.
  var segments: [(a: PixelPoint, b: PixelPoint, halfWidth: Double)] = []
  /// Markers' bounding boxes, stroke included.
  var boxes: [Rect] = []
  /// Clearance kept between the legend and the data, in pixels.
  static let clearance = 4.0

  /// Whether `box`, grown by the clearance, meets any segment (grown by its half-width) or marker box.
  func intersects(_ box: Rect) -> Bool {
    let grown = box.insetBy(-Self.clearance)
    if boxes.contains(where: { $0.intersects(grown) }) { return true }
    return segments.contains { segment in
      segmentIntersects(segment.a, segment.b, grown.insetBy(-segment.halfWidth))
    }
  }

  /// Whether the segment a→b has a point inside or on `rect` (Liang–Barsky).
  private func segmentIntersects(_ a: PixelPoint, _ b: PixelPoint, _ rect: Rect) -> Bool {
    let dx = b.x - a.x, dy = b.y - a.y
    var u0 = 0.0, u1 = 1.0
    for (p, q) in [
      (-dx, a.x - rect.minX), (dx, rect.maxX - a.x), (-dy, a.y - rect.minY), (dy, rect.maxY - a.y),
    ] {
      if p == 0 {
        if q < 0 { return false }
      } else if p < 0 {
        u0 = max(u0, q / p)
      } else {
        u1 = min(u1, q / p)
      }
    }
    return u0 <= u1
  }
}
