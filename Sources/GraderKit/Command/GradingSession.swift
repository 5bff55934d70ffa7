import Foundation

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
  /// The folder of the learner's files, relative to the package (see `Builder`).
  var learnerFolder = "Exercises"
  var status: StatusLine

  var target: String { solutions ? "Solutions" : "Exercises" }
  var module: String { solutions ? "SolutionTests" : "ExerciseTests" }

  /// Builds, then grades `selected`, returning their results in catalog order.
  ///
  /// A learner file that does not compile fails its own exercise; the others are graded as usual.
  func grade(_ selected: [Exercise]) throws(GradeError) -> [ExerciseResult] {
    let build = try self.build()
    let bundleLauncher = TestLauncher(
      kind: launcher, bundle: build.bundle, packageRoot: packageRoot)
    // The whole catalog, not just the selection: an entry's index in the message must be its own.
    try CatalogLoader.checkSuites(
      of: catalog, file: catalogFile,
      available: try Grader.suites(using: bundleLauncher, module: module))

    if strict && !solutions {
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
    let runnable = selected.filter { uncompilable[$0.file] == nil }
    status.say(
      "Grading \(runnable.count) exercise\(runnable.count == 1 ? "" : "s") in \(target)/…")
    var runner = SuiteRunner(
      bundle: build.bundle, module: module, packageRoot: packageRoot, launcher: launcher)
    runner.sourceAliases = build.sourceAliases
    let sealed = launcher == .bundle ? SealedBundle.make(from: build.bundle) : nil
    defer { withExtendedLifetime(sealed) {} }
    runner.launcher.sealedCopy = sealed?.path
    let status = self.status
    let graded = Grader.gradeAll(runnable, jobs: jobs, runner: runner) { finished, total, result in
      status.update("[\(finished)/\(total)] \(result.exercise.id) \(result.verdict.rawValue)")
    }
    status.done()
    return selected.map { exercise in
      if let errors = uncompilable[exercise.file] {
        return ExerciseResult(exercise: exercise, parts: [], compileErrors: errors)
      }
      return graded.first { $0.exercise.id == exercise.id }!
    }
  }

  private func build() throws(GradeError) -> BuildOutcome {
    if let testBundle { return BuildOutcome(bundle: testBundle) }
    var builder = Builder(packageRoot: packageRoot) { [status] in status.update($0) }
    builder.learnerFolder = learnerFolder
    if skipBuild { return BuildOutcome(bundle: try builder.testBundlePath()) }
    let firstBuild = !FileManager.default.fileExists(
      atPath: packageRoot.appendingPathComponent(".build").path)
    status.say(
      "Building the suites against \(target)/"
        + (firstBuild ? " (a first build: this takes a minute or two)…" : "…"))
    defer { status.done() }
    return try builder.build(catalog: catalog)
  }
}
