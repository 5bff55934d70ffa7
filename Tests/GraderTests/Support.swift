import Foundation
import Synchronization
import Testing

@testable import GraderKit

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The test bundle running these tests: it also holds the suites the grader runs.
let testBundle = URL(
  fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? CommandLine.arguments[0])

/// The fixture catalog: suites in `Tests/GraderFixtures` that pass, fail, trap, hang, exit or print junk.
func fixtureCatalog() throws -> Catalog {
  try CatalogLoader(packageRoot: packageRoot).load("Tests/GraderTests/Fixtures/grader.json")
}

/// The fixture exercises named by `ids`, in that order.
func fixtureExercises(_ ids: [String]) throws -> [Exercise] {
  let catalog = try fixtureCatalog()
  return try ids.map { try #require(catalog.exercise($0)) }
}

/// A runner of the fixture suites in this test bundle, started by `launcher`.
func fixtureRunner(launcher: TestLauncher.Kind = .bundle) -> SuiteRunner {
  SuiteRunner(
    bundle: testBundle, module: "GraderFixtures", packageRoot: packageRoot, launcher: launcher)
}

/// Grades one fixture exercise in its own process, as `grade` would, started by `launcher`.
func gradeFixture(_ id: String, launcher: TestLauncher.Kind = .bundle) throws -> ExerciseResult {
  fixtureRunner(launcher: launcher).grade(try fixtureExercises([id])[0])
}

/// This test process's own folder under the system's temporary folder, removed when the process
/// ends: a test run leaves nothing behind, even where a test forgets its own folder.
private let testRunPath = FileManager.default.temporaryDirectory
  .appendingPathComponent("grade-tests-\(getpid())").path

private let testRunFolder: URL = {
  try? FileManager.default.createDirectory(
    atPath: testRunPath, withIntermediateDirectories: true)
  atexit { try? FileManager.default.removeItem(atPath: testRunPath) }
  return URL(fileURLWithPath: testRunPath, isDirectory: true)
}()

/// A new, empty folder in this test run's folder.
func temporaryFolder() -> URL {
  let url = testRunFolder.appendingPathComponent(UUID().uuidString, isDirectory: true)
  try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Every file under `folder` (relative path → contents), to check that a command left a learner's
/// files byte for byte as they were.
func fileContents(under folder: URL) -> [String: Data] {
  var contents: [String: Data] = [:]
  let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
  while let file = files?.nextObject() as? URL {
    if let data = FileManager.default.contents(atPath: file.path) {
      contents[String(file.path.dropFirst(folder.path.count))] = data
    }
  }
  return contents
}

/// The environment for a compiler the tests start: its temporary files go to the test run's
/// folder, not the system's.
var compilerEnvironment: [String: String] {
  ProcessInfo.processInfo.environment.merging(["TMPDIR": testRunFolder.path]) { $1 }
}

/// A copy of the fixture workbook (`Fixtures/Workbook`) in a new temporary folder, with the real
/// `Sources/Workbook/Unimplemented.swift`, ready to build.
func fixtureWorkbook() -> URL {
  let root = temporaryFolder().appendingPathComponent("Workbook", isDirectory: true)
  let fixture = packageRoot.appendingPathComponent("Tests/GraderTests/Fixtures/Workbook")
  try! FileManager.default.copyItem(at: fixture, to: root)
  let workbook = root.appendingPathComponent("Sources/Workbook")
  try! FileManager.default.createDirectory(at: workbook, withIntermediateDirectories: true)
  try! FileManager.default.copyItem(
    at: packageRoot.appendingPathComponent("Sources/Workbook/Unimplemented.swift"),
    to: workbook.appendingPathComponent("Unimplemented.swift"))
  // The learner's Three.swift does not parse: written here, since the repository holds only
  // Swift that `swift format lint` reads.
  let three = """
    import Workbook

    /// Returns the half of x.
    public func half(_ x: Double) -> Double {
      x / 2 +
    }

    """
  try! Data(three.utf8).write(to: root.appendingPathComponent("Exercises/Three.swift"))
  return root
}

/// The module cache every build of a fixture workbook shares (`Options.moduleCache`): the one
/// SwiftPM filled beside this test bundle while building it.
///
/// Each copy then compiles only its own code: Swift Testing's, Foundation's and the C library's
/// modules are already there, built by the same compiler for the same target, so a test run on a
/// fresh clone does not build them a second time.
let fixtureModuleCache = testBundle.deletingLastPathComponent()
  .appendingPathComponent("ModuleCache").path

/// Runs `grade` with `arguments` on the workbook at `root`, returning its status and stdout.
func runGrade(_ arguments: [String], in root: URL, state: URL = temporaryFolder()) throws -> (
  status: Int32, output: String
) {
  var options = try Options(parsing: arguments)
  options.packagePath = root.path
  options.moduleCache = fixtureModuleCache
  let transcript = Transcript()
  let status = try Grader.run(options, stateFolder: state, output: transcript.append)
  return (status, transcript.text)
}

/// What `grade` printed, collected from any thread.
final class Transcript: Sendable {
  private let lines = Mutex("")

  var text: String { lines.withLock { $0 } }

  /// How many times `--watch` has drawn its screen.
  var screens: Int { text.components(separatedBy: "re-graded at").count - 1 }

  func append(_ line: String) {
    lines.withLock { $0 += line + "\n" }
  }
}

/// Runs `body`, which starts a program, with Ctrl-C and a broken pipe's signal neither ignored nor
/// blocked, as a shell starts a program: a program inherits both from the thread that starts it,
/// a test's thread blocks signals, and a test run started in the background ignores Ctrl-C.
func startingAsFromATerminal<T>(_ body: () throws -> T) rethrows -> T {
  let inherited = [SIGINT, SIGPIPE].map { ($0, signal($0, SIG_DFL)) }
  var unblocked = sigset_t()
  var blocked = sigset_t()
  sigemptyset(&unblocked)
  sigaddset(&unblocked, SIGINT)
  sigaddset(&unblocked, SIGPIPE)
  pthread_sigmask(SIG_UNBLOCK, &unblocked, &blocked)
  defer {
    pthread_sigmask(SIG_SETMASK, &blocked, nil)
    for (number, handler) in inherited { signal(number, handler) }
  }
  return try body()
}
