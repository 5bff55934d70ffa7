import Foundation

/// `grade --strict`: checks a submission's module before any suite runs.
///
/// The learner's module must use nothing and hold no section outside `ObjectAllowlist` (the
/// standard library, `Workbook`, libm, `String(format:)`; no constructor) and declare no public
/// API the reference lacks (`PublicAPI`). A submission that fails either is refused as a whole.
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

  /// What the learner module's `objects` use or hold outside the allowlist, then what its module
  /// (in `modules`, beside the reference's) declares that the reference does not.
  func findings(objects: [URL], modules: URL, triple: String) throws(GradeError) -> [Finding] {
    guard let nm = ObjectAllowlist.nm(), ObjectAllowlist.demangler() != nil,
      let extractor = PublicAPI.extractor()
    else {
      throw .toolFailed(
        command: "grade --strict",
        output: "needs llvm-nm (or nm), swift-demangle and swift-symbolgraph-extract on the PATH "
          + "(the toolchain has them)")
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
    return try Self.objectFindings(in: objects, nm: nm) + extras
  }

  /// What the learner module's `objects` use or hold outside `ObjectAllowlist`: a finding per
  /// file for its symbols, and one for its sections.
  static func objectFindings(in objects: [URL], nm: URL, module: String = "Exercises")
    throws(GradeError) -> [Finding]
  {
    try ObjectAllowlist.violations(in: objects, nm: nm, module: module).sorted { $0.key < $1.key }
      .flatMap { file, refusal in
        var findings: [Finding] = []
        if !refusal.symbols.isEmpty {
          let symbols = refusal.symbols.map(refusal.shown).joined(separator: ", ")
          findings.append(
            Finding(
              file: file,
              reason: "\(file) calls \(symbols): learner code may call the Swift standard "
                + "library, Workbook, libm and Foundation's String(format:) alone"))
        }
        if !refusal.sections.isEmpty {
          findings.append(
            Finding(
              file: file,
              reason: "\(file) has sections ordinary Swift code does not: "
                + "\(refusal.sections.joined(separator: ", ")) (a constructor or destructor runs "
                + "outside every test; an autolink entry goes to the linker as it stands)"))
        }
        return findings
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
