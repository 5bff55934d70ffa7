import Foundation
import Synchronization

/// Builds the suites and grades some exercises: what `grade` does once and `--watch` after each
/// save.
struct GradingSession {
  var packageRoot: URL
  var catalog: Catalog
  /// The catalog's file, for messages.
  var catalogFile: String
  /// Grade the reference `Solutions` instead of the learner's `Exercises`.
  var solutions: Bool
  var jobs: Int
  var launcher: TestLauncher.Kind
  /// Use the bundle already built instead of building.
  var skipBuild: Bool
  /// A bundle to use instead of building (the grader's own tests run inside it).
  var testBundle: URL?
  /// Refuse learner code that calls forbidden functions or adds public API (see `StrictCheck`).
  var strict = false
  /// The module cache the builds share with other workbooks' (see `Options.moduleCache`).
  var moduleCache: String?
  /// The folder of the learner's files, relative to the package (see `Builder`).
  var learnerFolder = "Exercises"
  var status: StatusLine

  var target: String { solutions ? "Solutions" : "Exercises" }

  /// Whether this process has said that it grades without a sandbox (it says so once).
  private static let sandboxNoted = Mutex(false)
  var module: String { solutions ? "SolutionTests" : "ExerciseTests" }

  /// Builds, then grades `selected`, returning their results in catalog order.
  ///
  /// A learner file that does not compile fails its own exercise; the others are graded as usual.
  func grade(_ selected: [Exercise]) throws(GradeError) -> [ExerciseResult] {
    try prepare(selected).run()
  }

  /// Everything before a suite runs: the build, and its checks (the catalog's suites, `--strict`).
  ///
  /// With `detached`, the grading it returns runs from copies of the test bundle and needs
  /// nothing of the build folder, so the next build may start while it runs (`grade --batch`).
  /// A `prebuilt` bundle (`Relinker`'s) is graded instead of building. `label` starts each
  /// progress line of the grading (a batch's student).
  func prepare(
    _ selected: [Exercise], detached: Bool = false, prebuilt: BuildOutcome? = nil,
    label: String = ""
  ) throws(GradeError) -> PreparedGrading {
    let build: BuildOutcome
    if let prebuilt { build = prebuilt } else { build = try self.build(selected) }
    let bundleLauncher = TestLauncher(
      kind: launcher, bundle: build.bundle, packageRoot: packageRoot)
    let available: Set<String>
    if let known = build.suites {
      available = known
    } else {
      available = try Grader.suites(using: bundleLauncher, module: module)
    }
    // The whole catalog, not just the selection: an entry's index in the message must be its own.
    try CatalogLoader.checkSuites(of: catalog, file: catalogFile, available: available)

    if strict && !solutions && !build.checked {
      let reasons = try StrictCheck(
        packageRoot: packageRoot, bundle: build.bundle, sourceAliases: build.sourceAliases,
        learnerFolder: learnerFolder
      ).reasons()
      if !reasons.isEmpty { throw .refused(reasons: reasons) }
    }
    let uncompilable = solutions ? [:] : build.uncompilable
    for (file, errors) in uncompilable where !catalog.exercises.contains(where: { $0.file == file })
    {
      status.say(
        "note: \(file) belongs to no exercise and does not compile; it was left out of the build:\n"
          + errors.map(\.text).joined(separator: "\n"))
    }
    var runner = SuiteRunner(
      bundle: build.bundle, module: module, packageRoot: packageRoot, launcher: launcher)
    runner.sourceAliases = build.sourceAliases
    let sealed = launcher == .bundle ? SealedBundle.make(from: build.bundle) : nil
    runner.launcher.sealedCopy = sealed?.path
    if strict && !solutions && launcher == .bundle {
      switch Sandbox.make(packageRoot: packageRoot) {
      case .success(let sandbox): runner.launcher.sandbox = sandbox
      case .failure(let unavailable):
        if Self.sandboxNoted.withLock({ noted in
          defer { noted = true }; return !noted
        }) {
          status.say("note: the test processes run without a sandbox here: \(unavailable)")
        }
      }
    }
    var privateCopy = build.owned
    if detached && launcher == .bundle && privateCopy == nil {
      // A crash is run again from this copy, for its backtrace: the build folder's bundle may
      // be the next submission's by then.
      let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
        "grade-bundle-\(UUID().uuidString)")
      do {
        try FileManager.default.copyItem(at: build.bundle, to: copy)
      } catch {
        throw .fileSystem(path: copy.path, reason: reasonText(error))
      }
      runner.launcher.bundle = copy
      privateCopy = copy
    }
    let reviewed = selected.filter(\.isReview).map {
      ExerciseResult.review(
        $0, page: learnerCopy(of: $0, in: solutions ? "Solutions" : learnerFolder),
        template: try? StubGenerator.stub(forExerciseFile: $0.file, packageRoot: packageRoot))
    }
    return PreparedGrading(
      selected: selected, target: target, uncompilable: uncompilable, reviewed: reviewed,
      runner: runner, jobs: jobs,
      untouched: solutions ? [] : untouchedStubs(selected), together: build.sharesProcesses,
      status: status, label: label, sealed: sealed,
      privateCopy: privateCopy)
  }

  /// Where `exercise`'s file is in `folder`, which stands for `Exercises/` (the learner's
  /// folder, a submission's copy, or `Solutions`).
  private func learnerCopy(of exercise: Exercise, in folder: String) -> URL {
    packageRoot.appendingPathComponent(
      exercise.file.hasPrefix("Exercises/")
        ? folder + exercise.file.dropFirst("Exercises".count) : exercise.file)
  }

  /// The ids of the exercises whose learner file is byte for byte its generated stub.
  private func untouchedStubs(_ exercises: [Exercise]) -> Set<String> {
    Set(
      exercises.filter { exercise in
        guard exercise.file.hasPrefix("Exercises/"),
          let contents = FileManager.default.contents(
            atPath: learnerCopy(of: exercise, in: learnerFolder).path),
          let stub = try? StubGenerator.stub(
            forExerciseFile: exercise.file, packageRoot: packageRoot)
        else { return false }
        return contents == Data(stub.utf8)
      }.map(\.id))
  }

  /// The builder of this session's learner folder.
  var builder: Builder {
    var builder = Builder(packageRoot: packageRoot) { [status] in status.update($0) }
    builder.learnerFolder = learnerFolder
    builder.moduleCache = moduleCache
    let reference = FileManager.default.fileExists(
      atPath: packageRoot.appendingPathComponent("Solutions").path)
    builder.gradedTargets =
      solutions
      ? ["Solutions", "SolutionTests"]
      : ["ExerciseTests"] + (strict && reference ? ["Solutions"] : [])
    return builder
  }

  /// Builds the suites against the learner's files, with the status line telling what it does;
  /// `selected`, the exercises to grade, when not the whole catalog (see `Builder.build`).
  func build(_ selected: [Exercise]? = nil) throws(GradeError) -> BuildOutcome {
    if let testBundle { return BuildOutcome(bundle: testBundle) }
    if !solutions {
      let links = Submission.links(in: packageRoot.appendingPathComponent(learnerFolder))
      if !links.isEmpty { throw .linkedLearnerFiles(links) }
    }
    let builder = self.builder
    if skipBuild { return BuildOutcome(bundle: try builder.testBundlePath()) }
    let firstBuild = !FileManager.default.fileExists(
      atPath: packageRoot.appendingPathComponent(".build").path)
    status.say(
      "Building the suites against \(target)/"
        + (firstBuild ? " (a first build: this takes a minute or two)…" : "…"))
    defer { status.done() }
    // --strict reads the objects of a complete build, and a whole catalog has nothing to skip.
    let graded =
      strict || selected == nil || selected?.count == catalog.exercises.count
      ? nil : Set(selected?.filter { !$0.isReview }.map(\.file) ?? [])
    return try builder.build(catalog: catalog, graded: graded)
  }
}

/// A build ready to grade: what `GradingSession.prepare` returns.
final class PreparedGrading: Sendable {
  let selected: [Exercise]
  let target: String
  let uncompilable: [String: [Diagnostic]]
  /// The results of the selected review exercises, which no suite grades.
  let reviewed: [ExerciseResult]
  let runner: SuiteRunner
  let jobs: Int
  /// Exercises whose learner file is its untouched stub.
  let untouched: Set<String>
  /// Whether exercises share test processes (`BuildOutcome.sharesProcesses`).
  let together: Bool
  let status: StatusLine
  /// What starts each progress line, if anything (`grade --batch`'s student).
  let label: String
  /// Kept alive while the suites run from it.
  private let sealed: SealedBundle?
  /// A copy of the bundle, or the folder holding it, that this grading owns and removes.
  private let privateCopy: URL?

  init(
    selected: [Exercise], target: String, uncompilable: [String: [Diagnostic]],
    reviewed: [ExerciseResult], runner: SuiteRunner, jobs: Int, untouched: Set<String>,
    together: Bool, status: StatusLine, label: String,
    sealed: SealedBundle?, privateCopy: URL?
  ) {
    self.selected = selected
    self.target = target
    self.uncompilable = uncompilable
    self.reviewed = reviewed
    self.runner = runner
    self.jobs = jobs
    self.untouched = untouched
    self.together = together
    self.status = status
    self.label = label.isEmpty ? "" : label + ": "
    self.sealed = sealed
    self.privateCopy = privateCopy
  }

  deinit {
    if let privateCopy { try? FileManager.default.removeItem(at: privateCopy) }
  }

  /// Grades the selection, returning the results in catalog order.
  func run() -> [ExerciseResult] {
    let runnable = selected.filter { uncompilable[$0.file] == nil && !$0.isReview }
    status.say(
      label + "Grading \(runnable.count) exercise\(runnable.count == 1 ? "" : "s") in \(target)/…")
    let (status, label) = (self.status, self.label)
    let graded = Grader.gradeAll(
      runnable, jobs: jobs, runner: runner, untouched: untouched, together: together
    ) { finished, total, result in
      status.update(
        label + "[\(finished)/\(total)] \(result.exercise.id) \(result.verdict.rawValue)")
    }
    status.done()
    return selected.map { exercise in
      if let errors = uncompilable[exercise.file] {
        return ExerciseResult(exercise: exercise, parts: [], compileErrors: errors)
      }
      if let review = reviewed.first(where: { $0.exercise.id == exercise.id }) { return review }
      return graded.first { $0.exercise.id == exercise.id }!
    }
  }
}
