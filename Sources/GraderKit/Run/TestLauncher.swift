import Foundation

/// Starts the test bundle for one run of a suite: directly, or through `swift test`.
///
/// On Linux the bundle is an ordinary executable that Swift Testing's entry point runs; starting
/// it directly costs about 30 ms. On macOS a test bundle is loaded by a helper that SwiftPM
/// starts, so the portable way is `swift test --skip-build` with the same filter and event stream
/// (about 1.3 s more per process). The grader's tests run both on Linux, so neither is untested.
public struct TestLauncher: Sendable {
  /// How suites are started.
  public enum Kind: String, Sendable, Equatable {
    /// The bundle is executed directly (Linux).
    case bundle
    /// `swift test --skip-build` runs it (every platform).
    case swiftTest = "swift-test"

    /// Seconds added to an exercise's time limit for the launcher's own start: the limit is
    /// for the learner's code, and `swift test` takes a second or more (several on a loaded
    /// machine) to load the package before the suite starts.
    public var startupAllowance: Double {
      switch self {
      case .bundle: 0
      case .swiftTest: 10
      }
    }

    /// The fastest way the platform supports.
    public static var platformDefault: Kind {
      #if os(Linux)
        .bundle
      #else
        .swiftTest
      #endif
    }
  }

  public var kind: Kind
  /// The test bundle, `<scratch>/<triple>/<configuration>/<Package>PackageTests.xctest`.
  public var bundle: URL
  /// The package that built the bundle.
  public var packageRoot: URL
  /// A copy of the bundle that learner code cannot reach, started instead of it.
  ///
  /// For `.bundle` runs only (see `SealedBundle`). A run that symbolicates a crash starts the
  /// bundle itself, whose debug information the backtracer reads by its path.
  var sealedCopy: URL?
  /// Where the bundle runs, for `.bundle` runs of code not trusted (`grade --strict`).
  var sandbox: Sandbox?

  public init(kind: Kind, bundle: URL, packageRoot: URL) {
    self.kind = kind
    self.bundle = bundle
    self.packageRoot = packageRoot
  }

  /// The program and arguments that run the Swift Testing tests matching `filter` one at a time,
  /// writing the JSON event stream to the path `eventStream`.
  func run(filter: String, eventStream: String, symbolicated: Bool = false) -> (
    executable: URL, arguments: [String]
  ) {
    let testing = [
      "--no-parallel", "--filter", filter, "--event-stream-output-path", eventStream,
      "--event-stream-version", "0",
    ]
    switch kind {
    case .bundle:
      // A symbolicated run starts the bundle by its path, which its backtracer reads.
      let executable = symbolicated ? bundle : sealedCopy ?? bundle
      let arguments = ["--testing-library", "swift-testing"] + testing
      guard let sandbox else { return (executable, arguments) }
      return sandbox.command(
        executable, arguments, alsoVisible: symbolicated ? [bundle.path] : [])
    case .swiftTest:
      return (Self.env, ["swift", "test"] + swiftPMArguments + ["--disable-xctest"] + testing)
    }
  }

  /// The program and arguments that list every test id, `Module.Suite/test()`, one per line.
  func listTests() -> (executable: URL, arguments: [String]) {
    switch kind {
    case .bundle:
      return (bundle, ["--testing-library", "swift-testing", "--list-tests"])
    case .swiftTest:
      return (Self.env, ["swift", "test", "list"] + swiftPMArguments + ["--disable-xctest"])
    }
  }

  /// The environment of a run: the grader's own, with `variables`.
  ///
  /// Through `swift test`, the run's temporary files go where the grader's builds put theirs
  /// (`Builder.temporaries(of:)`), the same folder every time: SwiftPM keys its cache of the
  /// evaluated `Package.swift` on the environment, `TMPDIR` included, and a folder of each run's
  /// own had it evaluate the manifest again for every suite (0.3 s more per run).
  func environment(adding variables: [String: String]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.merging(variables) { $1 }
    if kind == .swiftTest {
      let folder = Builder.temporaries(of: packageRoot)
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      environment["TMPDIR"] = folder.path
    }
    return environment
  }

  /// Whether a run through `swift test` failed before the bundle wrote a single event.
  ///
  /// Such a failure is SwiftPM's own: `swift test` processes sharing one build, as a grade's
  /// suites do, race on its files, and about one start in a hundred under load stopped with
  /// "unable to load build file" or a bus error. Learner code cannot run before the bundle's
  /// first event.
  func failedToStart(_ outcome: ChildProcess.Outcome, events: Data) -> Bool {
    kind == .swiftTest && events.isEmpty && outcome.termination != .exited(0)
      && outcome.termination != .timedOut
  }

  /// How the bundle itself ended, from how its runner did: `swift test` reports a crashed bundle
  /// as its own exit status 1, printing "exited with unexpected signal code N".
  func bundleTermination(_ outcome: ChildProcess.Outcome) -> ChildProcess.Termination {
    guard kind == .swiftTest, outcome.termination == .exited(1),
      let phrase = outcome.output.range(of: "exited with unexpected signal code ")
    else { return outcome.termination }
    let digits = outcome.output[phrase.upperBound...].prefix { $0.isNumber }
    return Int32(digits).map { .signaled($0) } ?? outcome.termination
  }

  private static let env = URL(fileURLWithPath: "/usr/bin/env")

  /// Points SwiftPM at the build that holds the bundle, without building or taking its lock:
  /// suites of one grade run in parallel, and the grader's own tests run inside `swift test`.
  private var swiftPMArguments: [String] {
    let directory = bundle.resolvingSymlinksInPath().deletingLastPathComponent()
    let scratch = directory.deletingLastPathComponent().deletingLastPathComponent()
    return [
      "--skip-build", "--ignore-lock", "--package-path", packageRoot.path, "--scratch-path",
      scratch.path, "--configuration", directory.lastPathComponent,
    ]
  }
}
