/// One plot area with a frame, ticks, axis labels, an optional title and a legend; contours are drawn under the series.
///
/// Without explicit axis ranges the panel fits its series, or, when it has contours, the contour grid's extent.
/// All data is clipped to the plot area.
public struct Panel: Sendable {
  public var title: String?
  public var x: Axis
  public var y: Axis
  public var contours: [Contours]
  public var series: [Series]
  public var legend: LegendPosition

  public init(
    title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), contours: [Contours] = [],
    series: [Series] = [],
    legend: LegendPosition = .automatic
  ) {
    self.title = title
    self.x = x
    self.y = y
    self.contours = contours
    self.series = series
    self.legend = legend
  }
}

extension Panel {
  /// Space around the plot area for the title, tick labels and axis labels.
  static let margin = (left: 66.0, right: 18.0, top: 34.0, bottom: 46.0)
  /// The panel title's font size, reduced to fit a title wider than the plot area.
  static let titleFontSize = 13.0

  /// The panel laid out in `frame`: its plot area, axes, drawn lines and the legend's place.
  func layout(frame: Rect, color: (Series) -> Color) -> Layout {
    let legend = Legend(
      entries: series.filter { !$0.name.isEmpty }.map {
        Legend.Entry(
          name: $0.name, color: color($0), lineWidth: $0.lineWidth, swatch: Legend.Swatch($0))
      })
    let inside = Layout(panel: self, frame: frame, reserved: 0, legend: legend)
    guard !legend.entries.isEmpty, self.legend != .hidden else { return inside }
    if self.legend == .automatic,
      let free = legend.freeSpot(plot: inside.plot, obstacles: inside.obstacles(self))
    {
      return inside.with(legendSpot: free)
    }
    if self.legend == .automatic || self.legend == .outside {
      let outside = Layout(
        panel: self, frame: frame, reserved: legend.size.width + Legend.outsideGap, legend: legend)
      return outside.with(legendSpot: legend.spot(.outside, plot: outside.plot))
    }
    return inside.with(legendSpot: legend.spot(self.legend, plot: inside.plot))
  }

  /// Writes the panel laid out as `layout` in `frame`; `id` keeps its clip path and masks unique within the figure.
  func write(
    into writer: inout SVGWriter, layout: Layout, frame: Rect, id: String,
    color: (Series) -> Color, timeline: Timeline?
  ) {
    let clipID = "\(id)-clip"
    func maskID(_ index: Int) -> String { "\(id)-reveal-\(index)" }

    writer.begin("g", [("class", "panel"), ("id", id)])
    writer.begin("defs")
    writer.begin("clipPath", [("id", clipID)])
    writer.leaf("rect", layout.plot.attributes)
    writer.end()
    if let timeline {
      for (index, s) in series.enumerated() {
        timeline.writeRevealMask(
          id: maskID(index), lines: layout.seriesLines[index], width: s.lineWidth + 2,
          area: layout.plot, into: &writer)
      }
    }
    writer.end()
    if let title {
      let fitting =
        Self.titleFontSize * layout.plot.width
        / max(1, TextMetrics.width(of: title, fontSize: Self.titleFontSize, bold: true))
      let fontSize = min(Self.titleFontSize, (fitting * 10).rounded(.down) / 10)
      writer.text(
        "text",
        [
          ("class", "panel-title"), ("x", layout.plot.midX.svg), ("y", (frame.y + 22).svg),
          ("text-anchor", "middle"), ("font-size", fontSize.fixed(decimals: 1)),
          ("font-weight", "bold"),
        ], title)
    }
    writeGrid(layout, into: &writer)

    writer.begin("g", [("class", "data"), ("clip-path", "url(#\(clipID))")])
    writeContours(layout, into: &writer)
    for index in drawingOrder {
      let s = series[index]
      let stroke = color(s)
      var attributes: SVGWriter.Attributes = [
        ("class", "series"), ("data-name", s.name),
        ("d", Polylines.pathData(layout.seriesLines[index])), ("fill", "none"),
        ("stroke", stroke.hex), ("stroke-width", s.lineWidth.svg), ("stroke-linejoin", "round"),
        ("stroke-linecap", s.dash == nil ? "round" : "butt"),
      ]
      if let dash = s.dash { attributes.append(("stroke-dasharray", dashArray(dash))) }
      if timeline != nil { attributes.append(("mask", "url(#\(maskID(index)))")) }
      writer.leaf("path", attributes)
      writeMarkers(of: s, color: stroke, layout: layout, timeline: timeline, into: &writer)
    }
    writer.end()

    writeAxes(layout, frame: frame, into: &writer)
    if let spot = layout.legendSpot { layout.legend.write(into: &writer, spot: spot) }
    writer.end()
  }

  /// The order in which the series are drawn: solid lines, then dashed lines, so that a solid line
  /// they coincide with shows in their gaps, then series drawn only as markers (an optimum), on top.
  var drawingOrder: [Int] {
    let lines = series.indices.filter { series[$0].drawsLine }
    return lines.filter { series[$0].dash == nil } + lines.filter { series[$0].dash != nil }
      + series.indices.filter { !series[$0].drawsLine }
  }

  /// A panel resolved to pixels: its plot area, axes, the visible pieces of each series and the legend's place.
  struct Layout {
    let plot: Rect
    let x: AxisMap
    let y: AxisMap
    /// Visible ticks as (pixel position, label).
    let xTicks: [(Double, String)]
    let yTicks: [(Double, String)]
    /// Each series' visible pieces, clipped to the plot area; vertex steps are the series' steps.
    let seriesLines: [[[Vertex]]]
    let legend: Legend
    /// Where the legend goes, `nil` for none.
    private(set) var legendSpot: Legend.Spot?

    /// Lays out `panel` in `frame`, keeping `reserved` pixels right of the plot area free (for a legend outside it).
    init(panel: Panel, frame: Rect, reserved: Double, legend: Legend) {
      let margin = Panel.margin
      plot = Rect(
        x: frame.x + margin.left, y: frame.y + margin.top,
        width: max(40, frame.width - margin.left - margin.right - reserved),
        height: frame.height - margin.top - margin.bottom)
      x = AxisMap(
        axis: panel.x, data: panel.series.flatMap { $0.points.map(\.x) },
        domain: panel.contourDomain(\.xDomain),
        start: plot.minX, end: plot.maxX)
      y = AxisMap(
        axis: panel.y, data: panel.series.flatMap { $0.points.map(\.y) },
        domain: panel.contourDomain(\.yDomain),
        start: plot.maxY, end: plot.minY)
      let (x, y, plot) = (x, y, plot)
      xTicks = x.ticks.map { (x.position($0.position), $0.label) }.filter {
        $0.0 >= plot.minX - 0.5 && $0.0 <= plot.maxX + 0.5
      }
      yTicks = y.ticks.map { (y.position($0.position), $0.label) }.filter {
        $0.0 >= plot.minY - 0.5 && $0.0 <= plot.maxY + 0.5
      }
      func pixel(_ p: Point) -> PixelPoint? {
        guard let px = x.pixel(p.x), let py = y.pixel(p.y) else { return nil }
        return PixelPoint(x: px, y: py)
      }
      seriesLines = panel.series.map { s in
        s.checkSteps()
        return Polylines.clip(s.points.map(pixel), to: plot).map { line in
          line.map { Vertex(point: $0.point, step: s.step(atFractionalIndex: $0.step)) }
        }
      }
      self.legend = legend
    }

    /// The same layout with the legend at `spot`.
    func with(legendSpot spot: Legend.Spot?) -> Layout {
      var copy = self
      copy.legendSpot = spot
      return copy
    }

    /// The pixel position of a data point, or `nil` when an axis cannot show it.
    func pixel(_ p: Point) -> PixelPoint? {
      guard let px = x.pixel(p.x), let py = y.pixel(p.y) else { return nil }
      return PixelPoint(x: px, y: py)
    }

    /// The visible pieces of the line through `points`, clipped to the plot area.
    func lines(_ points: [Point]) -> [[Vertex]] {
      Polylines.clip(points.map(pixel), to: plot)
    }

    /// The markers of `s` drawn inside the plot area: point index, pixel position and style.
    func markers(of s: Series) -> [(
      index: Int, at: PixelPoint, style: (classes: String, radius: Double, open: Bool)
    )] {
      s.points.indices.compactMap { index in
        guard let style = s.marker(at: index), let p = pixel(s.points[index]), plot.contains(p)
        else { return nil }
        return (index, p, style)
      }
    }

    /// The drawn segments and markers of `panel`'s series, which a legend must not cover.
    func obstacles(_ panel: Panel) -> Obstacles {
      var obstacles = Obstacles()
      for (s, lines) in zip(panel.series, seriesLines) {
        for line in lines {
          for (a, b) in zip(line, line.dropFirst()) {
            obstacles.segments.append((a.point, b.point, s.lineWidth / 2))
          }
        }
        for marker in markers(of: s) {
          let r = marker.style.radius + 0.75
          obstacles.boxes.append(
            Rect(x: marker.at.x - r, y: marker.at.y - r, width: 2 * r, height: 2 * r))
        }
      }
      return obstacles
    }
  }

  /// The union of the contour grids' extents along one axis, or `nil` without contours.
  private func contourDomain(_ extent: (Grid) -> ClosedRange<Double>) -> ClosedRange<Double>? {
    let ranges = contours.map { extent($0.grid) }
    guard let lower = ranges.map(\.lowerBound).min(), let upper = ranges.map(\.upperBound).max()
    else { return nil }
    return lower...upper
  }

  /// Light grid lines at the ticks, under the data.
  private func writeGrid(_ layout: Layout, into writer: inout SVGWriter) {
    let plot = layout.plot
    writer.begin("g", [("class", "grid"), ("stroke", "#e8e8e8"), ("stroke-width", "1")])
    for (px, _) in layout.xTicks { writer.leaf("line", line(px, plot.minY, px, plot.maxY)) }
    for (py, _) in layout.yTicks { writer.leaf("line", line(plot.minX, py, plot.maxX, py)) }
    writer.end()
  }

  /// One path per contour level that crosses the plot area.
  private func writeContours(_ layout: Layout, into writer: inout SVGWriter) {
    for contour in contours {
      for (index, level) in contour.levels.enumerated() where level.isFinite {
        let d = Polylines.pathData(
          MarchingSquares.lines(in: contour.grid, at: level).flatMap(layout.lines))
        guard !d.isEmpty else { continue }
        writer.leaf(
          "path",
          [
            ("class", "contour"), ("data-level", "\(level)"), ("d", d), ("fill", "none"),
            ("stroke", contour.color(level: index).hex), ("stroke-width", contour.lineWidth.svg),
          ])
      }
    }
  }

  /// The start, end and every-k-th markers of a series that lie inside the plot area, each appearing when its step is drawn.
  ///
  /// Each carries `data-series`, and `data-marks` when the series points out another one's data.
  private func writeMarkers(
    of s: Series, color: Color, layout: Layout, timeline: Timeline?, into writer: inout SVGWriter
  ) {
    for marker in layout.markers(of: s) {
      var attributes: SVGWriter.Attributes = [
        ("class", marker.style.classes), ("data-series", s.name),
      ]
      if let marks = s.marks { attributes.append(("data-marks", marks)) }
      attributes += [
        ("cx", marker.at.x.svg), ("cy", marker.at.y.svg), ("r", marker.style.radius.svg),
        ("fill", marker.style.open ? "white" : color.hex), ("stroke", color.hex),
        ("stroke-width", "1.5"),
      ]
      if let timeline {
        writer.begin("circle", attributes)
        timeline.writeAppearance(at: s.step(at: marker.index), into: &writer)
        writer.end()
      } else {
        writer.leaf("circle", attributes)
      }
    }
  }

  /// The frame, tick marks with their labels, and the axis labels.
  private func writeAxes(_ layout: Layout, frame: Rect, into writer: inout SVGWriter) {
    let plot = layout.plot
    writer.leaf(
      "rect",
      plot.attributes + [
        ("class", "frame"), ("fill", "none"), ("stroke", "#333333"), ("stroke-width", "1"),
      ])
    writer.begin(
      "g", [("class", "axes"), ("font-size", "11"), ("fill", "#333333"), ("stroke", "#333333")])
    for (px, label) in layout.xTicks {
      writer.leaf("line", line(px, plot.maxY, px, plot.maxY + 5) + [("class", "tick x-tick")])
      writer.text(
        "text",
        [
          ("class", "tick-label x-tick-label"), ("x", px.svg), ("y", (plot.maxY + 17).svg),
          ("text-anchor", "middle"), ("stroke", "none"),
        ], label)
    }
    for (py, label) in layout.yTicks {
      writer.leaf("line", line(plot.minX - 5, py, plot.minX, py) + [("class", "tick y-tick")])
      writer.text(
        "text",
        [
          ("class", "tick-label y-tick-label"), ("x", (plot.minX - 8).svg), ("y", (py + 4).svg),
          ("text-anchor", "end"), ("stroke", "none"),
        ], label)
    }
    writer.end()
    if let label = x.label {
      writer.text(
        "text",
        [
          ("class", "axis-label x-label"), ("x", plot.midX.svg), ("y", (frame.maxY - 8).svg),
          ("text-anchor", "middle"), ("font-size", "12"),
        ], label)
    }
    if let label = y.label {
      let (lx, ly) = ((frame.minX + 16).svg, plot.midY.svg)
      writer.text(
        "text",
        [
          ("class", "axis-label y-label"), ("x", lx), ("y", ly),
          ("transform", "rotate(-90 \(lx) \(ly))"),
          ("text-anchor", "middle"), ("font-size", "12"),
        ], label)
    }
  }

  private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> SVGWriter.Attributes
  {
    [("x1", x1.svg), ("y1", y1.svg), ("x2", x2.svg), ("y2", y2.svg)]
  }
}
