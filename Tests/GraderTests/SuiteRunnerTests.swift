import Foundation
import Testing

@testable import GraderKit

/// The grader run against suites that misbehave the way learner code does.
@Suite("Grading isolates each exercise and names what went wrong")
struct SuiteRunnerTests {
  @Test("a correct exercise passes")
  func passing() throws {
    let result = try gradeFixture("pass")
    #expect(result.verdict == .passed)
    #expect(result.parts.map(\.outcome) == [.passed, .passed])
    #expect(result.earnedPoints == 5)
  }

  @Test("a wrong answer fails its part with expected versus actual, and only that part")
  func wrongAnswer() throws {
    let result = try gradeFixture("wrong")
    #expect(result.verdict == .failed)
    #expect(result.parts[0].outcome == .passed)
    guard case .failed(let messages) = result.parts[1].outcome else {
      Issue.record("part (b) should fail, got \(result.parts[1].outcome)")
      return
    }
    let message = try #require(messages.first)
    #expect(message.contains("x after 5 steps"))
    #expect(message.contains("expected: 3.2768"))
    #expect(message.contains("actual:   5.9049"))
    #expect(result.earnedPoints == 0)
  }

  @Test("a trap fails the part that trapped; the parts after it still run")
  func trap() throws {
    let result = try gradeFixture("trap")
    #expect(result.verdict == .failed)
    #expect(result.parts.map(\.name) == ["(a) passes", "(b) traps", "(c) passes after the trap"])
    #expect(result.parts[0].outcome == .passed)
    guard case .crashed(let message) = result.parts[1].outcome else {
      Issue.record("part (b) should be a crash, got \(result.parts[1].outcome)")
      return
    }
    #expect(message.contains("Index out of range"))
    #expect(
      message.contains("Tests/GraderFixtures/LearnerCode.swift:"), "the learner's line: \(message)")
    #expect(result.parts[2].outcome == .passed)
  }

  @Test("a trap in one case of a table names that case")
  func tableTrap() throws {
    let result = try gradeFixture("table")
    guard case .crashed(let message) = try #require(result.parts.first).outcome else {
      Issue.record("the table should end in a crash, got \(result.parts)")
      return
    }
    #expect(message.contains("in the case [5.0]"), "\(message)")
  }

  @Test("an endless loop times out at the catalog's limit; later parts are not run")
  func hang() throws {
    let start = Date()
    let result = try gradeFixture("hang")
    let elapsed = Date().timeIntervalSince(start)
    #expect(result.verdict == .failed)
    #expect(result.parts.map(\.outcome.isPassed) == [true, false, false])
    #expect(result.parts[1].outcome == .timedOut(seconds: 1))
    guard case .notRun = result.parts[2].outcome else {
      Issue.record("part (c) should not run, got \(result.parts[2].outcome)")
      return
    }
    #expect(elapsed < 10, "the hung process is killed at the limit (took \(elapsed) s)")
  }

  @Test("exit() in learner code is no result, not a pass")
  func exitIsNoPass() throws {
    let result = try gradeFixture("exit")
    #expect(result.verdict == .failed)
    guard case .vanished(let message) = try #require(result.parts.first).outcome else {
      Issue.record("an exit should be reported as no result, got \(result.parts)")
      return
    }
    #expect(message.contains("exit"))
  }

  @Test("printed junk changes nothing: results come from the event stream")
  func junk() throws {
    let result = try gradeFixture("junk")
    #expect(result.parts.map(\.outcome.isPassed) == [true, false])
    #expect(result.verdict == .failed)
  }

  @Test("an untouched stub grades as not started, naming the stub")
  func stub() throws {
    let result = try gradeFixture("stub")
    #expect(result.verdict == .notStarted)
    #expect(
      result.parts.map(\.outcome) == [
        .notStarted(function: "fixtureStub(x0:)"), .notStarted(function: "fixtureStub(x0:)"),
      ])
  }

  @Test("a flood of output is cut to its tail, which still names the trap")
  func flood() throws {
    let result = try gradeFixture("flood")
    guard case .crashed(let message) = try #require(result.parts.first).outcome else {
      Issue.record("the flood should end in a crash, got \(result.parts)")
      return
    }
    #expect(message.contains("the flood is over"))
  }

  @Test("a process the learner's code starts is killed with it")
  func orphan() throws {
    let result = try gradeFixture("orphan")
    #expect(result.verdict == .passed)
    // The fixture runs `/bin/sleep 31.4159`: look for it among the machine's processes.
    let survivors = runningProcesses(withArgument: "31.4159")
    #expect(survivors.isEmpty, "processes still running: \(survivors)")
  }

  @Test("a process that leaves the session with setsid is killed with its exercise (Linux)")
  func escape() throws {
    let result = try gradeFixture("escape")
    #expect(result.verdict == .passed, "\(result.parts) \(result.problem ?? "")")
    #expect(runningProcesses(withArgument: "27.1828").isEmpty, "the escapee still runs")
  }

  @Test("an untouched stub file is graded in one run: the parts after the first stub are not run")
  func untouchedStub() throws {
    let exercise = try #require(try fixtureCatalog().exercise("stub"))
    let runner = fixtureRunner()
    let result = runner.grade(exercise, untouched: true)
    #expect(result.verdict == .notStarted)
    #expect(
      result.parts.map(\.outcome) == [
        .notStarted(function: "fixtureStub(x0:)"), .notStarted(function: ""),
      ], "the first part ran into the stub; the second was not run")
    let trap = try #require(try fixtureCatalog().exercise("trap"))
    #expect(
      runner.grade(trap, untouched: true).parts.map(\.outcome.isPassed) == [true, false, true],
      "a crash is no stub: the parts after it still run")
  }

  @Test("a failed allocation is named by the runtime's own message")
  func allocation() throws {
    let result = try gradeFixture("alloc")
    guard case .crashed(let message) = try #require(result.parts.first).outcome else {
      Issue.record("the allocation should crash, got \(result.parts)")
      return
    }
    // Only the reason: the runtime aborts through libc, which the backtracer cannot unwind.
    #expect(message.hasPrefix("Fatal error: failed to allocate"), "\(message)")
  }

  @Test("records appended to the event stream by the code under test pass nothing")
  func forgery() throws {
    let result = try gradeFixture("forge")
    #expect(result.verdict == .failed)
    #expect(!result.parts.contains { $0.outcome.isPassed }, "\(result.parts)")
    guard case .vanished(let message) = try #require(result.parts.last).outcome else {
      Issue.record("the forged part should have no result, got \(result.parts)")
      return
    }
    #expect(message.contains("not in the order Swift Testing writes them"), "\(message)")
  }

  @Test(
    "answers copied from the visible messages pass the visible parts and fail the hidden ones",
    arguments: ["lookup41", "lookup42"])
  func lookupTable(id: String) throws {
    let result = try gradeFixture(id)
    #expect(result.verdict == .failed)
    let visible = result.parts.filter { !$0.name.contains("hidden") }
    let hidden = result.parts.filter { $0.name.contains("hidden") }
    #expect(!visible.isEmpty && visible.allSatisfy(\.outcome.isPassed), "\(visible)")
    #expect(!hidden.isEmpty && !hidden.contains { $0.outcome.isPassed }, "\(hidden)")
    for part in hidden {
      guard case .failed(let messages) = part.outcome else { continue }
      #expect(messages.allSatisfy { $0.hasPrefix("hidden case: ") && !$0.contains("expected") })
      #expect(
        !messages.contains { $0.contains("x0 =") || $0.contains("η =") },
        "a hidden case's message names no input: \(messages)")
    }
    #expect(hidden.allSatisfy { SuiteRunner.isHidden($0.name) })
    #expect(!visible.contains { SuiteRunner.isHidden($0.name) })
  }

  @Test("escape codes the learner's code prints are shown, not obeyed")
  func paint() throws {
    let result = try gradeFixture("paint")
    #expect(result.verdict == .failed)
    let text = TextReport(colors: false).render([result])
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(text)")
    #expect(text.contains("␛[1A␍␛[2Kpaint"), "\(text)")
    #expect(text.contains("FAIL"))
  }

  @Test(
    "graded together and in parallel, each exercise gets the result it gets alone, in processes of their own or shared",
    arguments: [false, true])
  func isolation(sharing: Bool) throws {
    // A fixture of each outcome: passed, failed, crashed, timed out, exited, junk, not started,
    // forged.
    let kinds = ["pass", "wrong", "trap", "hang", "exit", "junk", "stub", "forge"]
    let exercises = try fixtureCatalog().exercises.filter { kinds.contains($0.id) }
    #expect(exercises.count == kinds.count)
    let runner = fixtureRunner()
    let alone = exercises.map { runner.grade($0) }
    let together = Grader.gradeAll(exercises, jobs: 4, runner: runner, together: sharing)
    #expect(together.map(\.exercise.id) == exercises.map(\.id))
    #expect(together.map(\.verdict) == alone.map(\.verdict))
    #expect(
      together.map { $0.parts.map(\.outcome.isPassed) }
        == alone.map { $0.parts.map(\.outcome.isPassed) })
  }

  @Test(
    "exercises sharing a test process get the results they get alone: a trap and an exit are graded alone, a loop is cut off at its own limit"
  )
  func sharedProcess() throws {
    let kinds = ["pass", "trap", "wrong", "hang", "junk", "exit", "table", "paint"]
    let exercises = try fixtureExercises(kinds)
    let runner = fixtureRunner()
    let alone = exercises.map { runner.grade($0) }
    let start = Date()
    let shared = runner.gradeTogether(exercises)
    #expect(shared.map(\.exercise.id) == kinds)
    for (sharing, own) in zip(shared, alone) {
      #expect(sharing.parts.map(\.name) == own.parts.map(\.name), "\(own.exercise.id)")
      #expect(
        sharing.parts.map { kind($0.outcome) } == own.parts.map { kind($0.outcome) },
        "\(own.exercise.id): \(sharing.parts) against \(own.parts)")
      #expect(sharing.earnedPoints == own.earnedPoints, "\(own.exercise.id)")
    }
    // Outcomes without a crash are the same to the message.
    for index in [0, 2, 3, 4] { #expect(shared[index] == alone[index], "\(kinds[index])") }
    // The loop's 1 s limit stopped it, not the 20 s of the others.
    #expect(Date().timeIntervalSince(start) < 15)
  }

  @Test("exercises sharing a process do share it: state one leaves behind reaches the next")
  func sharedState() throws {
    let exercises = try fixtureExercises(["first", "second"])
    let runner = fixtureRunner()
    #expect(exercises.map { runner.grade($0).verdict } == [.passed, .passed])
    let shared = runner.gradeTogether(exercises).map(\.verdict)
    #expect(shared.sorted { $0.rawValue < $1.rawValue } == [.failed, .passed], "\(shared)")
  }

  @Test(
    "a stream the code under test writes to sends every exercise of the shared process to its own")
  func sharedForgery() throws {
    let exercises = try fixtureExercises(["pass", "forge", "wrong"])
    let runner = fixtureRunner()
    #expect(runner.gradeTogether(exercises) == exercises.map { runner.grade($0) })
  }

  @Test(
    "the portable runner, through swift test --skip-build, names a failure, a trap and an exit as the direct runner does",
    arguments: ["wrong", "trap", "exit"])
  func portableRunner(id: String) throws {
    let direct = try gradeFixture(id)
    let portable = try gradeFixture(id, launcher: .swiftTest)
    #expect(portable.verdict == direct.verdict)
    #expect(portable.parts.map(\.name) == direct.parts.map(\.name))
    #expect(portable.parts.map { kind($0.outcome) } == direct.parts.map { kind($0.outcome) })
    if case .crashed(let message) = direct.parts.first(where: { kind($0.outcome) == "crashed" })?
      .outcome
    {
      #expect(portable.parts.contains { $0.outcome == .crashed(message) }, "\(portable.parts)")
    }
  }

  @Test("swift test failed to start the suite when it stopped before any event, not by time-out")
  func swiftPMFailureToStart() {
    let portable = TestLauncher(kind: .swiftTest, bundle: testBundle, packageRoot: packageRoot)
    let failed = ChildProcess.Outcome(
      termination: .exited(1), output: "error: unable to load build file")
    #expect(portable.failedToStart(failed, events: Data()))
    #expect(
      portable.failedToStart(.init(termination: .signaled(SIGBUS), output: ""), events: Data()))
    #expect(!portable.failedToStart(failed, events: Data("{}\n".utf8)), "the bundle had started")
    #expect(!portable.failedToStart(.init(termination: .timedOut, output: ""), events: Data()))
    #expect(!portable.failedToStart(.init(termination: .exited(0), output: ""), events: Data()))
    let direct = TestLauncher(kind: .bundle, bundle: testBundle, packageRoot: packageRoot)
    #expect(
      !direct.failedToStart(failed, events: Data()), "a bundle started directly has no SwiftPM")
  }

  @Test("a swift test that cannot start the suite is named as the problem, with what it printed")
  func swiftPMCannotStart() throws {
    let notAPackage = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: notAPackage) }
    let runner = SuiteRunner(
      bundle: testBundle, module: "GraderFixtures", packageRoot: notAPackage,
      launcher: .swiftTest)
    let result = runner.grade(try fixtureExercises(["pass"])[0])
    #expect(result.verdict == .failed)
    #expect(result.parts.isEmpty)
    let problem = try #require(result.problem)
    #expect(problem.hasPrefix("swift test stopped before the suite started"), "\(problem)")
    #expect(problem.contains("Package.swift"), "SwiftPM's own words are shown: \(problem)")
  }

  @Test("runs through swift test share one temporary folder, so SwiftPM's cached manifest serves")
  func swiftTestTemporaries() {
    let portable = TestLauncher(kind: .swiftTest, bundle: testBundle, packageRoot: packageRoot)
    let folder = Builder.temporaries(of: packageRoot).path
    #expect(portable.environment(adding: ["A": "1"])["TMPDIR"] == folder)
    #expect(portable.environment(adding: ["A": "1"])["A"] == "1")
    let direct = TestLauncher(kind: .bundle, bundle: testBundle, packageRoot: packageRoot)
    #expect(direct.environment(adding: [:])["TMPDIR"] != folder)
  }
}

/// The processes on the machine whose command line holds `argument`.
private func runningProcesses(withArgument argument: String) -> [String] {
  let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
  return entries.filter { pid in
    guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
      return false
    }
    return String(decoding: cmdline, as: UTF8.self).contains(argument)
  }
}

/// The outcome's case, without its message.
private func kind(_ outcome: PartOutcome) -> String {
  switch outcome {
  case .passed: "passed"
  case .failed: "failed"
  case .notStarted: "notStarted"
  case .crashed: "crashed"
  case .timedOut: "timedOut"
  case .vanished: "vanished"
  case .notRun: "notRun"
  }
}
