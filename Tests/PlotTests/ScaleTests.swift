import Foundation
import Testing

@testable import Plot

@Suite("Scales and ticks")
struct ScaleTests {
  /// The pixel positions of a panel's y tick labels, by label.
  private func yTicks(_ document: SVGDocument) -> [String: Double] {
    Dictionary(
      uniqueKeysWithValues: document.all("line", class: "y-tick").enumerated().map { index, line in
        (document.all("text", class: "y-tick-label")[index].text, line.number("y1")!)
      })
  }

  @Test("a log axis places 1, 10 and 100 equally spaced and drops non-positive values")
  func logAxis() throws {
    let series = Series("loss", x: [0, 1, 2, 3, 4], y: [0, -3, 1, 10, 100])
    let document = try SVGDocument.parse(
      Figure(panels: [Panel(y: Axis(scale: .log10), series: [series])]).svg())
    let ticks = yTicks(document)
    let one = try #require(ticks["10⁰"]), ten = try #require(ticks["10¹"]),
      hundred = try #require(ticks["10²"])
    #expect(one - ten > 10)
    #expect(abs((one - ten) - (ten - hundred)) < 0.02)
    let path = try #require(document.all("path", class: "series").first?.attributes["d"])
    let points = subpaths(path).joined().map(\.y)
    #expect(points.count == 3)
    #expect(zip(points, [one, ten, hundred]).allSatisfy { abs($0 - $1) < 0.02 })
  }

  @Test("log tick labels use superscript exponents, e.g. 10⁻³")
  func logLabels() throws {
    let series = Series("loss", y: [1, 0.1, 0.01, 0.001])
    let document = try SVGDocument.parse(
      Figure(panels: [Panel(y: Axis(scale: .log10), series: [series])]).svg())
    #expect(
      document.all("text", class: "y-tick-label").map(\.text) == ["10⁻³", "10⁻²", "10⁻¹", "10⁰"])
  }

  @Test("many decades are thinned to every 2nd, 5th, 10th… power of ten")
  func logThinning() {
    #expect(
      Ticks.log(-15, 2).map(\.label) == [
        "10⁻¹⁴", "10⁻¹²", "10⁻¹⁰", "10⁻⁸", "10⁻⁶", "10⁻⁴", "10⁻²", "10⁰", "10²",
      ])
    #expect(Ticks.log(0, 300).map(\.position) == [0, 50, 100, 150, 200, 250, 300])
  }

  @Test("a log range within one decade still gets ticks")
  func narrowLogRange() {
    let ticks = Ticks.log(log10(2), log10(8))
    #expect(ticks.count >= 3)
    #expect(ticks.map(\.label).contains("4"))
  }

  @Test("a log x axis works for learning-rate sweeps")
  func logXAxis() throws {
    let sweep = Series("final loss", x: [1e-4, 1e-3, 1e-2, 1e-1], y: [0.9, 0.5, 0.2, 3])
    let document = try SVGDocument.parse(
      Figure(panels: [Panel(x: Axis("learning rate", scale: .log10), series: [sweep])]).svg())
    #expect(
      document.all("text", class: "x-tick-label").map(\.text) == ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"])
    let xs = subpaths(document.all("path", class: "series")[0].attributes["d"]!).joined().map(\.x)
    #expect(xs.count == 4)
    #expect(abs((xs[1] - xs[0]) - (xs[3] - xs[2])) < 0.02)
  }

  @Test(
    "linear tick labels are short and readable",
    arguments: [(0.0, 1.0), (-3.0, 250.0), (0.0, 2e-5), (1e6, 5e6)])
  func linearLabels(lower: Double, upper: Double) throws {
    let ticks = Ticks.linear(lower, upper)
    #expect(ticks.count >= 4 && ticks.count <= 11)
    for tick in ticks {
      #expect(tick.label.count <= 6, "\(tick.label)")
      let value = try #require(Double(tick.label), "\(tick.label) is not a number")
      #expect(abs(value - tick.position) <= 1e-9 * max(1, abs(upper)))
    }
  }

  @Test("a non-finite value breaks the line instead of producing NaN coordinates")
  func nonFiniteValues() throws {
    let values = [1, 2, .nan, 3, 4, .infinity, 5, 6]
    let figure = Figure(panels: [
      Panel(series: [
        Series("linear", y: values, markers: Markers(start: true, end: true, every: 1))
      ]),
      Panel(y: Axis(scale: .log10), series: [Series("log", y: values + [-.infinity, 0, 7, 8])]),
    ])
    let svg = figure.svg()
    #expect(!svg.lowercased().contains("nan"))
    #expect(!svg.lowercased().contains("inf"))
    let paths = try SVGDocument.parse(svg).all("path", class: "series").map {
      subpaths($0.attributes["d"]!)
    }
    #expect(paths[0].map(\.count) == [2, 2, 2])
    #expect(paths[1].map(\.count) == [2, 2, 2, 2])
  }
}
