// swift-tools-version: 6.3
import Foundation
import PackageDescription

/// One build serves learners, instructors and CI: the exercise suites in `Tests/Suites` are
/// compiled twice, once against the learner's `Exercises` (module `ExerciseTests`) and once
/// against the reference `Solutions` (module `SolutionTests`), so `swift run grade` and
/// `swift test` share a single test bundle.
///
/// `grade` builds learner files that do not compile as their generated stubs, from a copy of
/// `Exercises/` whose folder it names here, so that every other exercise is still graded.
let exercisesPath = Context.environment["WORKBOOK_EXERCISES_PATH"] ?? "Exercises"

/// Whether the package has this folder: the student release (`grade --release`) leaves out
/// `Solutions/` and the grader's own tests, and with them their targets.
func has(_ folder: String) -> Bool {
  FileManager.default.fileExists(atPath: Context.packageDirectory + "/" + folder)
}

/// The library, the reference and the experiments' code are compiled with optimisation even in
/// debug builds: the suites train networks and draw thousands of minibatches through them, and
/// the experiments draw contour plots, which `-Onone` makes ten times slower. The learner's
/// `Exercises` stay unoptimised, so a crash points at their line.
let optimized: [SwiftSetting] = [.unsafeFlags(["-O"])]

/// The Markdown pages under a target's folder (review exercises, which a person grades): not
/// sources, so the target leaves them out.
func markdown(in folder: String) -> [String] {
  let root = Context.packageDirectory + "/" + folder
  let walker = FileManager.default.enumerator(atPath: root)
  var pages: [String] = []
  while let path = walker?.nextObject() as? String {
    if path.hasSuffix(".md") { pages.append(path) }
  }
  return pages
}

let reference: [Target] = [
  .target(
    name: "Solutions", dependencies: ["Workbook"], path: "Solutions",
    exclude: markdown(in: "Solutions"), swiftSettings: optimized),
  .target(
    name: "ExperimentsOnSolutions", dependencies: ["Solutions", "ExperimentKit"],
    path: "Sources/ExperimentsOnSolutions", swiftSettings: optimized),
  .testTarget(
    name: "SolutionTests", dependencies: ["Solutions", "TestSupport"],
    path: "Tests/SolutionTests"),
  .testTarget(
    name: "ExperimentTests", dependencies: ["ExperimentsOnSolutions"],
    path: "Tests/ExperimentTests"),
]

let graderTests: [Target] = [
  .testTarget(
    name: "GraderTests", dependencies: ["GraderKit"], path: "Tests/GraderTests",
    exclude: ["Fixtures"]),
  .testTarget(
    name: "GraderFixtures", dependencies: ["Workbook", "TestSupport"],
    path: "Tests/GraderFixtures"),
]

/// A build of another copy of the learner's files (a submission of `grade --batch`, or the copy
/// with the stubs of files that do not compile) is for grading alone: it leaves the experiments
/// on the learner's code out, so a class is graded without compiling them for every student.
let buildsExperiments = Context.environment["WORKBOOK_EXERCISES_PATH"] == nil

let learnerExperiments: [Target] = [
  .target(
    name: "ExperimentsOnExercises", dependencies: ["Exercises", "ExperimentKit"],
    path: "Sources/ExperimentsOnExercises", swiftSettings: optimized),
  .executableTarget(
    name: "experiment",
    dependencies: ["ExperimentsOnExercises"] + (has("Solutions") ? ["ExperimentsOnSolutions"] : []),
    path: "Sources/experiment"),
]

let package = Package(
  name: "GradientWorkbook",
  products: [.executable(name: "grade", targets: ["grade"])]
    + (buildsExperiments ? [.executable(name: "experiment", targets: ["experiment"])] : []),
  targets: [
    .target(name: "Workbook", path: "Sources/Workbook", swiftSettings: optimized),
    .target(
      name: "Exercises", dependencies: ["Workbook"], path: exercisesPath,
      exclude: markdown(in: exercisesPath)),
    .target(name: "GraderKit", dependencies: ["Workbook"], path: "Sources/GraderKit"),
    .executableTarget(name: "grade", dependencies: ["GraderKit"], path: "Sources/grade"),
    // Where `grade --strict` runs a submission's test processes (Linux): a small program of its
    // own, without Foundation, so that it starts fast and may fork before it execs.
    .executableTarget(name: "grade-sandbox", path: "Sources/grade-sandbox"),

    // The experiments in Sources/Experiments are compiled twice like the suites: against the
    // learner's `Exercises` and against `Solutions` (for `experiment --solutions`).
    .target(name: "Plot", path: "Sources/Plot", swiftSettings: optimized),
    .target(
      name: "ExperimentKit", dependencies: ["Plot"], path: "Sources/ExperimentKit",
      swiftSettings: optimized),

    .target(name: "TestSupport", dependencies: ["Workbook"], path: "Tests/TestSupport"),
    .testTarget(
      name: "ExerciseTests", dependencies: ["Exercises", "TestSupport"],
      path: "Tests/ExerciseTests"),
    .testTarget(name: "PlotTests", dependencies: ["Plot"], path: "Tests/PlotTests"),
    .testTarget(
      name: "WorkbookTests", dependencies: ["Workbook", "TestSupport"],
      path: "Tests/WorkbookTests"),
  ]
    + (buildsExperiments ? learnerExperiments : [])
    + (has("Solutions") ? reference : [])
    + (has("Tests/GraderTests") ? graderTests : []),
  swiftLanguageModes: [.v6]
)
