/// The command line of `grade`, parsed by hand (no dependencies) in the style of swift-testing's entry point.
public struct Options: Equatable, Sendable {
  /// Exercise ids to grade; empty means all.
  public var ids: [String] = []
  /// Show the catalog instead of grading.
  public var list = false
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
  public var help = false

  public init() {}

  /// Parses `arguments` (without the program name); accepts `--flag value` and `--flag=value`.
  public init(parsing arguments: [String]) throws(GradeError) {
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
    if list && hint != nil { throw .usage("--list and --hint cannot be combined") }
    if (list || hint != nil) && (!ids.isEmpty || json || solutions) {
      throw .usage("--list and --hint take no exercise ids, --json or --solutions")
    }
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
    PASS or FAIL with its stars and points.

    ARGUMENTS:
      <id>                  Exercise ids to grade (e.g. 4.6); all exercises when none is given.

    OPTIONS:
      -l, --list            Show the catalog: ids, stars, points and titles.
      --hint <id>           Show the hints for an exercise.
      --solutions           Grade the reference Solutions instead (the instructor's self-check).
      --json                Print the results as JSON on standard output (for CI).
      --skip-build          Use the test bundle already built instead of running swift build.
      --catalog <path>      The catalog to use (default: grader.json).
      --package-path <dir>  The workbook's root (default: the current directory).
      -j, --jobs <n>        Exercises graded at once (default: the number of cores).
      -h, --help            Show this help.

    EXIT STATUS:
      0 everything graded passed, 1 something failed (or did not compile), 2 usage or catalog error.
    """
}
