import Foundation

/// `grade --batch`'s fast build: compiles a submission's module alone and links it with suites
/// compiled once, for the whole class.
///
/// SwiftPM recompiles the suites for every submission that changes a file outside a function
/// body (its dependencies between modules are per file): about 10 s of the 13 s a submission
/// took. Here the workbook's own learner files and then the suites are compiled once, with
/// SwiftPM's flags from the workbook's last build and library evolution on the learner's
/// module, so the suites reach it through its symbols alone, never its layout: objects compiled
/// against one learner module link against another with the same interface. The workbook's own
/// files and the suites compile on a thread of their own while the first submissions compile.
/// SwiftPM's own build of the workbook is left as it is.
///
/// A submission is built this way only when its module's package interface (every public and
/// package declaration, with attributes and default values) is the workbook's own, to the byte:
/// compiling the suites against it would then give the same objects. A changed signature, a
/// declaration added to the API, an error outside the learner's files or a failed link leave
/// the submission to SwiftPM, so this path changes no result. Learner files that do not compile
/// are replaced by their stubs as `Builder` does, and `--strict`'s forbidden calls are checked
/// on the objects compiled here.
struct Relinker {
  /// What became of a submission.
  enum Attempt {
    /// Linked and checked: ready to grade.
    case built(BuildOutcome)
    /// The workbook's own learner files, as a student hands in who has not started: graded with
    /// the batch's build of them.
    case unchanged(BuildOutcome)
    /// The module calls what no exercise needs (`ObjectAllowlist`).
    case refused([String])
    /// Left to SwiftPM's build, for this reason.
    case rebuild(String)
  }

  private let builder: Builder
  /// The folder this works in.
  private let scratch: URL
  /// SwiftPM's compilation of the learner's module, without its outputs, sources and searches,
  /// with library evolution.
  private let compileArguments: [String]
  /// SwiftPM's link of the test bundle, without its output and objects.
  private let linkArguments: [String]
  /// The module built from the workbook's own learner files, compiled in the background from
  /// `init` on, while the first submission compiles: its package interface is what every
  /// submission's must be.
  private let referenceBuild = Background<Compiled>()
  /// The workbook's own learner files (by path under their folder), which a submission of
  /// exactly those files (a student who has not started) is graded with the build of.
  private let referenceSources: [String: Data]
  /// The suites, compiled in the background once the reference is: the first submissions
  /// compile meanwhile, and wait for them to link.
  private let suitesBuild = Background<Suites>()
  private let nm: URL
  /// SwiftPM's folder of modules, and the names of those the learner's module imports there.
  private let swiftPMModules: URL
  private let dependencies: [String]
  /// The target the modules are compiled for.
  private let triple: String

  /// The folder under the package where the objects and links are kept.
  static let folder = ".build/grade-batch/relink"
  /// The workbook's own learner files.
  private static let referenceFolder = "Exercises"

  /// Prepares from SwiftPM's last build of the workbook with its own learner files (`Exercises/`);
  /// `builder`'s learner folder is where each submission will be.
  ///
  /// Throws the reason when that build cannot serve.
  init(builder: Builder) throws(GradeError) {
    let root = builder.packageRoot
    func unusable(_ reason: String) -> GradeError {
      .toolFailed(command: "grade --batch (linking against the suites)", output: reason)
    }
    guard let manifest = BuildManifest(packageRoot: root),
      let compilation = manifest.compilation(of: "Exercises"),
      let suiteCompilation = manifest.compilation(of: "ExerciseTests"),
      let linking = manifest.testLink,
      let listArgument = linking.arguments.first(where: { $0.hasPrefix("@") })
    else { throw unusable("SwiftPM's build manifest (.build/debug.yaml) has no such commands") }
    guard let nm = ObjectAllowlist.nm() else { throw unusable("no llvm-nm on the PATH") }
    let arguments = compilation.arguments
    guard let search = arguments.firstIndex(of: "-I"),
      let target = arguments.firstIndex(of: "-target"),
      target + 1 < arguments.count, search + 1 < arguments.count
    else { throw unusable("SwiftPM's compilation of Exercises names no modules' folder or target") }
    self.builder = builder
    self.nm = nm
    swiftPMModules = URL(fileURLWithPath: arguments[search + 1])
    triple = arguments[target + 1]
    dependencies = manifest.modules(reachableFrom: "Exercises").subtracting(["Exercises"]).map {
      $0 + ".swiftmodule"
    }
    scratch = root.appendingPathComponent(Self.folder)
    let reference = scratch.appendingPathComponent("reference")
    let imports = scratch.appendingPathComponent("imports")
    let suiteImports = scratch.appendingPathComponent("suite-imports")
    compileArguments =
      Self.compileArguments(from: compilation.arguments, imports: imports, wholeModule: true)
      + ["-enable-library-evolution"]
    linkArguments = linking.arguments.filter { $0 != listArgument }
    referenceSources = Self.sources(in: Self.referenceFolder, of: root)
    let used = manifest.modules(reachableFrom: "ExerciseTests")
      .subtracting(["Exercises", "ExerciseTests"])
    let swiftPMObjects: [URL]
    do {
      let list = try String(contentsOfFile: String(listArgument.dropFirst()), encoding: .utf8)
      swiftPMObjects = list.split(separator: "\n").map {
        URL(fileURLWithPath: $0.trimmingCharacters(in: .init(charactersIn: "\"")))
      }.filter { object in
        let folder = object.deletingLastPathComponent().lastPathComponent
        let module = String(folder.dropLast(".build".count))
        return folder.hasSuffix(".build")
          && (used.contains(module) || module.hasSuffix("PackageTests")
            || module.hasSuffix("PackageDiscoveredTests"))
      }
    } catch {
      throw unusable("\(error)")
    }
    /// Where each of SwiftPM's objects is copied: the suites link with these.
    let objects = swiftPMObjects.map {
      scratch.appendingPathComponent(
        "suites/\($0.deletingLastPathComponent().lastPathComponent)/\($0.lastPathComponent)")
    }
    let suiteSources = suiteCompilation.inputs.filter { $0.hasSuffix(".swift") }
    let suiteArguments = Self.compileArguments(
      from: suiteCompilation.arguments, imports: suiteImports, wholeModule: false)
    let key = Self.cacheKey(
      arguments: [compileArguments, suiteArguments, linkArguments],
      sources: suiteSources.map { URL(fileURLWithPath: $0) }
        + referenceSources.keys.sorted().map {
          root.appendingPathComponent(Self.referenceFolder + $0)
        },
      built: swiftPMObjects
        + (used.map { $0 + ".swiftmodule" } + dependencies).sorted().map {
          swiftPMModules.appendingPathComponent($0)
        })
    let relinker = self
    if let cached = Cache.load(from: scratch, key: key) {
      // The suites of an earlier batch on the same workbook and build: nothing to compile.
      referenceBuild.finish(
        Compiled(
          succeeded: true, log: "",
          objects: cached.referenceObjects.map(URL.init(fileURLWithPath:)),
          interface: cached.interface))
      let names = Set(cached.names)
      suitesBuild.finish(
        Suites(
          objects: cached.suiteObjects.map(URL.init(fileURLWithPath:)), names: names,
          reference: cached.referenceBundle.map {
            relinker.referenceOutcome(bundle: URL(fileURLWithPath: $0), names: names)
          }, cached: true))
      return
    }
    let manager = FileManager.default
    do {
      try? manager.removeItem(at: scratch)
      // Only a module's own dependencies can be imported, as in SwiftPM's build; the suites
      // import the learner's module compiled here.
      try Self.link(dependencies, from: swiftPMModules, into: imports)
      try Self.link(used.map { $0 + ".swiftmodule" }, from: swiftPMModules, into: suiteImports)
      try manager.createSymbolicLink(
        at: suiteImports.appendingPathComponent("Exercises.swiftmodule"),
        withDestinationURL: reference.appendingPathComponent("Modules/Exercises.swiftmodule"))
      for (object, copy) in zip(swiftPMObjects, objects) {
        try manager.createDirectory(
          at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.copyItem(at: object, to: copy)
      }
    } catch {
      throw unusable("\(error)")
    }
    referenceBuild.start { () throws(GradeError) -> Compiled in
      let compiled = relinker.compile(folder: Self.referenceFolder, into: reference)
      guard compiled.succeeded, compiled.interface != nil else {
        throw unusable("the workbook's own learner files do not compile alone:\n" + compiled.log)
      }
      return compiled
    }
    suitesBuild.start { () throws(GradeError) -> Suites in
      let reference = try relinker.referenceBuild.wait()
      let suites = try relinker.buildSuites(
        suiteSources, with: suiteArguments, linkedWith: objects, reference: reference,
        unusable: unusable)
      Cache(
        key: key, referenceObjects: reference.objects.map(\.path), interface: reference.interface,
        suiteObjects: suites.objects.map(\.path), names: suites.names.sorted(),
        referenceBundle: suites.reference?.bundle.path
      ).save(in: relinker.scratch)
      return suites
    }
  }

  /// Compiles the suites, links the workbook's own learner files with them and lists the suites
  /// from that bundle.
  private func buildSuites(
    _ sources: [String], with arguments: [String], linkedWith objects: [URL],
    reference compiled: Compiled, unusable: (String) -> GradeError
  ) throws(GradeError) -> Suites {
    let suitesCompiled = Self.compile(
      sources, with: arguments,
      into: scratch.appendingPathComponent("suites/ExerciseTests.build"))
    guard suitesCompiled.succeeded else {
      throw unusable("the suites do not compile against it:\n" + suitesCompiled.log)
    }
    var suites = Suites(objects: objects + suitesCompiled.objects)
    switch link(compiled, into: scratch.appendingPathComponent("reference"), with: suites) {
    case .rebuild(let reason): throw unusable(reason)
    case .refused, .unchanged: break  // `link` only links or leaves the module to SwiftPM
    case .built(let outcome):
      suites.names = try Grader.suites(
        using: TestLauncher(
          kind: .bundle, bundle: outcome.bundle, packageRoot: builder.packageRoot),
        module: "ExerciseTests")
      // Graded like any submission only when --strict finds nothing in it.
      let calls = try? StrictCheck.objectFindings(in: compiled.objects, nm: nm)
      suites.reference =
        calls?.isEmpty == true
        ? referenceOutcome(bundle: outcome.bundle, names: suites.names) : nil
    }
    suites.finished = Date()
    return suites
  }

  /// The bundle of the workbook's own learner files, linked with the suites `names`, as a build
  /// to grade: kept for the whole batch (and the next ones), its objects already checked.
  private func referenceOutcome(bundle: URL, names: Set<String>) -> BuildOutcome {
    var outcome = builder.outcome(bundle: bundle, uncompilable: [:])
    outcome.checked = true
    outcome.suites = names
    outcome.sharesProcesses =
      SharedState.names(
        in: referenceSources.keys.map {
          builder.packageRoot.appendingPathComponent(Self.referenceFolder + $0)
        }
      ).isEmpty
    return outcome
  }

  /// A fingerprint of what the suites are built from: the compiler's and linker's arguments,
  /// the suites' and the workbook's learner sources (their contents), and SwiftPM's objects and
  /// modules they link or import (size, time and inode, as `BuildStamp` does).
  private static func cacheKey(arguments: [[String]], sources: [URL], built: [URL]) -> String {
    var hash = FNV1a()
    for argument in arguments.joined() { hash.add(argument) }
    for source in sources {
      hash.add(source.path)
      hash.add(
        String(decoding: FileManager.default.contents(atPath: source.path) ?? Data(), as: UTF8.self)
      )
    }
    for file in built {
      hash.add(file.path)
      hash.add(BuildStamp.signature(of: file.path))
    }
    return String(hash.value, radix: 16)
  }

  /// The suites once compiled (waiting for them), or why they could not be.
  func suites() throws(GradeError) -> Suites { try suitesBuild.wait() }

  /// Links each of `modules` (`X.swiftmodule`) into `folder`, from `built`, where SwiftPM built
  /// them.
  private static func link(_ modules: [String], from built: URL, into folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for module in modules {
      try FileManager.default.createSymbolicLink(
        at: folder.appendingPathComponent(module),
        withDestinationURL: built.appendingPathComponent(module))
    }
  }

  /// The learner files in `folder` of the package at `root`, by their path under the folder.
  private static func sources(in folder: String, of root: URL) -> [String: Data] {
    var sources: [String: Data] = [:]
    for path in swiftFiles(under: folder, in: root) {
      sources[String(path.dropFirst(folder.count))] = FileManager.default.contents(
        atPath: root.appendingPathComponent(path).path)
    }
    return sources
  }

  /// Compiles the submission in the build's learner folder and links it with the suites.
  func build(catalog: Catalog) -> Attempt {
    if Self.sources(in: builder.learnerFolder, of: builder.packageRoot) == referenceSources,
      let referenceBuild = (try? suites())?.reference
    {
      return .unchanged(referenceBuild)
    }
    let output = scratch.appendingPathComponent("submission-\(UUID().uuidString)")
    let attempt = attempt(catalog: catalog, output: output)
    if case .built = attempt { return attempt }
    try? FileManager.default.removeItem(at: output)
    return attempt
  }

  private func attempt(catalog: Catalog, output: URL) -> Attempt {
    var broken: [String: [Diagnostic]] = [:]
    var compiled = compile(folder: builder.learnerFolder, into: output)
    while !compiled.succeeded {
      let errors = Diagnostic.errors(in: compiled.log, relativeTo: builder.packageRoot.path)
        .map(builder.unstubbed)
      let unexplained = Attempt.rebuild(
        "it does not compile for a reason its own files do not explain")
      // SwiftPM reports an import of another of the package's targets in its own words.
      guard !errors.isEmpty, !errors.contains(where: { $0.message.hasPrefix("no such module") })
      else { return unexplained }
      do {
        guard let stubbed = try builder.stubbing(for: errors, after: broken, catalog: catalog)
        else { return unexplained }
        broken = stubbed
      } catch {
        return .rebuild("\(error)")
      }
      compiled = compile(folder: Builder.stubbedFolder, into: output)
    }
    do {
      guard compiled.interface == (try referenceBuild.wait()).interface else {
        return try refusal(of: compiled, in: output, uncompilable: broken, catalog: catalog)
          ?? .rebuild("its public API is not the workbook's")
      }
      let calls = try StrictCheck.objectFindings(in: compiled.objects, nm: nm)
      if !calls.isEmpty { return .refused(calls.map(\.reason)) }
    } catch {
      return .rebuild("\(error)")
    }
    do {
      return link(compiled, into: output, with: try suites(), uncompilable: broken)
    } catch {
      return .rebuild("\(error)")
    }
  }

  /// `--strict`'s refusal of a module whose API is not the workbook's, when SwiftPM's build
  /// would refuse it too: some finding is in a file of no exercise, which no suite's error
  /// replaces by its stub there.
  private func refusal(
    of compiled: Compiled, in output: URL, uncompilable: [String: [Diagnostic]], catalog: Catalog
  ) throws(GradeError) -> Attempt? {
    let modules = output.appendingPathComponent("Modules")
    for module in ["Solutions.swiftmodule"] + dependencies {
      try? FileManager.default.createSymbolicLink(
        at: modules.appendingPathComponent(module),
        withDestinationURL: swiftPMModules.appendingPathComponent(module))
    }
    let check = StrictCheck(
      packageRoot: builder.packageRoot, bundle: output,
      sourceAliases: builder.outcome(bundle: output, uncompilable: uncompilable).sourceAliases,
      learnerFolder: builder.learnerFolder)
    let findings = try check.findings(objects: compiled.objects, modules: modules, triple: triple)
    let exerciseFiles = Set(
      catalog.exercises.map { URL(fileURLWithPath: $0.file).lastPathComponent })
    guard findings.contains(where: { !exerciseFiles.contains($0.file ?? "") }) else { return nil }
    return .refused(findings.map(\.reason))
  }

  /// A compilation: whether it succeeded, what the compiler printed, the objects and, for the
  /// learner's module, its sources and package interface (without the compiler's header
  /// comments).
  private struct Compiled {
    var succeeded: Bool
    var log: String
    var objects: [URL]
    var sources: [URL] = []
    var interface: String? = nil
  }

  /// Compiles the learner files under `folder` (relative to the package) into `output`, with
  /// the module and its package interface.
  private func compile(folder: String, into output: URL) -> Compiled {
    let sources = swiftFiles(under: folder, in: builder.packageRoot).map {
      builder.packageRoot.appendingPathComponent($0).path
    }
    let module = output.appendingPathComponent("Modules/Exercises.swiftmodule")
    let interfaceFile = output.appendingPathComponent("Exercises.package.swiftinterface")
    var compiled = Self.compile(
      sources,
      with: compileArguments + [
        "-emit-module", "-emit-module-path", module.path,
        "-emit-package-module-interface-path", interfaceFile.path,
      ], into: output)
    compiled.sources = sources.map { URL(fileURLWithPath: $0) }
    compiled.interface = (try? String(contentsOf: interfaceFile, encoding: .utf8))?
      .split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("// swift-") }.joined(separator: "\n")
    return compiled
  }

  /// Compiles `sources` with `arguments` (the compiler first), an object per source in `output`.
  private static func compile(_ sources: [String], with arguments: [String], into output: URL)
    -> Compiled
  {
    let manager = FileManager.default
    try? manager.removeItem(at: output)
    try? manager.createDirectory(
      at: output.appendingPathComponent("Modules"), withIntermediateDirectories: true)
    let objects = sources.map {
      output.appendingPathComponent(URL(fileURLWithPath: $0).lastPathComponent + ".o")
    }
    guard Set(objects).count == objects.count else {
      return Compiled(succeeded: false, log: "two source files share a name", objects: [])
    }
    var map: [String: [String: String]] = ["": [:]]
    for (source, object) in zip(sources, objects) { map[source] = ["object": object.path] }
    let mapFile = output.appendingPathComponent("output-file-map.json")
    do {
      try JSONEncoder().encode(map).write(to: mapFile)
      let run = try ChildProcess(
        executable: URL(fileURLWithPath: arguments[0]),
        arguments: arguments.dropFirst() + ["-output-file-map", mapFile.path, "-c"] + sources,
        environment: Builder.environment(temporaries: output), outputLimit: 1024 * 1024
      ).run(timeLimit: 600)
      return Compiled(
        succeeded: run.termination == .exited(0), log: run.output, objects: objects)
    } catch {
      return Compiled(succeeded: false, log: "\(error)", objects: [])
    }
  }

  /// Links `compiled` with the `suites` into a test bundle in `output`.
  private func link(
    _ compiled: Compiled, into output: URL, with suites: Suites,
    uncompilable: [String: [Diagnostic]] = [:]
  ) -> Attempt {
    let list = output.appendingPathComponent("objects")
    var arguments = Array(linkArguments.dropFirst())
    guard let outputFlag = arguments.firstIndex(of: "-o"), outputFlag + 1 < arguments.count else {
      return .rebuild("SwiftPM's link names no test bundle")
    }
    let bundle = output.appendingPathComponent(
      URL(fileURLWithPath: arguments[outputFlag + 1]).lastPathComponent)
    arguments[outputFlag + 1] = bundle.path
    do {
      try (suites.objects + compiled.objects).map { "\"\($0.path)\"" }.joined(separator: "\n")
        .write(to: list, atomically: true, encoding: .utf8)
      let run = try ChildProcess(
        executable: URL(fileURLWithPath: linkArguments[0]),
        arguments: arguments + ["@" + list.path],
        environment: Builder.environment(temporaries: output)
      ).run(timeLimit: 600)
      guard run.termination == .exited(0) else {
        return .rebuild("its module does not link with the suites:\n" + run.output)
      }
    } catch {
      return .rebuild("\(error)")
    }
    var outcome = builder.outcome(bundle: bundle, uncompilable: uncompilable)
    outcome.owned = output
    outcome.checked = true
    outcome.suites = suites.names
    outcome.sharesProcesses = SharedState.names(in: compiled.sources).isEmpty
    return .built(outcome)
  }

  /// SwiftPM's arguments for a module, less what names its outputs, its sources, its module search
  /// path and incremental or IDE work: `compile` adds its own.
  ///
  /// SwiftPM's interfaces of the module are dropped too: they are SwiftPM's files, and writing them
  /// costs a fifth of the compilation.
  ///
  /// A learner's module is compiled as a whole, with its module in the same job (a separate job
  /// costs 0.1 CPU-s more), on two LLVM threads: they give an object a file, which `--strict`
  /// names the file behind a forbidden call by. The suites, compiled once, are compiled in
  /// batches on every core (type checking a whole module takes one core: 13 s for the suites
  /// instead of 9), and without debug information: a crash is shown at the learner's line, which
  /// the learner's module's own debug information gives.
  private static func compileArguments(from swiftPM: [String], imports: URL, wholeModule: Bool)
    -> [String]
  {
    let valued: Set<String> = [
      "-emit-module-path", "-output-file-map", "-index-store-path", "-emit-objc-header-path", "-I",
      "-emit-module-interface-path", "-emit-private-module-interface-path",
      "-emit-package-module-interface-path",
    ]
    let dropped: Set<String> = [
      "-emit-dependencies", "-emit-module", "-incremental", "-c", "-enable-batch-mode",
      "-serialize-diagnostics", "-parseable-output", "-emit-objc-header",
    ]
    var kept: [String] = []
    var skipValue = false
    for argument in swiftPM {
      if skipValue {
        skipValue = false
      } else if valued.contains(argument) {
        skipValue = true
      } else if !dropped.contains(argument), !argument.hasPrefix("@"), !argument.hasPrefix("-j") {
        kept.append(argument)
      }
    }
    let cores = "\(ProcessInfo.processInfo.activeProcessorCount)"
    return kept + ["-I", imports.path, "-suppress-warnings"]
      + (wholeModule
        ? ["-wmo", "-num-threads", "2", "-no-emit-module-separately-wmo"]
        : ["-enable-batch-mode", "-j" + cores, "-gnone"])
  }
}

extension Relinker {
  /// The suites' objects with those of the modules they use, the suites' names, the bundle of the
  /// workbook's own learner files (when `--strict` finds nothing in them) and when it was done.
  struct Suites {
    var objects: [URL]
    var names: Set<String> = []
    var reference: BuildOutcome?
    var finished = Date()
    /// Whether they are an earlier batch's, compiled for the same workbook and build.
    var cached = false
  }
}

extension Relinker {
  /// What a batch's suites build leaves for the next batch on the same workbook
  /// (`cache.json` in the relinker's folder): a batch run again after one submission changed
  /// compiles that submission alone.
  fileprivate struct Cache: Codable {
    /// `cacheKey`'s fingerprint of what the suites were built from.
    var key: String
    var referenceObjects: [String]
    var interface: String?
    var suiteObjects: [String]
    var names: [String]
    /// The bundle of the workbook's own learner files, when `--strict` found nothing in them.
    var referenceBundle: String?

    static func file(in folder: URL) -> URL { folder.appendingPathComponent("cache.json") }

    /// The cache in `folder`, if it was made for `key` and every file it names is there.
    static func load(from folder: URL, key: String) -> Cache? {
      guard let data = FileManager.default.contents(atPath: file(in: folder).path),
        let cache = try? JSONDecoder().decode(Cache.self, from: data), cache.key == key,
        (cache.referenceObjects + cache.suiteObjects + [cache.referenceBundle].compactMap { $0 })
          .allSatisfy(FileManager.default.fileExists(atPath:))
      else { return nil }
      return cache
    }

    func save(in folder: URL) {
      try? JSONEncoder().encode(self).write(to: Self.file(in: folder), options: .atomic)
    }
  }
}

/// Work run on a thread of its own, and what it gives.
final class Background<Value>: @unchecked Sendable {
  private let done = DispatchGroup()
  private var result: Result<Value, GradeError>?

  /// Gives `value` at once, with no work to run.
  func finish(_ value: Value) {
    result = .success(value)
  }

  /// Runs `work` on a thread of its own; nothing else uses what it captures.
  func start(_ work: @escaping () throws(GradeError) -> Value) {
    done.enter()
    nonisolated(unsafe) let work = work
    Thread.detachNewThread { [self] in
      result = Result { () throws(GradeError) -> Value in try work() }
      done.leave()
    }
  }

  /// What `work` gave, once it is done.
  func wait() throws(GradeError) -> Value {
    done.wait()
    return try result!.get()
  }
}
