import Foundation
import Synchronization

/// The `grade` command: loads the catalog, builds the suites, grades, and reports.
public enum Grader {
  /// Runs the command with `arguments` (without the program name) and returns the exit status.
  public static func main(arguments: [String]) -> Int32 {
    do {
      return try run(Options(parsing: arguments))
    } catch {
      printError("error: \(error)")
      return error.exitStatus
    }
  }

  /// Runs the command; `testBundle`, when given, is used instead of building (for the grader's
  /// own tests, which run inside that bundle), and `output` receives what goes to stdout.
  static func run(
    _ options: Options, testBundle: URL? = nil, output: (String) -> Void = { print($0) }
  ) throws(GradeError) -> Int32 {
    if options.help {
      output(Options.usage)
      return 0
    }
    let root = URL(
      fileURLWithPath: options.packagePath ?? FileManager.default.currentDirectoryPath,
      isDirectory: true)
    let catalog = try CatalogLoader(packageRoot: root).load(options.catalog)
    let report = TextReport(colors: isTerminal(STDOUT_FILENO))
    if options.list {
      output(report.renderList(catalog))
      return 0
    }
    if let id = options.hint {
      guard let exercise = catalog.exercise(id) else {
        throw .unknownExercise(id: id, known: catalog.exercises.map(\.id))
      }
      output(report.renderHints(exercise))
      return 0
    }
    let selected = try select(options.ids, from: catalog)
    let target = options.solutions ? "Solutions" : "Exercises"
    let module = options.solutions ? "SolutionTests" : "ExerciseTests"

    let progress = Progress(live: isTerminal(STDERR_FILENO))
    let firstBuild = !FileManager.default.fileExists(
      atPath: root.appendingPathComponent(".build").path)
    progress.say(
      "Building the suites against \(target)/"
        + (firstBuild ? " (a first build: this takes a minute or two)…" : "…"))
    let builder = Builder(packageRoot: root) { progress.update($0) }
    let bundle: URL
    do {
      if let testBundle {
        bundle = testBundle
      } else {
        bundle = try options.skipBuild ? builder.testBundlePath() : builder.buildTestBundle()
      }
    } catch {
      if case .buildFailed(let errors) = error, options.json {
        output(JSONReport(buildErrors: errors, exercises: selected, target: target).encoded())
      }
      throw error
    }
    progress.done()
    // The whole catalog, not just the selection: an entry's index in the message must be its own.
    try CatalogLoader.checkSuites(
      of: catalog, file: options.catalog, available: try suites(in: bundle, module: module))

    progress.say(
      "Grading \(selected.count) exercise\(selected.count == 1 ? "" : "s") in \(target)/…")
    let runner = SuiteRunner(bundle: bundle, module: module, packageRoot: root)
    let results = gradeAll(
      selected, jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount, runner: runner
    ) { finished, total, result in
      progress.update("[\(finished)/\(total)] \(result.exercise.id) \(result.verdict.rawValue)")
    }
    progress.done()

    if options.json {
      output(JSONReport(results: results, target: target).encoded())
    } else {
      output("\(catalog.course): \(target)/\n")
      output(report.render(results, explain: Set(options.ids)))
    }
    return results.allSatisfy { $0.verdict == .passed } ? 0 : 1
  }

  /// The exercises named by `ids`, in catalog order; all of them when `ids` is empty.
  static func select(_ ids: [String], from catalog: Catalog) throws(GradeError) -> [Exercise] {
    for id in ids where catalog.exercise(id) == nil {
      throw .unknownExercise(id: id, known: catalog.exercises.map(\.id))
    }
    return ids.isEmpty ? catalog.exercises : catalog.exercises.filter { ids.contains($0.id) }
  }

  /// Grades `exercises` with at most `jobs` at a time, returning results in catalog order.
  public static func gradeAll(
    _ exercises: [Exercise], jobs: Int, runner: SuiteRunner,
    onResult: @escaping @Sendable (Int, Int, ExerciseResult) -> Void = { _, _, _ in }
  ) -> [ExerciseResult] {
    let state = Mutex(
      (next: 0, finished: 0, results: [ExerciseResult?](repeating: nil, count: exercises.count)))
    let group = DispatchGroup()
    for _ in 0..<max(1, min(jobs, exercises.count)) {
      group.enter()
      Thread.detachNewThread {
        while let index = state.withLock({ s -> Int? in
          guard s.next < exercises.count else { return nil }
          defer { s.next += 1 }
          return s.next
        }) {
          let result = runner.grade(exercises[index])
          let finished = state.withLock { s in
            s.results[index] = result
            s.finished += 1
            return s.finished
          }
          onResult(finished, exercises.count, result)
        }
        group.leave()
      }
    }
    group.wait()
    return state.withLock { $0.results.compactMap { $0 } }
  }

  /// The suite names the bundle has in `module`, from `--list-tests`.
  public static func suites(in bundle: URL, module: String) throws(GradeError) -> Set<String> {
    let listing: ChildProcess.Outcome
    do {
      listing = try ChildProcess(
        executable: bundle, arguments: ["--testing-library", "swift-testing", "--list-tests"],
        environment: ProcessInfo.processInfo.environment, outputLimit: 4 * 1024 * 1024
      ).run(timeLimit: 60)
    } catch {
      throw .toolFailed(command: "\(bundle.path) --list-tests", output: "\(error)")
    }
    guard listing.termination == .exited(0) else {
      throw .toolFailed(command: "\(bundle.path) --list-tests", output: listing.output)
    }
    let prefix = module + "."
    return Set(
      listing.output.split(separator: "\n").compactMap { line in
        guard line.hasPrefix(prefix) else { return nil }
        return line.dropFirst(prefix.count).split(separator: "/").first.map(String.init)
      })
  }
}

/// Progress on standard error: one line rewritten in place on a terminal, plain lines otherwise.
final class Progress: Sendable {
  private let live: Bool
  private let lastLength = Mutex(0)

  init(live: Bool) {
    self.live = live
  }

  /// A line that stays.
  func say(_ text: String) {
    done()
    printError(text)
  }

  /// A line that the next update replaces (on a terminal).
  func update(_ text: String) {
    guard live else { return printError("  " + text) }
    lastLength.withLock { length in
      let shown = String(text.prefix(100))
      FileHandle.standardError.write(Data(("\r\u{1B}[K  " + shown).utf8))
      length = shown.count
    }
  }

  /// Ends the line being rewritten.
  func done() {
    lastLength.withLock { length in
      if live && length > 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      length = 0
    }
  }
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

func isTerminal(_ descriptor: Int32) -> Bool {
  isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
}
