import Plot

/// Small optimization runs on the Rosenbrock function, the workbook's typical plot content.
enum Fixtures {
  static func rosenbrock(_ x: Double, _ y: Double) -> Double {
    (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
  }

  /// Gradient descent with heavy-ball momentum from (-1.5, 2); `momentum: 0` is plain gradient descent.
  static func trajectory(steps: Int, learningRate: Double = 1e-3, momentum: Double = 0) -> [Point] {
    var x = -1.5, y = 2.0, vx = 0.0, vy = 0.0
    var points = [Point(x, y)]
    for _ in 0..<steps {
      let gx = -2 * (1 - x) - 400 * x * (y - x * x), gy = 200 * (y - x * x)
      vx = momentum * vx - learningRate * gx
      vy = momentum * vy - learningRate * gy
      x += vx
      y += vy
      points.append(Point(x, y))
    }
    return points
  }

  /// Contours of Rosenbrock | loss versus step on a log axis, for two optimizers.
  static func figure(animation: Animation? = nil, steps: Int = 200) -> Figure {
    let gd = trajectory(steps: steps),
      momentum = trajectory(steps: steps, learningRate: 2e-4, momentum: 0.9)
    let grid = Grid(x: -2...2, y: -1...3, samples: 81, function: rosenbrock)
    let contours = Contours(
      grid: grid, levels: Contours.logSpacedLevels(from: 0.1, to: 1000, count: 9))
    let trajectories = Panel(
      title: "Rosenbrock", x: Axis("x"), y: Axis("y"), contours: [contours],
      series: [
        Series("GD", points: gd, markers: Markers(start: true, end: true, every: 20)),
        Series("Momentum", points: momentum, markers: .endpoints),
      ])
    let losses = Panel(
      title: "Loss", x: Axis("step"), y: Axis("loss", scale: .log10),
      series: [
        Series("GD", y: gd.map { rosenbrock($0.x, $0.y) }),
        Series("Momentum", y: momentum.map { rosenbrock($0.x, $0.y) }),
      ])
    return Figure(title: "GD vs momentum", panels: [trajectories, losses], animation: animation)
  }
}
