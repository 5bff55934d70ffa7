import Foundation
import Testing

@testable import GraderKit

/// A learner file that is a symbolic link is refused in every mode: linked to the reference, it
/// would have the reference graded as the learner's.
@Suite("Learner files that are links")
struct LinkedFilesTests {
  @Test(
    "grade refuses a learner folder holding a link, strictly or not, before it builds",
    arguments: [[], ["--strict"]])
  func refused(arguments: [String]) throws {
    let workbook = fixtureWorkbook()
    defer { try? FileManager.default.removeItem(at: workbook.deletingLastPathComponent()) }
    let learner = workbook.appendingPathComponent("Exercises/Three.swift")
    try FileManager.default.removeItem(at: learner)
    try FileManager.default.createSymbolicLink(
      at: learner, withDestinationURL: workbook.appendingPathComponent("Solutions/Three.swift"))
    #expect(
      throws: GradeError.linkedLearnerFiles([
        "Exercises/Three.swift → \(workbook.path)/Solutions/Three.swift"
      ])
    ) {
      _ = try runGrade(arguments, in: workbook)
    }
    #expect(
      !FileManager.default.fileExists(atPath: workbook.appendingPathComponent(".build").path),
      "nothing was built")
  }

  @Test("a batch lists a submission's links as the reasons it refuses it")
  func batch() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let exercises = folder.appendingPathComponent("Exercises/Stage4")
    try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: exercises.appendingPathComponent("Ex4_6_Adam.swift"),
      withDestinationURL: packageRoot.appendingPathComponent("Solutions/Stage4/Ex4_6_Adam.swift"))
    #expect(
      Submission.links(in: folder.appendingPathComponent("Exercises")) == [
        "Exercises/Stage4/Ex4_6_Adam.swift → \(packageRoot.path)/Solutions/Stage4/Ex4_6_Adam.swift"
      ])
    #expect(Submission.learnerFiles(in: folder.appendingPathComponent("Exercises")).isEmpty)
  }
}
