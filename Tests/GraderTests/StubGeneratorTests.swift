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
