import Foundation
import Testing

@testable import Plot

@Suite("Contours")
struct ContourTests {
  @Test("x² + y² at level 1 is one closed curve on the unit circle")
  func unitCircle() throws {
    let grid = Grid(x: -2...2, y: -2...2, samples: 101) { x, y in x * x + y * y }
    let lines = MarchingSquares.lines(in: grid, at: 1)
    #expect(lines.count == 1)
    let line = try #require(lines.first)
    #expect(line.count > 100)
    #expect(line.first == line.last)
    for point in line {
      #expect(abs(hypot(point.x, point.y) - 1) < 1e-2, "\(point)")
    }
    // The curve goes all the way round: it visits every quadrant.
    #expect(Set(line.map { ($0.x > 0 ? 1 : 0) + ($0.y > 0 ? 2 : 0) }).count == 4)
  }

  @Test(
    "saddle cells give two separate segments, chosen by the cell's mean",
    arguments: [
      ([[1.0, 0.0], [0.0, 1.0]], 0.4), ([[1.0, 0.0], [0.0, 1.0]], 0.6),
      ([[0.0, 1.0], [1.0, 0.0]], 0.4), ([[0.0, 1.0], [1.0, 0.0]], 0.6),
    ])
  func saddles(values: [[Double]], level: Double) {
    let lines = MarchingSquares.lines(in: Grid(xs: [0, 1], ys: [0, 1], values: values), at: level)
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.count == 2 })
    // Each segment cuts off one corner, so its ends lie on two adjacent sides of the square.
    for line in lines {
      let corner = Point(
        line[0].x == 0 || line[1].x == 0 ? 0 : 1, line[0].y == 0 || line[1].y == 0 ? 0 : 1)
      let cornerValue = values[Int(corner.y)][Int(corner.x)]
      // Above the mean the low corners are cut off (and vice versa).
      #expect((cornerValue >= level) == (level > 0.5))
    }
  }

  @Test("checkerboards, NaN samples, flat grids and levels equal to samples do not crash")
  func degenerateGrids() {
    let checkerboard = Grid(x: 0...4, y: 0...4, samples: 5) { x, y in (Int(x + y) % 2 == 0) ? 1 : 0
    }
    for level in [0.0, 0.5, 1.0] {
      for line in MarchingSquares.lines(in: checkerboard, at: level) {
        #expect(line.count >= 2)
        #expect(line.allSatisfy { (0...4).contains($0.x) && (0...4).contains($0.y) })
      }
    }
    let withNaN = Grid(x: -2...2, y: -2...2, samples: 41) { x, y in
      x > 0.5 && y > 0.5 ? .nan : x * x + y * y
    }
    let pieces = MarchingSquares.lines(in: withNaN, at: 1)
    #expect(!pieces.isEmpty)
    #expect(
      pieces.joined().allSatisfy {
        $0.x.isFinite && $0.y.isFinite && abs(hypot($0.x, $0.y) - 1) < 0.05
      })
    #expect(pieces.allSatisfy { $0.first != $0.last })
    let flat = Grid(x: 0...1, y: 0...1, samples: 3) { _, _ in 2 }
    #expect(MarchingSquares.lines(in: flat, at: 2).isEmpty)
    #expect(MarchingSquares.lines(in: flat, at: 1).isEmpty)
  }

  @Test("log-spaced levels are evenly spaced in log10")
  func logLevels() {
    let levels = Contours.logSpacedLevels(from: 0.1, to: 1000, count: 5)
    #expect(zip(levels, [0.1, 1, 10, 100, 1000]).allSatisfy { abs($0 / $1 - 1) < 1e-12 })
  }

  @Test("a figure draws one contour path per level")
  func onePathPerLevel() throws {
    let document = try SVGDocument.parse(Fixtures.figure().svg())
    let levels = document.all("path", class: "contour").map { $0.attributes["data-level"]! }
    #expect(levels.count == 9)
    #expect(Set(levels).count == 9)
    let strokes = document.all("path", class: "contour").map { $0.attributes["stroke"]! }
    #expect(strokes.first != strokes.last)
  }
}
