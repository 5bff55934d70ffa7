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

/// SwiftPM's debug builds index while they build, and the index takes in the toolchain's modules
/// too, some of which the compiler rebuilds from their interfaces to index them: about 3.5 CPU
/// seconds in each compile job that starts on a fresh `.build` before another has indexed them,
/// for an index of the toolchain that nothing here reads. The library's compile indexes them once,
/// in a single job beside the grader's; every other target leaves them out (else SwiftPM's test
/// discovery target, compiled last and alone, would index them). Measured on fresh clones (three
/// interleaved pairs each), the first `swift run grade` took 0.2 to 9.2 s less than when every
/// job indexed them, and 0.9 to 4.1 s less than when that discovery target did.
let indexesToolchain: [SwiftSetting] = [.unsafeFlags(["-driver-batch-count", "1"])]
let leavesToolchainOutOfIndex: SwiftSetting = .unsafeFlags(["-index-ignore-system-modules"])

/// The suites compile in four batches of files, not one per core: their module is emitted by a
/// job of its own (it expands every `@Test`), which holds a core while the first batch runs, so
/// with two batches the second waited for it. Measured on two cores, the suites' compile took
/// 25 s of wall time instead of 34, for the same CPU time.
let suiteBatches: [SwiftSetting] = [.unsafeFlags(["-driver-batch-count", "4"])]

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
  .testTarget(
    name: "SolutionTests", dependencies: ["Solutions", "TestSupport"],
    path: "Tests/SolutionTests", swiftSettings: suiteBatches),
]

let referenceExperiments: [Target] = [
  .target(
    name: "ExperimentsOnSolutions", dependencies: ["Solutions", "ExperimentKit"],
    path: "Sources/ExperimentsOnSolutions", swiftSettings: optimized),
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

/// `grade` builds what grading needs and nothing else: the library, the learner's target, the
/// grader, and the targets named here — the test target it runs (`ExerciseTests`, or
/// `SolutionTests` for `--solutions`), and `Solutions` where `--strict` compares the learner's
/// API with the reference's. Without it (`swift build`, `swift test`, `swift run experiment`) the
/// package has every target. Both share `.build`, and a target compiles the same way in either,
/// so neither rebuilds what the other built: `swift test` after a grade compiles only what
/// grading left out.
let gradedTargets = Context.environment["WORKBOOK_GRADED_TARGETS"].map {
  Set($0.split(separator: ",").map(String.init))
}

/// A build of another copy of the learner's files (a submission of `grade --batch`, or the copy
/// with the stubs of files that do not compile) is for grading alone: it leaves the experiments
/// on the learner's code out, so a class is graded without compiling them for every student.
let buildsExperiments =
  Context.environment["WORKBOOK_EXERCISES_PATH"] == nil && gradedTargets == nil

let learnerExperiments: [Target] = [
  .target(
    name: "ExperimentsOnExercises", dependencies: ["Exercises", "ExperimentKit"],
    path: "Sources/ExperimentsOnExercises", swiftSettings: optimized),
  .executableTarget(
    name: "experiment",
    dependencies: ["ExperimentKit", "ExperimentsOnExercises", "Workbook"]
      + (has("Solutions") ? ["ExperimentsOnSolutions"] : []),
    path: "Sources/experiment"),
]

/// The library, the learner's target and the grader: in every build.
let core: [Target] = [
  .target(
    name: "Workbook", path: "Sources/Workbook", swiftSettings: optimized + indexesToolchain),
  .target(
    name: "Exercises", dependencies: ["Workbook"], path: exercisesPath,
    exclude: markdown(in: exercisesPath)),
  .target(name: "GraderKit", path: "Sources/GraderKit"),
  // `grade` does not use the library; it depends on it so that `swift run grade`'s first build
  // compiles the library beside the grader, which does not need it, instead of after it: on two
  // cores the library's optimised compile keeps one core busy and the grader's the other.
  .executableTarget(name: "grade", dependencies: ["GraderKit", "Workbook"], path: "Sources/grade"),
  // Where `grade --strict` runs a submission's test processes (Linux): a small program of its
  // own, without Foundation, so that it starts fast and may fork before it execs.
  .executableTarget(name: "grade-sandbox", path: "Sources/grade-sandbox"),
  .target(name: "TestSupport", dependencies: ["Workbook"], path: "Tests/TestSupport"),
]

let learnerTests: [Target] = [
  .testTarget(
    name: "ExerciseTests", dependencies: ["Exercises", "TestSupport"],
    path: "Tests/ExerciseTests", swiftSettings: suiteBatches)
]

/// The plots and the experiments' support, and the tests of the shared library and the plots.
/// The experiments in Sources/Experiments are compiled twice like the suites: against the
/// learner's `Exercises` and against `Solutions` (for `experiment --solutions`).
let plotsAndLibraryTests: [Target] = [
  .target(name: "Plot", path: "Sources/Plot", swiftSettings: optimized),
  .target(
    name: "ExperimentKit", dependencies: ["Plot"], path: "Sources/ExperimentKit",
    swiftSettings: optimized),
  .testTarget(name: "PlotTests", dependencies: ["Plot"], path: "Tests/PlotTests"),
  .testTarget(
    name: "WorkbookTests", dependencies: ["Workbook", "TestSupport"],
    path: "Tests/WorkbookTests"),
]

/// The targets of this build (see `gradedTargets`).
let targets: [Target] =
  if let gradedTargets {
    core + (learnerTests + reference).filter { gradedTargets.contains($0.name) }
  } else {
    core + learnerTests + plotsAndLibraryTests
      + (buildsExperiments ? learnerExperiments : [])
      + (has("Solutions") ? reference + referenceExperiments : [])
      + (has("Tests/GraderTests") ? graderTests : [])
  }

for target in targets where target.name != "Workbook" {
  target.swiftSettings = (target.swiftSettings ?? []) + [leavesToolchainOutOfIndex]
}

let package = Package(
  name: "GradientWorkbook",
  products: [.executable(name: "grade", targets: ["grade"])]
    + (buildsExperiments ? [.executable(name: "experiment", targets: ["experiment"])] : []),
  targets: targets,
  swiftLanguageModes: [.v6]
)
