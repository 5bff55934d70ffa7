import Foundation

/// The learner's loop without `swift build`, after an edit inside the learner's function bodies.
///
/// `grade` runs the two commands of SwiftPM's last build that such an edit needs: the compile of
/// `Exercises` (the compiler's driver, incremental: it compiles the edited files) and the link of
/// the test bundle. A `swift build` would run the same two after planning for about 0.6 s.
///
/// It applies only where the suites need no recompiling: the last build compiled every learner
/// file, nothing but learner files' contents changed since (`BuildStamp.frame`: no file added or
/// removed, no suite, manifest or library edited), and the learner's module comes out byte for
/// byte as before (its signatures, defaults and attributes are unchanged). Anything else (a
/// changed signature, a compile error, a SwiftPM build running at the same time) is left to
/// `swift build`, which redoes what it must, so this path changes no result; the errors of a
/// learner file that does not compile are taken from the compile it ran. SwiftPM's next
/// build finds the files newer than its own record and runs the two commands again, compiling
/// nothing new.
struct QuickRebuild {
  /// SwiftPM's commands this repeats, read from its build manifest after a successful build.
  struct Commands: Codable, Equatable {
    /// The targets of that build (`Builder.gradedTargets`): a grade that needs others builds.
    var targets: [String]
    /// The compile of the learner's module, and the module it writes.
    var compile: [String]
    var module: String
    /// The link of the test bundle.
    var link: [String]
  }

  var packageRoot: URL
  var progress: (String) -> Void

  /// The commands of the build SwiftPM just made of `targets`, from its build manifest; nil when
  /// it has none for the learner's module or the bundle.
  static func commands(packageRoot: URL, targets: [String]) -> Commands? {
    guard let manifest = BuildManifest(packageRoot: packageRoot),
      let compile = manifest.compilation(of: "Exercises")?.arguments,
      let link = manifest.testLink?.arguments,
      let flag = compile.firstIndex(of: "-emit-module-path"), flag + 1 < compile.count
    else { return nil }
    return Commands(targets: targets, compile: compile, module: compile[flag + 1], link: link)
  }

  /// What became of a quick rebuild.
  enum Attempt {
    /// The bundle is linked: the stamp of this build.
    case rebuilt(BuildStamp)
    /// The learner's module does not compile: the compiler's messages, as `swift build` shows
    /// them.
    case failed(String)
  }

  /// Rebuilds after the build `stamp` records, for sources now as `digests` reads them; nil when
  /// this path does not apply and `swift build` must build.
  ///
  /// Throws `.interrupted` when Ctrl-C stopped it: there is nothing to fall back to then.
  func rebuild(after stamp: BuildStamp, to digests: BuildStamp.Digests, targets: [String])
    throws(GradeError) -> Attempt?
  {
    guard let commands = stamp.quick, commands.targets == targets, stamp.uncompilable.isEmpty,
      stamp.frame == digests.frame, stamp.product == BuildStamp.signature(of: stamp.bundle),
      let module = FileManager.default.contents(atPath: commands.module),
      let lock = SwiftPMLock(packageRoot: packageRoot)
    else { return nil }
    defer { lock.release() }
    progress("Compiling the edited learner files")
    let compiled = try run(commands.compile)
    guard compiled.succeeded else { return .failed(Self.messages(in: compiled.output)) }
    guard FileManager.default.contents(atPath: commands.module) == module else { return nil }
    progress("Linking the test bundle (the learner's module is unchanged: no swift build needed)")
    guard try run(commands.link).succeeded else { return nil }
    return .rebuilt(
      BuildStamp(
        sources: digests.sources, bundle: URL(fileURLWithPath: stamp.bundle),
        frame: digests.frame, quick: commands))
  }

  /// The compiler's messages in the driver's parseable output (SwiftPM's `-parseable-output`):
  /// each message is its length on a line, then that many bytes of JSON, whose `output` holds what
  /// a finished job printed.
  static func messages(in parseable: String) -> String {
    var bytes = Substring(parseable).utf8
    var printed: [String] = []
    while let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
      let length = Int(String(decoding: bytes[..<newline], as: UTF8.self)) ?? 0
      let body = bytes[bytes.index(after: newline)...].prefix(length)
      bytes = bytes[body.endIndex...]
      guard
        let message = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
        let output = message["output"] as? String, !output.isEmpty
      else { continue }
      printed.append(output)
    }
    return printed.joined(separator: "\n")
  }

  /// Runs one of SwiftPM's commands (`Builder.run(build:)`); one that cannot start has failed.
  private func run(_ arguments: [String]) throws(GradeError) -> (succeeded: Bool, output: String) {
    do {
      return try Builder.run(build: arguments, in: packageRoot)
    } catch .interrupted {
      throw .interrupted
    } catch {
      return (false, "")
    }
  }
}

/// The locks SwiftPM takes on the package's build folder, held while this rebuilds; nil when
/// another build holds one.
///
/// SwiftPM locks a file named after the folder's path (`flock`) in its `TMPDIR`: the grader's
/// builds in theirs (`Builder.temporaries`), and a `swift build` or `swift test` started by hand in
/// the one `grade` itself was given. Both are taken; the second only if it exists, as SwiftPM
/// leaves it once it has built there (this leaves no file in the system's temporary folder).
struct SwiftPMLock {
  private let descriptors: [Int32]

  /// The lock file of `packageRoot`'s `.build` in `folder`, as SwiftPM names it.
  static func file(packageRoot: URL, in folder: URL) -> URL {
    let scratch = packageRoot.appendingPathComponent(".build").path
    return folder.appendingPathComponent(scratch.replacingOccurrences(of: "/", with: "_") + ".lock")
  }

  /// The lock file of the grader's builds.
  static func file(packageRoot: URL) -> URL {
    file(packageRoot: packageRoot, in: Builder.temporaries(of: packageRoot))
  }

  init?(packageRoot: URL) {
    var descriptors: [Int32] = []
    let locks = [
      (Self.file(packageRoot: packageRoot), O_WRONLY | O_CREAT),
      (Self.file(packageRoot: packageRoot, in: FileManager.default.temporaryDirectory), O_WRONLY),
    ]
    for (file, flags) in locks {
      let descriptor = open(file.path, flags, 0o666)
      if descriptor < 0, flags & O_CREAT == 0, errno == ENOENT { continue }
      guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
        if descriptor >= 0 { close(descriptor) }
        descriptors.forEach { close($0) }
        return nil
      }
      descriptors.append(descriptor)
    }
    self.descriptors = descriptors
  }

  func release() {
    for descriptor in descriptors {
      flock(descriptor, LOCK_UN)
      close(descriptor)
    }
  }
}
