import Foundation
import Testing

@testable import GraderKit

@Suite("--watch grades again until what it graded is what is on disk")
struct WatcherTests {
  private let adam = Exercise(
    id: "4.6", title: "Adam", document: "d", section: "s", stars: 2,
    file: "Exercises/Ex4_6_Adam.swift", suite: "Ex4_6_AdamTests")
  private let rmsProp = Exercise(
    id: "4.5", title: "RMSProp", document: "d", section: "s", stars: 2,
    file: "Exercises/Ex4_5_RMSProp.swift", suite: "Ex4_5_RMSPropTests")

  /// A package-shaped folder with the two exercises' files.
  private func package() throws -> URL {
    let root = temporaryFolder()
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("Exercises"), withIntermediateDirectories: true)
    for exercise in [adam, rmsProp] {
      try Data("let step = 1.0".utf8).write(to: root.appendingPathComponent(exercise.file))
    }
    return root
  }

  @Test("a save that lands while a grade runs is graded after it, then nothing more")
  func saveDuringGrade() throws {
    let root = try package()
    let watched = [adam, rmsProp]
    // The grade starts: the watcher reads what it grades.
    var graded = Watcher.contents(of: watched, in: root)
    // The learner saves 4.6 while it builds or runs: the same size, other contents.
    try Data("let step = 2.0".utf8).write(to: root.appendingPathComponent(adam.file))
    // The grade ends: 4.6 on disk is not what was graded, so it goes again.
    #expect(
      Watcher.outdated(watched, graded: graded, onDisk: Watcher.contents(of: watched, in: root))
        == [adam])
    // That grade reads the file again; once it ends, nothing is left to grade.
    graded[adam.file] = Watcher.contents(of: adam.file, in: root)
    #expect(
      Watcher.outdated(watched, graded: graded, onDisk: Watcher.contents(of: watched, in: root))
        .isEmpty)
  }

  @Test("a file saved again as it was, or unreadable before and after, is not graded again")
  func unchangedContents() throws {
    let root = try package()
    let graded = Watcher.contents(of: [adam, rmsProp], in: root)
    try Data("let step = 1.0".utf8).write(to: root.appendingPathComponent(adam.file))
    try FileManager.default.removeItem(at: root.appendingPathComponent(rmsProp.file))
    let missing = Watcher.contents(of: [rmsProp], in: root)
    #expect(missing.isEmpty)
    #expect(
      Watcher.outdated([adam], graded: graded, onDisk: Watcher.contents(of: [adam], in: root))
        .isEmpty)
    #expect(Watcher.outdated([rmsProp], graded: missing, onDisk: missing).isEmpty)
    #expect(Watcher.outdated([rmsProp], graded: graded, onDisk: missing) == [rmsProp])
  }
}
