import Foundation
import Testing

@testable import GraderKit

/// The quick rebuild's reading of the compiler's output and of how its commands ended (its builds
/// are tested on a real workbook in `LearnerLoopTests.quickRebuild`).
@Suite("A quick rebuild reports the compiler's own messages, and stops on Ctrl-C")
struct QuickRebuildTests {
  /// What a quick rebuild makes of a compile that runs `script`, in a package-shaped folder
  /// whose stamp names it, with `/bin/true` as the link.
  private func attempt(compiling script: String) throws -> String {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let manager = FileManager.default
    for folder in ["Exercises", ".build/grade-temporary"] {
      try manager.createDirectory(
        at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    try Data("// manifest".utf8).write(to: root.appendingPathComponent("Package.swift"))
    try Data("let a = 1".utf8).write(to: root.appendingPathComponent("Exercises/A.swift"))
    let bundle = root.appendingPathComponent("Bundle.xctest")
    let module = root.appendingPathComponent("Exercises.swiftmodule")
    try Data("bundle".utf8).write(to: bundle)
    try Data("module".utf8).write(to: module)
    let digests = BuildStamp.digests(packageRoot: root, learnerFolder: "Exercises")
    let commands = QuickRebuild.Commands(
      targets: ["ExerciseTests"], compile: ["/bin/sh", "-c", script], module: module.path,
      link: ["/bin/true"])
    let stamp = BuildStamp(
      sources: "before the edit", bundle: bundle, frame: digests.frame, quick: commands)
    let attempt: QuickRebuild.Attempt?
    do {
      attempt = try startingAsFromATerminal {
        try QuickRebuild(packageRoot: root, progress: { _ in })
          .rebuild(after: stamp, to: digests, targets: ["ExerciseTests"])
      }
    } catch GradeError.interrupted {
      return "interrupted"
    }
    switch attempt {
    case .rebuilt(let rebuilt)?: return rebuilt.sources == digests.sources ? "rebuilt" : "stale"
    case .failed(let messages)?: return "failed: " + messages
    case nil: return "swift build"
    }
  }

  @Test("a compile stopped by Ctrl-C stops the build; a failed or crashed one does not")
  func endings() throws {
    #expect(try attempt(compiling: "exit 0") == "rebuilt")
    #expect(try attempt(compiling: "kill -INT $$") == "interrupted")
    #expect(try attempt(compiling: "exit 1") == "failed: ")
    #expect(try attempt(compiling: "kill -SEGV $$") == "failed: ", "a crash is not Ctrl-C")
    #expect(try attempt(compiling: "echo changed > Exercises.swiftmodule") == "swift build")
  }

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
