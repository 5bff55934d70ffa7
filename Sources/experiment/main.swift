import ExperimentKit
import ExperimentsOnExercises
import Foundation
import Workbook

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

/// Set in the process that runs the experiment, which this one starts and watches.
let childVariable = "WORKBOOK_EXPERIMENT_RUN"

/// Runs the experiment in a process of its own and ends as it ended, but at a stub.
///
/// A function the learner has not written yet traps (`unimplemented()`), and the runtime's lines
/// about it (and the shell's "Illegal instruction") would bury what to do: that becomes one line
/// naming the exercise, the function and its file, and exit status 1. On Linux only; elsewhere
/// the experiment runs in this process, and the trap is the runtime's.
func superviseTheRun() -> Never {
  let run = Process()
  run.executableURL = URL(fileURLWithPath: "/proc/self/exe")
  run.arguments = Array(CommandLine.arguments.dropFirst())
  run.environment = ProcessInfo.processInfo.environment.merging(
    [childVariable: "1", "SWIFT_BACKTRACE": "enable=no"]) { $1 }
  let errors = Pipe()
  run.standardError = errors
  // A closed output (`swift run experiment NAME 2>&1 | head`) does not end this process, which
  // would leave the run going on alone: the write fails instead (`writeError`).
  signal(SIGPIPE, SIG_IGN)
  do {
    try run.run()
  } catch {
    fail("cannot start the experiment: \(error)")
  }
  let signals = passingSignals(to: run)
  // The run's progress, passed on line by line but for the trap at a stub.
  var stub: (file: String, function: String)?
  var pending = Data()
  func pass(_ line: Data) {
    let text = String(decoding: line, as: UTF8.self)
    if let marker = text.range(of: "Fatal error: \(unimplementedMarker) ") {
      let location = text[..<marker.lowerBound].trimmingCharacters(in: CharacterSet([" ", ":"]))
      stub = (location, String(text[marker.upperBound...]).trimmingCharacters(in: .newlines))
    } else if stub == nil {
      writeError(line)
    }
  }
  while case let chunk = errors.fileHandleForReading.availableData, !chunk.isEmpty {
    pending.append(chunk)
    while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
      pass(pending[...end])
      pending = Data(pending[(end + 1)...])
    }
  }
  if !pending.isEmpty { pass(pending) }
  run.waitUntilExit()
  withExtendedLifetime(signals) {}
  if let stub {
    let name = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? ""
    let exercise = learnerExperiments.first { $0.name == name }.map { "\($0.exercise)'s " } ?? ""
    let message =
      "error: \(name) stopped at \(exercise)\(stub.function), which is not written yet: "
      + stub.file
    writeError(Data((message + "\n").utf8))
    exit(1)
  }
  exit(run.terminationReason == .exit ? run.terminationStatus : 128 + run.terminationStatus)
}

/// Passes Ctrl-C (and `kill`, and the terminal closing) on to `run`, then ends by the signal.
///
/// The terminal sends Ctrl-C to its foreground process group, this process's; Foundation starts
/// the run in a group of its own, which it does not reach. Passed on, the run ends with this
/// one, a learner's endless loop included, instead of running on alone.
func passingSignals(to run: Process) -> [any DispatchSourceSignal] {
  [SIGINT, SIGTERM, SIGHUP].map { number in
    // The dispatch source takes the signal instead of its default action.
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler {
      if kill(-run.processIdentifier, number) != 0 { kill(run.processIdentifier, number) }
      // To the process, not this thread, which blocks signals as dispatch's threads do.
      signal(number, SIG_DFL)
      kill(getpid(), number)
    }
    source.resume()
    return source
  }
}

func fail(_ message: String) -> Never {
  writeError(Data("error: \(message)\n".utf8))
  exit(2)
}

/// Writes to standard error; a write that fails (its reader gone) is dropped, where `write(_:)`
/// would trap.
func writeError(_ data: Data) {
  try? FileHandle.standardError.write(contentsOf: data)
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains(where: { $0 == "-h" || $0 == "--help" }) {
  print(usage)
  exit(0)
}
let learnerExperiments = ExperimentsOnExercises.Experiments.all
#if os(Linux)
  if ProcessInfo.processInfo.environment[childVariable] == nil { superviseTheRun() }
#endif
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
  progress: { writeError(Data("▸ \($0)\n".utf8)) })
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
