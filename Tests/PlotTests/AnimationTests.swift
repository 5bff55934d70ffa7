import Foundation
import Testing

@testable import Plot

@Suite("Animation")
struct AnimationTests {
  @Test("an animated figure reveals every series with SMIL, repeating with the given duration")
  func revealElements() throws {
    let document = try SVGDocument.parse(
      Fixtures.figure(animation: Animation(duration: 4, hold: 1)).svg())
    let masks = Dictionary(
      uniqueKeysWithValues: document.all("mask").map { ($0.attributes["id"]!, $0) })
    let series = document.all("path", class: "series")
    #expect(series.count == 4)
    for path in series {
      let mask = try #require(path.attributes["mask"])
      #expect(masks[String(mask.dropFirst(5).dropLast())] != nil, "\(mask) is not defined")
    }
    let reveals = document.all("path", class: "reveal")
    #expect(reveals.count >= 4)
    let animations = document.all("animate").filter {
      $0.attributes["attributeName"] == "stroke-dashoffset"
    }
    #expect(animations.count == reveals.count)
    for animate in animations {
      #expect(animate.attributes["dur"] == "4s")
      #expect(animate.attributes["repeatCount"] == "indefinite")
      let times = animate.attributes["keyTimes"]!.split(separator: ";").map { Double($0)! }
      let values = animate.attributes["values"]!.split(separator: ";").map { Double($0)! }
      #expect(times.first == 0 && times.last == 1)
      #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
      #expect(values.count == times.count)
    }
    // Viewers without SMIL see the static offset, which must be the animation's final, fully drawn state.
    for (reveal, animate) in zip(reveals, animations) {
      #expect(
        reveal.attributes["stroke-dashoffset"]
          == animate.attributes["values"]!.split(separator: ";").last.map(String.init))
    }
  }

  @Test(
    "series of different lengths advance in step: point i is drawn at the same time in every series"
  )
  func seriesInSync() throws {
    let long = Series("long", y: (0...100).map(Double.init)),
      short = Series("short", y: (0...50).map(Double.init))
    let figure = Figure(
      panels: [Panel(series: [long]), Panel(series: [short])],
      animation: Animation(duration: 4, hold: 1, showsStepCounter: false))
    let document = try SVGDocument.parse(figure.svg())
    let animations = document.all("animate")
    #expect(animations.count == 2)
    // Drawing takes 3 of 4 seconds: the long series ends at 0.75, the short one (50 of 100 steps) at 0.375.
    let ends = animations.map { animate in
      let times = animate.attributes["keyTimes"]!.split(separator: ";")
      return Double(times[times.count - 2])!
    }
    #expect(ends == [0.75, 0.375])
  }

  @Test("markers appear when the line reaches them and a step counter shows the final step")
  func markersAndCounter() throws {
    let figure = Figure(
      panels: [
        Panel(series: [
          Series("s", y: [3, 2, 1, 0.5, 0.2], markers: Markers(start: true, end: true, every: 2))
        ])
      ],
      animation: Animation(duration: 2, hold: 0))
    let document = try SVGDocument.parse(figure.svg())
    let appear = document.all("animate").filter { $0.attributes["attributeName"] == "opacity" }.map
    { $0.attributes["keyTimes"]! }
    #expect(appear == ["0;0.5", "0;1"])
    let counter = document.all("text").filter {
      $0.ancestors.contains { document.elements[$0].hasClass("step-counter") }
    }
    #expect(counter.map { $0.text } == ["step 0", "step 1", "step 2", "step 3", "step 4"])
    #expect(
      counter.map { $0.attributes["visibility"]! } == [
        "hidden", "hidden", "hidden", "hidden", "visible",
      ])
    #expect(document.all("animate").allSatisfy { $0.attributes["dur"] == "2s" })
  }

  @Test("a static figure has no animation elements")
  func staticFigure() throws {
    let document = try SVGDocument.parse(Fixtures.figure().svg())
    #expect(document.all("animate").isEmpty)
    #expect(document.all("mask").isEmpty)
    #expect(document.all("path", class: "series").allSatisfy { $0.attributes["mask"] == nil })
  }
}
