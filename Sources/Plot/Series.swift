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
/// Point `i` is reached at step `i` when the figure is animated. Points that the axes cannot show
/// (non-finite, or non-positive on a log axis) are dropped and break the line into segments.
public struct Series: Sendable {
  /// The legend entry; series with the same name share a colour across the panels of a figure.
  public var name: String
  public var points: [Point]
  /// An explicit colour; `nil` takes the next palette colour by name.
  public var color: Color?
  public var markers: Markers
  public var lineWidth: Double

  public init(
    _ name: String, points: [Point], color: Color? = nil, markers: Markers = .none,
    lineWidth: Double = 1.5
  ) {
    self.name = name
    self.points = points
    self.color = color
    self.markers = markers
    self.lineWidth = lineWidth
  }

  /// A series from parallel coordinate arrays of equal length.
  public init(
    _ name: String, x: [Double], y: [Double], color: Color? = nil, markers: Markers = .none,
    lineWidth: Double = 1.5
  ) {
    precondition(x.count == y.count, "x and y must have the same length")
    self.init(
      name, points: zip(x, y).map { Point($0, $1) }, color: color, markers: markers,
      lineWidth: lineWidth)
  }

  /// A series of values against their index, for example loss per step (x = 0, 1, 2, …).
  public init(
    _ name: String, y: [Double], color: Color? = nil, markers: Markers = .none,
    lineWidth: Double = 1.5
  ) {
    self.init(
      name, points: y.enumerated().map { Point(Double($0.offset), $0.element) }, color: color,
      markers: markers, lineWidth: lineWidth)
  }
}
