import Foundation
import Testing

@testable import GraderKit

@Suite("What keeps a learner's exercises out of a shared test process")
struct SharedStateTests {
  /// The names `SharedState` finds in a file holding `text`.
  private func names(in text: String) throws -> [String] {
    let file = temporaryFolder().appendingPathComponent("Learner.swift")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return SharedState.names(in: [file])
  }

  @Test("the workbook's own reference solutions keep no state between calls")
  func solutions() throws {
    let folder = packageRoot.appendingPathComponent("Solutions")
    let files = try #require(FileManager.default.enumerator(atPath: folder.path))
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
      .map { folder.appendingPathComponent($0) }
    #expect(files.count > 40)
    #expect(SharedState.names(in: files) == [])
  }

  @Test(
    "state that outlives a call is found by its name",
    arguments: [
      ("nonisolated(unsafe) var count = 0", "nonisolated"),
      ("final class Cache: @unchecked Sendable {}", "unchecked"),
      ("actor Store {}", "actor"),
      ("let lock = Mutex(0)", "Mutex"),
      ("let p = UnsafeMutablePointer<Double>.allocate(capacity: 1)", "UnsafeMutablePointer"),
      ("srand48(7); let x = drand48()", "srand48"),
      ("let r = random()", "random()"),
      ("Task { await work() }", "Task"),
      ("DispatchQueue.global().async {}", "DispatchQueue"),
      ("UserDefaults.standard.set(1, forKey: \"k\")", "UserDefaults"),
      ("@_silgen_name(\"srand\") func seed(_: UInt32)", "_silgen_name"),
    ])
  func found(line: String, name: String) throws {
    #expect(try names(in: line).first == name)
  }

  @Test("a name inside a longer word, or a random number with arguments, is not state")
  func notFound() throws {
    #expect(
      try names(
        in: """
          let factor = 2.0  // a factor, an operand, a transaction
          var generator = SeededGenerator(seed: 1)
          let x = Double.random(in: 0..<1, using: &generator)
          func step(random: inout SeededGenerator) {}
          """) == [])
  }

  @Test("each name is listed once, in the order first found, comments included")
  func order() throws {
    #expect(
      try names(in: "// uses Task, then Thread\nTask {}\nThread.sleep(forTimeInterval: 1)")
        == ["Task", "Thread"])
  }
}
