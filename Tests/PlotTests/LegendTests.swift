import Foundation
import Testing

@testable import Plot

/// A rectangle parsed from SVG, in pixels.
private struct Box {
  let minX, minY, maxX, maxY: Double

  /// Whether the segment a→b comes within `margin` of the box (sampled every half pixel).
  func meets(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), margin: Double) -> Bool {
    let samples = max(1, Int((hypot(b.x - a.x, b.y - a.y) * 2).rounded(.up)))
    return (0...samples).contains { k in
      let u = Double(k) / Double(samples)
      let x = a.x + u * (b.x - a.x), y = a.y + u * (b.y - a.y)
      return x >= minX - margin && x <= maxX + margin && y >= minY - margin && y <= maxY + margin
    }
  }
}

/// The legend's box in a parsed figure's panel.
private func legendBox(_ document: SVGDocument, panel: Int) throws -> Box {
  let rect = try #require(document.inside(panel, "rect", class: "legend-box").first)
  let x = try #require(rect.number("x")), y = try #require(rect.number("y"))
  return Box(
    minX: x, minY: y, maxX: x + (rect.number("width") ?? 0), maxY: y + (rect.number("height") ?? 0))
}

/// Every drawn point of the panel's series (path vertices and segments, markers) that the legend box covers.
private func covered(_ document: SVGDocument, panel: Int) throws -> [String] {
  let box = try legendBox(document, panel: panel)
  var found: [String] = []
  for path in document.inside(panel, "path", class: "series") {
    let width = path.number("stroke-width") ?? 1
    for piece in subpaths(path.attributes["d"] ?? "") where !piece.isEmpty {
      for (a, b) in zip(piece, piece.dropFirst()) where box.meets(a, b, margin: width / 2) {
        found.append("\(path.attributes["data-name"]!) segment \(a)–\(b)")
      }
    }
  }
  for marker in document.inside(panel, "circle", class: "marker") {
    let x = marker.number("cx")!, y = marker.number("cy")!, r = marker.number("r")! + 0.75
    if x + r >= box.minX && x - r <= box.maxX && y + r >= box.minY && y - r <= box.maxY {
      found.append("marker of \(marker.attributes["data-series"] ?? "?") at (\(x), \(y))")
    }
  }
  return found
}

@Suite("Legends")
struct LegendTests {
  /// Curves that fill the top-right and top-left corners: a legend there would cover them.
  static let crowdedTop = Panel(
    series: [
      Series("falling", y: (0...60).map { 10 - Double($0) / 10 }),
      Series("rising", y: (0...60).map { 4 + Double($0) / 10 }),
      Series("flat", y: [Double](repeating: 7, count: 61)),
    ])

  @Test("an automatic legend covers no plotted line or marker, and moves away from crowded corners")
  func automaticLegendAvoidsData() throws {
    for figure in [
      Fixtures.figure(), Figure(panels: [Self.crowdedTop]),
      Figure(panels: [Self.crowdedTop], animation: Animation()),
    ] {
      let document = try SVGDocument.parse(figure.svg())
      for panel in document.panelIndices
      where !document.inside(panel, "g", class: "legend").isEmpty {
        #expect(try covered(document, panel: panel) == [])
      }
    }
    let document = try SVGDocument.parse(Figure(panels: [Self.crowdedTop]).svg())
    let placement = document.all("g", class: "legend").first?.attributes["data-placement"]
    #expect(placement != "top-right" && placement != "top-left")
  }

  @Test("with no room inside, the legend goes right of a narrowed plot area, inside the canvas")
  func legendOutside() throws {
    // A zigzag through every part of the plot area leaves no room for the box.
    let zigzag = Series("zigzag", y: (0...200).map { Double($0 % 2) })
    let grid = (0...20).map { k in
      Series("level \(k)", y: [Double](repeating: Double(k) / 20, count: 201))
    }
    let document = try SVGDocument.parse(Figure(panels: [Panel(series: [zigzag] + grid)]).svg())
    let panel = try #require(document.panelIndices.first)
    #expect(document.all("g", class: "legend").first?.attributes["data-placement"] == "outside")
    let box = try legendBox(document, panel: panel)
    let area = document.plotArea(panel)
    #expect(box.minX > area.maxX)
    #expect(box.maxX <= 480)
    #expect(area.maxX - area.minX < 480 - Panel.margin.left - Panel.margin.right)
    #expect(try covered(document, panel: panel) == [])
  }

  @Test("an explicit corner is kept, whatever lies under it")
  func explicitCorner() throws {
    var panel = Self.crowdedTop
    panel.legend = .topRight
    let document = try SVGDocument.parse(Figure(panels: [panel]).svg())
    #expect(document.all("g", class: "legend").first?.attributes["data-placement"] == "top-right")
  }

  @Test(
    "each swatch is drawn like its series: a line, dashed or dotted as the series is, or a circle for markers alone"
  )
  func swatchesMatchSeries() throws {
    let series = [
      Series("solid", y: [1, 2, 3]),
      Series("dashed", y: [3, 2, 1], dash: [6, 3]),
      Series("dotted", y: [2, 2, 2], markers: Markers(every: 1)),
      Series("optimum", points: [Point(1, 2)], markers: .endpoints),
      Series("last", points: [Point(2, 1)], markers: Markers(end: true)),
    ]
    let document = try SVGDocument.parse(Figure(panels: [Panel(series: series)]).svg())
    let entries = document.all("g", class: "legend-entry")
    #expect(entries.map { $0.attributes["data-series"]! } == series.map(\.name))
    #expect(
      entries.map { $0.attributes["data-swatch"]! } == ["line", "line", "line", "marker", "marker"])
    let index = { (name: String) in
      document.elements.firstIndex {
        $0.hasClass("legend-entry") && $0.attributes["data-series"] == name
      }!
    }
    func swatches(_ name: String) -> [Element] {
      document.elements.filter { $0.ancestors.contains(index(name)) && $0.hasClass("swatch") }
    }
    for entry in series {
      let shapes = swatches(entry.name)
      let isLine = entry.points.count >= 2
      #expect(shapes.contains { $0.name == "line" } == isLine, "\(entry.name)")
      #expect(shapes.contains { $0.hasClass("swatch-marker") } == !isLine, "\(entry.name)")
    }
    #expect(swatches("dashed").first?.attributes["stroke-dasharray"] == "6 3")
    #expect(swatches("solid").first?.attributes["stroke-dasharray"] == nil)
    #expect(swatches("dotted").contains { $0.hasClass("swatch-dot") })
    // The optimum is drawn as an open (white) start marker, the last point as a filled one.
    #expect(swatches("optimum").first?.attributes["fill"] == "white")
    #expect(swatches("last").first?.attributes["fill"] != "white")
    let path = document.all("path", class: "series").first {
      $0.attributes["data-name"] == "dashed"
    }
    #expect(path?.attributes["stroke-dasharray"] == "6 3")
  }

  @Test("legend rows are as wide as the longest name needs, by the text-width estimate")
  func legendWidth() throws {
    let name = "SGD + momentum (lr 0.1)"
    let document = try SVGDocument.parse(
      Figure(panels: [Panel(series: [Series(name, y: [1, 1])])]).svg())
    let panel = try #require(document.panelIndices.first)
    let box = try legendBox(document, panel: panel)
    let label = try #require(document.all("text", class: "legend-label").first)
    let textEnd = label.number("x")! + TextMetrics.width(of: name, fontSize: 11)
    #expect(textEnd <= box.maxX)
    #expect(box.maxX - textEnd <= Legend.padding + 0.01)
  }
}

@Suite("Marks")
struct MarkTests {
  @Test("markers name their series, and a series that marks another says which")
  func markerAttributes() throws {
    let curve = Series("loss", x: [1, 2, 3, 4], y: [4, 3, 1, 2])
    let found = Series(
      "rate found", points: [Point(3, 1)], markers: .endpoints, marks: "loss")
    let trajectory = Series("path", y: [1, 2, 3], markers: .endpoints)
    let document = try SVGDocument.parse(
      Figure(panels: [Panel(series: [curve, found, trajectory])]).svg())
    let markers = document.all("circle", class: "marker")
    #expect(markers.map { $0.attributes["data-series"]! } == ["path", "path", "rate found"])
    #expect(markers.map { $0.attributes["data-marks"] } == [nil, nil, "loss"])
    // The marker of "rate found" sits on the loss curve's vertex (3, 1).
    let path = try #require(
      document.all("path", class: "series").first { $0.attributes["data-name"] == "loss" })
    let vertex = subpaths(path.attributes["d"]!).joined().map { $0 }[2]
    let marker = markers[2]
    #expect(
      abs(marker.number("cx")! - vertex.x) < 0.01 && abs(marker.number("cy")! - vertex.y) < 0.01)
  }

  @Test("dashed series are drawn over solid ones, and series of markers alone over both")
  func drawingOrder() throws {
    let panel = Panel(series: [
      Series("optimum", points: [Point(1, 1)], markers: .endpoints),
      Series("AdamW", y: [1, 2, 3], dash: [7, 5]),
      Series("Adam", y: [1, 2, 3]),
    ])
    #expect(panel.drawingOrder == [2, 1, 0])
    let document = try SVGDocument.parse(Figure(panels: [panel]).svg())
    #expect(
      document.all("path", class: "series").map { $0.attributes["data-name"]! } == [
        "Adam", "AdamW", "optimum",
      ])
    // The legend keeps the given order.
    #expect(
      document.all("text", class: "legend-label").map(\.text) == ["optimum", "AdamW", "Adam"])
  }
}
