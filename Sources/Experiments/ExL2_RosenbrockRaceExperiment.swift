import Foundation

extension Experiments {
  /// L2 (Lab 02): the race on Rosenbrock, its weight-decay sweep (Part E) and the stretch tracks,
  /// with the figures and files the lab's deliverable lists.
  static let rosenbrockRace = Experiment(
    name: "rosenbrock-race", exercise: "L2",
    summary: "Lab 02: SGD, Momentum, Adam, AdamW (and Nesterov) raced on Rosenbrock, animated",
    folder: "04-optimizers-rosenbrock"
  ) { context in
    let (steps, start) = (2000, [-1.5, 2.0])
    struct Track {
      let name: String, optimizer: RosenbrockOptimizer, lr: Double
      /// A dash pattern for a track that may coincide with another (AdamW with decay 0 is Adam).
      var dash: [Double]? = nil
      var label: String { "\(name) (lr \(formatted(lr, decimals: 3)))" }
    }
    let race = [
      Track(name: "SGD", optimizer: .sgd, lr: 2e-3),
      Track(name: "Momentum", optimizer: .momentum(beta: 0.9), lr: 2e-3),
      Track(name: "Adam", optimizer: .adam, lr: 5e-2),
      Track(name: "AdamW (wd 0)", optimizer: .adamw(weightDecay: 0), lr: 5e-2, dash: [7, 5]),
      Track(name: "Nesterov", optimizer: .nesterov(beta: 0.9), lr: 1e-3),
    ]
    let decays = [
      Track(name: "AdamW (wd 0)", optimizer: .adamw(weightDecay: 0), lr: 5e-2, dash: [7, 5]),
      Track(name: "AdamW (wd 0.01)", optimizer: .adamw(weightDecay: 0.01), lr: 5e-2),
      Track(name: "AdamW (wd 0.1)", optimizer: .adamw(weightDecay: 0.1), lr: 5e-2),
    ]
    context.parameter("steps", steps)
    context.parameter("start", "(-1.5, 2.0)")
    context.parameter("re-race start", "(2, 2)")
    context.parameter("seeds", "none: the race is deterministic")
    for track in race + decays.dropFirst() {
      context.parameter(track.name, "\(track.optimizer), lr \(track.lr)")
    }

    let trajectories = context.timed("the race: \(race.count) tracks of \(steps) steps") {
      race.map { run(optimizer: $0.optimizer, lr: $0.lr, nSteps: steps, start: start) }
    }
    let decayed = context.timed("Part E: AdamW with weight decay 0.01 and 0.1") {
      decays.map { run(optimizer: $0.optimizer, lr: $0.lr, nSteps: steps, start: start) }
    }
    let reRace = context.timed("the re-race from (2, 2)") {
      race.map { run(optimizer: $0.optimizer, lr: $0.lr, nSteps: steps, start: [2, 2]) }
    }

    let grid = Grid(x: -2...2, y: -1...3, samples: 161) { x, y in rosenbrock([x, y]) }
    let contours = Contours(
      grid: grid, levels: Contours.logSpacedLevels(from: 0.1, to: 1000, count: 20))
    /// The steps an animation draws: each of the first 100, where the optimizers move most, then every 5th and the last.
    let animatedSteps = Array(
      Set(Array(0..<min(100, steps)) + Array(Swift.stride(from: 100, to: steps, by: 5)) + [steps])
    ).sorted()
    func series(_ track: Track, _ trajectory: [[Double]], animated: Bool) -> Series {
      let kept =
        animated ? animatedSteps.filter { $0 < trajectory.count } : Array(trajectory.indices)
      return Series(
        track.label, points: kept.map { Point(trajectory[$0][0], trajectory[$0][1]) },
        markers: .endpoints, dash: track.dash, steps: kept.map(Double.init))
    }
    let optimum = Series(
      "optimum (1, 1)", points: [Point(1, 1)], color: Color(red: 0, green: 0, blue: 0),
      markers: .endpoints)
    func pathPanel(
      _ title: String, _ tracks: [Track], _ paths: [[[Double]]], animated: Bool = false
    ) -> Panel {
      Panel(
        title: title, x: Axis("x", range: -2...2), y: Axis("y", range: -1...3),
        contours: [contours],
        series: zip(tracks, paths).map { series($0, $1, animated: animated) } + [optimum])
    }
    let lossPanel = Panel(
      title: "f(x, y) at each step", x: Axis("step"), y: Axis("f", scale: .log10),
      series: zip(race, trajectories).map { Series($0.label, y: losses($1), dash: $0.dash) },
      legend: .hidden)

    try context.writeFigure(
      "race.svg",
      Figure(
        title: "Lab 02: the race on Rosenbrock from (−1.5, 2)",
        panels: [pathPanel("trajectories", race, trajectories, animated: true)],
        panelWidth: 640, panelHeight: 560,
        animation: Animation(duration: 10, hold: 2, pace: .progress)))
    try context.writeFigure(
      "race-final.svg",
      Figure(
        title: "Final trajectories and f per step (static)",
        panels: [pathPanel("trajectories", race, trajectories), lossPanel],
        panelWidth: 640, panelHeight: 560))
    try context.writeFigure(
      "weight-decay.svg",
      Figure(
        title: "Part E: AdamW's weight decay",
        panels: [pathPanel("AdamW, lr 5e-2", decays, decayed)], panelWidth: 560,
        panelHeight: 480))
    try context.writeFigure(
      "re-race.svg",
      Figure(
        title: "The re-race from (2, 2)",
        panels: [pathPanel("trajectories", race, reRace)], panelWidth: 560,
        panelHeight: 480))

    let distances = Dictionary(
      uniqueKeysWithValues: zip(race + decays.dropFirst(), trajectories + decayed.dropFirst()).map {
        ($0.name, finalDistance($1))
      })
    let reRaceDistances = Dictionary(
      uniqueKeysWithValues: zip(race, reRace).map { ($0.name, finalDistance($1)) })
    try context.writeJSON("final_distances.json", distances)
    try context.writeJSON("re-race_final_distances.json", reRaceDistances)
    try context.writeText("INTERPRETATION.md", interpretationPage())

    context.table(
      ["track", "lr", "distance to (1, 1)", "from (2, 2)"],
      (race + decays.dropFirst()).map { track in
        [
          track.name, formatted(track.lr, decimals: 3), formatted(distances[track.name]!),
          reRaceDistances[track.name].map { formatted($0) } ?? "",
        ]
      })
    let adam = trajectories[2]
    let adamw = trajectories[3]
    let gap = zip(adam, adamw).map { zip($0, $1).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
    context.say(
      "\nacceptance: Adam within 0.1 of (1, 1): \(distances["Adam"]! < 0.1); "
        + "SGD farther than Adam: \(distances["SGD"]! > distances["Adam"]!); "
        + "AdamW(wd 0) − Adam, largest difference: \(formatted(gap))")
  }

  /// The learner's interpretation (exercise L5), or its template while it is unwritten.
  private static func interpretationPage() -> String {
    let page = URL(fileURLWithPath: "Exercises/Lab02/ExL5_Interpretation.md")
    return (try? String(contentsOf: page, encoding: .utf8))
      ?? "Write the interpretation in Exercises/Lab02/ExL5_Interpretation.md (exercise L5).\n"
  }
}
