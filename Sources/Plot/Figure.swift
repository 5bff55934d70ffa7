import Foundation

/// An SVG figure: panels side by side under an optional title, optionally animated.
///
/// Series without an explicit colour get palette colours by name, so one optimizer has one colour in every panel.
public struct Figure: Sendable {
  public var title: String?
  public var panels: [Panel]
  /// Width of each panel in pixels; the figure is `panels.count` panels wide.
  public var panelWidth: Double
  /// Height of each panel in pixels.
  public var panelHeight: Double
  /// When set, every series is drawn progressively in a repeating animation.
  public var animation: Animation?

  public init(
    title: String? = nil, panels: [Panel], panelWidth: Double = 480, panelHeight: Double = 400,
    animation: Animation? = nil
  ) {
    precondition(panelWidth >= 160 && panelHeight >= 160, "panels must be at least 160×160 pixels")
    self.title = title
    self.panels = panels
    self.panelWidth = panelWidth
    self.panelHeight = panelHeight
    self.animation = animation
  }

  /// The figure as an SVG document; the same figure always gives the same bytes.
  public func svg() -> String {
    let header = title != nil || animation?.showsStepCounter == true ? 30.0 : 0
    let width = panelWidth * Double(max(1, panels.count)), height = panelHeight + header
    var writer = SVGWriter(width: width, height: height)
    writer.leaf(
      "rect", [("class", "background"), ("width", "100%"), ("height", "100%"), ("fill", "white")])
    if let title {
      writer.text(
        "text",
        [
          ("class", "figure-title"), ("x", (width / 2).svg), ("y", "21"), ("text-anchor", "middle"),
          ("font-size", "15"), ("font-weight", "bold"),
        ], title)
    }
    let allSeries = panels.flatMap(\.series)
    let timeline = animation.map {
      Timeline(animation: $0, lastStep: max(1, allSeries.map { $0.points.count - 1 }.max() ?? 1))
    }
    var names: [String] = []
    for s in allSeries where s.color == nil && !names.contains(s.name) { names.append(s.name) }
    let color = { (s: Series) in
      s.color ?? Color.palette[names.firstIndex(of: s.name)! % Color.palette.count]
    }
    for (index, panel) in panels.enumerated() {
      let frame = Rect(
        x: panelWidth * Double(index), y: header, width: panelWidth, height: panelHeight)
      panel.write(
        into: &writer, frame: frame, id: "panel\(index)", color: color, timeline: timeline)
    }
    if let timeline, timeline.animation.showsStepCounter {
      timeline.writeStepCounter(x: width - 12, y: 21, into: &writer)
    }
    return writer.finish()
  }

  /// Writes `svg()` to a file as UTF-8, replacing it atomically.
  public func write(to url: URL) throws {
    try Data(svg().utf8).write(to: url, options: .atomic)
  }
}
