import Foundation
import Testing

@testable import GraderKit

@Suite("The student release")
struct ReleaseTests {
  /// A release of this workbook, written once for the suite's tests.
  static let release: URL = {
    let destination = temporaryFolder().appendingPathComponent("release")
    _ = try! Release.write(from: packageRoot, to: destination)
    return destination
  }()

  private var files: [String] {
    let walker = FileManager.default.enumerator(atPath: Self.release.path)
    return (walker?.allObjects as? [String] ?? []).sorted()
  }

  @Test("has no solution, hidden case, grader test or explanation")
  func nothingGivenAway() throws {
    let instructorOnly = [
      "Solutions", "Tests/Hidden", "Tests/ExerciseTests/Hidden", "Tests/SolutionTests",
      "Tests/GraderTests", "Tests/GraderFixtures", ".git", ".build", ".grade",
      "Sources/ExperimentsOnSolutions", "Tests/ExperimentTests", "experiments",
    ]
    for file in files {
      #expect(
        !instructorOnly.contains { file == $0 || file.hasPrefix($0 + "/") }, "\(file) is released")
      guard file.hasSuffix(".swift") || file.hasSuffix(".md"),
        file.hasPrefix("Exercises/") || file.hasPrefix("Tests/"),
        let text = try? String(
          contentsOf: Self.release.appendingPathComponent(file), encoding: .utf8)
      else { continue }
      #expect(!text.contains("BEGIN SOLUTION"), "\(file) holds a reference's code")
    }
    let catalog = try CatalogLoader(packageRoot: Self.release).load("grader.json")
    let shipped = try CatalogLoader(packageRoot: packageRoot).load("grader.json")
    #expect(catalog.exercises.map(\.id) == shipped.exercises.map(\.id))
    #expect(catalog.exercises.allSatisfy { $0.explanation.isEmpty })
    #expect(catalog.exercises.map(\.hints) == shipped.exercises.map(\.hints))
  }

  @Test("has the generated stubs, twice: to work on, and pristine for --reset")
  func stubs() throws {
    for (file, stub) in try StubGenerator.allStubs(packageRoot: packageRoot) {
      for copy in [file, ".stubs/" + file] {
        let text = try String(
          contentsOf: Self.release.appendingPathComponent(copy), encoding: .utf8)
        #expect(text == stub, "\(copy)")
      }
      #expect(
        try StubGenerator.stub(forExerciseFile: file, packageRoot: Self.release) == stub,
        "without Solutions/, the stub of \(file) is the shipped one")
    }
  }

  @Test("the visible suites and the grader are there, and --verify passes on it")
  func gradesOnItsOwn() throws {
    for needed in [
      "Package.swift", "README.md", "Sources/grade/main.swift", "Tests/ExerciseTests/Gate.swift",
      "Tests/Suites/Stage4/Ex4_6_AdamTests.swift", "Tests/TestSupport/Approximate.swift",
    ] {
      #expect(files.contains(needed), "\(needed) is missing")
    }
    var options = Options()
    options.verify = true
    options.packagePath = Self.release.path
    var output = ""
    #expect(try Grader.run(options, output: { output += $0 }) == 0, "\(output)")
  }
}

@Suite("The student release of a workbook builds and grades on its own")
struct ReleaseBuildTests {
  @Test("the fixture workbook's release builds, grades its stubs as NOT STARTED, and verifies")
  func releaseBuilds() throws {
    let release = temporaryFolder().appendingPathComponent("release")
    let written = try runGrade(["--release", release.path], in: fixtureWorkbook())
    #expect(written.status == 0)
    for absent in ["Solutions", "Tests/Hidden", "Tests/ExerciseTests/Hidden"] {
      #expect(!FileManager.default.fileExists(atPath: release.appendingPathComponent(absent).path))
    }
    let (status, output) = try runGrade(["--json"], in: release)
    #expect(status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let exercises = try #require(object["exercises"] as? [[String: Any]])
    #expect(exercises.map { $0["verdict"] as? String } == Array(repeating: "NOT STARTED", count: 4))
    #expect((exercises.first?["parts"] as? [Any])?.count == 2, "no hidden case in the release")
    #expect(try runGrade(["--verify"], in: release).status == 0)
  }
}
