/// An axis-aligned rectangle in pixels (y grows downwards, as in SVG).
struct Rect {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  var minX: Double { x }
  var maxX: Double { x + width }
  var minY: Double { y }
  var maxY: Double { y + height }
  var midX: Double { x + width / 2 }
  var midY: Double { y + height / 2 }

  /// Whether the point lies inside or on the border.
  func contains(_ p: PixelPoint) -> Bool {
    p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
  }

  /// Whether the two rectangles share a point (touching counts).
  func intersects(_ other: Rect) -> Bool {
    minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
  }

  /// The rectangle grown (negative `amount`) or shrunk (positive) by `amount` on every side.
  func insetBy(_ amount: Double) -> Rect {
    Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
  }

  /// The `x`, `y`, `width` and `height` attributes of an SVG `<rect>`.
  var attributes: SVGWriter.Attributes {
    [("x", x.svg), ("y", y.svg), ("width", width.svg), ("height", height.svg)]
  }

  /// The nearest point inside or on the border, to absorb rounding after clipping.
  func clamped(_ p: PixelPoint) -> PixelPoint {
    PixelPoint(x: min(max(p.x, minX), maxX), y: min(max(p.y, minY), maxY))
  }
}

/// A position in pixels.
struct PixelPoint {
  var x: Double
  var y: Double
}

/// A vertex of a drawn polyline: its pixel position and the (fractional) step at which an animation reaches it.
struct Vertex {
  var point: PixelPoint
  var step: Double
}

/// Turns mapped data points into drawable polylines: breaks at unmappable points and clips to a rectangle.
enum Polylines {
  /// The visible pieces of the line through `points`, where `nil` marks a point that cannot be drawn.
  ///
  /// Each segment is clipped to `rect` (Liang–Barsky), so every vertex lies inside it; a line that leaves
  /// and re-enters the rectangle becomes separate pieces. Vertex steps count from the index in `points`.
  static func clip(_ points: [PixelPoint?], to rect: Rect) -> [[Vertex]] {
    var lines: [[Vertex]] = []
    var current: [Vertex] = []
    var continuesCurrent = false
    func finishCurrent() {
      if current.count >= 2 { lines.append(current) }
      current = []
      continuesCurrent = false
    }
    for index in points.indices.dropFirst() {
      guard let a = points[index - 1], let b = points[index],
        let (u0, u1) = visibleInterval(a, b, rect)
      else {
        finishCurrent()
        continue
      }
      let step = Double(index - 1)
      if !(continuesCurrent && u0 == 0) {
        finishCurrent()
        current.append(Vertex(point: interpolate(a, b, u0, rect), step: step + u0))
      }
      current.append(Vertex(point: interpolate(a, b, u1, rect), step: step + u1))
      if u1 < 1 { finishCurrent() } else { continuesCurrent = true }
    }
    finishCurrent()
    return lines
  }

  /// SVG path data for the polylines, one subpath each.
  static func pathData(_ lines: [[Vertex]]) -> String {
    lines.map { line in
      line.enumerated().map {
        ($0.offset == 0 ? "M" : "L") + $0.element.point.x.svg + "," + $0.element.point.y.svg
      }.joined()
    }.joined()
  }

  /// The parameter interval `u0...u1` of the segment a→b that lies inside `rect`, or `nil` if none does.
  private static func visibleInterval(_ a: PixelPoint, _ b: PixelPoint, _ rect: Rect) -> (
    Double, Double
  )? {
    let dx = b.x - a.x, dy = b.y - a.y
    var u0 = 0.0, u1 = 1.0
    for (p, q) in [
      (-dx, a.x - rect.minX), (dx, rect.maxX - a.x), (-dy, a.y - rect.minY), (dy, rect.maxY - a.y),
    ] {
      if p == 0 {
        if q < 0 { return nil }
      } else if p < 0 {
        u0 = max(u0, q / p)
      } else {
        u1 = min(u1, q / p)
      }
    }
    return u0 <= u1 ? (u0, u1) : nil
  }

  private static func interpolate(_ a: PixelPoint, _ b: PixelPoint, _ u: Double, _ rect: Rect)
    -> PixelPoint
  {
    if u == 0 { return a }
    if u == 1 { return b }
    return rect.clamped(PixelPoint(x: a.x + u * (b.x - a.x), y: a.y + u * (b.y - a.y)))
  }
}
