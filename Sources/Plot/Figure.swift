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

  /// The title's font size and the distance between its lines' baselines.
  static let titleFontSize = 15.0, titleLineHeight = 18.0
  /// The title's first baseline and the space the header keeps below the last one.
  static let titleBaseline = 21.0, headerBelowTitle = 9.0

  /// The title broken into lines that fit between the canvas's edges, clear of a step counter.
  ///
  /// `counterWidth` is the counter's estimated width, 0 without one: the centred title keeps as
  /// much room on its left, so it never runs under the counter.
  func titleLines(canvasWidth: Double, counterWidth: Double) -> [String] {
    guard let title else { return [] }
    let side = counterWidth > 0 ? counterWidth + 24 : 10
    return TextMetrics.wrap(
      title, width: canvasWidth - 2 * side, fontSize: Self.titleFontSize, bold: true)
  }

  /// The figure as an SVG document; the same figure always gives the same bytes.
  public func svg() -> String {
    let allSeries = panels.flatMap(\.series)
    var names: [String] = []
    for s in allSeries where s.color == nil && !names.contains(s.name) { names.append(s.name) }
    let color = { (s: Series) in
      s.color ?? Color.palette[names.firstIndex(of: s.name)! % Color.palette.count]
    }
    let width = panelWidth * Double(max(1, panels.count))
    let lastStep = max(1, allSeries.compactMap(\.lastStep).max() ?? 1)
    let showsCounter = animation?.showsStepCounter == true
    let counterWidth =
      showsCounter
      ? TextMetrics.width(of: "step \(Int(lastStep.rounded(.down)))", fontSize: 12) : 0
    let titleLines = titleLines(canvasWidth: width, counterWidth: counterWidth)
    let header =
      titleLines.isEmpty && !showsCounter
      ? 0
      : Self.titleBaseline + Double(max(0, titleLines.count - 1)) * Self.titleLineHeight
        + Self.headerBelowTitle
    let height = panelHeight + header
    var writer = SVGWriter(width: width, height: height)
    writer.leaf(
      "rect", [("class", "background"), ("width", "100%"), ("height", "100%"), ("fill", "white")])
    for (index, line) in titleLines.enumerated() {
      writer.text(
        "text",
        [
          ("class", "figure-title"), ("x", (width / 2).svg),
          ("y", (Self.titleBaseline + Double(index) * Self.titleLineHeight).svg),
          ("text-anchor", "middle"), ("font-size", Self.titleFontSize.svg),
          ("font-weight", "bold"),
        ], line)
    }
    let frames = panels.indices.map {
      Rect(x: panelWidth * Double($0), y: header, width: panelWidth, height: panelHeight)
    }
    let layouts = zip(panels, frames).map { $0.layout(frame: $1, color: color) }
    let timeline = animation.map {
      Timeline(
        animation: $0, lastStep: lastStep,
        series: layouts.flatMap(\.seriesLines))
    }
    for (index, panel) in panels.enumerated() {
      panel.write(
        into: &writer, layout: layouts[index], frame: frames[index], id: "panel\(index)",
        color: color, timeline: timeline)
    }
    if let timeline, showsCounter {
      timeline.writeStepCounter(x: width - 12, y: Self.titleBaseline, into: &writer)
    }
    return writer.finish()
  }

  /// Writes `svg()` to a file as UTF-8, replacing it atomically.
  public func write(to url: URL) throws {
    try Data(svg().utf8).write(to: url, options: .atomic)
  }
}
