import Foundation
import Testing

@testable import GraderKit

@Suite("The student release")
struct ReleaseTests {
  /// Words of the instructor's that the student's README must not hold: hidden cases, strict and
  /// batch grading, the reference, the instructor's tools and how the grader is protected.
  static let instructorWords = [
    "Tests/Hidden", "hidden case", "--strict", "--batch", "--solutions", "Solutions/",
    "gradebook", "--release", "--full-json", "--gradescope", "--junit", "--write-checksums",
    "--generate-stubs", "grader-checksums.json", "autograder/", "run_autograder", "BEGIN SOLUTION",
    "explanation", ".ci/", "subreaper", "memfd", "cheat", "attack",
  ]

  /// Writes a release of this workbook into a new temporary folder, runs `body` on it, and
  /// removes the folder.
  private func withRelease<Value>(_ body: (URL) throws -> Value) throws -> Value {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let release = folder.appendingPathComponent("release")
    _ = try Release.write(from: packageRoot, to: release)
    return try body(release)
  }

  /// Every file and folder of the release, relative to it, sorted.
  private func files(in release: URL) -> [String] {
    let walker = FileManager.default.enumerator(atPath: release.path)
    return (walker?.allObjects as? [String] ?? []).sorted()
  }

  /// The text of the instructor's copy's file at `path`.
  private func shipped(_ path: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
  }

  @Test("has no solution, hidden case, grader test, explanation or instructor's script")
  func nothingGivenAway() throws {
    let instructorOnly = [
      "Solutions", "Tests/Hidden", "Tests/ExerciseTests/Hidden", "Tests/SolutionTests",
      "Tests/GraderTests", "Tests/GraderFixtures", ".git", ".build", ".grade",
      "Sources/ExperimentsOnSolutions", "Tests/ExperimentTests", "experiments", ".ci",
      "autograder",
    ]
    try withRelease { release in
      for file in files(in: release) {
        #expect(
          !instructorOnly.contains { file == $0 || file.hasPrefix($0 + "/") },
          "\(file) is released")
        guard file.hasSuffix(".swift") || file.hasSuffix(".md"),
          file.hasPrefix("Exercises/") || file.hasPrefix("Tests/"),
          let text = try? String(contentsOf: release.appendingPathComponent(file), encoding: .utf8)
        else { continue }
        #expect(!text.contains("BEGIN SOLUTION"), "\(file) holds a reference's code")
      }
      let catalog = try CatalogLoader(packageRoot: release).load("grader.json")
      let original = try CatalogLoader(packageRoot: packageRoot).load("grader.json")
      #expect(catalog.exercises.map(\.id) == original.exercises.map(\.id))
      #expect(catalog.exercises.allSatisfy { $0.explanation.isEmpty })
      #expect(catalog.exercises.map(\.hints) == original.exercises.map(\.hints))
    }
  }

  @Test("its hidden files are the project's settings, the workflow and the container alone")
  func hiddenFiles() throws {
    try withRelease { release in
      let hidden = files(in: release).filter {
        $0.hasPrefix(".") && !$0.hasPrefix(".stubs/") && $0 != ".stubs"
      }
      let expected: Set = [
        ".gitignore", ".swift-format", ".github", ".github/workflows",
        ".github/workflows/grade.yml", ".devcontainer", ".devcontainer/devcontainer.json",
      ]
      #expect(Set(hidden) == expected)
      let workflow = try String(
        contentsOf: release.appendingPathComponent(".github/workflows/grade.yml"), encoding: .utf8)
      let template = try shipped("autograder/classroom/grade.yml")
      #expect(workflow == template)
    }
  }

  @Test("its README is the student's, with none of the instructor's words")
  func studentReadme() throws {
    try withRelease { release in
      let readme = try String(
        contentsOf: release.appendingPathComponent("README.md"), encoding: .utf8)
      let template = try shipped("autograder/student/README.md")
      let instructors = try shipped("README.md")
      #expect(readme == template)
      #expect(readme != instructors)
      for word in Self.instructorWords {
        #expect(!readme.lowercased().contains(word.lowercased()), "the README says \"\(word)\"")
      }
      for needed in [
        "swift run grade", "swift test", "--list", "--watch", "--hint", "--reset", "--verify",
        "swift run experiment", "Swift 6.3.1", "Codespaces", "GitHub Classroom", "Gradescope",
      ] {
        #expect(readme.contains(needed), "the README does not say \"\(needed)\"")
      }
    }
  }

  @Test("has the Codespaces container: Swift 6.3.1's image, the Swift extension, a first build")
  func devcontainer() throws {
    try withRelease { release in
      let data = try Data(
        contentsOf: release.appendingPathComponent(".devcontainer/devcontainer.json"))
      let template = try shipped("autograder/student/devcontainer.json")
      #expect(String(decoding: data, as: UTF8.self) == template)
      let container = try #require(
        try JSONSerialization.jsonObject(with: data) as? [String: Any], "not a JSON object")
      #expect((container["image"] as? String) == "swift:6.3.1")
      let customizations = container["customizations"] as? [String: Any]
      let vscode = customizations?["vscode"] as? [String: Any]
      #expect((vscode?["extensions"] as? [String])?.contains("swiftlang.swift-vscode") == true)
      #expect((container["postCreateCommand"] as? String)?.hasPrefix("swift build") == true)
    }
  }

  @Test("has the generated stubs, twice: to work on, and pristine for --reset")
  func stubs() throws {
    try withRelease { release in
      for (file, stub) in try StubGenerator.allStubs(packageRoot: packageRoot) {
        for copy in [file, ".stubs/" + file] {
          let text = try String(contentsOf: release.appendingPathComponent(copy), encoding: .utf8)
          #expect(text == stub, "\(copy)")
        }
        #expect(
          try StubGenerator.stub(forExerciseFile: file, packageRoot: release) == stub,
          "without Solutions/, the stub of \(file) is the shipped one")
      }
    }
  }

  @Test("the visible suites and the grader are there, and --verify passes on it")
  func gradesOnItsOwn() throws {
    try withRelease { release in
      let released = files(in: release)
      for needed in [
        "Package.swift", "README.md", "Sources/grade/main.swift", "Tests/ExerciseTests/Gate.swift",
        "Tests/Suites/Stage4/Ex4_6_AdamTests.swift", "Tests/TestSupport/Approximate.swift",
        ".devcontainer/devcontainer.json", ".github/workflows/grade.yml",
      ] {
        #expect(released.contains(needed), "\(needed) is missing")
      }
      var options = Options()
      options.verify = true
      options.packagePath = release.path
      var output = ""
      let status = try Grader.run(options, output: { output += $0 })
      #expect(status == 0, "\(output)")
    }
  }

  @Test("a release into a folder that exists is refused, and the learner's work there is kept")
  func existingFolderKept() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let learner = folder.appendingPathComponent("Exercises/Stage4/Ex4_6_Adam.swift")
    try FileManager.default.createDirectory(
      at: learner.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("// my Adam, half written\n".utf8).write(to: learner)
    let before = fileContents(under: folder)
    #expect(throws: GradeError.self) { try Release.write(from: packageRoot, to: folder) }
    #expect(fileContents(under: folder) == before)
  }

  @Test("--solutions says plainly that the release has no reference solutions")
  func noSolutions() throws {
    try withRelease { release in
      #expect(throws: GradeError.noSolutions) {
        try Release.requireSolutions(packageRoot: release)
      }
      #expect(throws: Never.self) { try Release.requireSolutions(packageRoot: packageRoot) }
      let message = GradeError.noSolutions.description
      #expect(message.contains("student release") && message.contains("Solutions/"))
      #expect(GradeError.noSolutions.exitStatus == 2)
    }
  }
}

@Suite("The student release of a workbook builds and grades on its own")
struct ReleaseBuildTests {
  @Test("the fixture workbook's release builds, grades its stubs as NOT STARTED, and verifies")
  func releaseBuilds() throws {
    let workbook = fixtureWorkbook()
    let folder = temporaryFolder()
    let state = temporaryFolder()
    defer {
      for made in [workbook.deletingLastPathComponent(), folder, state] {
        try? FileManager.default.removeItem(at: made)
      }
    }
    let release = folder.appendingPathComponent("release")
    let written = try runGrade(["--release", release.path], in: workbook, state: state)
    #expect(written.status == 0)
    for absent in ["Solutions", "Tests/Hidden", "Tests/ExerciseTests/Hidden"] {
      #expect(!FileManager.default.fileExists(atPath: release.appendingPathComponent(absent).path))
    }
    #expect(throws: GradeError.noSolutions) {
      try runGrade(["--solutions"], in: release, state: state)
    }
    let (status, output) = try runGrade(["--json"], in: release, state: state)
    #expect(status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let exercises = try #require(object["exercises"] as? [[String: Any]])
    #expect(exercises.map { $0["verdict"] as? String } == Array(repeating: "NOT STARTED", count: 4))
    #expect((exercises.first?["parts"] as? [Any])?.count == 2, "no hidden case in the release")
    #expect(try runGrade(["--verify"], in: release, state: state).status == 0)
  }
}
