import Foundation
import Testing

@testable import Plot

@Suite("Figure structure")
struct FigureTests {
  let document: SVGDocument
  let svg: String

  init() throws {
    svg = Fixtures.figure().svg()
    document = try SVGDocument.parse(svg)
  }

  @Test("the output parses as XML with an <svg> root sized for two panels")
  func parsesAsXML() throws {
    let root = try #require(document.elements.first)
    #expect(root.name == "svg")
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    #expect(root.attributes["width"] == "960")
    #expect(root.attributes["viewBox"] == "0 0 960 430")
    #expect(document.panelIndices.count == 2)
  }

  @Test("each series is exactly one path, tagged with its name")
  func onePathPerSeries() {
    for panel in document.panelIndices {
      let names = document.inside(panel, "path", class: "series").map { $0.attributes["data-name"] }
      #expect(names == ["GD", "Momentum"])
    }
    #expect(document.all("path", class: "series").count == 4)
  }

  @Test("a series keeps its colour across panels; different series differ")
  func coloursFollowNames() {
    let paths = document.all("path", class: "series")
    let colour = { (name: String) in
      Set(paths.filter { $0.attributes["data-name"] == name }.map { $0.attributes["stroke"]! })
    }
    #expect(colour("GD").count == 1)
    #expect(colour("Momentum").count == 1)
    #expect(colour("GD") != colour("Momentum"))
  }

  @Test("title, panel titles, axis labels, frame, ticks and legend are present")
  func annotations() {
    #expect(document.all("text", class: "figure-title").map(\.text) == ["GD vs momentum"])
    #expect(document.all("text", class: "panel-title").map(\.text) == ["Rosenbrock", "Loss"])
    #expect(document.all("text", class: "x-label").map(\.text) == ["x", "step"])
    #expect(document.all("text", class: "y-label").map(\.text) == ["y", "loss"])
    for panel in document.panelIndices {
      #expect(document.inside(panel, "rect", class: "frame").count == 1)
      #expect(document.inside(panel, "line", class: "x-tick").count >= 3)
      #expect(document.inside(panel, "line", class: "y-tick").count >= 3)
      #expect(
        document.inside(panel, "text", class: "x-tick-label").count
          == document.inside(panel, "line", class: "x-tick").count)
      #expect(document.inside(panel, "text", class: "y-tick-label").count >= 3)
      #expect(
        document.inside(panel, "text", class: "legend-label").map(\.text) == ["GD", "Momentum"])
    }
    #expect(document.all("text", class: "y-tick-label").contains { $0.text == "10⁰" })
  }

  @Test(
    "data is clipped: every path and marker coordinate lies inside its panel's plot area, with at most 2 decimals"
  )
  func dataStaysInsidePlotArea() throws {
    // Ranges narrower than the data force clipping, including a line that leaves and re-enters.
    let zigzag = Series(
      "zigzag", x: [0, 1, 2, 3, 4, 5], y: [0, 5, -5, 0.5, 9, 0.2],
      markers: Markers(start: true, end: true, every: 1))
    let grid = Grid(x: -2...2, y: -2...2, samples: 41) { x, y in x * x + y * y }
    let panel = Panel(
      x: Axis(range: 0.5...4.5), y: Axis(range: -1...1),
      contours: [Contours(grid: grid, levels: [0.5, 1, 2, 4, 8])], series: [zigzag])
    let document = try SVGDocument.parse(
      Figure(panels: [panel, Fixtures.figure().panels[0]]).svg())
    var clippedPieces = 0
    for panel in document.panelIndices {
      let area = document.plotArea(panel)
      let paths =
        document.inside(panel, "path", class: "series")
        + document.inside(panel, "path", class: "contour")
      #expect(!paths.isEmpty)
      for path in paths {
        let d = try #require(path.attributes["d"])
        let pieces = subpaths(d)
        clippedPieces += pieces.count - 1
        for point in pieces.joined() {
          #expect(
            point.x >= area.minX && point.x <= area.maxX && point.y >= area.minY
              && point.y <= area.maxY, "\(point) outside \(area)")
        }
        let decimals = d.split { "ML,".contains($0) }.map {
          $0.split(separator: ".").dropFirst().first?.count ?? 0
        }
        #expect(decimals.allSatisfy { $0 <= 2 })
      }
      for marker in document.inside(panel, "circle", class: "marker") {
        let x = try #require(marker.number("cx")), y = try #require(marker.number("cy"))
        #expect(x >= area.minX && x <= area.maxX && y >= area.minY && y <= area.maxY)
      }
    }
    #expect(clippedPieces >= 2)
    let zigzagPath = try #require(document.all("path", class: "series").first)
    #expect(subpaths(zigzagPath.attributes["d"]!).map(\.count) == [2, 3])
    // Of the zigzag's six points only (3, 0.5) is inside the plot area.
    #expect(document.inside(document.panelIndices[0], "circle", class: "marker").count == 1)
  }

  @Test("data is drawn in a group clipped to the plot area")
  func dataGroupUsesClipPath() throws {
    for panel in document.panelIndices {
      let clip = try #require(document.inside(panel, "clipPath").first?.attributes["id"])
      let group = try #require(document.inside(panel, "g", class: "data").first)
      #expect(group.attributes["clip-path"] == "url(#\(clip))")
    }
  }

  @Test("text is XML-escaped and survives a round trip")
  func escapesText() throws {
    let name = "a<b & \"c\" 'd'"
    let figure = Figure(
      title: "x > y & z", panels: [Panel(x: Axis("α<β"), series: [Series(name, y: [1, 2, 3])])])
    let svg = figure.svg()
    #expect(svg.contains("a&lt;b &amp; &quot;c&quot; &apos;d&apos;"))
    let document = try SVGDocument.parse(svg)
    #expect(document.all("text", class: "legend-label").map(\.text) == [name])
    #expect(document.all("path", class: "series").first?.attributes["data-name"] == name)
    #expect(document.all("text", class: "figure-title").first?.text == "x > y & z")
    #expect(document.all("text", class: "x-label").first?.text == "α<β")
  }

  @Test("a hidden legend is not drawn")
  func hiddenLegend() throws {
    let figure = Figure(panels: [Panel(series: [Series("a", y: [1, 2])], legend: .hidden)])
    #expect(try SVGDocument.parse(figure.svg()).all("g", class: "legend").isEmpty)
  }

  @Test("write(to:) stores exactly the svg() text")
  func writesFile() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plot-test-\(ProcessInfo.processInfo.processIdentifier).svg")
    defer { try? FileManager.default.removeItem(at: url) }
    try Fixtures.figure().write(to: url)
    #expect(try String(contentsOf: url, encoding: .utf8) == svg)
  }

  @Test("the same input gives the same bytes")
  func deterministic() {
    let animated = Animation(duration: 5, hold: 1)
    // Separately built figures; hashing is seeded per dictionary instance, so any order dependence would show here.
    let first = (0..<3).map { _ in Fixtures.figure(animation: animated).svg() }
    #expect(Set(first).count == 1)
    #expect(Fixtures.figure().svg() == svg)
  }
}
