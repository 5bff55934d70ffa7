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

  /// The step counter's texts and the key time from which each shows.
  private func counter(_ document: SVGDocument) -> [(text: String, from: Double)] {
    document.all("text", class: "step-counter-label").map { text in
      let animate = document.elements.first {
        $0.name == "animate" && $0.ancestors.last.map { document.elements[$0].text } == text.text
      }
      let times = animate?.attributes["keyTimes"]?.split(separator: ";").compactMap { Double($0) }
      let values = animate?.attributes["values"]?.split(separator: ";") ?? []
      let shown = values.firstIndex(of: "visible").map { times?[$0] ?? 0 } ?? 0
      return (text.text, shown)
    }
  }

  @Test("the step counter counts steps, not points: points kept every 5th step count 5 apiece")
  func counterCountsSteps() throws {
    let steps = Array(stride(from: 0, through: 2000, by: 5))
    let series = Series(
      "every 5th", x: steps.map(Double.init), y: steps.map { 1 / Double($0 + 1) },
      steps: steps.map(Double.init))
    let figure = Figure(
      panels: [Panel(series: [series])], animation: Animation(duration: 10, hold: 2))
    let document = try SVGDocument.parse(figure.svg())
    let labels = counter(document)
    #expect(labels.first?.text == "step 0")
    #expect(labels.last?.text == "step 2000")
    #expect(
      document.all("g", class: "step-counter").first?.attributes["data-last-step"] == "2000")
    let numbers = labels.map { Int($0.text.dropFirst(5))! }
    #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 })
    // Uniform pace: step s shows from s / 2000 of the 8 s drawing, as the line reaches it.
    for (label, number) in zip(labels, numbers) {
      #expect(abs(label.from - Double(number) / 2000 * 0.8) < 1e-4, "\(label.text)")
    }
    // The line reaches the point of step 1000 (index 200) half-way through the drawing.
    let reveal = try #require(
      document.all("animate").first {
        $0.attributes["attributeName"] == "stroke-dashoffset"
      })
    let times = reveal.attributes["keyTimes"]!.split(separator: ";").map { Double($0)! }
    #expect(times.contains(0.4))
  }

  @Test("series kept at different steps advance in step: step s is drawn at the same time in both")
  func stepsInSync() throws {
    let dense = Series("dense", y: (0...100).map(Double.init))
    let sparse = Series(
      "sparse", x: [0, 50, 100], y: [0, 50, 100], steps: [0, 50, 100])
    let figure = Figure(
      panels: [Panel(series: [dense]), Panel(series: [sparse])],
      animation: Animation(duration: 4, hold: 1, showsStepCounter: false))
    let document = try SVGDocument.parse(figure.svg())
    let keyTimes = document.all("animate").map {
      $0.attributes["keyTimes"]!.split(separator: ";").map { Double($0)! }
    }
    #expect(keyTimes.count == 2)
    #expect(keyTimes[0].contains(0.375) && keyTimes[1].contains(0.375))
    #expect(keyTimes[1] == [0, 0.375, 0.75, 1])
  }

  @Test(
    "the progress pace gives the far-moving first steps most of the time, and something moves in every twentieth"
  )
  func progressPace() throws {
    // A line that moves 300 px in its first 10 steps, then creeps 1 px in its last 990.
    var vertices = (0...10).map {
      Vertex(point: PixelPoint(x: Double($0) * 30, y: 0), step: Double($0))
    }
    vertices.append(Vertex(point: PixelPoint(x: 301, y: 0), step: 1000))
    let timeline = Timeline(
      animation: Animation(pace: .progress), lastStep: 1000, series: [[vertices]])
    #expect(timeline.drawingFraction(0) == 0)
    #expect(timeline.drawingFraction(1000) == 1)
    #expect(timeline.drawingFraction(10) > 0.9)
    // Steps 10…1000 change a pixel or two: they pass in less than a twentieth of the drawing time.
    #expect(1 - timeline.drawingFraction(10) < 0.05)
    // The clock never stops: each step takes some time.
    let fractions = (0...1000).map { timeline.drawingFraction(Double($0)) }
    #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 < $1 })
    // The counter's frames are whole steps reached at evenly spaced moments: most of them early.
    let frames = timeline.counterFrames()
    #expect(frames.last?.step == 1000)
    #expect(frames.filter { $0.step <= 10 }.count > frames.count / 2)
    // A line going back over itself covers nothing new.
    let back = [
      Vertex(point: PixelPoint(x: 0, y: 0), step: 0),
      Vertex(point: PixelPoint(x: 100, y: 0), step: 1),
      Vertex(point: PixelPoint(x: 0, y: 0), step: 2),
    ]
    let areas = Timeline.newlyCovered([back])
    #expect(areas[0][0] > 40 && areas[0][1] == 0)
  }

  @Test("markers of a series kept every few steps appear at their steps")
  func markersAtSteps() throws {
    let series = Series(
      "s", x: [0, 1, 2], y: [0, 1, 2], markers: .endpoints, steps: [0, 10, 40])
    let figure = Figure(
      panels: [Panel(series: [series])],
      animation: Animation(duration: 2, hold: 0, showsStepCounter: false))
    let document = try SVGDocument.parse(figure.svg())
    let appear = document.all("animate").filter { $0.attributes["attributeName"] == "opacity" }
    #expect(appear.map { $0.attributes["keyTimes"]! } == ["0;1"])
  }
}
