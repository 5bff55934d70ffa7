import Foundation
import Testing

@testable import GraderKit

@Suite("--verify names every file that differs from what the instructor shipped")
struct ChecksumsTests {
  @Test("SHA-256 matches the standard's test vectors")
  func sha256() {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("a changed suite, a missing file and an added one are named; Exercises/ is not covered")
  func verify() throws {
    let root = temporaryFolder()
    for folder in ["Tests/Suites", "Exercises", "Sources/Workbook"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    for (file, text) in [
      ("Package.swift", "// manifest"), ("grader.json", "{}"),
      ("Tests/Suites/ATests.swift", "// assert"), ("Sources/Workbook/W.swift", "// w"),
      ("Exercises/A.swift", "// learner"),
    ] {
      try Data(text.utf8).write(to: root.appendingPathComponent(file))
    }
    try Checksums.write(packageRoot: root)
    let status = { (output: inout String) throws -> Int32 in
      var options = try Options(parsing: ["--verify"])
      options.packagePath = root.path
      var text = ""
      let status = try Grader.run(options, output: { text += $0 + "\n" })
      output = text
      return status
    }
    var output = ""
    #expect(try status(&output) == 0, "\(output)")
    try Data("// learner's own answer".utf8).write(
      to: root.appendingPathComponent("Exercises/A.swift"))
    #expect(try status(&output) == 0, "the learner's files are theirs to change")

    try Data("// assert nothing".utf8).write(
      to: root.appendingPathComponent("Tests/Suites/ATests.swift"))
    try FileManager.default.removeItem(at: root.appendingPathComponent("Sources/Workbook/W.swift"))
    try Data("".utf8).write(to: root.appendingPathComponent("Tests/Suites/BTests.swift"))
    #expect(try status(&output) == 1)
    #expect(output.contains("changed: Tests/Suites/ATests.swift"), "\(output)")
    #expect(output.contains("missing: Sources/Workbook/W.swift"), "\(output)")
    #expect(output.contains("added:   Tests/Suites/BTests.swift"), "\(output)")
  }

  @Test("without a manifest, --verify says where one comes from")
  func noManifest() {
    var options = Options()
    options.verify = true
    options.packagePath = temporaryFolder().path
    let error = #expect(throws: GradeError.self) { try Grader.run(options, output: { _ in }) }
    #expect(error?.description.contains("grade --write-checksums") == true)
  }
}
