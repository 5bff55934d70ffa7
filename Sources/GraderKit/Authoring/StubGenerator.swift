import Foundation

/// Generates the learner's stubs in `Exercises/` from the marked reference files in `Solutions/`.
///
/// A reference file is the single source of an exercise: its doc comments and declarations are
/// the learner's, and the code the learner writes sits between markers (nbgrader's convention):
///
/// ```
/// // BEGIN SOLUTION              the stub has `unimplemented()` here
/// // BEGIN SOLUTION: <code>      the stub has `<code>` here
/// // BEGIN SOLUTION (no stub)    the stub has nothing here (a helper of the reference alone)
/// …
/// // END SOLUTION
/// ```
///
/// Markers sit on lines of their own; the replacement takes the `BEGIN` line's indentation.
public enum StubGenerator {
  static let begin = "// BEGIN SOLUTION"
  static let end = "// END SOLUTION"
  static let noStub = " (no stub)"

  /// The stub for the marked reference `source`; `file` names it in errors.
  public static func stub(fromMarked source: String, file: String) throws(GradeError) -> String {
    var output: [String] = []
    var open: (line: Int, replacement: String?)?
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      let indentation = String(line.prefix { $0 == " " || $0 == "\t" })
      if trimmed.hasPrefix(begin) {
        if let open {
          throw .markers(
            file: file, line: index + 1,
            problem: "BEGIN SOLUTION inside the block opened on line \(open.line)")
        }
        open = (index + 1, try replacement(trimmed.dropFirst(begin.count), file, index + 1))
        if let code = open?.replacement { output.append(indentation + code) }
      } else if trimmed == end {
        guard open != nil else {
          throw .markers(file: file, line: index + 1, problem: "END SOLUTION without a BEGIN")
        }
        if open?.replacement == nil { dropBlankBefore(&output, nextLine: lines[safe: index + 1]) }
        open = nil
      } else if open == nil {
        output.append(String(line))
      }
    }
    if let open {
      throw .markers(file: file, line: open.line, problem: "BEGIN SOLUTION is never closed")
    }
    return output.joined(separator: "\n")
  }

  /// What replaces a block, from the text after `// BEGIN SOLUTION`; nil for nothing.
  private static func replacement(
    _ rest: Substring, _ file: String, _ line: Int
  ) throws(GradeError) -> String? {
    if rest.isEmpty { return "unimplemented()" }
    if rest == noStub { return nil }
    if rest.hasPrefix(":") {
      let code = rest.dropFirst().trimmingCharacters(in: .whitespaces)
      if !code.isEmpty { return code }
    }
    throw .markers(
      file: file, line: line,
      problem: "expected `// BEGIN SOLUTION`, `// BEGIN SOLUTION: <stub code>` or "
        + "`// BEGIN SOLUTION (no stub)`, found `// BEGIN SOLUTION\(rest)`")
  }

  /// A block that leaves nothing also takes the blank line before it, when one follows it too.
  private static func dropBlankBefore(_ output: inout [String], nextLine: Substring?) {
    let nextIsBlank = nextLine.map { $0.allSatisfy(\.isWhitespace) } ?? true
    if nextIsBlank, let last = output.last, last.allSatisfy(\.isWhitespace) {
      output.removeLast()
    }
  }

  /// The reference file that generates the learner's file `exerciseFile` (`Exercises/…`).
  public static func referenceFile(for exerciseFile: String) -> String {
    let components = exerciseFile.split(separator: "/", omittingEmptySubsequences: false)
    return (["Solutions"] + components.dropFirst()).joined(separator: "/")
  }

  /// The learner's file generated from the reference file `referenceFile` (`Solutions/…`).
  public static func exerciseFile(for referenceFile: String) -> String {
    let components = referenceFile.split(separator: "/", omittingEmptySubsequences: false)
    return (["Exercises"] + components.dropFirst()).joined(separator: "/")
  }

  /// The stub of the learner's file `exerciseFile`, generated from its reference file, or, in a
  /// student release (which has no `Solutions/`), the pristine copy it ships.
  public static func stub(forExerciseFile exerciseFile: String, packageRoot: URL) throws(GradeError)
    -> String
  {
    let reference = referenceFile(for: exerciseFile)
    let url = packageRoot.appendingPathComponent(reference)
    let shipped = packageRoot.appendingPathComponent(Release.stubsFolder + "/" + exerciseFile)
    if !FileManager.default.fileExists(atPath: url.path),
      let data = FileManager.default.contents(atPath: shipped.path)
    {
      return String(decoding: data, as: UTF8.self)
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw .markers(
        file: reference, line: 0, problem: "cannot be read: it generates \(exerciseFile)")
    }
    return try stub(fromMarked: String(decoding: data, as: UTF8.self), file: reference)
  }

  /// Whether the learner's file `exerciseFile` has a stub: a reference file, or a shipped copy.
  static func hasStub(forExerciseFile exerciseFile: String, packageRoot: URL) -> Bool {
    [referenceFile(for: exerciseFile), Release.stubsFolder + "/" + exerciseFile].contains {
      FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent($0).path)
    }
  }

  /// Every stub the reference files generate: learner file (relative to the package) → contents.
  public static func allStubs(packageRoot: URL) throws(GradeError) -> [String: String] {
    var stubs: [String: String] = [:]
    for reference in referenceFiles(under: "Solutions", in: packageRoot) {
      let file = exerciseFile(for: reference)
      stubs[file] = try stub(forExerciseFile: file, packageRoot: packageRoot)
    }
    return stubs
  }

  /// What `writeAll` did: the learner files it wrote, and where it kept the learner's versions
  /// it replaced (`force`).
  public struct Written: Equatable, Sendable {
    public var changed: [String] = []
    public var backups: [String] = []
  }

  /// Writes every generated stub into `Exercises/`, but never over a learner's work.
  ///
  /// A learner file is replaced only when it is missing, or byte for byte the stub its reference
  /// generated at the last commit (`git show HEAD:Solutions/…`): a stub generated before. Any
  /// other file may hold a learner's work: with `force` it is replaced and kept in `backups/` of
  /// `stateFolder`, as `--reset` keeps it; without, it is left as it is, the other stubs are
  /// written, and `.learnerWorkKept` names it.
  public static func writeAll(packageRoot: URL, force: Bool = false, stateFolder: URL)
    throws(GradeError) -> Written
  {
    var written = Written()
    var kept: [String] = []
    for (file, contents) in try allStubs(packageRoot: packageRoot).sorted(by: { $0.key < $1.key }) {
      let url = packageRoot.appendingPathComponent(file)
      let current = FileManager.default.contents(atPath: url.path)
      if current == Data(contents.utf8) { continue }
      if let current,
        current != previousStub(of: file, packageRoot: packageRoot).map({ Data($0.utf8) })
      {
        guard force else {
          kept.append(file)
          continue
        }
        let backup = try Reset.keep(current, of: file, in: stateFolder)
        written.backups.append(relativePath(backup, to: packageRoot))
      }
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url, options: .atomic)
      } catch {
        throw .fileSystem(path: file, reason: reasonText(error))
      }
      written.changed.append(file)
    }
    if !kept.isEmpty { throw .learnerWorkKept(files: kept, written: written.changed) }
    return written
  }

  /// The stub the reference of `exerciseFile` generated at the last commit, if git has one.
  static func previousStub(of exerciseFile: String, packageRoot: URL) -> String? {
    let reference = referenceFile(for: exerciseFile)
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    git.arguments = ["git", "-C", packageRoot.path, "show", "HEAD:" + reference]
    let output = Pipe()
    git.standardOutput = output
    git.standardError = FileHandle.nullDevice
    do {
      try git.run()
    } catch {
      return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    git.waitUntilExit()
    guard git.terminationStatus == 0 else { return nil }
    return try? stub(fromMarked: String(decoding: data, as: UTF8.self), file: reference)
  }
}

/// The marked reference files under `folder`: Swift sources, and the Markdown templates of review
/// exercises (a model answer between the markers, the answer slot in the stub).
func referenceFiles(under folder: String, in packageRoot: URL) -> [String] {
  visibleFiles(under: folder, in: packageRoot).filter {
    $0.hasSuffix(".swift") || $0.hasSuffix(".md")
  }
}

/// The `.swift` files under `folder` of the package, relative to the package root, sorted.
func swiftFiles(under folder: String, in packageRoot: URL) -> [String] {
  visibleFiles(under: folder, in: packageRoot).filter { $0.hasSuffix(".swift") }
}

/// The files and folders under `folder` of the package, hidden ones skipped, relative to the
/// package root, sorted.
func visibleFiles(under folder: String, in packageRoot: URL) -> [String] {
  let base = packageRoot.appendingPathComponent(folder, isDirectory: true).standardizedFileURL
  guard
    let walker = FileManager.default.enumerator(
      at: base, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
  else { return [] }
  return walker.compactMap { ($0 as? URL)?.standardizedFileURL.path }
    .filter { $0.hasPrefix(base.path + "/") }
    .map { "\(folder)/\($0.dropFirst(base.path.count + 1))" }.sorted()
}
