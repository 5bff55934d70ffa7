import ExperimentKit
import ExperimentsOnExercises
import Foundation

#if canImport(ExperimentsOnSolutions)
  import ExperimentsOnSolutions
#endif

/// `swift run experiment NAME [--solutions]`: runs one experiment of the workbook on the
/// learner's code (or the reference) and writes its artefacts to `experiments/NAME/`.
let usage = """
  USAGE: swift run experiment NAME [--solutions] [--out DIR]
         swift run experiment --list

  Runs an experiment on your code in Exercises/ and writes its artefacts (figures to open in a
  browser, JSON, a manifest) to a folder of experiments/
  (progress on stderr, a summary table on stdout). Functions you have not written yet stop the
  run with their name.

  OPTIONS:
    --solutions   run the reference implementations instead (the instructor's copy)
    --out DIR     write the artefacts under DIR instead of experiments/
    --list        name every experiment
    -h, --help    show this help

  For timings, build in release: swift run -c release experiment NAME
  """

/// A function the learner has not written yet stops the run with its name (`unimplemented()`);
/// the runtime's backtrace after it would only bury that line, so the experiment starts itself
/// again without the backtracer, once, before anything else runs.
#if os(Linux)
  if ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil {
    setenv("SWIFT_BACKTRACE", "enable=no", 1)
    let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
    execv("/proc/self/exe", arguments)
  }
#endif

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("error: \(message)\n".utf8))
  exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains(where: { $0 == "-h" || $0 == "--help" }) {
  print(usage)
  exit(0)
}
let learnerExperiments = ExperimentsOnExercises.Experiments.all
if arguments == ["--list"] {
  let width = learnerExperiments.map(\.name.count).max() ?? 0
  let idWidth = learnerExperiments.map(\.exercise.count).max() ?? 0
  for experiment in learnerExperiments {
    print(
      experiment.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
        + experiment.exercise.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
        + experiment.summary)
  }
  exit(0)
}
var useSolutions = false
var outputRoot = "experiments"
var names: [String] = []
while !arguments.isEmpty {
  let argument = arguments.removeFirst()
  switch argument {
  case "--solutions": useSolutions = true
  case "--out":
    guard !arguments.isEmpty else { fail("--out needs a folder") }
    outputRoot = arguments.removeFirst()
  case let option where option.hasPrefix("-"): fail("unknown option '\(option)'\n\n\(usage)")
  default: names.append(argument)
  }
}
guard names.count == 1, let name = names.first else {
  fail("name one experiment (swift run experiment --list names them all)\n\n\(usage)")
}

var experiments = learnerExperiments
if useSolutions {
  #if canImport(ExperimentsOnSolutions)
    experiments = ExperimentsOnSolutions.Experiments.all
  #else
    fail("--solutions needs the reference implementations in Solutions/, which this copy lacks")
  #endif
}
guard let experiment = experiments.first(where: { $0.name == name }) else {
  fail(
    "no experiment named '\(name)'; there are: \(experiments.map(\.name).joined(separator: ", "))")
}

#if DEBUG
  let build = "debug"
#else
  let build = "release"
#endif
let folder = URL(fileURLWithPath: outputRoot).appendingPathComponent(experiment.folder)
var context = ExperimentContext(
  folder: folder, write: { print($0) },
  progress: { FileHandle.standardError.write(Data("▸ \($0)\n".utf8)) })
context.parameter("implementation", useSolutions ? "Solutions (reference)" : "Exercises (yours)")
context.parameter("build", build)
print("\(experiment.name) (\(experiment.exercise)): \(experiment.summary)")
print(
  "running \(useSolutions ? "the reference in Solutions/" : "your code in Exercises/"), \(build) build\n"
)
do {
  try experiment.run(&context)
  try context.writeManifest(experiment: experiment)
} catch {
  fail("\(experiment.name): \(error)")
}
let total = context.timings.reduce(0) { $0 + $1.seconds }
print("\ncomputed in \(formatted(total, decimals: 3)) s; artefacts in \(folder.path)/")
