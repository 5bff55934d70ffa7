import Foundation
import Testing

@testable import GraderKit

/// The sandbox strict grading runs test processes in (`grade-sandbox`, Linux), tried with fixture
/// code that reaches for what is not its own.
@Suite("The sandbox of strict grading")
struct SandboxTests {
  /// A runner of the fixture suites whose test processes run in the sandbox.
  private func sandboxedRunner() throws -> SuiteRunner {
    var runner = fixtureRunner()
    runner.launcher.sandbox = try Sandbox.make(packageRoot: packageRoot).get()
    return runner
  }

  @Test(
    "in the sandbox, code reads none of the instructor's files, writes nowhere but a private /tmp, sees and signals no other process, has no network, and reads the workbook's data"
  )
  func contained() throws {
    let result = try sandboxedRunner().grade(try fixtureExercises(["sandbox"])[0])
    #expect(result.verdict == .passed, "\(result.parts)")
  }

  @Test("outside it, the same code reaches all of that: the fixture tells the two apart")
  func uncontained() throws {
    let result = try gradeFixture("sandbox")
    #expect(result.parts.map(\.outcome.isPassed) == [false, false, false, false, true])
  }

  @Test(
    "in the sandbox a pass, a wrong answer, a trap, an exit and a time-out get the results they get outside",
    arguments: ["pass", "wrong", "trap", "exit", "hang"])
  func sameResults(id: String) throws {
    let exercise = try fixtureExercises([id])[0]
    let inside = try sandboxedRunner().grade(exercise)
    let outside = fixtureRunner().grade(exercise)
    #expect(inside == outside)
  }

  @Test(
    "a visible path under /tmp (a workbook checked out there) is seen, read-only, above the private /tmp"
  )
  func visibleUnderTemporary() throws {
    let sandbox = try Sandbox.make(packageRoot: packageRoot).get()
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("seen\n".utf8).write(to: folder.appendingPathComponent("data.txt"))
    let command = sandbox.command(
      URL(fileURLWithPath: "/bin/sh"),
      ["-c", "cat \"$0/data.txt\" && ! touch \"$0/new\" 2>/dev/null", folder.path],
      alsoVisible: [folder.path])
    let outcome = try ChildProcess(
      executable: command.executable, arguments: command.arguments, environment: [:]
    ).run(timeLimit: 10)
    #expect(outcome.termination == .exited(0), "\(outcome.output)")
    #expect(outcome.output == "seen\n")
  }

  @Test("the event stream is a pipe: the path the bundle is told is its own descriptor 3")
  func pipedStream() throws {
    var runner = fixtureRunner()
    runner.launcher.sealedCopy = nil
    let (outcome, events) = try runner.run(
      filter: "^GraderFixtures\\.PassingFixture(/|$)", timeLimit: 30)
    #expect(outcome.termination == .exited(0))
    let report = TestReport(jsonLines: events)
    #expect(
      report.runEnded && report.planned.count == 2, "\(String(decoding: events, as: UTF8.self))")
  }
}
