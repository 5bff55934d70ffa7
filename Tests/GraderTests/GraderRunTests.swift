import Foundation
import Testing

@testable import GraderKit

/// The whole command, from options to output and exit status, on the test bundle already built.
@Suite("The grade command end to end")
struct GraderRunTests {
  /// Runs `grade` with `arguments` on the shipped workbook, returning its status and stdout.
  private func grade(_ arguments: [String]) throws -> (status: Int32, output: String) {
    var options = try Options(parsing: arguments)
    options.packagePath = packageRoot.path
    var output = ""
    let status = try Grader.run(
      options, testBundle: testBundle, stateFolder: temporaryFolder(),
      output: { output += $0 + "\n" })
    return (status, output)
  }

  @Test("the reference passes: exit status 0 and a summary with every point")
  func solutionsPass() throws {
    let (status, output) = try grade(["--solutions", "4.5", "N1"])
    #expect(status == 0)
    #expect(output.contains("2 passed, 0 failed · score 20/20"), "\(output)")
  }

  @Test("the shipped stubs fail: exit status 1, NOT STARTED, no points")
  func stubsFail() throws {
    let (status, output) = try grade(["4.6"])
    #expect(status == 1)
    #expect(output.contains("NOT STARTED"))
    #expect(output.contains("0 passed, 1 failed · score 0/10"), "\(output)")
  }

  @Test("--json prints one object with the verdicts and totals")
  func json() throws {
    let (status, output) = try grade(["--json", "--solutions", "4.1", "4.2"])
    #expect(status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect(object["target"] as? String == "Solutions")
    #expect(object["passed"] as? Int == 2)
    #expect(object["total"] as? Int == 20)
  }

  @Test(
    "--strict reports multiple choice as a whole; --full-json keeps every part for the instructor")
  func multipleChoiceAsAWhole() throws {
    let folder = temporaryFolder()
    let full = folder.appendingPathComponent("full.json")
    let table = folder.appendingPathComponent("summary.md")
    let (status, output) = try grade([
      "--strict", "--json", "--full-json", full.path, "--markdown", table.path, "4.3", "4.6",
    ])
    #expect(status == 1)
    let entries = { (json: Data) throws -> [String: [String: Any]] in
      let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
      let exercises = try #require(object["exercises"] as? [[String: Any]])
      return Dictionary(uniqueKeysWithValues: exercises.map { ($0["id"] as! String, $0) })
    }
    let shown = try entries(Data(output.utf8))
    #expect(shown["4.3"]?["partsWithheld"] as? Bool == true)
    #expect((shown["4.3"]?["parts"] as? [Any])?.isEmpty == true)
    #expect(
      (shown["4.6"]?["parts"] as? [Any])?.isEmpty == false, "other exercises keep their parts")
    let complete = try entries(Data(contentsOf: full))
    #expect((complete["4.3"]?["parts"] as? [Any])?.count == 3)

    let summary = try String(contentsOf: table, encoding: .utf8)
    #expect(summary.contains("graded as a whole"), "\(summary)")
    #expect(!summary.contains("momentum"), "no part is named: \(summary)")
  }

  @Test("--list and --hint show the catalog without grading")
  func listAndHint() throws {
    let list = try grade(["--list"])
    #expect(list.status == 0)
    #expect(
      list.output.split(separator: "\n").contains { $0.contains(" N10 ") && $0.contains("★★★") },
      "\(list.output)")
    let hint = try grade(["--hint", "4.6"])
    #expect(hint.status == 0)
    #expect(hint.output.contains("Exercises/Stage4/Ex4_6_Adam.swift"))
    #expect(hint.output.contains("1. "))
  }

  @Test("an unknown exercise id stops before grading with status 2")
  func unknownID() {
    let error = #expect(throws: GradeError.self) { _ = try grade(["9.9"]) }
    guard case .unknownExercise(let id, let known)? = error else {
      Issue.record("expected unknownExercise, got \(String(describing: error))")
      return
    }
    #expect(id == "9.9")
    #expect(known.contains("4.6"))
    #expect(error?.exitStatus == 2)
  }
}
