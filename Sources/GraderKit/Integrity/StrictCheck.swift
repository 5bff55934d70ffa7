import Foundation

/// `grade --strict`: checks a submission's module before any suite runs.
///
/// The learner's module must call nothing that forging a result takes (`ForbiddenCalls`) and
/// declare no public API the reference lacks (`PublicAPI`). A submission that fails either is
/// refused as a whole.
struct StrictCheck {
  var packageRoot: URL
  /// The test bundle; the build's objects and modules are beside it.
  var bundle: URL
  /// Where the build read learner files from, when not `Exercises/` (see `BuildOutcome`).
  var sourceAliases: [String: String] = [:]
  /// The folder of the learner's files, relative to the package (see `Builder`).
  var learnerFolder = "Exercises"

  /// A reason to refuse the submission, and the name of the learner file it is about.
  struct Finding {
    var file: String?
    var reason: String
  }

  /// The reasons to refuse the submission; empty when it may be graded.
  func reasons() throws(GradeError) -> [String] {
    let bin = bundle.resolvingSymlinksInPath().deletingLastPathComponent()
    let sources = Set(
      swiftFiles(under: learnerFolder, in: packageRoot).map {
        URL(fileURLWithPath: $0).lastPathComponent
      })
    let objects =
      ((try? FileManager.default.contentsOfDirectory(
        atPath: bin.appendingPathComponent("Exercises.build").path)) ?? [])
      .filter { $0.hasSuffix(".swift.o") && sources.contains(String($0.dropLast(2))) }
      .map { bin.appendingPathComponent("Exercises.build").appendingPathComponent($0) }
    return try findings(
      objects: objects, modules: bin.appendingPathComponent("Modules"),
      triple: bin.deletingLastPathComponent().lastPathComponent
    ).map(\.reason)
  }

  /// What the learner module's `objects` call, then what its module (in `modules`, beside the
  /// reference's) declares that the reference does not.
  func findings(objects: [URL], modules: URL, triple: String) throws(GradeError) -> [Finding] {
    guard let nm = ForbiddenCalls.nm(), let extractor = PublicAPI.extractor() else {
      throw .toolFailed(
        command: "grade --strict",
        output:
          "needs llvm-nm (or nm) and swift-symbolgraph-extract on the PATH (the toolchain has both)"
      )
    }
    let extras = try PublicAPI.extras(modules: modules, triple: triple, extractor: extractor)
      .map { extra in
        var shown = extra
        shown.location = extra.location.map(displayPath)
        return Finding(
          file: extra.location.map {
            URL(fileURLWithPath: String($0.split(separator: ":").first ?? "")).lastPathComponent
          },
          reason: "\(shown) is not in the reference's public API: make it internal or private")
      }
    return try Self.forbiddenCalls(in: objects, nm: nm) + extras
  }

  /// What the learner module's `objects` call that no exercise needs, a finding per file.
  static func forbiddenCalls(in objects: [URL], nm: URL) throws(GradeError) -> [Finding] {
    try ForbiddenCalls.violations(in: objects, nm: nm).sorted { $0.key < $1.key }.map {
      Finding(
        file: $0.key,
        reason: "\($0.key) calls \($0.value.joined(separator: ", ")): no exercise needs files, "
          + "processes, the environment, signals or dynamic loading")
    }
  }

  /// A build path as the learner knows it: relative to the package, in `Exercises/`.
  private func displayPath(_ path: String) -> String {
    for (built, shown) in sourceAliases where path.hasPrefix(built + "/") {
      return shown + path.dropFirst(built.count)
    }
    let root = packageRoot.path + "/"
    return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
  }
}

/// The first executable called `name` in a folder of the `PATH`.
func executableOnPath(named name: String) -> URL? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").map {
    URL(fileURLWithPath: String($0)).appendingPathComponent(name)
  }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}
