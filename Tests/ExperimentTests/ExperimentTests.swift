import ExperimentKit
import ExperimentsOnSolutions
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// This test process's folder for the experiments' artefacts, removed when the process ends.
private let experimentsPath = FileManager.default.temporaryDirectory
  .appendingPathComponent("experiment-tests-\(getpid())").path

private let experimentsFolder: URL = {
  atexit { try? FileManager.default.removeItem(atPath: experimentsPath) }
  return URL(fileURLWithPath: experimentsPath, isDirectory: true)
}()

/// The experiments, run on the reference: the artefacts they write and the numbers in them.
@Suite("Experiments write their artefacts, with the documents' numbers")
struct ExperimentTests {
  /// Runs the experiment `name` into a fresh folder; returns the folder and the printed summary.
  private func run(_ name: String) throws -> (folder: URL, summary: String) {
    let experiment = try #require(Experiments.all.first { $0.name == name })
    let folder = experimentsFolder.appendingPathComponent(UUID().uuidString)
    var lines: [String] = []
    var context = ExperimentContext(
      folder: folder, write: { lines.append($0) }, progress: { _ in })
    try experiment.run(&context)
    try context.writeManifest(experiment: experiment)
    return (folder, lines.joined(separator: "\n"))
  }

  private func json(_ folder: URL, _ name: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name)))
  }

  /// Whether the SVG file parses as XML.
  private func parses(_ file: URL) throws -> Bool {
    XMLParser(data: try Data(contentsOf: file)).parse()
  }

  @Test("every experiment is named after an exercise of the catalog and lives in its file")
  func catalogued() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let catalog = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: root.appendingPathComponent("grader.json"))) as? [String: Any])
    let exercises = try #require(catalog["exercises"] as? [[String: Any]])
    #expect(Set(Experiments.all.map(\.name)).count == Experiments.all.count)
    for experiment in Experiments.all {
      let entry = try #require(
        exercises.first { $0["id"] as? String == experiment.exercise },
        "\(experiment.name) names \(experiment.exercise), which the catalog lacks")
      let stub = URL(fileURLWithPath: try #require(entry["file"] as? String))
        .deletingPathExtension().lastPathComponent
      #expect(
        FileManager.default.fileExists(
          atPath: root.appendingPathComponent("Sources/Experiments/\(stub)Experiment.swift").path),
        "\(experiment.name): a learner's error in it is blamed on \(experiment.exercise) by its file name"
      )
    }
  }

  @Test("batch-sizes: the walkthrough's table, its variances, a figure and a manifest")
  func batchSizes() throws {
    let (folder, summary) = try run("batch-sizes")
    let results = try #require(try json(folder, "results.json") as? [String: Any])
    let rows = try #require(results["training"] as? [[String: Any]])
    // The walkthrough's own code, run with numpy: (batch, epochs, final loss, weight error).
    let numpy: [(Int, Int, Double, Double)] = [
      (1, 1, 0.2868024074360181, 0.19447274863351968),
      (16, 1, 0.25559462702615765, 0.04703045817478661),
      (64, 1, 0.2790042413248041, 0.151649354443688),
      (256, 1, 0.25652787352100076, 0.04408162976505736),
      (1024, 2, 0.2566077521078063, 0.043298924381753645),
      (10000, 14, 0.28395625456545415, 0.16674594742358786),
    ]
    try #require(rows.count == numpy.count)
    for (row, (batch, epochs, loss, error)) in zip(rows, numpy) {
      #expect(row["batchSize"] as? Int == batch && row["epochs"] as? Int == epochs)
      #expect(abs((row["finalLoss"] as? Double ?? .nan) - loss) < 1e-9, "batch \(batch)")
      #expect(abs((row["weightError"] as? Double ?? .nan) - error) < 1e-9, "batch \(batch)")
    }
    let variances = try #require(results["gradientNormVariance"] as? [String: Double])
    #expect(abs(variances["1"]! - 231.45325651633237) < 1e-6)
    #expect(summary.contains("full") && summary.contains("Var ‖∇L_B(0)‖"))
    #expect(try parses(folder.appendingPathComponent("gradient-variance.svg")))
    let manifest = try #require(try json(folder, "manifest.json") as? [String: Any])
    #expect(manifest["experiment"] as? String == "batch-sizes")
    #expect((manifest["parameters"] as? [String: String])?["seed"] == "42")
    let timings = try #require(manifest["timings"] as? [[String: Any]])
    #expect(timings.count == 2)
    #expect(timings.allSatisfy { ($0["cpuSeconds"] as? Double ?? -1) >= 0 })
  }
}

extension ExperimentTests {
  @Test("rosenbrock-race: the lab's final distances, the acceptance checks, and its figures")
  func rosenbrockRace() throws {
    let (folder, summary) = try run("rosenbrock-race")
    let distances = try #require(try json(folder, "final_distances.json") as? [String: Double])
    // The lab's own code, run with numpy (.ci/numpy/rosenbrock_race.py).
    let numpy: [String: Double] = [
      "SGD": 0.015083981270795615, "Momentum": 7.628208708383912e-09,
      "Adam": 2.943318888378368e-06, "AdamW (wd 0)": 2.943318888378368e-06,
      "Nesterov": 0.00017009501203949474, "AdamW (wd 0.01)": 0.06668224281655388,
      "AdamW (wd 0.1)": 0.42908818456658177,
    ]
    #expect(Set(distances.keys) == Set(numpy.keys))
    for (track, expected) in numpy {
      let actual = try #require(distances[track])
      #expect(abs(actual - expected) <= 1e-6 * max(1, expected) + 1e-12, "\(track): \(actual)")
    }
    #expect(summary.contains("Adam within 0.1 of (1, 1): true"))
    #expect(summary.contains("SGD farther than Adam: true"))
    let reRace = try #require(try json(folder, "re-race_final_distances.json") as? [String: Any])
    #expect(reRace["SGD"] as? String == "NaN", "SGD overflows from (2, 2)")
    #expect(abs((reRace["Adam"] as? Double ?? 0) - 0.5212875815613304) < 1e-6)
    for figure in ["race.svg", "race-final.svg", "weight-decay.svg", "re-race.svg"] {
      #expect(try parses(folder.appendingPathComponent(figure)), "\(figure)")
    }
    let race = try String(contentsOf: folder.appendingPathComponent("race.svg"), encoding: .utf8)
    #expect(race.contains("<animate"), "the race animates")
    for track in ["SGD", "Momentum", "Adam", "AdamW (wd 0)", "Nesterov"] {
      #expect(race.contains(track), "the race shows \(track)")
    }
    #expect(
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("INTERPRETATION.md").path))
  }
}

extension ExperimentTests {
  @Test("optimizer-sweep: the sensitivity table matches numpy's run of the same sweep")
  func optimizerSweep() throws {
    let (folder, summary) = try run("optimizer-sweep")
    let results = try #require(try json(folder, "results.json") as? [String: Any])
    let constant = try #require(results["constant"] as? [String: [Any]])
    // .ci/numpy/optimizer_sweep.py: the best final f of each optimizer over the 17 rates.
    let numpy: [String: Double] = [
      "SGD": 0.014714135195605585, "Momentum": 5.017135320078592e-15,
      "RMSprop": 0.008343929093829507, "Adam": 5.471687654164089e-23,
    ]
    for (name, expected) in numpy {
      let row = try #require(constant[name], "\(constant.keys)").compactMap { $0 as? Double }
      let best = try #require(row.min())
      #expect(abs(best - expected) <= 1e-6 * expected, "\(name): \(best)")
    }
    #expect(summary.contains("improvement ×"))
    for figure in ["sensitivity.svg", "trajectories.svg"] {
      #expect(try parses(folder.appendingPathComponent(figure)), "\(figure)")
    }
  }
}

/// The `experiment` command itself: its list, its help and its errors.
@Suite("swift run experiment: the command line")
struct ExperimentCommandTests {
  /// Runs the `experiment` executable built beside this test bundle with `arguments`, with
  /// `temporaryFolder` as its temporary folder when one is given.
  private func experiment(_ arguments: [String], temporaryFolder: URL? = nil) throws -> (
    status: Int32, out: String, err: String
  ) {
    let bundle = URL(
      fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0])
    let process = Process()
    process.executableURL = bundle.deletingLastPathComponent().appendingPathComponent("experiment")
    process.arguments = arguments
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    if let temporaryFolder {
      process.environment = ProcessInfo.processInfo.environment.merging(
        ["TMPDIR": temporaryFolder.path]) { $1 }
    }
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: output, as: UTF8.self),
      String(decoding: errors, as: UTF8.self)
    )
  }

  @Test(
    "on the shipped stubs an experiment stops with one line naming the exercise, the function and its file, and status 1"
  )
  func stopsAtAStub() throws {
    let folder = experimentsFolder.appendingPathComponent(UUID().uuidString)
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try experiment(["rosenbrock-race", "--out", folder.path])
    #expect(run.status == 1)
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Exercises/Lab02/ExL2_RosenbrockRace.swift").path
    let errors = run.err.split(separator: "\n").filter { $0.hasPrefix("error:") }
    #expect(errors.count == 1, "\(run.err)")
    #expect(errors.first?.hasPrefix("error: rosenbrock-race stopped at L2's run(") == true)
    #expect(errors.first?.contains("which is not written yet: \(file):") == true, "\(run.err)")
    #expect(!run.err.contains("Fatal error"), "no runtime crash text: \(run.err)")
  }

  @Test(
    "a run leaves nothing in the temporary folder, the compiler's asked for its version included")
  func leavesNothingBehind() throws {
    let temporaries = experimentsFolder.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: temporaries, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: temporaries) }
    let out = temporaries.appendingPathComponent("artefacts")
    let run = try experiment(
      ["batch-sizes", "--solutions", "--out", out.path], temporaryFolder: temporaries)
    #expect(run.status == 0, "\(run.err)")
    let manifest = try String(
      contentsOf: out.appendingPathComponent("batch-sizes/manifest.json"), encoding: .utf8)
    #expect(manifest.contains("Swift version"), "the manifest names the toolchain")
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporaries.path) == ["artefacts"])
  }

  @Test("--list names every experiment with its exercise; --help shows the usage")
  func listAndHelp() throws {
    let list = try experiment(["--list"])
    #expect(list.status == 0)
    let lines = list.out.split(separator: "\n")
    #expect(lines.count == Experiments.all.count, "\(list.out)")
    for experiment in Experiments.all {
      #expect(
        lines.contains {
          $0.hasPrefix(experiment.name + " ") && $0.contains(" \(experiment.exercise) ")
        },
        "\(experiment.name)")
    }
    let help = try experiment(["--help", "--frobnicate"])
    #expect(help.status == 0 && help.out.contains("USAGE: swift run experiment NAME"))
  }

  @Test(
    "bad input is refused with status 2 and a message that says what to do",
    arguments: [
      (["no-such-experiment"], "no experiment named 'no-such-experiment'; there are: "),
      (["--frobnicate"], "unknown option '--frobnicate'"),
      ([], "name one experiment (swift run experiment --list names them all)"),
      (["lr-finder", "--out"], "--out needs a folder"),
    ])
  func badInput(arguments: [String], message: String) throws {
    let run = try experiment(arguments)
    #expect(run.status == 2)
    #expect(run.err.contains("error: " + message), "\(run.err)")
  }
}
