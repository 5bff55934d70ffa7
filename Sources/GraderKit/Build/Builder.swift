import Foundation

/// What a build produced: the test bundle, and the learner files that did not compile.
public struct BuildOutcome: Sendable {
  public var bundle: URL
  /// Learner files (`Exercises/…`) that do not compile, with their errors: the bundle holds their
  /// stubs instead, and their exercises FAIL as "does not compile".
  public var uncompilable: [String: [Diagnostic]] = [:]
  /// Where the build read the learner's folder from, when that was the stubbed copy: its absolute
  /// path, mapped to `Exercises` (for crash locations).
  public var sourceAliases: [String: String] = [:]
  /// A folder holding this build alone (`Relinker`'s), removed when its grading ends.
  var owned: URL?
  /// Whether `--strict`'s checks already ran on this build's own objects (`Relinker`'s).
  var checked = false
  /// The suites in the bundle, when already known: `Relinker`'s bundles share one set of suites.
  var suites: Set<String>?
  /// Whether its exercises may share test processes (`SuiteRunner.gradeTogether`): the learner's
  /// files keep no state from one call to the next (`SharedState`), checked by `Relinker`.
  var sharesProcesses = false
}

/// Builds the package's test bundle with `swift build --build-tests`, showing progress as it goes.
///
/// When learner files do not compile, it builds again from a copy of `Exercises/` in which those
/// files are replaced by their generated stubs (the manifest reads the copy's path from
/// `WORKBOOK_EXERCISES_PATH`), so every other exercise is still graded. The copy holds symbolic
/// links to the learner's other files and shares the build folder, so this costs about as much
/// as an edit of those files.
public struct Builder {
  /// The package to build.
  public var packageRoot: URL
  /// Receives one line per progress step (the build's `[n/m] …` lines).
  public var progress: (String) -> Void
  /// The folder of the learner's files, relative to the package: `Exercises`, or a submission's
  /// copy (`grade --batch`); either way they are shown as `Exercises/…`.
  public var learnerFolder = "Exercises"
  /// A module cache shared with other workbooks' builds, if any (see `Options.moduleCache`).
  public var moduleCache: String?

  /// The environment variable that `Package.swift` reads for the learner target's folder.
  public static let exercisesPathVariable = "WORKBOOK_EXERCISES_PATH"
  /// The environment variable that `Package.swift` reads for the targets a grade needs.
  static let gradedTargetsVariable = "WORKBOOK_GRADED_TARGETS"
  /// The targets a grade needs besides the library, the learner's and the grader's: the test target
  /// it runs, and `Solutions` for `--strict`.
  ///
  /// The build leaves out every other target (the experiments, the plots, the other tests), which
  /// grading does not use.
  var gradedTargets = ["ExerciseTests"]
  /// The stubbed copy of `Exercises/`, relative to the package root.
  static let stubbedFolder = ".build/grade-stubbed/Exercises"

  /// `swift build` with the tests; a target that imports a target of the package it does not
  /// depend on (a learner file's `import Solutions`) is an error.
  var buildArguments: [String] {
    ["build", "--build-tests", "--explicit-target-dependency-import-check", "error"]
      + (moduleCache.map { ["-Xswiftc", "-module-cache-path", "-Xswiftc", $0] } ?? [])
  }

  public init(packageRoot: URL, progress: @escaping (String) -> Void) {
    self.packageRoot = packageRoot
    self.progress = progress
  }

  /// Builds everything, including the tests, unless nothing changed since the last build.
  ///
  /// `graded` names the learner files whose exercises are to be graded, when not all are: if the
  /// build fails in each of them, their exercises are graded as not compiling without building
  /// the stubs in their place, which only the other exercises' suites would need (a save that
  /// does not compile, shown at once by `grade ID` and `--watch`).
  ///
  /// - Throws: `GradeError.buildFailed` with the compiler's errors (file and line first) when code
  ///   other than the learner's files does not compile (or a stub does not); `GradeError.toolFailed`
  ///   when `swift` itself fails.
  public func build(catalog: Catalog, graded: Set<String>? = nil) throws(GradeError)
    -> BuildOutcome
  {
    // The sources as the build will read them, taken before it starts: the stamp saved after it
    // is this, so a file saved while it compiles differs from the stamp and builds next time.
    let digests = BuildStamp.digests(packageRoot: packageRoot, learnerFolder: learnerFolder)
    let sources = digests.sources
    if let stamp = BuildStamp.saved(packageRoot: packageRoot, matching: sources) {
      return outcome(bundle: URL(fileURLWithPath: stamp.bundle), uncompilable: stamp.uncompilable)
    }
    let ownFiles = learnerFolder == "Exercises"
    if ownFiles, let stamp = BuildStamp.saved(packageRoot: packageRoot) {
      switch try QuickRebuild(packageRoot: packageRoot, progress: progress)
        .rebuild(after: stamp, to: digests, targets: gradedTargets)
      {
      case .rebuilt(let rebuilt)?:
        rebuilt.save(packageRoot: packageRoot)
        return outcome(bundle: URL(fileURLWithPath: rebuilt.bundle), uncompilable: [:])
      case .failed(let log)? where !errors(in: log).isEmpty:
        // The stamp stays: once the file compiles again, its edit is rebuilt the quick way.
        if let skipped = notCompiling(
          graded, log: log, catalog: catalog, bundle: { URL(fileURLWithPath: stamp.bundle) })
        {
          return skipped
        }
        return try buildWithStubs(after: log, sources: sources, catalog: catalog)
      default:
        break
      }
    }
    let log = try swift(
      buildArguments, streaming: true, environment: buildEnvironment(learnerFolder: learnerFolder))
    guard !log.succeeded else {
      let bundle = try testBundlePath()
      BuildStamp(
        sources: sources, bundle: bundle, frame: digests.frame,
        quick: ownFiles
          ? QuickRebuild.commands(packageRoot: packageRoot, targets: gradedTargets) : nil
      ).save(packageRoot: packageRoot)
      return outcome(bundle: bundle, uncompilable: [:])
    }
    BuildStamp.forget(packageRoot: packageRoot)
    if let skipped = notCompiling(
      graded, log: log.output, catalog: catalog, bundle: { try? testBundlePath() })
    {
      return skipped
    }
    return try buildWithStubs(after: log.output, sources: sources, catalog: catalog)
  }

  /// The outcome when every learner file to be graded is among those a failed build blames.
  ///
  /// The files of `graded` are blamed by the build's `log`: their exercises fail as not
  /// compiling, and no stub need be built in their place, as only the other exercises' suites
  /// would need it; nil otherwise. `bundle` is the last test bundle built.
  private func notCompiling(
    _ graded: Set<String>?, log: String, catalog: Catalog, bundle: () -> URL?
  ) -> BuildOutcome? {
    guard let graded, !graded.isEmpty,
      let blamed = learnerFiles(blamedFor: errors(in: log), catalog: catalog),
      graded.isSubset(of: blamed.keys), let bundle = bundle()
    else { return nil }
    // Nothing graded runs a suite: the bundle is not read, and its suites need no listing.
    var skipped = outcome(bundle: bundle, uncompilable: blamed)
    skipped.suites = Set(catalog.exercises.map(\.suite))
    return skipped
  }

  /// The errors of a failed build's log, pointed at `Exercises/…`.
  private func errors(in log: String) -> [Diagnostic] {
    (Diagnostic.errors(in: log, relativeTo: packageRoot.path) + forbiddenImports(in: log))
      .map(unstubbed)
  }

  /// Builds the tests, with the stubs of the learner files that do not compile in their place,
  /// until the build succeeds or fails for a reason no learner file explains; `sources` is the
  /// snapshot taken before the first build, which the stamp records.
  private func buildWithStubs(after log: String, sources: String, catalog: Catalog)
    throws(GradeError) -> BuildOutcome
  {
    var log = log
    var broken: [String: [Diagnostic]] = [:]
    while true {
      let errors = errors(in: log)
      guard !errors.isEmpty else {
        throw .toolFailed(command: "swift build --build-tests", output: String(log.suffix(4000)))
      }
      guard let stubbed = try stubbing(for: errors, after: broken, catalog: catalog) else {
        throw .buildFailed(errors: (broken.values.flatMap { $0 } + errors).map(\.text))
      }
      broken = stubbed
      progress(
        "\(broken.count) learner file(s) do not compile; building their stubs in their place")
      let rebuilt = try swift(
        buildArguments, streaming: true,
        environment: buildEnvironment(learnerFolder: Self.stubbedFolder))
      if rebuilt.succeeded {
        let bundle = try testBundlePath()
        BuildStamp(sources: sources, bundle: bundle, uncompilable: broken)
          .save(packageRoot: packageRoot)
        return outcome(bundle: bundle, uncompilable: broken)
      }
      log = rebuilt.output
    }
  }

  /// The learner files to build as their stubs after a build failed with `errors`: those already
  /// `stubbed` and those the errors blame, with the stubbed copy written (the loop of `build` and
  /// of `Relinker`).
  ///
  /// Nil when an error lies outside the learner's files, or again in a file already stubbed: the
  /// stub itself (or its suite) does not compile, the workbook's fault, not the learner's.
  func stubbing(for errors: [Diagnostic], after stubbed: [String: [Diagnostic]], catalog: Catalog)
    throws(GradeError) -> [String: [Diagnostic]]?
  {
    guard let blamed = learnerFiles(blamedFor: errors, catalog: catalog),
      Set(blamed.keys).isDisjoint(with: stubbed.keys)
    else { return nil }
    let grown = stubbed.merging(blamed) { old, _ in old }
    try writeStubbedCopy(replacing: Set(grown.keys))
    return grown
  }

  /// What `Package.swift` reads for a build of the learner files in `folder`.
  private func buildEnvironment(learnerFolder folder: String) -> [String: String] {
    [Self.gradedTargetsVariable: gradedTargets.joined(separator: ",")]
      .merging(folder == "Exercises" ? [:] : [Self.exercisesPathVariable: folder]) { $1 }
  }

  /// SwiftPM's refusals of an import of a target the learner's target does not depend on, as
  /// errors at the learner's `import` lines (SwiftPM names the targets, not the files).
  private func forbiddenImports(in log: String) -> [Diagnostic] {
    let pattern = #"Target Exercises imports another target \((\w+)\)"#
    let modules = log.split(separator: "\n").compactMap { line -> String? in
      guard let match = line.range(of: pattern, options: .regularExpression) else { return nil }
      return line[match].split(separator: "(").last.map { String($0.dropLast()) }
    }
    var diagnostics: [Diagnostic] = []
    for module in Set(modules).sorted() {
      for (built, file) in learnerFiles() {
        let source =
          (try? String(contentsOf: packageRoot.appendingPathComponent(built), encoding: .utf8))
          ?? ""
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false)
          .enumerated()
        where line.range(
          of: #"^\s*(@\w+\s+)*import\s+((typealias|struct|class|enum|protocol|let|var|func)\s+)?"#
            + module + #"(\.|\s|$)"#, options: .regularExpression) != nil
        {
          diagnostics.append(
            Diagnostic(
              file: file, line: index + 1, column: 1,
              message: "imports \(module), a target the learner's files do not depend on: they may "
                + "import Workbook and the toolchain's modules (Foundation, …) only",
              excerpt: ["\(index + 1) | \(line)"]))
        }
      }
    }
    return diagnostics
  }

  /// The outcome of a build; when it built stubs, crash locations in the stubbed copy are the
  /// learner's files.
  func outcome(bundle: URL, uncompilable: [String: [Diagnostic]]) -> BuildOutcome {
    var aliases: [String: String] = [:]
    if !uncompilable.isEmpty {
      aliases[packageRoot.appendingPathComponent(Self.stubbedFolder).path] = "Exercises"
    }
    if learnerFolder != "Exercises" {
      aliases[packageRoot.appendingPathComponent(learnerFolder).path] = "Exercises"
    }
    return BuildOutcome(bundle: bundle, uncompilable: uncompilable, sourceAliases: aliases)
  }

  /// The learner's files: where the build reads each (relative to the package) and how it is
  /// shown (`Exercises/…`).
  private func learnerFiles() -> [(built: String, shown: String)] {
    swiftFiles(under: learnerFolder, in: packageRoot).map {
      ($0, "Exercises/" + $0.dropFirst(learnerFolder.count + 1))
    }
  }

  /// The learner files to blame for `errors`: their own errors, and a suite's errors against its
  /// exercise's file (a changed signature); nil when some error lies elsewhere.
  private func learnerFiles(blamedFor errors: [Diagnostic], catalog: Catalog) -> [String:
    [Diagnostic]]?
  {
    var blamed: [String: [Diagnostic]] = [:]
    for error in errors {
      let file: String
      if error.file.hasPrefix("Exercises/") {
        file = error.file
      } else if let exercise = catalog.exercises.first(where: {
        Self.isCompanion(error.file, of: $0)
      }) {
        file = exercise.file
      } else {
        return nil
      }
      blamed[file, default: []].append(error)
    }
    return blamed
  }

  /// Whether `path` is compiled against the learner's code on behalf of `exercise`: its suite in
  /// `ExerciseTests`, or its experiment (`<stub's name>Experiment.swift`) in
  /// `ExperimentsOnExercises`.
  ///
  /// An error there means the learner's declarations changed.
  static func isCompanion(_ path: String, of exercise: Exercise) -> Bool {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let stub = URL(fileURLWithPath: exercise.file).deletingPathExtension().lastPathComponent
    return (path.contains("/ExerciseTests/") && name == exercise.suite + ".swift")
      || (path.contains("/ExperimentsOnExercises/") && name == stub + "Experiment.swift")
  }

  /// A diagnostic in the stubbed copy or the learner's folder, pointed at `Exercises/…`.
  func unstubbed(_ diagnostic: Diagnostic) -> Diagnostic {
    var copy = diagnostic
    for folder in [Self.stubbedFolder, learnerFolder] where diagnostic.file.hasPrefix(folder + "/")
    {
      copy.file = "Exercises/" + diagnostic.file.dropFirst(folder.count + 1)
    }
    return copy
  }

  /// Mirrors `Exercises/` into the stubbed folder, with the stubs of the `broken` files.
  ///
  /// The copy links to the learner's other files; a broken file becomes its generated stub (or
  /// is left out when it has no reference). Unchanged entries are left alone, so the compiler
  /// sees nothing new.
  private func writeStubbedCopy(replacing broken: Set<String>) throws(GradeError) {
    let manager = FileManager.default
    let copy = packageRoot.appendingPathComponent(Self.stubbedFolder)
    var wanted: Set<String> = []
    do {
      for (built, file) in learnerFiles() {
        let name = String(file.dropFirst("Exercises/".count))
        let target = copy.appendingPathComponent(name)
        try manager.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if broken.contains(file) {
          guard StubGenerator.hasStub(forExerciseFile: file, packageRoot: packageRoot) else {
            continue
          }
          let stub = Data(
            try StubGenerator.stub(forExerciseFile: file, packageRoot: packageRoot).utf8)
          if (try? manager.destinationOfSymbolicLink(atPath: target.path)) != nil
            || manager.contents(atPath: target.path) != stub
          {
            try? manager.removeItem(at: target)
            try stub.write(to: target)
          }
        } else {
          let source = packageRoot.appendingPathComponent(built).path
          if (try? manager.destinationOfSymbolicLink(atPath: target.path)) != source {
            try? manager.removeItem(at: target)
            try manager.createSymbolicLink(atPath: target.path, withDestinationPath: source)
          }
        }
        wanted.insert(name)
      }
      for name in manager.enumerator(atPath: copy.path)?.compactMap({ $0 as? String }) ?? []
      where name.hasSuffix(".swift") && !wanted.contains(name) {
        try manager.removeItem(at: copy.appendingPathComponent(name))
      }
    } catch let error as GradeError {
      throw error
    } catch {
      throw .fileSystem(path: Self.stubbedFolder, reason: reasonText(error))
    }
  }

  /// The test bundle's path, as the last `swift build --build-tests` left it.
  ///
  /// SwiftPM links `.build/debug` to the debug build's folder; only without that link is
  /// `swift build --show-bin-path` asked (another SwiftPM start, about 0.2 s per grade).
  public func testBundlePath() throws(GradeError) -> URL {
    let link = packageRoot.appendingPathComponent(".build/debug")
    let directory: URL
    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link.path) {
      directory =
        URL(fileURLWithPath: target, relativeTo: link.deletingLastPathComponent())
        .standardizedFileURL
    } else {
      let binPath = try swift(
        ["build", "--build-tests", "--show-bin-path"], streaming: false,
        environment: [Self.gradedTargetsVariable: gradedTargets.joined(separator: ",")])
      directory = URL(
        fileURLWithPath: binPath.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    let bundles =
      (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
      .filter { $0.hasSuffix("PackageTests.xctest") } ?? []
    guard let bundle = bundles.first else {
      throw .toolFailed(
        command: "swift build --build-tests", output: "no test bundle in \(directory.path)")
    }
    return directory.appendingPathComponent(bundle)
  }

  /// How old a leftover of an earlier run in `.build/grade-temporary` is before it is removed:
  /// longer than any build takes.
  static let staleTemporaries: TimeInterval = 3600

  /// Removes the entries of `folder` last modified more than `staleTemporaries` ago.
  static func removeStale(in folder: URL, now: Date = Date()) {
    let manager = FileManager.default
    for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] {
      let entry = folder.appendingPathComponent(name)
      let attributes = try? manager.attributesOfItem(atPath: entry.path)
      if let modified = attributes?[.modificationDate] as? Date,
        now.timeIntervalSince(modified) > staleTemporaries
      {
        try? manager.removeItem(at: entry)
      }
    }
  }

  /// The folder of the temporary files of the builds `grade` runs in `packageRoot` (see `swift`).
  static func temporaries(of packageRoot: URL) -> URL {
    packageRoot.appendingPathComponent(".build/grade-temporary")
  }

  /// The grader's environment with the temporary files of what it runs in `folder`: the
  /// compiler's driver leaves a temporary folder behind for each whole-module compile and each
  /// link, which would pile up in the system's.
  static func environment(temporaries folder: URL) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = folder.path
    return environment
  }

  /// Runs `swift` with `arguments` in the package (`run(build:)`); progress lines are passed on
  /// while it runs when `streaming`; `environment` is added to the grader's own.
  private func swift(
    _ arguments: [String], streaming: Bool, environment: [String: String] = [:]
  ) throws(GradeError) -> (succeeded: Bool, output: String) {
    try Self.run(
      build: ["/usr/bin/env", "swift"] + arguments, in: packageRoot, environment: environment
    ) { line in
      if streaming,
        line.hasPrefix("[") || line.hasPrefix("Building") || line.hasPrefix("Build complete")
      {
        progress(line)
      }
    }
  }

  /// Runs a build command (`arguments`, the program first) in `packageRoot`, passing each line
  /// it prints to `line`: whether it succeeded, and what it printed.
  ///
  /// Throws `.interrupted` when Ctrl-C stopped it.
  ///
  /// A `Process`, not a `ChildProcess`: on Ctrl-C a build is interrupted (`Interrupts`), not
  /// killed, so that SwiftPM or the compiler's driver stops its own jobs. Its temporary files go
  /// to the package's `.build/grade-temporary`, the same folder every time: SwiftPM keys its
  /// cache of the evaluated `Package.swift` on the environment, `TMPDIR` included, and a folder
  /// of each run's own cost a fresh compile of the manifest (0.7 s) on every build. What earlier
  /// runs left there is removed once it is `staleTemporaries` old, never sooner, as another grade
  /// of this package may be using it.
  static func run(
    build arguments: [String], in packageRoot: URL, environment: [String: String] = [:],
    line: (String) -> Void = { _ in }
  ) throws(GradeError) -> (succeeded: Bool, output: String) {
    let command = arguments.dropFirst().joined(separator: " ")
    guard let program = arguments.first else { throw .toolFailed(command: "", output: "") }
    guard !Interrupts.isStopping else { throw .interrupted }
    let temporaries = Self.temporaries(of: packageRoot)
    Self.removeStale(in: temporaries)
    try? FileManager.default.createDirectory(at: temporaries, withIntermediateDirectories: true)
    let process = Process()
    process.environment = Self.environment(temporaries: temporaries)
      .merging(environment) { $1 }
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = Array(arguments.dropFirst())
    process.currentDirectoryURL = packageRoot
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .toolFailed(command: command, output: "\(error)")
    }
    var output = Data()
    var pending = Data()
    let handle = pipe.fileHandleForReading
    Interrupts.tracking(build: process) {
      while case let chunk = handle.availableData, !chunk.isEmpty {
        output.append(chunk)
        pending.append(chunk)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
          line(String(decoding: pending[..<newline], as: UTF8.self))
          pending.removeSubrange(...newline)
        }
      }
      process.waitUntilExit()
    }
    // Ctrl-C, passed on (`Interrupts`): what it stopped is neither built nor failed, however it
    // ended (SwiftPM exits with a status of its own).
    if Interrupts.isStopping
      || (process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT)
    {
      throw .interrupted
    }
    return (
      process.terminationReason == .exit && process.terminationStatus == 0,
      String(decoding: output, as: UTF8.self)
    )
  }
}
