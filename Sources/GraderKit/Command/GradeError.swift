import Foundation

/// Everything that stops a `grade` run before or instead of a result, with what the user needs to fix it.
public enum GradeError: Error, Equatable, CustomStringConvertible {
  /// The command line is not understood.
  case usage(String)
  /// The catalog file cannot be read or is not valid JSON.
  case catalogUnreadable(file: String, reason: String)
  /// An entry of the catalog is malformed or inconsistent; `entry` and `field` locate it.
  case catalogInvalid(file: String, entry: String?, field: String?, problem: String)
  /// The catalog was written for a newer grader.
  case unsupportedVersion(file: String, found: Int, supported: Int)
  /// An exercise id named on the command line is not in the catalog.
  case unknownExercise(id: String, known: [String])
  /// The learner's code (or a suite) does not compile; `errors` are the compiler's, first.
  case buildFailed(errors: [String])
  /// A tool the grader runs failed for a reason other than compile errors.
  case toolFailed(command: String, output: String)
  /// A marked reference file in `Solutions/` cannot generate its stub; `line` is 1-based.
  case markers(file: String, line: Int, problem: String)
  /// `--strict` refuses the submission before grading it, for these reasons.
  case refused(reasons: [String])
  /// A file the grader reads or writes (a stub, a backup, the learner's record) failed.
  case fileSystem(path: String, reason: String)
  /// `--solutions` in a workbook without `Solutions/`: the student release has no reference.
  case noSolutions
  /// `--release` would ship these lines of the reference solutions' marked blocks; it wrote
  /// nothing.
  case referenceLeaks([ReferenceLeak])
  /// Learner files that are symbolic links (paths as `Exercises/…`, each with its target).
  case linkedLearnerFiles([String])
  /// `--generate-stubs` left these learner files as they are: none is a stub generated before,
  /// so each may hold a learner's work; it wrote the stubs of `written`.
  case learnerWorkKept(files: [String], written: [String])

  /// A build was stopped by Ctrl-C (SIGINT), which the grader passes on to it (`Interrupts`).
  case interrupted

  /// The process exit status for this error: 1 when the learner's code is at fault, 130 (a shell's
  /// for SIGINT) when stopped by Ctrl-C, 2 otherwise.
  public var exitStatus: Int32 {
    switch self {
    case .buildFailed, .refused, .linkedLearnerFiles: 1
    case .interrupted: 128 + SIGINT
    default: 2
    }
  }

  public var description: String {
    switch self {
    case .usage(let message):
      "\(message)\nRun `swift run grade --help` for usage."
    case .catalogUnreadable(let file, let reason):
      "\(file): \(reason)"
    case .catalogInvalid(let file, let entry, let field, let problem):
      [file, entry, field.map { "field \"\($0)\"" }].compactMap { $0 }.joined(separator: ": ")
        + ": \(problem)"
    case .unsupportedVersion(let file, let found, let supported):
      "\(file): version \(found) is newer than this grader supports (\(supported)); update the workbook."
    case .unknownExercise(let id, let known):
      "no exercise \"\(id)\" in the catalog. Known: \(known.joined(separator: ", "))"
    case .buildFailed(let errors):
      "the code does not compile; nothing was graded.\n\n" + errors.joined(separator: "\n\n")
    case .toolFailed(let command, let output):
      "`\(command)` failed:\n\(output)"
    case .markers(let file, let line, let problem):
      "\(file)\(line > 0 ? ":\(line)" : ""): \(problem)"
    case .refused(let reasons):
      "the submission is refused (--strict); nothing was graded:\n"
        + reasons.map { "  - " + $0 }.joined(separator: "\n")
    case .fileSystem(let path, let reason):
      "\(path): \(reason)"
    case .noSolutions:
      """
      this is the student release: it has no reference solutions (Solutions/), so there is \
      nothing for --solutions to grade. `swift run grade` grades your exercises in Exercises/.
      """
    case .linkedLearnerFiles(let links):
      "these learner files are symbolic links, which grade never follows (a link would have "
        + "another file graded as yours); nothing was graded. Put the file itself in place of "
        + "each:\n" + links.map { "  - " + $0 }.joined(separator: "\n")
    case .learnerWorkKept(let files, let written):
      (written.isEmpty
        ? ""
        : "Regenerated from Solutions/:\n" + written.map { "  " + $0 }.joined(separator: "\n")
          + "\n")
        + "these learner files were left as they are: none is the stub its reference generated at "
        + "the last commit, so each may hold a learner's work. `swift run grade --generate-stubs "
        + "--force` replaces them, keeping each in .grade/backups/ as --reset does:\n"
        + files.map { "  - " + $0 }.joined(separator: "\n")
    case .referenceLeaks(let leaks):
      "the release would give reference solutions away, so nothing was written. Each shipped "
        + "line below repeats a line of a reference's BEGIN SOLUTION … END SOLUTION block: "
        + "rewrite it so that it no longer does (a suite can compute its expected value another "
        + "way):\n" + leaks.map { "  - " + $0.description }.joined(separator: "\n")
    case .interrupted:
      "stopped by Ctrl-C before the build ended; nothing was graded."
    }
  }
}
