import Foundation

/// Samples of a function z = f(x, y) on a rectangular grid, the input to contouring.
public struct Grid: Sendable {
  /// Strictly increasing x coordinates of the columns.
  public let xs: [Double]
  /// Strictly increasing y coordinates of the rows.
  public let ys: [Double]
  /// `values[j][i]` is the sample at `(xs[i], ys[j])`; non-finite samples leave their cells uncontoured.
  public let values: [[Double]]

  public init(xs: [Double], ys: [Double], values: [[Double]]) {
    precondition(xs.count >= 2 && ys.count >= 2, "a grid needs at least 2×2 samples")
    precondition(
      zip(xs, xs.dropFirst()).allSatisfy(<) && zip(ys, ys.dropFirst()).allSatisfy(<),
      "grid coordinates must increase")
    precondition(
      values.count == ys.count && values.allSatisfy { $0.count == xs.count },
      "values must be ys.count rows of xs.count samples")
    self.xs = xs
    self.ys = ys
    self.values = values
  }

  /// Samples `function` at `samples` evenly spaced points along each axis of `x` × `y`.
  public init(
    x: ClosedRange<Double>, y: ClosedRange<Double>, samples: Int,
    function: (Double, Double) -> Double
  ) {
    precondition(samples >= 2, "a grid needs at least 2 samples per axis")
    func spaced(_ r: ClosedRange<Double>) -> [Double] {
      (0..<samples).map {
        r.lowerBound + (r.upperBound - r.lowerBound) * Double($0) / Double(samples - 1)
      }
    }
    let xs = spaced(x), ys = spaced(y)
    self.init(xs: xs, ys: ys, values: ys.map { y in xs.map { x in function(x, y) } })
  }

  /// The x extent of the samples.
  var xDomain: ClosedRange<Double> { xs[0]...xs[xs.count - 1] }
  /// The y extent of the samples.
  var yDomain: ClosedRange<Double> { ys[0]...ys[ys.count - 1] }
}

/// Contour lines of a grid at chosen levels, each level drawn as one path, shaded from dark (lowest) to light.
public struct Contours: Sendable {
  public var grid: Grid
  public var levels: [Double]
  /// One colour for all levels instead of the grey shading.
  public var color: Color?
  public var lineWidth: Double

  public init(grid: Grid, levels: [Double], color: Color? = nil, lineWidth: Double = 0.8) {
    self.grid = grid
    self.levels = levels
    self.color = color
    self.lineWidth = lineWidth
  }

  /// `count` levels spaced evenly in log10 from `lower` to `upper` (both positive), suited to
  /// functions like Rosenbrock whose values span many decades.
  public static func logSpacedLevels(from lower: Double, to upper: Double, count: Int) -> [Double] {
    precondition(lower > 0 && upper > lower && count >= 2, "need 0 < lower < upper and count ≥ 2")
    let a = log10(lower), b = log10(upper)
    return (0..<count).map { pow(10, a + (b - a) * Double($0) / Double(count - 1)) }
  }

  /// The colour of the level at `index`.
  func color(level index: Int) -> Color {
    if let color { return color }
    let dark = Color(red: 70, green: 70, blue: 70), light = Color(red: 185, green: 185, blue: 185)
    return dark.blended(
      with: light, fraction: levels.count > 1 ? Double(index) / Double(levels.count - 1) : 0)
  }
}

/// Marching squares: the contour lines of a grid at one level, as polylines in data coordinates.
public enum MarchingSquares {
  /// The polylines where the sampled function crosses `level`, joined across cells.
  ///
  /// A closed curve comes back to its first point (first == last). Ambiguous (saddle) cells are resolved by the
  /// mean of their four corners; cells with a non-finite corner are skipped, which opens the curves there.
  public static func lines(in grid: Grid, at level: Double) -> [[Point]] {
    let segments = cellSegments(grid, level)
    // The segments meeting at each crossed grid edge (at most two: one per adjacent cell).
    var atEdge: [Int: [Int]] = [:]
    for (index, segment) in segments.enumerated() {
      atEdge[segment.0, default: []].append(index)
      atEdge[segment.1, default: []].append(index)
    }
    var used = [Bool](repeating: false, count: segments.count)
    var chains: [[Int]] = []
    func chain(from segment: Int, startingAt edge: Int) -> [Int] {
      var edges = [edge]
      var current = segment, here = edge
      while true {
        used[current] = true
        here = segments[current].0 == here ? segments[current].1 : segments[current].0
        edges.append(here)
        guard let next = atEdge[here]?.first(where: { !used[$0] }) else { return edges }
        current = next
      }
    }
    // Open lines first, each walked from a loose end; what remains are closed loops.
    for (index, segment) in segments.enumerated() where !used[index] {
      if atEdge[segment.0]!.count == 1 {
        chains.append(chain(from: index, startingAt: segment.0))
      } else if atEdge[segment.1]!.count == 1 {
        chains.append(chain(from: index, startingAt: segment.1))
      }
    }
    for (index, segment) in segments.enumerated() where !used[index] {
      chains.append(chain(from: index, startingAt: segment.0))
    }
    return chains.map { $0.map { crossing(grid, level, edge: $0) } }
  }

  /// The segments of every cell, each as the two grid edges it joins.
  ///
  /// Edge ids: `2 * (j * nx + i)` is the horizontal edge from sample (i, j) to (i+1, j);
  /// `2 * (j * nx + i) + 1` the vertical edge from (i, j) to (i, j+1).
  private static func cellSegments(_ grid: Grid, _ level: Double) -> [(Int, Int)] {
    let nx = grid.xs.count
    var segments: [(Int, Int)] = []
    for j in 0..<(grid.ys.count - 1) {
      for i in 0..<(nx - 1) {
        // Corners counter-clockwise from the lower left.
        let v = [
          grid.values[j][i], grid.values[j][i + 1], grid.values[j + 1][i + 1],
          grid.values[j + 1][i],
        ]
        guard v.allSatisfy(\.isFinite) else { continue }
        let bottom = 2 * (j * nx + i), top = 2 * ((j + 1) * nx + i)
        let left = 2 * (j * nx + i) + 1, right = 2 * (j * nx + i + 1) + 1
        let above = v.map { $0 >= level }
        let index =
          (above[0] ? 1 : 0) | (above[1] ? 2 : 0) | (above[2] ? 4 : 0) | (above[3] ? 8 : 0)
        let centerAbove = v.reduce(0, +) / 4 >= level
        switch index {
        case 1, 14: segments.append((left, bottom))
        case 2, 13: segments.append((bottom, right))
        case 3, 12: segments.append((left, right))
        case 4, 11: segments.append((right, top))
        case 6, 9: segments.append((bottom, top))
        case 7, 8: segments.append((top, left))
        case 5:  // lower-left and upper-right above
          segments +=
            centerAbove ? [(bottom, right), (top, left)] : [(left, bottom), (right, top)]
        case 10:  // lower-right and upper-left above
          segments +=
            centerAbove ? [(left, bottom), (right, top)] : [(bottom, right), (top, left)]
        default:  // 0 or 15: all on one side
          break
        }
      }
    }
    return segments
  }

  /// Where `level` crosses grid edge `edge`, by linear interpolation between its two samples.
  private static func crossing(_ grid: Grid, _ level: Double, edge: Int) -> Point {
    let nx = grid.xs.count
    let i = (edge / 2) % nx, j = (edge / 2) / nx
    let (i2, j2) = edge % 2 == 0 ? (i + 1, j) : (i, j + 1)
    let a = grid.values[j][i], b = grid.values[j2][i2]
    let t = min(1, max(0, (level - a) / (b - a)))
    return Point(
      grid.xs[i] + t * (grid.xs[i2] - grid.xs[i]), grid.ys[j] + t * (grid.ys[j2] - grid.ys[j]))
  }
}
