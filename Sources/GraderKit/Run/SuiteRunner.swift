import Foundation

/// Grades one exercise by running its suite in the test bundle, in processes of its own.
///
/// Tests run one after another (`--no-parallel`) so that a trap is pinned on the part that was
/// running. After a trap the remaining parts run again in a fresh process, so one crashing part
/// does not hide the results of the others; all runs together share the exercise's time limit.
///
/// Runs start without the runtime's backtracer (symbolicating a crash costs about 0.1 s, and an
/// untouched stub traps in nearly every part); a part that crashes in the learner's own code is
/// run once more with the backtracer on, to show the learner's file and line.
public struct SuiteRunner: Sendable {
  /// Starts the test bundle.
  public var launcher: TestLauncher
  /// The test module holding the suites: `ExerciseTests` (learner) or `SolutionTests` (reference).
  public var module: String
  /// The package root, to shorten paths in crash reports.
  public var packageRoot: URL { launcher.packageRoot }
  /// Where a learner's files are in the build, when it is not `packageRoot` (see `StubbedBuild`).
  public var sourceAliases: [String: String] = [:]

  /// The environment variable that enables the gated learner suites in the bundle.
  public static let gradingVariable = "WORKBOOK_GRADING"

  /// The words a stub's trap message starts with (the library's `unimplementedMarker`).
  ///
  /// The grader keeps its own copy so that it does not depend on the library, and a first build
  /// compiles the two side by side; the test of an untouched stub keeps them equal.
  static let unimplementedMarker = "Not implemented yet:"

  public init(
    bundle: URL, module: String, packageRoot: URL,
    launcher: TestLauncher.Kind = .platformDefault
  ) {
    self.launcher = TestLauncher(kind: launcher, bundle: bundle, packageRoot: packageRoot)
    self.module = module
  }

  /// Runs every part of `exercise`'s suite and collects each part's outcome.
  ///
  /// With `untouched`, the learner's file is exactly its generated stub: once a part stops at a
  /// stub, the parts after it are not run but reported as not started, as the learner has not
  /// begun. One process instead of one per part keeps grading a fresh workbook fast.
  public func grade(_ exercise: Exercise, untouched: Bool = false) -> ExerciseResult {
    let started = Date()
    let deadline = started.addingTimeInterval(exercise.timeLimit + launcher.kind.startupAllowance)
    var plan: [TestReport.Planned] = []
    var outcomes: [String: PartOutcome] = [:]
    /// Each part's time, from the run it started in.
    var seconds: [String: Double] = [:]
    var problem: String?

    runs: while true {
      let unresolved = plan.filter { outcomes[$0.id] == nil }.map(\.id)
      if !plan.isEmpty && unresolved.isEmpty { break }
      let remaining = deadline.timeIntervalSinceNow
      guard remaining > 0 else {
        for id in unresolved {
          outcomes[id] = .notRun("the time limit was used up by earlier parts")
        }
        break
      }
      let run: (ChildProcess.Outcome, TestReport)
      let runStarted = Date()
      do {
        run = try runOnce(
          suite: exercise.suite, only: plan.isEmpty ? nil : unresolved, timeLimit: remaining)
      } catch {
        problem = "the test bundle could not be started: \(error)"
        break
      }
      let runEnded = Date()
      let (process, report) = run
      if plan.isEmpty { plan = report.planned }
      if let inconsistency = report.inconsistency {
        // Nothing in this run's stream can be trusted: every part not yet settled fails.
        for id in plan.map(\.id) where outcomes[id] == nil {
          outcomes[id] = .vanished(
            "the test process's results are not in the order Swift Testing writes them "
              + "(\(inconsistency)): did the code under test write to the results?")
        }
        break
      }
      guard !plan.isEmpty else {
        if report.runEnded {
          problem = "the suite \(exercise.suite) has no tests in \(module)"
        } else if launcher.kind == .swiftTest, process.termination != .timedOut {
          problem =
            "swift test stopped before the suite started, each time it was started; it printed:\n"
            + process.output.split(separator: "\n").suffix(10).joined(separator: "\n")
        } else {
          problem =
            "the test process ended before planning any test: \(describe(process, exercise: exercise))"
        }
        break
      }
      for part in plan where outcomes[part.id] == nil {
        outcomes[part.id] = report.settledOutcome(of: part.id)
      }
      for part in plan where seconds[part.id] == nil && report.started.contains(part.id) {
        seconds[part.id] = report.seconds(of: part.id, from: runStarted, to: runEnded)
      }
      if report.runEnded, process.termination == .exited(0) || process.termination == .exited(1) {
        // A clean end; anything planned but unreported was filtered out by an earlier run.
        for id in plan.map(\.id) where outcomes[id] == nil {
          outcomes[id] = .vanished("the test run ended without reporting this part")
        }
        break
      }
      let interrupted = plan.first {
        report.started.contains($0.id) && !report.ended.contains($0.id)
      }
      switch (process.termination, interrupted) {
      case (.timedOut, let part?):
        outcomes[part.id] = .timedOut(seconds: exercise.timeLimit)
        for id in plan.map(\.id) where outcomes[id] == nil {
          outcomes[id] = .notRun("part \"\(part.name)\" used up the time limit")
        }
        break runs
      case (_, let part?):
        // A hidden part's case stays unnamed: its inputs are what it keeps from the learner.
        let outcome = classifyStop(
          process, exercise: exercise,
          inCase: Self.isHidden(part.name) ? nil : report.openCase[part.id],
          locate: {
            try runOnce(suite: exercise.suite, only: [part.id], timeLimit: $0, backtrace: true)
          },
          deadline: deadline)
        outcomes[part.id] = outcome
        if untouched, case .notStarted = outcome {
          for id in plan.map(\.id) where outcomes[id] == nil {
            outcomes[id] = .notStarted(function: "")
          }
          break runs
        }
      case (_, nil):
        // Stopped outside any test: nothing to pin it on, so it counts against every open part.
        let reason = describe(process, exercise: exercise)
        for id in plan.map(\.id) where outcomes[id] == nil { outcomes[id] = .crashed(reason) }
        break runs
      }
    }
    let parts = plan.map {
      PartResult(
        name: $0.name, outcome: outcomes[$0.id] ?? .notRun("not reached"),
        seconds: seconds[$0.id] ?? 0)
    }
    return ExerciseResult(
      exercise: exercise, parts: parts, problem: problem, seconds: -started.timeIntervalSinceNow)
  }

  /// Runs the suite (or only the tests in `only`) once, returning how the process ended and what
  /// it reported; `backtrace` turns on the runtime's symbolicated backtrace of a crash.
  private func runOnce(
    suite: String, only ids: [String]?, timeLimit: Double, backtrace: Bool = false
  ) throws -> (ChildProcess.Outcome, TestReport) {
    let filter =
      ids.map { "^(" + $0.map(NSRegularExpression.escapedPattern).joined(separator: "|") + ")$" }
      ?? "^" + NSRegularExpression.escapedPattern(for: "\(module).\(suite)") + "(/|$)"
    let deadline = Date().addingTimeInterval(timeLimit)
    var (outcome, data) = try run(filter: filter, timeLimit: timeLimit, backtrace: backtrace)
    var restarts = 0
    while restarts < Self.restartsOfSwiftPM, launcher.failedToStart(outcome, events: data),
      deadline.timeIntervalSinceNow > 0
    {
      restarts += 1
      (outcome, data) = try run(
        filter: filter, timeLimit: deadline.timeIntervalSinceNow, backtrace: backtrace)
    }
    return (outcome, TestReport(jsonLines: data))
  }

  /// How many times a run is started again when `swift test` failed before the bundle started
  /// (`TestLauncher.failedToStart`).
  static let restartsOfSwiftPM = 2

  /// Runs the tests matching `filter` once, returning how the process ended and its event
  /// stream; `stop` may cut the run short (see `ChildProcess.run(timeLimit:stop:)`), given the
  /// stream's bytes as they are written.
  ///
  /// The bundle writes its stream into a pipe the grader drains (`ChildProcess.eventStream`):
  /// what it wrote cannot be taken back or edited. `swift test` starts the bundle itself and
  /// gives it no such descriptor, so through it the stream goes to a file.
  func run(
    filter: String, timeLimit: Double, backtrace: Bool = false,
    stop: ((Data) -> Bool)? = nil
  ) throws -> (ChildProcess.Outcome, Data) {
    let piped = launcher.kind == .bundle
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("grade-\(UUID().uuidString).jsonl")
    defer { if !piped { try? FileManager.default.removeItem(at: file) } }
    let environment = launcher.environment(adding: [
      Self.gradingVariable: "1",
      "SWIFT_BACKTRACE": backtrace
        ? "enable=yes,interactive=no,color=no,limit=40,symbolicate=fast,images=none,"
          + "threads=crashed,registers=none"
        : "enable=no",
    ])
    let command = launcher.run(
      filter: filter, eventStream: piped ? "/proc/self/fd/3" : file.path, symbolicated: backtrace)
    var child = ChildProcess(
      executable: command.executable, arguments: command.arguments, environment: environment)
    child.eventStream = piped
    let written = piped ? nil : FileFollower(file)
    var outcome = try child.run(
      timeLimit: timeLimit,
      stop: stop.map { stop in { new in stop(written?.readNew() ?? new) } })
    outcome.termination = launcher.bundleTermination(outcome)
    return (outcome, piped ? outcome.events : (try? Data(contentsOf: file)) ?? Data())
  }

  /// Whether a part is one of the instructor's hidden cases (`Tests/Hidden`), whose display names
  /// say so: `(c, hidden) …`.
  static func isHidden(_ partName: String) -> Bool {
    partName.hasPrefix("(") && partName.prefix { $0 != ")" }.contains("hidden")
  }

  /// Names what stopped the process in the middle of a part: an untouched stub, a trap, or an exit.
  ///
  /// `testCase` is the argument case a parameterized part was running. A crash is run again
  /// through `locate`, with a backtrace, to find the learner's line (within the `deadline`).
  private func classifyStop(
    _ process: ChildProcess.Outcome, exercise: Exercise, inCase testCase: String?,
    locate: (Double) throws -> (ChildProcess.Outcome, TestReport), deadline: Date
  ) -> PartOutcome {
    if let fatal = fatalErrorLine(in: process.output),
      let marker = fatal.range(of: Self.unimplementedMarker)
    {
      return .notStarted(function: fatal[marker.upperBound...].trimmingCharacters(in: .whitespaces))
    }
    var process = process
    if case .signaled = process.termination, deadline.timeIntervalSinceNow > 0,
      let again = try? locate(deadline.timeIntervalSinceNow).0, case .signaled = again.termination
    {
      process.output += "\n" + again.output
    }
    let account =
      describe(process, exercise: exercise) + (testCase.map { "\nin the case \($0)" } ?? "")
    if case .exited = process.termination { return .vanished(account) }
    return .crashed(account)
  }

  /// A one- or two-line account of how the process stopped, for the learner.
  private func describe(_ process: ChildProcess.Outcome, exercise: Exercise) -> String {
    switch process.termination {
    case .timedOut:
      return "did not finish within \(exercise.timeLimit) s"
    case .exited(let status):
      return
        "the process exited with status \(status) before the part finished (does the code call exit()?)"
    case .signaled(let signal):
      var lines = [
        fatalErrorLine(in: process.output)
          ?? "crashed with signal \(signal) (\(signalName(signal)))"
      ]
      if let frame = learnerFrame(in: process.output, exercise: exercise) {
        lines.append("at \(frame)")
      }
      return lines.joined(separator: "\n")
    }
  }

  /// The runtime's own account of a trap, `[File.swift:12: ]Fatal error: …`, as it starts a line
  /// (never a backtrace or register line that happens to hold those words).
  private func fatalErrorLine(in output: String) -> String? {
    output.split(separator: "\n").last {
      $0.range(of: #"^(\S+:\d+: )?Fatal error: "#, options: .regularExpression) != nil
    }.map { String($0).trimmingCharacters(in: .whitespaces) }
  }

  /// The innermost backtrace frame in the learner's folder, as `path:line`, relative to the package.
  private func learnerFrame(in output: String, exercise: Exercise) -> String? {
    let folder = String(exercise.file.split(separator: "/").first ?? "")
    let places =
      [(packageRoot.appendingPathComponent(folder).path + "/", folder + "/")]
      + sourceAliases.map { ($0.key + "/", $0.value + "/") }
    for line in output.split(separator: "\n") {
      for (built, shown) in places {
        guard let at = line.range(of: " at " + built) else { continue }
        return shown + (line[at.upperBound...].split(separator: " ").first ?? "")
      }
    }
    return nil
  }
}

private func signalName(_ signal: Int32) -> String {
  switch signal {
  case SIGILL: "illegal instruction: a Swift runtime trap"
  case SIGTRAP: "trace trap: a Swift runtime trap"
  case SIGSEGV: "segmentation fault: a stack overflow from unbounded recursion?"
  case SIGBUS: "bus error"
  case SIGABRT: "abort"
  case SIGFPE: "arithmetic exception"
  case SIGKILL: "killed"
  default: "signal \(signal)"
  }
}

/// A file read as it is written: each call gives the bytes added since the last.
private final class FileFollower: @unchecked Sendable {
  private let file: URL
  private var handle: FileHandle?

  init(_ file: URL) {
    self.file = file
  }

  func readNew() -> Data {
    if handle == nil { handle = try? FileHandle(forReadingFrom: file) }
    return (try? handle?.readToEnd()) ?? Data()
  }
}
