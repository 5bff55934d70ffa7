import Foundation
import Testing

@testable import GraderKit

@Suite("A build is skipped only when no source changed since the build read it")
struct BuildStampTests {
  /// A package-shaped folder with one learner file, a bundle and a build folder.
  private func package() throws -> (root: URL, bundle: URL) {
    let root = temporaryFolder()
    for folder in ["Exercises", ".build"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    try Data("// manifest".utf8).write(to: root.appendingPathComponent("Package.swift"))
    try Data("let a = 1".utf8).write(to: root.appendingPathComponent("Exercises/A.swift"))
    let bundle = root.appendingPathComponent("Bundle.xctest")
    try Data("bundle".utf8).write(to: bundle)
    return (root, bundle)
  }

  /// What the builder decides for the package as it is now: skip the build when the saved stamp
  /// matches a snapshot of the sources, build otherwise.
  private func decision(_ root: URL) -> String {
    BuildStamp.saved(packageRoot: root, matching: BuildStamp.snapshot(packageRoot: root)) == nil
      ? "build" : "skip"
  }

  /// `file`'s modification time, to the nanosecond.
  private func modificationTime(of file: URL) -> timespec {
    var info = stat()
    stat(file.path, &info)
    #if canImport(Darwin)
      return info.st_mtimespec
    #else
      return info.st_mtim
    #endif
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
      try Data("let a = 2".utf8).write(to: file)
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: file.path)
    case "manifest":
      try Data("// manifest 2".utf8).write(to: root.appendingPathComponent("Package.swift"))
    default: try Data("bundle 2".utf8).write(to: bundle)
    }
    #expect(BuildStamp.current(packageRoot: root, bundle: bundle) != before)
  }

  @Test(
    "the frame ignores learner files' contents only: a new or renamed file, or any other edit, changes it",
    arguments: ["edit", "new file", "renamed", "manifest", "test"])
  func frame(change: String) throws {
    let (root, _) = try package()
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("Tests"), withIntermediateDirectories: true)
    try Data("let t = 1".utf8).write(to: root.appendingPathComponent("Tests/T.swift"))
    let before = BuildStamp.digests(packageRoot: root)
    let file = root.appendingPathComponent("Exercises/A.swift")
    switch change {
    case "edit": try Data("let a = 2".utf8).write(to: file)
    case "new file": try Data("".utf8).write(to: root.appendingPathComponent("Exercises/B.swift"))
    case "renamed":
      try FileManager.default.moveItem(
        at: file, to: root.appendingPathComponent("Exercises/B.swift"))
    case "manifest":
      try Data("// manifest 2".utf8).write(to: root.appendingPathComponent("Package.swift"))
    default: try Data("let t = 2".utf8).write(to: root.appendingPathComponent("Tests/T.swift"))
    }
    let after = BuildStamp.digests(packageRoot: root)
    #expect(after.sources != before.sources)
    #expect((after.frame == before.frame) == (change == "edit"))
    #expect(after.sources == BuildStamp.snapshot(packageRoot: root))
  }

  @Test("an unchanged tree skips the build, even with a file saved again as it was")
  func unchangedTreeSkips() throws {
    let (root, bundle) = try package()
    BuildStamp(sources: BuildStamp.snapshot(packageRoot: root), bundle: bundle)
      .save(packageRoot: root)
    #expect(decision(root) == "skip")
    try Data("let a = 1".utf8).write(to: root.appendingPathComponent("Exercises/A.swift"))
    #expect(decision(root) == "skip")
  }

  @Test("a file saved while the build ran (after its snapshot) builds again")
  func savedDuringBuild() throws {
    let (root, bundle) = try package()
    let snapshot = BuildStamp.snapshot(packageRoot: root)
    try Data("let a = 2".utf8).write(to: root.appendingPathComponent("Exercises/A.swift"))
    BuildStamp(sources: snapshot, bundle: bundle).save(packageRoot: root)
    #expect(decision(root) == "build")
  }

  @Test("the same size, time and inode with other contents builds again")
  func sameSignatureOtherContents() throws {
    let (root, bundle) = try package()
    let file = root.appendingPathComponent("Exercises/A.swift")
    BuildStamp(sources: BuildStamp.snapshot(packageRoot: root), bundle: bundle)
      .save(packageRoot: root)
    let signature = BuildStamp.signature(of: file.path)
    let time = modificationTime(of: file)
    try Data("let a = 2".utf8).write(to: file)
    var times = [time, time]
    let status = utimensat(AT_FDCWD, file.path, &times, 0)
    #expect(status == 0)
    #expect(BuildStamp.signature(of: file.path) == signature, "size, time and inode are kept")
    #expect(decision(root) == "build")
  }

  @Test("a bundle rebuilt by someone else, or gone, builds again")
  func rebuiltBundle() throws {
    let (root, bundle) = try package()
    BuildStamp(sources: BuildStamp.snapshot(packageRoot: root), bundle: bundle)
      .save(packageRoot: root)
    try Data("bundle 2".utf8).write(to: bundle)
    #expect(decision(root) == "build")
    try FileManager.default.removeItem(at: bundle)
    #expect(decision(root) == "build")
  }

  @Test("a saved stamp reads back, with the files built as stubs")
  func savedAndRead() throws {
    let (root, bundle) = try package()
    let diagnostic = Diagnostic(file: "Exercises/A.swift", line: 1, column: 2, message: "m")
    let stamp = BuildStamp.current(
      packageRoot: root, bundle: bundle, uncompilable: ["Exercises/A.swift": [diagnostic]])
    stamp.save(packageRoot: root)
    #expect(BuildStamp.saved(packageRoot: root) == stamp)
    #expect(
      BuildStamp.saved(packageRoot: root, matching: BuildStamp.snapshot(packageRoot: root))
        == stamp)
    BuildStamp.forget(packageRoot: root)
    #expect(BuildStamp.saved(packageRoot: root) == nil)
  }
}
