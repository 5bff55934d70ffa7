import Foundation

/// Settings for a script-free, repeating SMIL animation that draws every series of a figure progressively, all in step.
///
/// Point `i` of every series is reached at the same moment, so trajectories and loss curves advance together.
/// Viewers without SMIL (and static renderers) show the finished picture.
public struct Animation: Sendable, Hashable {
  /// Seconds per cycle, including `hold`.
  public var duration: Double
  /// Seconds the finished picture stays before the cycle repeats.
  public var hold: Double
  /// Whether a "step N" counter is shown in the figure's top-right corner.
  public var showsStepCounter: Bool

  public init(duration: Double = 6, hold: Double = 1.5, showsStepCounter: Bool = true) {
    precondition(
      duration > 0 && hold >= 0 && hold < duration, "need duration > 0 and 0 ≤ hold < duration")
    self.duration = duration
    self.hold = hold
    self.showsStepCounter = showsStepCounter
  }
}

/// The figure-wide animation clock: maps steps to SMIL key times and writes the animation elements.
struct Timeline {
  let animation: Animation
  /// The last step of the longest series, reached when drawing ends and the hold begins.
  let lastStep: Int

  /// The fraction of a cycle (0...1) at which `step` is drawn.
  func keyTime(_ step: Double) -> Double {
    let drawing = (animation.duration - animation.hold) / animation.duration
    return min(1, max(0, step / Double(lastStep))) * drawing
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
  func writeStepCounter(x: Double, y: Double, into writer: inout SVGWriter) {
    let frames = min(lastStep, 100)
    let steps = (0...frames).map { Int((Double($0) * Double(lastStep) / Double(frames)).rounded()) }
    let times = steps.map { keyTime(Double($0)).fixed(decimals: 4) }
    writer.begin(
      "g",
      [("class", "step-counter"), ("font-size", "12"), ("text-anchor", "end"), ("fill", "#333333")])
    for (frame, step) in steps.enumerated() {
      let isLast = frame == frames
      let (values, keyTimes) =
        frame == 0
        ? ("visible;hidden", "0;\(times[1])")
        : isLast
          ? ("hidden;visible", "0;\(times[frame])")
          : ("hidden;visible;hidden", "0;\(times[frame]);\(times[frame + 1])")
      writer.begin(
        "text", [("x", x.svg), ("y", y.svg), ("visibility", isLast ? "visible" : "hidden")])
      writer.characters("step \(step)")
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
