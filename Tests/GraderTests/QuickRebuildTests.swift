import Foundation
import Testing

@testable import GraderKit

/// The quick rebuild's reading of the compiler's output (its builds are tested on a real
/// workbook in `LearnerLoopTests.quickRebuild`).
@Suite("A quick rebuild reports the compiler's own messages")
struct QuickRebuildTests {
  @Test("the compiler's messages are read from the driver's parseable output, job by job")
  func parseableOutput() throws {
    func message(_ fields: [String: Any]) throws -> String {
      let json = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
      return "\(json.utf8.count)\n\(json)\n"
    }
    let error = "/p/Exercises/A.swift:4:16: error: cannot convert value\n4 |   let y: Int = x\n"
    let stream = try [
      message(["kind": "began", "name": "compile", "command_arguments": ["-c", "a\nb"]]),
      message(["kind": "finished", "name": "compile", "exit-status": 1, "output": error]),
      message(["kind": "finished", "name": "emit-module", "exit-status": 0, "output": ""]),
      message(["kind": "finished", "name": "compile", "output": "B.swift:1:1: warning: w\n"]),
      message(["kind": "skipped", "name": "compile"]),
    ].joined()
    #expect(QuickRebuild.messages(in: stream) == error + "\n" + "B.swift:1:1: warning: w\n")
    #expect(QuickRebuild.messages(in: "") == "")
    #expect(QuickRebuild.messages(in: "not a stream\n") == "")
  }
}
