// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// A small workbook for the grader's own tests, laid out as the real one; the tests copy it to a
/// temporary folder, add the real `Sources/Workbook/Unimplemented.swift`, and build it there.
let exercisesPath = Context.environment["WORKBOOK_EXERCISES_PATH"] ?? "Exercises"

/// The student release has no `Solutions/`, and so no `Solutions` target.
let hasSolutions = FileManager.default.fileExists(atPath: Context.packageDirectory + "/Solutions")

let targets: [Target] =
  [
    .target(name: "Workbook", path: "Sources/Workbook"),
    .target(name: "Exercises", dependencies: ["Workbook"], path: exercisesPath),
    .testTarget(name: "ExerciseTests", dependencies: ["Exercises"], path: "Tests/ExerciseTests"),
  ]
  + (hasSolutions
    ? [.target(name: "Solutions", dependencies: ["Workbook"], path: "Solutions")] : [])

/// As in the real workbook, only the library's compile indexes the toolchain's modules.
for target in targets where target.name != "Workbook" {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [.unsafeFlags(["-index-ignore-system-modules"])]
}

let package = Package(name: "FixtureWorkbook", targets: targets, swiftLanguageModes: [.v6])
