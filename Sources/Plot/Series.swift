/// A point in data coordinates.
public struct Point: Sendable, Hashable {
  public var x: Double
  public var y: Double

  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// Which points of a series carry a marker, for example the start and end of an optimizer
/// trajectory.
public struct Markers: Sendable, Hashable {
  /// An open circle on the first point.
  public var start: Bool
  /// A filled circle on the last point.
  public var end: Bool
  /// A small dot on every k-th point (k ≥ 1) to show the step size; `nil` for none.
  public var every: Int?

  public init(start: Bool = false, end: Bool = false, every: Int? = nil) {
    self.start = start
    self.end = end
    self.every = every
  }

  /// No markers, the usual choice for loss curves.
  public static let none = Markers()
  /// Start and end markers, the usual choice for trajectories.
  public static let endpoints = Markers(start: true, end: true)
}

/// A named sequence of points drawn as one polyline: a loss curve or an optimizer trajectory.
///
/// Point `i` is reached at step `i` when the figure is animated, or at `steps[i]` when given. Points
/// that the axes cannot show (non-finite, or non-positive on a log axis) are dropped and break the line
/// into segments. A series of one point draws no line, only its markers.
public struct Series: Sendable {
  /// The legend entry; series with the same name share a colour across the panels of a figure.
  public var name: String
  public var points: [Point]
  /// An explicit colour; `nil` takes the next palette colour by name.
  public var color: Color?
  public var markers: Markers
  public var lineWidth: Double
  /// The line's dash pattern in pixels (dash, gap, …), to tell apart series that may coincide;
  /// `nil` for a solid line.
  public var dash: [Double]?
  /// The step at which each point is reached, increasing, one per point (for example 0, 5, 10, …
  /// when every fifth step is kept); `nil` for 0, 1, 2, ….
  ///
  /// An animation's clock and step counter count these steps.
  public var steps: [Double]?
  /// The name of the series in the same panel whose data this series' markers point out (a "rate
  /// found" on a "loss" curve); written as `data-marks`, so a render check can verify that the
  /// markers lie on that curve.
  public var marks: String?

  public init(
    _ name: String, points: [Point], color: Color? = nil, markers: Markers = .none,
    lineWidth: Double = 1.5, dash: [Double]? = nil, steps: [Double]? = nil, marks: String? = nil
  ) {
    precondition(
      dash.map { !$0.isEmpty && $0.allSatisfy { $0 >= 0 } && $0.contains { $0 > 0 } } ?? true,
      "a dash pattern needs non-negative lengths, not all zero")
    self.name = name
    self.points = points
    self.color = color
    self.markers = markers
    self.lineWidth = lineWidth
    self.dash = dash
    self.marks = marks
    self.steps = steps
    checkSteps()
  }

  /// Stops with a message unless `steps` is `nil` or increases and gives one step per point.
  func checkSteps() {
    if let steps {
      precondition(
        steps.count == points.count && zip(steps, steps.dropFirst()).allSatisfy(<),
        "steps must increase and give one step per point")
    }
  }

  /// A series from parallel coordinate arrays of equal length.
  public init(
    _ name: String, x: [Double], y: [Double], color: Color? = nil, markers: Markers = .none,
    lineWidth: Double = 1.5, dash: [Double]? = nil, steps: [Double]? = nil, marks: String? = nil
  ) {
    precondition(x.count == y.count, "x and y must have the same length")
    self.init(
      name, points: zip(x, y).map { Point($0, $1) }, color: color, markers: markers,
      lineWidth: lineWidth, dash: dash, steps: steps, marks: marks)
  }

  /// A series of values against their index, for example loss per step (x = 0, 1, 2, …).
  public init(
    _ name: String, y: [Double], color: Color? = nil, markers: Markers = .none,
    lineWidth: Double = 1.5, dash: [Double]? = nil
  ) {
    self.init(
      name, points: y.enumerated().map { Point(Double($0.offset), $0.element) }, color: color,
      markers: markers, lineWidth: lineWidth, dash: dash)
  }

  /// The step at which point `index` is reached.
  func step(at index: Int) -> Double {
    steps?[index] ?? Double(index)
  }

  /// The step at a fractional point index, as clipping produces: linear between neighbouring points.
  func step(atFractionalIndex position: Double) -> Double {
    guard let steps else { return position }
    let lower = min(max(0, Int(position.rounded(.down))), steps.count - 1)
    guard lower + 1 < steps.count else { return steps[lower] }
    return steps[lower] + (position - Double(lower)) * (steps[lower + 1] - steps[lower])
  }

  /// The last point's step, `nil` without points.
  var lastStep: Double? {
    points.isEmpty ? nil : step(at: points.count - 1)
  }

  /// How point `index` is marked (classes, radius, open or filled), `nil` for no marker.
  ///
  /// The start marker is open (white inside), the end marker filled, every k-th point a small dot.
  func marker(at index: Int) -> (classes: String, radius: Double, open: Bool)? {
    if index == 0 && markers.start { return ("marker marker-start", 4, true) }
    if index == points.count - 1 && markers.end { return ("marker marker-end", 4, false) }
    if let k = markers.every, k >= 1, index % k == 0 { return ("marker", 2, false) }
    return nil
  }

  /// Whether the series is drawn as a line (two points or more) rather than by its markers alone.
  var drawsLine: Bool { points.count >= 2 }
}
