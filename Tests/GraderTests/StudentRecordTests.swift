import Foundation
import Testing

@testable import GraderKit

/// What a batch reads of a class and keeps of each student.
@Suite("A batch's records and snapshots")
struct StudentRecordTests {
  @Test("a saved record loads back; one edited afterwards is graded again")
  func sealed() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("students/ann.json")
    var record = StudentRecord(student: "ann", submissionHash: "h")
    record.status = .graded
    record.scores = ["4.6": 0]
    try record.save(to: file, report: nil)
    #expect(StudentRecord.load(from: file) == record)
    let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
      of: "\"4.6\" : 0", with: "\"4.6\" : 10")
    #expect(edited.contains("\"4.6\" : 10"))
    try Data(edited.utf8).write(to: file)
    #expect(StudentRecord.load(from: file) == nil, "the seal no longer matches")
  }

  @Test("a submission is read when the batch starts: what changes afterwards is not graded")
  func snapshot() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("bea/Exercises/One.swift")
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("let one = 1\n".utf8).write(to: file)
    let students = try Submission.all(in: folder, catalogFiles: ["One.swift"])
    try Data("let one = 2\n".utf8).write(to: file)
    #expect(students.map(\.files) == [["One.swift": Data("let one = 1\n".utf8)]])
  }
}
