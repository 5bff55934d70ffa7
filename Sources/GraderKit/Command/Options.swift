/// The command line of `grade`, parsed by hand (no dependencies) in the style of swift-testing's entry point.
public struct Options: Equatable, Sendable {
  /// Exercise ids to grade (or to watch); empty means all.
  public var ids: [String] = []
  /// Show the catalog, with each exercise's last verdict, instead of grading.
  public var list = false
  /// Stay running and re-grade an exercise whenever its file is saved.
  public var watch = false
  /// Restore this exercise's stub, keeping the learner's file as a backup.
  public var reset: String?
  /// Regenerate every stub in `Exercises/` from the marked reference files in `Solutions/`.
  public var generateStubs = false
  /// With `generateStubs`: replace learner files that may hold work too, keeping backups.
  public var force = false
  /// Compare every file but the learner's with the instructor's checksum manifest.
  public var verify = false
  /// Write the checksum manifest of every file but the learner's.
  public var writeChecksums = false
  /// Write the student release of the workbook into this new folder.
  public var release: String?
  /// Grade every submission in this folder (a folder per student).
  public var batch: String?
  /// Where `--batch` writes the gradebook and the students' records.
  public var out = "grades"
  /// Refuse a submission whose code calls forbidden functions or adds public API, and report the
  /// exercises graded as a whole without their parts.
  public var strict = false
  /// Also write the complete results, every part included, as JSON to this file (the instructor's).
  public var fullJSON: String?
  /// Also write the results as JUnit XML to this file.
  public var junit: String?
  /// Also write the results in Gradescope's `results.json` format to this file.
  public var gradescope: String?
  /// Also write the results as a Markdown table to this file (a CI job summary).
  public var markdown: String?
  /// Also write the results as GitHub Classroom's reporter reads them to this file.
  public var classroom: String?
  /// How suites are run; the platform's default when nil.
  public var runner: TestLauncher.Kind?
  /// Grade the reference `Solutions` instead of the learner's `Exercises`.
  public var solutions = false
  /// Show the hints of this exercise instead of grading.
  public var hint: String?
  /// Print the results as JSON on standard output.
  public var json = false
  /// Skip `swift build` and use the test bundle that is there (for CI that has just built).
  public var skipBuild = false
  /// The catalog, relative to the package root.
  public var catalog = "grader.json"
  /// The package root; the current directory by default.
  public var packagePath: String?
  /// How many exercises to grade at once; the number of cores by default.
  public var jobs: Int?
  /// A module cache shared by the builds of several workbooks (the environment's
  /// `GRADE_MODULE_CACHE` when not set here): the toolchain's modules (Swift Testing is compiled
  /// from its interface) are built once, not once per workbook.
  ///
  /// Every build of one workbook must use the same cache, or it starts over.
  public var moduleCache: String?
  public var help = false

  public init() {}

  /// Parses `arguments` (without the program name); accepts `--flag value` and `--flag=value`.
  public init(parsing arguments: [String]) throws(GradeError) {
    // Help wins over everything else on the line, whether the rest parses or not.
    if arguments.contains("--help") || arguments.contains("-h") {
      help = true
      return
    }
    var queue = arguments[...]
    while let argument = queue.popFirst() {
      guard argument.hasPrefix("-") else {
        ids.append(argument)
        continue
      }
      let (flag, inlineValue) = Self.split(argument)
      func value() throws(GradeError) -> String {
        if let inlineValue { return inlineValue }
        guard let next = queue.popFirst(), !next.hasPrefix("-") else {
          throw .usage("\(flag) needs a value")
        }
        return next
      }
      func noValue() throws(GradeError) {
        if inlineValue != nil { throw .usage("\(flag) takes no value") }
      }
      switch flag {
      case "--list", "-l": try noValue(); list = true
      case "--watch", "-w": try noValue(); watch = true
      case "--reset": reset = try value()
      case "--generate-stubs": try noValue(); generateStubs = true
      case "--force": try noValue(); force = true
      case "--strict": try noValue(); strict = true
      case "--full-json": fullJSON = try value()
      case "--junit": junit = try value()
      case "--gradescope": gradescope = try value()
      case "--markdown": markdown = try value()
      case "--classroom": classroom = try value()
      case "--verify": try noValue(); verify = true
      case "--write-checksums": try noValue(); writeChecksums = true
      case "--release": release = try value()
      case "--batch": batch = try value()
      case "--out": out = try value()
      case "--runner":
        let text = try value()
        guard let kind = TestLauncher.Kind(rawValue: text) else {
          throw .usage("--runner is bundle or swift-test, not \"\(text)\"")
        }
        runner = kind
      case "--solutions": try noValue(); solutions = true
      case "--json": try noValue(); json = true
      case "--skip-build": try noValue(); skipBuild = true
      case "--help", "-h": try noValue(); help = true
      case "--hint": hint = try value()
      case "--catalog": catalog = try value()
      case "--package-path": packagePath = try value()
      case "--jobs", "-j":
        let text = try value()
        guard let count = Int(text), count > 0 else {
          throw .usage("--jobs needs a positive whole number, not \"\(text)\"")
        }
        jobs = count
      default: throw .usage("unknown option \(flag)")
      }
    }
    let modes = [
      list ? "--list" : nil, hint.map { _ in "--hint" }, watch ? "--watch" : nil,
      reset.map { _ in "--reset" }, generateStubs ? "--generate-stubs" : nil,
      verify ? "--verify" : nil, writeChecksums ? "--write-checksums" : nil,
      release.map { _ in "--release" }, batch.map { _ in "--batch" },
    ].compactMap { $0 }
    if modes.count > 1 { throw .usage("\(modes.joined(separator: " and ")) cannot be combined") }
    if let mode = modes.first, mode != "--watch", !ids.isEmpty || json || solutions {
      throw .usage("\(mode) takes no exercise ids, --json or --solutions")
    }
    if watch && (json || solutions) { throw .usage("--watch takes no --json or --solutions") }
    if force && !generateStubs { throw .usage("--force goes with --generate-stubs alone") }
  }

  private static func split(_ argument: String) -> (String, String?) {
    guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
      return (argument, nil)
    }
    return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
  }

  /// What `--help` prints.
  public static let usage = """
    USAGE: swift run grade [<id> ...] [options]

    Grades the exercises in Exercises/ with the suites in Tests/Suites and prints, per exercise,
    PASS or FAIL with its stars and points, then where you stand.

    ARGUMENTS:
      <id>                  Exercise ids to grade (e.g. 4.6); all exercises when none is given.

    FOR LEARNERS:
      -w, --watch [<id> ...]
                            Stay running: re-grade an exercise each time its file is saved.
      -l, --list            Show the exercises: ids, stars, points, titles and last verdicts.
      --hint <id>           Show the hints for an exercise, gentle to specific.
      --reset <id>          Restore an exercise's stub; your file is kept in .grade/backups/.
      --verify              Check that no file outside Exercises/ differs from what the
                            instructor shipped (grader-checksums.json).

    FOR INSTRUCTORS AND CI:
      --solutions           Grade the reference Solutions instead (the instructor's self-check).
      --json                Print the results as JSON on standard output (for CI).
      --strict              Grade a submission you do not trust: refuse it when its code calls
                            files, processes, the environment or exit, or adds public API; show
                            multiple choice as a whole, without its parts.
      --full-json <file>    Also write every part of every result to <file> (for the instructor).
      --junit <file>        Also write the results as JUnit XML (a test case per part).
      --gradescope <file>   Also write the results in Gradescope's results.json format (with
                            --batch: of its one submission, as autograder/run_autograder does).
      --classroom <file>    Also write the results as GitHub Classroom's grading reporter reads
                            them (the workflow hands them on base64-encoded).
      --markdown <file>     Also write the results as a Markdown table (a CI job summary).
      --generate-stubs      Regenerate Exercises/ from the marked reference files in Solutions/;
                            a file that is not a stub generated before is left as it is.
      --force               With --generate-stubs: replace those too, keeping backups.
      --write-checksums     Write grader-checksums.json for every file outside Exercises/.
      --release <dir>       Write the student's workbook into <dir>: stubs, visible suites and
                            the grader; no Solutions/, hidden cases or explanations.
      --batch <dir>         Grade a class: every folder in <dir> is a student's submission (an
                            Exercises/ folder or a checkout); strict; resumes where it stopped.
      --out <dir>           Where --batch writes gradebook.csv and students/ (default: grades).
      --skip-build          Use the test bundle already built instead of running swift build.
      --runner <kind>       bundle (start the test bundle; Linux) or swift-test (through
                            `swift test --skip-build`; any platform). Default: the platform's.
      --catalog <path>      The catalog to use (default: grader.json).
      --package-path <dir>  The workbook's root (default: the current directory).
      -j, --jobs <n>        Exercises graded at once (default: the number of cores).
      -h, --help            Show this help.

    EXIT STATUS:
      0 everything graded passed, 1 something failed (or did not compile), 2 usage or catalog error.
    """
}
