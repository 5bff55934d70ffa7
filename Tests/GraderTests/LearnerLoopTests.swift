import Foundation
import Synchronization
import Testing

@testable import GraderKit

/// The learner's loop on a small workbook built for real (`Fixtures/Workbook`): files that do not
/// compile, `--reset`, `--watch` and the portable runner.
///
/// One copy is built once and shared, so the suite runs its tests one at a time, in this order; a
/// test that changes a learner file puts it back. `--watch` comes right after the first build,
/// which it then reuses, and `--reset` last, as it builds nothing itself.
@Suite("The learner's loop on a real build", .serialized)
struct LearnerLoopTests {
  /// The fixture workbook, copied to a temporary folder.
  static let root = fixtureWorkbook()

  /// Runs `grade` on the fixture workbook, returning its status and stdout.
  private func grade(_ arguments: [String], state: URL = temporaryFolder()) throws -> (
    status: Int32, output: String
  ) {
    try runGrade(arguments, in: Self.root, state: state)
  }

  private func file(_ name: String) -> URL {
    Self.root.appendingPathComponent("Exercises/\(name).swift")
  }

  private func solution(_ name: String) throws -> String {
    try String(
      contentsOf: Self.root.appendingPathComponent("Solutions/\(name).swift"), encoding: .utf8)
  }

  @Test("two files that do not compile fail alone, with their errors; the others are graded")
  func brokenFilesFailAlone() throws {
    let (status, output) = try grade([])
    #expect(status == 1)
    let rows = output.split(separator: "\n").map(String.init)
    #expect(rows.contains { $0.hasPrefix("one ") && $0.contains("PASS") }, "\(output)")
    #expect(rows.contains { $0.hasPrefix("four ") && $0.contains("NOT STARTED") }, "\(output)")
    for broken in ["two", "three"] {
      #expect(
        rows.contains {
          $0.hasPrefix(broken + " ") && $0.contains("FAIL") && $0.contains("does not compile")
        },
        "\(output)")
    }
    #expect(
      output.contains("Exercises/Two.swift:5:22: error: cannot convert value of type 'Double'"))
    #expect(output.contains("let y: Int = x * x * x"), "the source line is shown")
    #expect(output.contains("Exercises/Three.swift:"))
    // Only the learner's files have diagnostics: the fixture's own targets compile cleanly.
    let files = diagnosticsFiles(under: Self.root.appendingPathComponent(".build/debug"))
      .filter { $0.deletingLastPathComponent().lastPathComponent != "Exercises.build" }
    #expect(!files.isEmpty)
    #expect(files.filter { (try? hasDiagnostic(Data(contentsOf: $0))) != false } == [])

    let json = try grade(["--json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    let exercises = try #require(object["exercises"] as? [[String: Any]])
    #expect(exercises.map { $0["verdict"] as? String } == ["PASS", "FAIL", "FAIL", "NOT STARTED"])
    #expect(
      exercises.map { ($0["compileErrors"] as? [String])?.isEmpty } == [true, false, false, true])
    #expect(object["buildErrors"] as? [String] == [])
  }

  @Test("--watch grades, then re-grades the exercise whose file is saved")
  func watch() throws {
    let stub = try Data(contentsOf: file("Four"))
    defer { try? stub.write(to: file("Four")) }
    var parsed = try Options(parsing: ["--watch", "four"])
    parsed.packagePath = Self.root.path
    parsed.moduleCache = fixtureModuleCache
    let options = parsed
    let transcript = Transcript()
    let start = Date()
    let timedOut: @Sendable () -> Bool = { Date().timeIntervalSince(start) > 240 }
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      _ = try? Grader.run(
        options, stateFolder: temporaryFolder(),
        stopWatching: { transcript.text.contains("PASS") || timedOut() },
        output: transcript.append)
      done.signal()
    }
    while transcript.screens == 0 && !timedOut() { Thread.sleep(forTimeInterval: 0.1) }
    #expect(transcript.text.contains("NOT STARTED"))
    try Data("import Workbook\n\npublic func negate(_ x: Double) -> Double { -x }\n".utf8)
      .write(to: file("Four"))
    done.wait()
    let text = transcript.text
    #expect(transcript.screens == 2, "\(text)")
    #expect(text.contains("PASS"), "\(text)")
    #expect(text.hasSuffix("Stopped watching.\n"))
  }

  @Test("an exercise graded alone whose file does not compile is shown without building its stub")
  func brokenExerciseAlone() throws {
    let two = try Data(contentsOf: file("Two"))
    defer { try? two.write(to: file("Two")) }
    try (two + Data("// saved again, still broken\n".utf8)).write(to: file("Two"))
    let stubbed = Self.root.appendingPathComponent(Builder.stubbedFolder)
    try? FileManager.default.removeItem(at: stubbed)
    let (status, output) = try grade(["two"])
    #expect(status == 1)
    #expect(output.contains("does not compile"), "\(output)")
    #expect(output.contains("Exercises/Two.swift:5:22: error:"), "\(output)")
    #expect(
      !FileManager.default.fileExists(atPath: stubbed.path),
      "no other exercise is graded, so no stub is built in its place")
    let both = try grade(["two", "one"])
    #expect(both.output.contains("PASS") && both.output.contains("does not compile"))
    #expect(FileManager.default.fileExists(atPath: stubbed.path), "one's suite needs the stubs")
  }

  @Test("a learner file that imports Solutions fails alone, naming the file and the reason")
  func importOfSolutions() throws {
    let original = try Data(contentsOf: file("One"))
    defer { try? original.write(to: file("One")) }
    try Data(
      """
      import Solutions
      import Workbook

      public func square(_ x: Double) -> Double { Solutions.square(x) }

      """.utf8
    ).write(to: file("One"))
    let (status, output) = try grade(["one", "four"])
    #expect(status == 1)
    let rows = output.split(separator: "\n").map(String.init)
    #expect(rows.contains { $0.hasPrefix("one ") && $0.contains("does not compile") }, "\(output)")
    #expect(rows.contains { $0.hasPrefix("four ") && $0.contains("NOT STARTED") }, "\(output)")
    #expect(output.contains("Exercises/One.swift:1:1: error: imports Solutions, a target"))
  }

  @Test("--strict refuses a submission that calls exit or adds public API, naming both")
  func strict() throws {
    let original = try Data(contentsOf: file("One"))
    defer { try? original.write(to: file("One")) }
    try Data(
      """
      import Foundation
      import Workbook

      public func square(_ x: Double) -> Double { x * x }

      public func expectClose(_ a: Double, _ b: Double) {}

      func leave() { exit(0) }

      """.utf8
    ).write(to: file("One"))
    let error = #expect(throws: GradeError.self) { try grade(["--strict"]) }
    guard case .refused(let reasons)? = error else {
      Issue.record("expected a refusal, got \(String(describing: error))")
      return
    }
    #expect(reasons.contains { $0.hasPrefix("One.swift calls exit") }, "\(reasons)")
    #expect(
      reasons.contains {
        $0.hasPrefix("public function expectClose(_:_:) (Exercises/One.swift:6)")
      },
      "\(reasons)")
    #expect(error?.exitStatus == 1)
    #expect(try grade([]).output.contains("PASS"), "without --strict it is graded")
  }

  @Test("the portable runner, through swift test, gives the direct runner's verdicts")
  func portableRunner() throws {
    let direct = try grade(["--json", "--runner", "bundle"])
    let portable = try grade(["--json", "--runner", "swift-test"])
    let verdicts = { (json: String) throws -> [String] in
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
      return (object["exercises"] as? [[String: Any]] ?? []).map {
        "\($0["id"]!) \($0["verdict"]!)"
      }
    }
    let (portableVerdicts, directVerdicts) = (
      try verdicts(portable.output), try verdicts(direct.output)
    )
    #expect(portableVerdicts == directVerdicts, "\(portable.output)")
    #expect(
      directVerdicts == ["one PASS", "two FAIL", "three FAIL", "four NOT STARTED"],
      "\(direct.output)")
  }

  @Test("an edit inside function bodies is compiled and linked without swift build; others build")
  func quickRebuild() throws {
    let names = ["Two", "Three", "Four"]
    let originals = try names.map { try Data(contentsOf: file($0)) }
    defer { for (name, data) in zip(names, originals) { try? data.write(to: file(name)) } }
    for name in ["Two", "Three"] { try Data(solution(name).utf8).write(to: file(name)) }
    let catalog = try CatalogLoader(packageRoot: Self.root).load("grader.json")
    var builder = Builder(packageRoot: Self.root, progress: { _ in })
    builder.moduleCache = fixtureModuleCache
    /// Builds, returning what the build showed.
    func build(graded: Set<String>? = nil) throws -> (outcome: BuildOutcome, shown: String) {
      let shown = Transcript()
      builder.progress = shown.append
      let outcome = try builder.build(catalog: catalog, graded: graded)
      return (outcome, shown.text)
    }
    let quick = "the learner's module is unchanged: no swift build needed"

    let first = try build()
    #expect(first.outcome.uncompilable.isEmpty)
    #expect(!first.shown.contains(quick), "the first build is SwiftPM's: \(first.shown)")
    #expect(
      FileManager.default.fileExists(atPath: SwiftPMLock.file(packageRoot: Self.root).path),
      "SwiftPM's builds take the lock file this takes")

    // four's stub answered: a body edit.
    try Data(solution("Four").utf8).write(to: file("Four"))
    let answered = try build()
    #expect(answered.shown.contains(quick), "\(answered.shown)")
    #expect(!answered.shown.contains("Building for debugging"), "\(answered.shown)")
    #expect(answered.outcome.uncompilable.isEmpty)
    #expect(try grade(["four"]).output.contains("PASS"))

    // A function added to the API changes the module: SwiftPM builds the suites against it.
    try Data((solution("Four") + "\npublic func twice(_ x: Double) -> Double { 2 * x }\n").utf8)
      .write(to: file("Four"))
    let added = try build()
    #expect(!added.shown.contains(quick), "\(added.shown)")
    #expect(added.shown.contains("Compiling ExerciseTests"), "\(added.shown)")
    #expect(try grade(["four"]).output.contains("PASS"))

    // A body that does not compile, graded alone: the quick compile names the error, and no
    // swift build runs (graded with the others, the stubs would be built in its place).
    try Data(
      "import Workbook\n\npublic func negate(_ x: Double) -> Double {\n  let y: Int = x\n  return y\n}\n"
        .utf8
    ).write(to: file("Four"))
    let failed = try build(graded: ["Exercises/Four.swift"])
    #expect(failed.shown.contains("Compiling the edited learner files"), "\(failed.shown)")
    #expect(!failed.shown.contains("Building for debugging"), "\(failed.shown)")
    let error = try #require(failed.outcome.uncompilable["Exercises/Four.swift"]?.first)
    #expect(error.line == 4 && error.column == 16, "\(error)")
    let broken = try grade(["four"])
    #expect(broken.output.contains("does not compile"), "\(broken.output)")
    #expect(broken.output.contains("Exercises/Four.swift:4:16: error:"), "\(broken.output)")
  }

  @Test("Ctrl-C ends grade and the test process stuck in a learner's endless loop with it")
  func interrupted() throws {
    let restore = try loopingFour()
    defer { restore() }
    let grade = gradingFour()
    grade.standardOutput = FileHandle.nullDevice
    grade.standardError = FileHandle.nullDevice
    try startingAsFromATerminal { try grade.run() }
    defer { kill(-grade.processIdentifier, SIGKILL) }
    // Its test process: the child in a session of its own (a build is in grade's session).
    let start = Date()
    var looping: pid_t?
    while looping == nil && grade.isRunning && Date().timeIntervalSince(start) < 120 {
      looping =
        Escapees.childProcesses(of: grade.processIdentifier)
        .first { $0.session == $0.pid }?.pid
      Thread.sleep(forTimeInterval: 0.02)
    }
    let test = try #require(looping, "grade started no test process")
    defer { kill(test, SIGKILL) }
    // Ctrl-C: the terminal's signal to its foreground group, grade's (Foundation made it one).
    // Both end before the loop's 1.5 s limit, which grade is no longer there to enforce.
    kill(-grade.processIdentifier, SIGINT)
    Thread.sleep(forTimeInterval: 1)
    #expect(!running(grade.processIdentifier), "grade still runs")
    #expect(!running(test), "the learner's endless loop still runs")
  }

  @Test(
    "a closed output does not end grade midway: it grades to the end, with its usual status")
  func closedOutput() throws {
    let restore = try loopingFour()
    defer { restore() }
    // As `swift run grade 2>&1 | head -1` once head has gone: every write finds no reader.
    let grade = gradingFour()
    let output = Pipe()
    grade.standardOutput = output
    grade.standardError = output
    try output.fileHandleForReading.close()
    try startingAsFromATerminal { try grade.run() }
    defer { kill(-grade.processIdentifier, SIGKILL) }
    grade.waitUntilExit()
    // Graded to the end, four's loop cut off at its limit: the exit status of a failure, where
    // the first write used to end grade (by SIGPIPE), before any test process ran.
    #expect(grade.terminationReason == .exit, "grade ended by signal \(grade.terminationStatus)")
    #expect(grade.terminationStatus == 1)
  }

  /// Writes an endless loop into four's learner file; returns what puts the file back.
  private func loopingFour() throws -> () -> Void {
    let four = try Data(contentsOf: file("Four"))
    try Data(
      "import Workbook\n\npublic func negate(_ x: Double) -> Double {\n  while x == x {}\n  return -x\n}\n"
        .utf8
    ).write(to: file("Four"))
    return { try? four.write(to: self.file("Four")) }
  }

  /// The grade executable beside this test bundle, set to grade four (to be started as from a
  /// terminal).
  private func gradingFour() -> Process {
    let grade = Process()
    grade.executableURL = testBundle.deletingLastPathComponent().appendingPathComponent("grade")
    grade.arguments = ["four", "--package-path", Self.root.path]
    grade.environment = compilerEnvironment.merging(["GRADE_MODULE_CACHE": fixtureModuleCache]) {
      $1
    }
    return grade
  }

  /// Whether process `pid` runs: it exists and has not ended (a process that ended and was not
  /// yet waited for is a zombie, state Z).
  private func running(_ pid: pid_t) -> Bool {
    statFields(of: "\(pid)").map { $0.first != "Z" } ?? false
  }

  @Test("--reset puts back exactly the generated stub and keeps the learner's file")
  func reset() throws {
    let broken = try Data(contentsOf: file("Two"))
    defer { try? broken.write(to: file("Two")) }
    let state = temporaryFolder()

    let first = try grade(["--reset", "two"], state: state)
    #expect(first.status == 0)
    let stub = try StubGenerator.stub(
      forExerciseFile: "Exercises/Two.swift", packageRoot: Self.root)
    #expect(try String(contentsOf: file("Two"), encoding: .utf8) == stub)
    let backups = try FileManager.default.contentsOfDirectory(
      atPath: state.appendingPathComponent("backups").path)
    #expect(backups.count == 1 && backups[0].hasPrefix("Two.") && backups[0].hasSuffix(".swift"))
    #expect(
      try Data(contentsOf: state.appendingPathComponent("backups/\(backups[0])")) == broken)
    #expect(first.output.contains(backups[0]), "the backup is named: \(first.output)")

    let again = try grade(["--reset", "two"], state: state)
    #expect(again.output.contains("already is the stub"))
    #expect(
      try FileManager.default.contentsOfDirectory(
        atPath: state.appendingPathComponent("backups").path
      ).count == 1)
  }
}
