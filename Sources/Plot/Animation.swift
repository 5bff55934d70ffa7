import Foundation

/// Settings for a script-free, repeating SMIL animation that draws every series of a figure progressively, all in step.
///
/// Step `s` of every series is reached at the same moment, so trajectories and loss curves advance together.
/// Viewers without SMIL (and static renderers) show the finished picture.
public struct Animation: Sendable, Hashable {
  /// How the animation's clock spends the drawing time on the steps.
  public enum Pace: Sendable, Hashable {
    /// Every step takes the same time.
    case uniform
    /// Time follows what changes on screen: 96 % of the drawing time go to the steps in proportion
    /// to the area their lines newly cover (each series' own line going back over itself covers
    /// nothing new), 4 % evenly to every step.
    ///
    /// The first steps of an optimizer, which move far, are slow enough to follow; a tail that has
    /// converged passes quickly, so that something moves in every twentieth of the drawing time,
    /// and the counter never stops.
    case progress
  }

  /// Seconds per cycle, including `hold`.
  public var duration: Double
  /// Seconds the finished picture stays before the cycle repeats.
  public var hold: Double
  /// Whether a "step N" counter is shown in the figure's top-right corner.
  public var showsStepCounter: Bool
  public var pace: Pace

  public init(
    duration: Double = 6, hold: Double = 1.5, showsStepCounter: Bool = true, pace: Pace = .uniform
  ) {
    precondition(
      duration > 0 && hold >= 0 && hold < duration, "need duration > 0 and 0 ≤ hold < duration")
    self.duration = duration
    self.hold = hold
    self.showsStepCounter = showsStepCounter
    self.pace = pace
  }
}

/// The figure-wide animation clock: maps steps to SMIL key times and writes the animation elements.
struct Timeline {
  let animation: Animation
  /// The last step of the longest series, reached when drawing ends and the hold begins.
  let lastStep: Double
  /// The pace as a piecewise-linear map: steps (increasing) and the fraction of the drawing time
  /// (non-decreasing, 0 to 1) at which each is reached.
  private let paceSteps: [Double]
  private let paceFractions: [Double]

  /// A clock for series whose last step is `lastStep`, each drawn as the pieces `series[i]`
  /// (vertices carry steps).
  init(animation: Animation, lastStep: Double, series: [[[Vertex]]]) {
    self.animation = animation
    self.lastStep = max(lastStep, 1e-9)
    let last = self.lastStep
    switch animation.pace {
    case .uniform:
      (paceSteps, paceFractions) = ([0, last], [0, 1])
    case .progress:
      (paceSteps, paceFractions) = Self.progressPace(series: series, lastStep: last)
    }
  }

  /// The share of the drawing time spread evenly over the steps under `.progress`.
  static let evenShare = 0.04
  /// The side of the square cells, in pixels, in which `.progress` measures the area a line covers.
  static let cell = 2.0

  /// The cells newly covered by each segment of a series' pieces, in drawing order: sampled every
  /// pixel along the segment, a cell counts once per series.
  static func newlyCovered(_ pieces: [[Vertex]]) -> [[Double]] {
    var covered = Set<Int64>()
    func key(_ p: PixelPoint) -> Int64 {
      Int64((p.x / cell).rounded(.down)) << 32
        | Int64(Int32(truncatingIfNeeded: Int((p.y / cell).rounded(.down))))
    }
    return pieces.map { piece in
      if let first = piece.first { covered.insert(key(first.point)) }
      return zip(piece, piece.dropFirst()).map { a, b in
        let length = hypot(b.point.x - a.point.x, b.point.y - a.point.y)
        let samples = max(1, Int(length.rounded(.up)))
        var new = 0
        for k in 1...samples {
          let u = Double(k) / Double(samples)
          let p = PixelPoint(
            x: a.point.x + u * (b.point.x - a.point.x), y: a.point.y + u * (b.point.y - a.point.y))
          if covered.insert(key(p)).inserted { new += 1 }
        }
        return Double(new)
      }
    }
  }

  /// Breakpoints of the `.progress` pace: at every vertex step, the area covered so far mixed with the step's share.
  private static func progressPace(series: [[[Vertex]]], lastStep: Double) -> ([Double], [Double]) {
    let steps = Array(
      Set([0, lastStep] + series.joined().joined().map { min(max($0.step, 0), lastStep) })
    ).sorted()
    func index(_ step: Double) -> Int {
      var (low, high) = (0, steps.count - 1)
      while low < high {
        let mid = (low + high) / 2
        if steps[mid] < step { low = mid + 1 } else { high = mid }
      }
      return low
    }
    // New area per step between consecutive breakpoints, as a difference array of densities, and
    // jumps (area covered within one step) added to the interval that ends at their step.
    var density = [Double](repeating: 0, count: steps.count + 1)
    var jumps = [Double](repeating: 0, count: steps.count)
    for pieces in series {
      for (piece, areas) in zip(pieces, newlyCovered(pieces)) {
        for ((a, b), area) in zip(zip(piece, piece.dropFirst()), areas) where area > 0 {
          let (from, to) = (min(max(a.step, 0), lastStep), min(max(b.step, 0), lastStep))
          if to > from {
            density[index(from)] += area / (to - from)
            density[index(to)] -= area / (to - from)
          } else {
            jumps[index(to)] += area
          }
        }
      }
    }
    var drawn = [0.0]
    var rate = density[0]
    for k in 1..<steps.count {
      drawn.append(drawn[k - 1] + rate * (steps[k] - steps[k - 1]) + jumps[k])
      rate += density[k]
    }
    let total = drawn[drawn.count - 1]
    let fractions = zip(steps, drawn).map { step, area in
      let even = step / lastStep
      return total > 0 ? (1 - evenShare) * area / total + evenShare * even : even
    }
    return (steps, fractions)
  }

  /// The fraction of the drawing time (0...1) at which `step` is drawn.
  func drawingFraction(_ step: Double) -> Double {
    let step = min(max(step, 0), lastStep)
    var (low, high) = (0, paceSteps.count - 1)
    while high - low > 1 {
      let mid = (low + high) / 2
      if paceSteps[mid] <= step { low = mid } else { high = mid }
    }
    let span = paceSteps[high] - paceSteps[low]
    let t = span > 0 ? (step - paceSteps[low]) / span : 1
    return min(1, max(0, paceFractions[low] + t * (paceFractions[high] - paceFractions[low])))
  }

  /// The fraction of a cycle (0...1) at which `step` is drawn.
  func keyTime(_ step: Double) -> Double {
    let drawing = (animation.duration - animation.hold) / animation.duration
    return drawingFraction(step) * drawing
  }

  /// The step drawn at `fraction` (0...1) of the drawing time: the inverse of `drawingFraction`.
  func step(atDrawingFraction fraction: Double) -> Double {
    var (low, high) = (0, paceSteps.count - 1)
    while high - low > 1 {
      let mid = (low + high) / 2
      if paceFractions[mid] <= fraction { low = mid } else { high = mid }
    }
    let span = paceFractions[high] - paceFractions[low]
    let t = span > 0 ? min(1, max(0, (fraction - paceFractions[low]) / span)) : 1
    return paceSteps[low] + t * (paceSteps[high] - paceSteps[low])
  }

  /// The steps the counter shows, each with the key time from which it shows: the whole steps
  /// reached at 101 evenly spaced moments of the drawing, each shown from the moment it is reached.
  func counterFrames() -> [(step: Int, keyTime: Double)] {
    var frames: [(step: Int, keyTime: Double)] = []
    let last = Int(lastStep.rounded(.down))
    for sample in 0...100 {
      let step =
        sample == 100
        ? last
        : min(last, Int((step(atDrawingFraction: Double(sample) / 100) + 1e-9).rounded(.down)))
      if let previous = frames.last?.step, step <= previous { continue }
      frames.append((step, keyTime(Double(step))))
    }
    return frames
  }

  private var timing: SVGWriter.Attributes {
    [("dur", animation.duration.svg + "s"), ("repeatCount", "indefinite")]
  }

  /// Writes a mask that uncovers `lines` step by step, as a widened dashed stroke whose offset is animated.
  ///
  /// Dashes restart at every subpath, so each piece of a broken line gets its own stroke and timing.
  /// The static dash offset uncovers everything, which is what viewers without SMIL show.
  func writeRevealMask(
    id: String, lines: [[Vertex]], width: Double, area: Rect, into writer: inout SVGWriter
  ) {
    writer.begin(
      "mask",
      [
        ("id", id), ("maskUnits", "userSpaceOnUse"), ("x", area.x.svg), ("y", area.y.svg),
        ("width", area.width.svg), ("height", area.height.svg),
      ])
    for line in lines {
      var lengths = [0.0]
      for (a, b) in zip(line, line.dropFirst()) {
        lengths.append(
          lengths[lengths.count - 1] + hypot(b.point.x - a.point.x, b.point.y - a.point.y))
      }
      let total = lengths[lengths.count - 1]
      // Dash and gap are longer than the line: offset `pattern - d` uncovers exactly its first d pixels.
      let pattern = total + 1
      var frames: [(time: String, offset: String)] = [("0", pattern.svg)]
      func add(_ time: Double, _ offset: Double) {
        let time = time.fixed(decimals: 4)
        if frames[frames.count - 1].time == time {
          frames[frames.count - 1].offset = offset.svg
        } else {
          frames.append((time, offset.svg))
        }
      }
      for (vertex, length) in zip(line, lengths) { add(keyTime(vertex.step), pattern - length) }
      add(1, pattern - total)
      writer.begin(
        "path",
        [
          ("class", "reveal"), ("d", Polylines.pathData([line])), ("fill", "none"),
          ("stroke", "white"), ("stroke-width", width.svg), ("stroke-linejoin", "round"),
          ("stroke-dasharray", "\(pattern.svg) \(pattern.svg)"),
          ("stroke-dashoffset", (pattern - total).svg),
        ])
      writer.leaf(
        "animate",
        [
          ("attributeName", "stroke-dashoffset"),
          ("values", frames.map(\.offset).joined(separator: ";")),
          ("keyTimes", frames.map(\.time).joined(separator: ";")),
        ] + timing)
      writer.end()
    }
    writer.end()
  }

  /// Writes an animation that hides its parent element until `step` is drawn; nothing if it shows from the start.
  func writeAppearance(at step: Double, into writer: inout SVGWriter) {
    let time = keyTime(step).fixed(decimals: 4)
    guard time != "0" else { return }
    writer.leaf(
      "animate",
      [
        ("attributeName", "opacity"), ("values", "0;1"), ("keyTimes", "0;" + time),
        ("calcMode", "discrete"),
      ] + timing)
  }

  /// Writes a "step N" counter right-aligned at (x, y): up to 101 texts shown in turn; without SMIL only the last shows.
  ///
  /// The group's `data-last-step` is the last step of the series, which the last text shows.
  func writeStepCounter(x: Double, y: Double, into writer: inout SVGWriter) {
    let frames = counterFrames()
    let times = frames.map { $0.keyTime.fixed(decimals: 4) }
    writer.begin(
      "g",
      [
        ("class", "step-counter"), ("data-last-step", "\(Int(lastStep.rounded(.down)))"),
        ("font-size", "12"), ("text-anchor", "end"), ("fill", "#333333"),
      ])
    for (index, frame) in frames.enumerated() {
      let isLast = index == frames.count - 1
      let (values, keyTimes) =
        frames.count == 1
        ? ("visible", "0")
        : index == 0
          ? ("visible;hidden", "0;\(times[1])")
          : isLast
            ? ("hidden;visible", "0;\(times[index])")
            : ("hidden;visible;hidden", "0;\(times[index]);\(times[index + 1])")
      writer.begin(
        "text",
        [
          ("class", "step-counter-label"), ("x", x.svg), ("y", y.svg),
          ("visibility", isLast ? "visible" : "hidden"),
        ])
      writer.characters("step \(frame.step)")
      writer.leaf(
        "animate",
        [
          ("attributeName", "visibility"), ("values", values), ("keyTimes", keyTimes),
          ("calcMode", "discrete"),
        ] + timing)
      writer.end()
    }
    writer.end()
  }
}
