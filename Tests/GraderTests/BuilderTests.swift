import Foundation
import Testing

@testable import GraderKit

@Suite("Compiler errors are shown first, with file and line")
struct BuilderTests {
  @Test("an error in an exercise's suite or experiment is blamed on that exercise's file")
  func companions() {
    let exercise = Exercise(
      id: "T9", title: "t", document: "d", section: "s", stars: 3, points: 30,
      file: "Exercises/GradientDescentTheory/ExT9_TwoLayerNetwork.swift",
      suite: "ExT9_TwoLayerNetworkTests")
    for path in [
      "Tests/ExerciseTests/Suites/GradientDescentTheory/ExT9_TwoLayerNetworkTests.swift",
      "Sources/ExperimentsOnExercises/Experiments/ExT9_TwoLayerNetworkExperiment.swift",
    ] {
      #expect(Builder.isCompanion(path, of: exercise), "\(path)")
    }
    for path in [
      "Tests/SolutionTests/Suites/GradientDescentTheory/ExT9_TwoLayerNetworkTests.swift",
      "Sources/ExperimentsOnSolutions/Experiments/ExT9_TwoLayerNetworkExperiment.swift",
      "Sources/ExperimentsOnExercises/Experiments/ExT10_ConvolutionalNetworkExperiment.swift",
      "Sources/Workbook/Digits.swift",
    ] {
      #expect(!Builder.isCompanion(path, of: exercise), "\(path)")
    }
  }

  @Test("errors are kept with their source excerpt; warnings and progress are dropped")
  func extractsErrors() {
    let log = """
      [3/12] Compiling Exercises Ex4_6_Adam.swift
      /work/pkg/Exercises/Stage4/Ex4_6_Adam.swift:12:5: warning: variable 'x' was never used
      10 |   var x = 1
         |       `- warning: variable 'x' was never used
      /work/pkg/Exercises/Stage4/Ex4_6_Adam.swift:30:18: error: cannot find 'mHat' in scope
      28 |
      30 |     params[i] -= mHat
         |                  `- error: cannot find 'mHat' in scope
      [5/12] Compiling Exercises Ex4_7_LearningRateSchedules.swift
      /work/pkg/Exercises/Stage4/Ex4_7_LearningRateSchedules.swift:8:1: error: expected '}'
      error: fatalError
      """
    let errors = Diagnostic.errors(in: log, relativeTo: "/work/pkg")
    #expect(errors.count == 2)
    #expect(
      errors.first?.text.hasPrefix(
        "Exercises/Stage4/Ex4_6_Adam.swift:30:18: error: cannot find 'mHat'") == true)
    #expect(errors.first?.excerpt.contains { $0.contains("params[i] -= mHat") } == true)
    #expect(
      errors.first.map { ($0.file, $0.line, $0.column) }! == (
        "Exercises/Stage4/Ex4_6_Adam.swift", 30, 18
      ))
    #expect(
      errors.last?.text
        == "Exercises/Stage4/Ex4_7_LearningRateSchedules.swift:8:1: error: expected '}'")
  }
}

@Suite("The builds' temporary folder is the same every time, and its old leftovers go")
struct BuildTemporariesTests {
  @Test("removeStale removes what is older than staleTemporaries and keeps what is newer")
  func staleLeftovers() throws {
    let folder = temporaryFolder()
    let manager = FileManager.default
    for name in ["old", "recent"] {
      try manager.createDirectory(
        at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
    }
    let now = Date()
    try manager.setAttributes(
      [.modificationDate: now.addingTimeInterval(-Builder.staleTemporaries - 60)],
      ofItemAtPath: folder.appendingPathComponent("old").path)
    try manager.setAttributes(
      [.modificationDate: now.addingTimeInterval(-Builder.staleTemporaries + 60)],
      ofItemAtPath: folder.appendingPathComponent("recent").path)
    Builder.removeStale(in: folder, now: now)
    #expect(try manager.contentsOfDirectory(atPath: folder.path) == ["recent"])
  }
}
