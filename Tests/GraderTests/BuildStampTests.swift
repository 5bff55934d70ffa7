import Foundation
import Testing

@testable import GraderKit

@Suite("A build is skipped only when no source changed")
struct BuildStampTests {
  /// A package-shaped folder with one learner file and a bundle.
  private func package() throws -> (root: URL, bundle: URL) {
    let root = temporaryFolder()
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("Exercises"), withIntermediateDirectories: true)
    try Data("// manifest".utf8).write(to: root.appendingPathComponent("Package.swift"))
    try Data("let a = 1".utf8).write(to: root.appendingPathComponent("Exercises/A.swift"))
    let bundle = root.appendingPathComponent("Bundle.xctest")
    try Data("bundle".utf8).write(to: bundle)
    return (root, bundle)
  }

  @Test("unchanged sources give the same stamp")
  func unchanged() throws {
    let (root, bundle) = try package()
    #expect(
      BuildStamp.current(packageRoot: root, bundle: bundle)
        == BuildStamp.current(packageRoot: root, bundle: bundle))
  }

  @Test(
    "an edit, a new file, an older copy, a new manifest or a rebuilt bundle changes the stamp",
    arguments: ["edit", "new file", "older copy", "manifest", "bundle"])
  func changes(change: String) throws {
    let (root, bundle) = try package()
    let before = BuildStamp.current(packageRoot: root, bundle: bundle)
    let file = root.appendingPathComponent("Exercises/A.swift")
    switch change {
    case "edit": try Data("let a = 2".utf8).write(to: file)
    case "new file": try Data("".utf8).write(to: root.appendingPathComponent("Exercises/B.swift"))
    case "older copy":
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: file.path)
    case "manifest":
      try Data("// manifest 2".utf8).write(to: root.appendingPathComponent("Package.swift"))
    default: try Data("bundle 2".utf8).write(to: bundle)
    }
    #expect(BuildStamp.current(packageRoot: root, bundle: bundle) != before)
  }

  @Test("a saved stamp reads back, with the files built as stubs")
  func savedAndRead() throws {
    let (root, bundle) = try package()
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent(".build"), withIntermediateDirectories: true)
    let diagnostic = Diagnostic(file: "Exercises/A.swift", line: 1, column: 2, message: "m")
    let stamp = BuildStamp.current(
      packageRoot: root, bundle: bundle, uncompilable: ["Exercises/A.swift": [diagnostic]])
    stamp.save(packageRoot: root)
    #expect(BuildStamp.saved(packageRoot: root) == stamp)
    BuildStamp.forget(packageRoot: root)
    #expect(BuildStamp.saved(packageRoot: root) == nil)
  }
}
