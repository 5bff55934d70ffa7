import Foundation
import GraderKit
import Testing

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

/// Grades one fixture exercise in its own process, as `grade` would, started by `launcher`.
func gradeFixture(_ id: String, launcher: TestLauncher.Kind = .bundle) throws -> ExerciseResult {
  let exercise = try #require(try fixtureCatalog().exercise(id))
  return SuiteRunner(
    bundle: testBundle, module: "GraderFixtures", packageRoot: packageRoot, launcher: launcher
  ).grade(exercise)
}

/// A new, empty folder under the system's temporary folder.
func temporaryFolder() -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "grade-tests-\(UUID().uuidString)", isDirectory: true)
  try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
