import Foundation
import Synchronization

/// The `grade` command: loads the catalog, builds the suites, grades, and reports.
public enum Grader {
  /// Runs the command with `arguments` (without the program name) and returns the exit status.
  public static func main(arguments: [String]) -> Int32 {
    var options = Options()
    let started = Date()
    do {
      options = try Options(parsing: arguments)
      return try run(options)
    } catch {
      printError("error: \(error)")
      writeFailureReports(error, options, started)
      return error.exitStatus
    }
  }

  /// The platforms' results for a run that stopped with `error` (a catalog, build or usage
  /// error, a refusal): Gradescope shows the student its message and Classroom records 0 points,
  /// instead of nothing.
  private static func writeFailureReports(
    _ error: GradeError, _ options: Options, _ started: Date
  ) {
    guard options.gradescope != nil || options.classroom != nil else { return }
    let root = URL(
      fileURLWithPath: options.packagePath ?? FileManager.default.currentDirectoryPath,
      isDirectory: true)
    let exercises = (try? CatalogLoader(packageRoot: root).load(options.catalog))?.exercises ?? []
    let failure = "The grader could not grade this submission:\n\(error)"
    if let file = options.gradescope {
      let report = GradescopeReport(
        failure: failure, exercises: exercises, seconds: -started.timeIntervalSinceNow)
      try? write(report.encoded(), to: file)
    }
    if let file = options.classroom {
      try? write(ClassroomReport(failure: failure, exercises: exercises).encoded(), to: file)
    }
  }

  /// Runs the command; `testBundle`, when given, is used instead of building (for the grader's
  /// own tests, which run inside that bundle), `stateFolder` holds the learner's record and
  /// backups (`.grade/` by default), `stopWatching` ends `--watch` when it returns true (tests;
  /// otherwise Ctrl-C ends it), and `output` receives what goes to stdout.
  static func run(
    _ options: Options, testBundle: URL? = nil, stateFolder: URL? = nil,
    stopWatching: (() -> Bool)? = nil, output: @escaping (String) -> Void = printFlushed
  ) throws(GradeError) -> Int32 {
    if options.help {
      output(Options.usage)
      return 0
    }
    let root = URL(
      fileURLWithPath: options.packagePath ?? FileManager.default.currentDirectoryPath,
      isDirectory: true)
    if options.generateStubs {
      let written = try StubGenerator.writeAll(
        packageRoot: root, force: options.force,
        stateFolder: stateFolder ?? LearnerRecord.folder(packageRoot: root))
      output(
        written.changed.isEmpty
          ? "Every stub in Exercises/ is what Solutions/ generates."
          : (["Regenerated from Solutions/:"] + written.changed.map { "  " + $0 }
            + written.backups.map { "  kept the learner's version: " + $0 })
            .joined(separator: "\n"))
      return 0
    }
    if let folder = options.release {
      let destination = URL(fileURLWithPath: folder)
      let count = try Release.write(from: root, to: destination)
      output(
        """
        Wrote the student release into \(destination.path) (\(count) files): the stubs, the \
        visible suites and the grader, without Solutions/, hidden cases or explanations. In it, \
        `swift run grade` grades and `swift run grade --verify` checks it is unchanged.
        """)
      return 0
    }
    if options.writeChecksums {
      try Checksums.write(packageRoot: root)
      output("Wrote \(Checksums.fileName) for every file outside Exercises/.")
      return 0
    }
    if options.verify {
      let shipped = try Checksums.shipped(packageRoot: root)
      let differences = shipped.differences(from: .current(packageRoot: root))
      output(
        differences.isEmpty
          ? "All \(shipped.files.count) files outside Exercises/ are as the instructor shipped them."
          : (["These files differ from what the instructor shipped (\(Checksums.fileName)):"]
            + differences.map { "  " + $0 }).joined(separator: "\n"))
      return differences.isEmpty ? 0 : 1
    }
    if options.solutions { try Release.requireSolutions(packageRoot: root) }
    let catalog = try CatalogLoader(packageRoot: root).load(options.catalog)
    let state = stateFolder ?? LearnerRecord.folder(packageRoot: root)
    let report = TextReport(colors: isTerminal(STDOUT_FILENO))
    if options.list {
      output(report.renderList(catalog, record: LearnerRecord.load(from: state)))
      return 0
    }
    if let id = options.hint {
      output(report.renderHints(try exercise(id, in: catalog)))
      return 0
    }
    if let id = options.reset {
      let exercise = try exercise(id, in: catalog)
      switch try Reset.reset(exercise, packageRoot: root, stateFolder: state) {
      case .alreadyStub: output("\(exercise.file) already is the stub; nothing to reset.")
      case .restored(let backup):
        output("Restored the stub of \(exercise.id) in \(exercise.file).\nYour version: \(backup)")
      }
      return 0
    }
    let session = GradingSession(
      packageRoot: root, catalog: catalog, catalogFile: options.catalog,
      solutions: options.solutions,
      jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
      launcher: options.runner ?? .platformDefault, skipBuild: options.skipBuild,
      testBundle: testBundle, strict: options.strict,
      moduleCache: options.moduleCache ?? ProcessInfo.processInfo.environment["GRADE_MODULE_CACHE"],
      status: StatusLine(live: isTerminal(STDERR_FILENO)))
    if let folder = options.batch {
      var batchSession = session
      batchSession.strict = true
      batchSession.learnerFolder = Batch.learnerFolder
      let batch = Batch(
        session: batchSession, submissions: URL(fileURLWithPath: folder),
        destination: URL(fileURLWithPath: options.out),
        gradescope: options.gradescope.map { URL(fileURLWithPath: $0) }, output: output)
      return try batch.run()
    }
    let selected = try select(options.ids, from: catalog)
    if options.watch {
      let watcher = Watcher(
        session: session, watched: selected, stateFolder: state, report: report,
        clearScreen: isTerminal(STDOUT_FILENO), output: output)
      watcher.run(until: stopWatching)
      return 0
    }

    let started = Date()
    let results: [ExerciseResult]
    do {
      results = try session.grade(selected)
    } catch {
      if case .buildFailed(let errors) = error, options.json {
        output(
          JSONReport(buildErrors: errors, exercises: selected, target: session.target).encoded())
      }
      throw error
    }
    var standing: Standing?
    if !options.solutions {
      var record = LearnerRecord.load(from: state)
      record.record(results)
      try? record.save(to: state)
      standing = Standing(catalog: catalog, record: record)
    }
    let withheld = Set(
      options.strict ? results.map(\.exercise).filter { !$0.reportParts }.map(\.id) : [])
    if let file = options.fullJSON {
      try write(JSONReport(results: results, target: session.target).encoded(), to: file)
    }
    if let file = options.junit {
      let junit = JUnitReport(course: catalog.course, results: results, withholding: withheld)
      try write(junit.encoded(), to: file)
    }
    if let file = options.gradescope {
      let report = GradescopeReport(
        results: results, seconds: -started.timeIntervalSinceNow, withholding: withheld)
      try write(report.encoded(), to: file)
    }
    if let file = options.classroom {
      try write(ClassroomReport(results: results, withholding: withheld).encoded(), to: file)
    }
    if let file = options.markdown {
      let markdown = MarkdownReport(
        course: catalog.course, results: results, withholding: withheld)
      try write(markdown.encoded(), to: file)
    }
    if options.json {
      output(
        JSONReport(results: results, target: session.target, withholding: withheld).encoded())
    } else {
      output("\(catalog.course): \(session.target)/\n")
      output(report.render(results, explain: Set(options.ids), withholding: withheld))
      if let standing { output(report.render(standing)) }
    }
    return results.allSatisfy { [.passed, .forReview].contains($0.verdict) } ? 0 : 1
  }

  /// Writes a report file (a path relative to the current folder).
  private static func write(_ text: String, to file: String) throws(GradeError) {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    } catch {
      throw .fileSystem(path: file, reason: reasonText(error))
    }
  }

  /// Prints to stdout at once, even into a pipe or file (`--watch` draws screens over time).
  private static func printFlushed(_ text: String) {
    print(text)
    fflush(nil)  // every stream: `stdout` itself is not concurrency-safe to name
  }

  private static func exercise(_ id: String, in catalog: Catalog) throws(GradeError) -> Exercise {
    guard let exercise = catalog.exercise(id) else {
      throw .unknownExercise(id: id, known: catalog.exercises.map(\.id))
    }
    return exercise
  }

  /// The exercises named by `ids`, in catalog order; all of them when `ids` is empty.
  static func select(_ ids: [String], from catalog: Catalog) throws(GradeError) -> [Exercise] {
    for id in ids where catalog.exercise(id) == nil {
      throw .unknownExercise(id: id, known: catalog.exercises.map(\.id))
    }
    return ids.isEmpty ? catalog.exercises : catalog.exercises.filter { ids.contains($0.id) }
  }

  /// Grades `exercises` with at most `jobs` at a time, returning results in catalog order.
  ///
  /// Plain threads rather than tasks: each job blocks in `waitpid` for its test process, which
  /// must not hold one of Swift concurrency's few cooperative threads.
  ///
  /// The exercises in `untouched` have their generated stub as their file (see
  /// `SuiteRunner.grade(_:untouched:)`). With `together`, the others share `jobs` test processes
  /// (`SuiteRunner.gradeTogether`), every `jobs`-th exercise in one.
  public static func gradeAll(
    _ exercises: [Exercise], jobs: Int, runner: SuiteRunner, untouched: Set<String> = [],
    together: Bool = false,
    onResult: @escaping @Sendable (Int, Int, ExerciseResult) -> Void = { _, _, _ in }
  ) -> [ExerciseResult] {
    let workers = max(1, min(jobs, exercises.count))
    let alone = exercises.indices.filter { !together || untouched.contains(exercises[$0].id) }
    let shared = exercises.indices.filter { !alone.contains($0) }
    /// Lists of exercises, each graded in one go.
    let batches =
      alone.map { [$0] }
      + (0..<workers).map { stride(from: $0, to: shared.count, by: workers).map { shared[$0] } }
      .filter { !$0.isEmpty }
    let state = Mutex(
      (next: 0, finished: 0, results: [ExerciseResult?](repeating: nil, count: exercises.count)))
    let group = DispatchGroup()
    for _ in 0..<workers {
      group.enter()
      Thread.detachNewThread {
        while let batch = state.withLock({ s -> [Int]? in
          guard s.next < batches.count else { return nil }
          defer { s.next += 1 }
          return batches[s.next]
        }) {
          let results =
            batch.count == 1
            ? [
              runner.grade(
                exercises[batch[0]], untouched: untouched.contains(exercises[batch[0]].id))
            ]
            : runner.gradeTogether(batch.map { exercises[$0] })
          for (index, result) in zip(batch, results) {
            let finished = state.withLock { s in
              s.results[index] = result
              s.finished += 1
              return s.finished
            }
            onResult(finished, exercises.count, result)
          }
        }
        group.leave()
      }
    }
    group.wait()
    return state.withLock { $0.results.compactMap { $0 } }
  }

  /// The suite names the bundle has in `module`, from its list of test ids.
  public static func suites(using launcher: TestLauncher, module: String) throws(GradeError)
    -> Set<String>
  {
    let command = launcher.listTests()
    let commandLine = ([command.executable.path] + command.arguments).joined(separator: " ")
    let listing: ChildProcess.Outcome
    do {
      listing = try ChildProcess(
        executable: command.executable, arguments: command.arguments,
        environment: launcher.environment(adding: [:]), outputLimit: 4 * 1024 * 1024
      ).run(timeLimit: 120)
    } catch {
      throw .toolFailed(command: commandLine, output: "\(error)")
    }
    guard listing.termination == .exited(0) else {
      throw .toolFailed(command: commandLine, output: listing.output)
    }
    let prefix = module + "."
    return Set(
      listing.output.split(separator: "\n").compactMap { line in
        guard line.hasPrefix(prefix) else { return nil }
        return line.dropFirst(prefix.count).split(separator: "/").first.map(String.init)
      })
  }
}
