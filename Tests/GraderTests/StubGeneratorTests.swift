import Foundation
import Testing

@testable import GraderKit

@Suite("Stubs are generated from the marked reference files")
struct StubGeneratorTests {
  @Test("every stub in Exercises/ is exactly what its reference in Solutions/ generates")
  func shippedStubsAreGenerated() throws {
    let stubs = try StubGenerator.allStubs(packageRoot: packageRoot)
    #expect(Set(stubs.keys) == Set(referenceFiles(under: "Exercises", in: packageRoot)))
    for (file, stub) in stubs {
      let shipped = try String(
        contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
      #expect(shipped == stub, "\(file) is not generated: run swift run grade --generate-stubs")
    }
  }

  @Test("every reference file marks the code a learner writes")
  func referencesAreMarked() throws {
    for file in referenceFiles(under: "Solutions", in: packageRoot) {
      let source = try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
      #expect(source.contains(StubGenerator.begin), "\(file) has no BEGIN SOLUTION block")
    }
  }

  @Test(
    "each marker form: unimplemented(), the named stub code, and nothing for reference-only code")
  func markerForms() throws {
    let source = """
      import Workbook

      /// Doubles x.
      public func double(_ x: Double) -> Double {
        // BEGIN SOLUTION
        2 * x
        // END SOLUTION
      }

      public func names() -> [String] {
        // BEGIN SOLUTION: return []
        return ["a", "b"]
        // END SOLUTION
      }

      // BEGIN SOLUTION (no stub)
      private func helper() {}
      // END SOLUTION
      """
    let stub = try StubGenerator.stub(fromMarked: source, file: "Solutions/X.swift")
    #expect(
      stub == """
        import Workbook

        /// Doubles x.
        public func double(_ x: Double) -> Double {
          unimplemented()
        }

        public func names() -> [String] {
          return []
        }
        """)
  }

  @Test(
    "a malformed marker is an error that names the file and line",
    arguments: [
      ("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", 2),
      ("x\n// END SOLUTION", 2),
      ("f() {\n  // BEGIN SOLUTION\n}", 2),
      ("// BEGIN SOLUTIONS\n// END SOLUTION", 1),
      ("// BEGIN SOLUTION:\n// END SOLUTION", 1),
    ])
  func malformedMarkers(source: String, line: Int) {
    let error = #expect(throws: GradeError.self) {
      try StubGenerator.stub(fromMarked: source, file: "Solutions/Bad.swift")
    }
    guard case .markers(let file, let reported, _)? = error else {
      Issue.record("expected a markers error, got \(String(describing: error))")
      return
    }
    #expect(file == "Solutions/Bad.swift")
    #expect(reported == line)
    #expect(error?.exitStatus == 2)
  }

  @Test("reference and learner files map onto each other by folder")
  func paths() {
    #expect(
      StubGenerator.referenceFile(for: "Exercises/Stage4/Ex4_6_Adam.swift")
        == "Solutions/Stage4/Ex4_6_Adam.swift")
    #expect(
      StubGenerator.exerciseFile(for: "Solutions/Stage4/Ex4_6_Adam.swift")
        == "Exercises/Stage4/Ex4_6_Adam.swift")
  }
}

/// `--generate-stubs` beside a learner's work.
@Suite("Regenerating stubs never loses a learner's work")
struct GenerateStubsSafetyTests {
  /// Runs git with `arguments` in `folder`.
  private func git(_ arguments: [String], in folder: URL) throws {
    let outcome = try ChildProcess(
      executable: URL(fileURLWithPath: "/usr/bin/env"),
      arguments: ["git", "-C", folder.path, "-c", "user.name=t", "-c", "user.email=t@t"]
        + arguments,
      environment: ProcessInfo.processInfo.environment
    ).run(timeLimit: 60)
    try #require(outcome.termination == .exited(0), "\(outcome.output)")
  }

  @Test(
    "a committed stub is regenerated; a solved file is kept unless --force, which backs it up")
  func keepsWork() throws {
    let root = fixtureWorkbook()
    defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
    let state = root.appendingPathComponent(".grade")
    let solved = try Data(contentsOf: root.appendingPathComponent("Solutions/One.swift"))
    try solved.write(to: root.appendingPathComponent("Exercises/One.swift"))
    let four = try StubGenerator.stub(forExerciseFile: "Exercises/Four.swift", packageRoot: root)
    try Data(four.utf8).write(to: root.appendingPathComponent("Exercises/Four.swift"))
    try git(["init", "-q"], in: root)
    try git(["add", "-A"], in: root)
    try git(["commit", "-q", "-m", "fixture"], in: root)
    // The instructor edits two references' doc comments: both stubs change.
    for name in ["One", "Four"] {
      let reference = root.appendingPathComponent("Solutions/\(name).swift")
      let text = try String(contentsOf: reference, encoding: .utf8)
      try Data(text.replacingOccurrences(of: "/// ", with: "/// Now: ").utf8).write(to: reference)
    }

    #expect {
      _ = try StubGenerator.writeAll(packageRoot: root, stateFolder: state)
    } throws: { error in
      guard case .learnerWorkKept(let files, let written) = error as? GradeError else {
        return false
      }
      return files.contains("Exercises/One.swift") && written.contains("Exercises/Four.swift")
    }
    #expect(try Data(contentsOf: root.appendingPathComponent("Exercises/One.swift")) == solved)
    let newFour = try StubGenerator.stub(forExerciseFile: "Exercises/Four.swift", packageRoot: root)
    #expect(
      try String(contentsOf: root.appendingPathComponent("Exercises/Four.swift"), encoding: .utf8)
        == newFour)

    let forced = try StubGenerator.writeAll(packageRoot: root, force: true, stateFolder: state)
    #expect(forced.changed.contains("Exercises/One.swift"))
    let backup = try #require(forced.backups.first { $0.contains("One.") })
    #expect(try Data(contentsOf: root.appendingPathComponent(backup)) == solved)
  }
}
