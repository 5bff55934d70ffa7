import Foundation
import Testing

@testable import Plot

@Suite("Text layout")
struct TextTests {
  @Test("text widths follow DejaVu Sans's advance widths")
  func widths() {
    #expect(abs(TextMetrics.width(of: "0", fontSize: 10) - 6.36) < 1e-9)
    #expect(abs(TextMetrics.width(of: "mm", fontSize: 10, bold: true) - 20.84) < 1e-9)
    #expect(TextMetrics.width(of: "", fontSize: 12) == 0)
    // Superscript exponents are narrower than digits; other characters count as wide.
    #expect(
      TextMetrics.width(of: "10⁻³", fontSize: 11) < TextMetrics.width(of: "10-03", fontSize: 11))
    #expect(TextMetrics.width(of: "λ", fontSize: 10) >= TextMetrics.width(of: "a", fontSize: 10))
    #expect(
      TextMetrics.width(of: "Title", fontSize: 15, bold: true)
        > TextMetrics.width(of: "Title", fontSize: 15))
  }

  @Test("wrapping breaks at spaces into lines no wider than asked, keeping every word")
  func wrapping() {
    let text = "Training loss after each epoch (one epoch = one pass over the 1,347 images)"
    let lines = TextMetrics.wrap(text, width: 300, fontSize: 15, bold: true)
    #expect(lines.count >= 2)
    #expect(lines.joined(separator: " ") == text)
    #expect(lines.allSatisfy { TextMetrics.width(of: $0, fontSize: 15, bold: true) <= 300 })
    #expect(TextMetrics.wrap("short", width: 300, fontSize: 15) == ["short"])
    // Balanced: no lone last word where the lines can share the words more evenly.
    let balanced = TextMetrics.wrap(
      "The variance of the minibatch gradient's norm at w = 0", width: 440, fontSize: 15,
      bold: true)
    #expect(balanced.count == 2)
    let widths = balanced.map { TextMetrics.width(of: $0, fontSize: 15, bold: true) }
    #expect(abs(widths[0] - widths[1]) < 80)
    #expect(TextMetrics.wrap("unbreakable-word", width: 10, fontSize: 15) == ["unbreakable-word"])
  }

  @Test(
    "a figure title fits the canvas: a long one wraps and the header grows",
    arguments: [160.0, 320.0, 640.0])
  func titleFits(panelWidth: Double) throws {
    let title = "Training loss after each epoch (one epoch = one pass over the 1,347 images)"
    let figure = Figure(
      title: title, panels: [Panel(series: [Series("s", y: [1, 2])])], panelWidth: panelWidth)
    let document = try SVGDocument.parse(figure.svg())
    let lines = document.all("text", class: "figure-title")
    #expect(lines.map(\.text).joined(separator: " ") == title)
    #expect(lines.count > 1)
    for line in lines {
      let width = TextMetrics.width(of: line.text, fontSize: 15, bold: true)
      let centre = try #require(line.number("x"))
      #expect(centre - width / 2 >= 0 && centre + width / 2 <= panelWidth, "\(line.text)")
    }
    // The panel starts below the last line: its frame's top is lower than with a one-line title.
    let root = try #require(document.elements.first)
    let height = try #require(root.number("height"))
    #expect(height == 400 + 30 + 18 * Double(lines.count - 1))
    let lastBaseline = try #require(lines.last?.number("y"))
    #expect(document.plotArea(document.panelIndices[0]).minY > lastBaseline + 15)
  }

  @Test("a title keeps clear of the step counter in the top-right corner")
  func titleClearOfCounter() throws {
    let title = String(repeating: "wide title words ", count: 4).trimmingCharacters(
      in: .whitespaces)
    let figure = Figure(
      title: title, panels: [Panel(series: [Series("s", y: (0...2000).map(Double.init))])],
      animation: Animation())
    let document = try SVGDocument.parse(figure.svg())
    let counterLeft = 480 - 12 - TextMetrics.width(of: "step 2000", fontSize: 12)
    for line in document.all("text", class: "figure-title") {
      let width = TextMetrics.width(of: line.text, fontSize: 15, bold: true)
      #expect(line.number("x")! + width / 2 < counterLeft, "\(line.text)")
    }
  }

  @Test("a panel title wider than its plot area is set smaller to fit")
  func panelTitleFits() throws {
    let title = "a panel title far too long for a panel of the smallest width allowed"
    let figure = Figure(
      panels: [Panel(title: title, series: [Series("s", y: [1, 2])])], panelWidth: 160)
    let document = try SVGDocument.parse(figure.svg())
    let text = try #require(document.all("text", class: "panel-title").first)
    let size = try #require(text.number("font-size"))
    let area = document.plotArea(document.panelIndices[0])
    #expect(size < 13)
    #expect(TextMetrics.width(of: title, fontSize: size, bold: true) <= area.maxX - area.minX + 0.5)
  }
}
