import Foundation

/// `grade --release DIR`: writes the student's workbook from the instructor's.
///
/// The release holds the generated stubs, the visible suites and the grader; it leaves out what
/// gives answers away or is the instructor's alone: `Solutions/`, the hidden cases
/// (`Tests/Hidden`), the reference's tests and the grader's own tests, the catalog's
/// explanations, the instructor's README and scripts (`.ci/`, `autograder/`). `Package.swift`
/// leaves out the targets of absent folders, so the release builds and grades with the same two
/// commands. It ships the pristine stubs in `.stubs/` (for `--reset` and for building a file
/// that does not compile as its stub), the files written from `templates` (the student's README,
/// the Codespaces container, the workflow that grades on every push) and, last, the checksum
/// manifest of everything but `Exercises/` (for `--verify`). It writes nothing when a file it
/// would ship repeats a line of a reference solution (``ReferenceLeaks``).
public enum Release {
  /// Paths of the instructor's copy that a release leaves out (and everything under them): the
  /// instructor's README gives way to the student's, written from its template.
  static let instructorOnly = [
    "Solutions", "Tests/Hidden", "Tests/SolutionTests", "Tests/GraderTests",
    "Tests/GraderFixtures", "Tests/ExerciseTests/Hidden", "Sources/ExperimentsOnSolutions",
    "Tests/ExperimentTests",
    Checksums.fileName, "autograder", "README.md",
  ]

  /// The hidden files and folders of the instructor's copy that a release keeps.
  ///
  /// They are the project's settings; the others (`.git`, `.build`, `.grade`, the instructor's
  /// scripts in `.ci/`, which need `Solutions/`, and the instructor's own `.github/` and
  /// `.devcontainer/`) stay behind.
  static let keptHidden = [".gitignore", ".swift-format"]

  /// The files a release writes from templates, as (template, path in the release).
  ///
  /// The templates are in the instructor's `autograder/`, which is not released; one that the
  /// instructor's copy lacks is skipped. The workflow grades on every push (GitHub Classroom);
  /// the container is what "Open in Codespaces" starts.
  static let templates = [
    (template: "autograder/student/README.md", released: "README.md"),
    (template: "autograder/student/devcontainer.json", released: ".devcontainer/devcontainer.json"),
    (template: "autograder/classroom/grade.yml", released: ".github/workflows/grade.yml"),
  ]

  /// The folder of the reference solutions, which the student release does not have.
  static let solutionsFolder = "Solutions"

  /// Folders of output the workbook writes (`swift run experiment`'s artefacts), not sources.
  static let generated = ["experiments"]

  /// The folder of the pristine stubs in a release.
  static let stubsFolder = ".stubs"

  /// Writes the release of the workbook at `root` into `destination`, which must not exist yet;
  /// returns how many files it wrote.
  ///
  /// - Throws: `GradeError.referenceLeaks`, before it writes anything, when a file it would
  ///   ship repeats a line of a reference solution's marked block.
  public static func write(from root: URL, to destination: URL) throws(GradeError) -> Int {
    let manager = FileManager.default
    guard !manager.fileExists(atPath: destination.path) else {
      throw .fileSystem(path: destination.path, reason: "already exists: name a new folder")
    }
    let stubs = try StubGenerator.allStubs(packageRoot: root)
    let paths = try releasedPaths(of: root)
    // Before anything is written: no shipped line may repeat a reference solution's.
    try ReferenceLeaks.check(
      packageRoot: root, shipped: shippedTexts(of: root, paths: paths, stubs: stubs))
    var written = 0
    do {
      try manager.createDirectory(at: destination, withIntermediateDirectories: true)
      for path in paths {
        let source = root.appendingPathComponent(path)
        let target = destination.appendingPathComponent(path)
        try manager.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let link = try? manager.destinationOfSymbolicLink(atPath: source.path) {
          try manager.createSymbolicLink(atPath: target.path, withDestinationPath: link)
        } else if path == "grader.json" {
          try withoutExplanations(manager.contents(atPath: source.path) ?? Data()).write(to: target)
        } else {
          try manager.copyItem(at: source, to: target)
        }
        written += 1
      }
      for (file, stub) in stubs {
        for copy in [file, stubsFolder + "/" + file] {
          let target = destination.appendingPathComponent(copy)
          try manager.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data(stub.utf8).write(to: target)
        }
        written += 1
      }
      for (template, released) in Self.templates {
        guard let contents = manager.contents(atPath: root.appendingPathComponent(template).path)
        else { continue }
        let target = destination.appendingPathComponent(released)
        try manager.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: target)
        written += 1
      }
    } catch let error as GradeError {
      throw error
    } catch {
      throw .fileSystem(path: destination.path, reason: reasonText(error))
    }
    // Last: the manifest covers what the release holds, and nothing is written after it.
    try Checksums.write(packageRoot: destination)
    return written + 1
  }

  /// Throws `GradeError.noSolutions` when the workbook at `packageRoot` has no reference
  /// solutions (`Solutions/`), as in the student release: `grade --solutions` checks it before
  /// it builds anything.
  public static func requireSolutions(packageRoot: URL) throws(GradeError) {
    var isFolder: ObjCBool = false
    let folder = packageRoot.appendingPathComponent(solutionsFolder)
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
      isFolder.boolValue
    else { throw .noSolutions }
  }

  /// The text of every file the release of the workbook at `root` holds but the checksum
  /// manifest, with its path in the release, for ``ReferenceLeaks``.
  static func shippedTexts(of root: URL) throws(GradeError) -> [(path: String, text: String)] {
    try shippedTexts(
      of: root, paths: releasedPaths(of: root), stubs: StubGenerator.allStubs(packageRoot: root))
  }

  /// The text of every file the release holds but the checksum manifest, with its path in the
  /// release: the files at `paths` but symbolic links and binary files (the catalog without its
  /// explanations), the generated `stubs` (once: the pristine copies in `.stubs/` are the same)
  /// and the files written from templates.
  private static func shippedTexts(
    of root: URL, paths: [String], stubs: [String: String]
  ) -> [(path: String, text: String)] {
    let manager = FileManager.default
    var shipped: [(path: String, text: String)] = []
    for path in paths {
      let source = root.appendingPathComponent(path).path
      guard (try? manager.destinationOfSymbolicLink(atPath: source)) == nil,
        var data = manager.contents(atPath: source), !data.contains(0)
      else { continue }
      if path == "grader.json" { data = (try? withoutExplanations(data)) ?? data }
      shipped.append((path: path, text: String(decoding: data, as: UTF8.self)))
    }
    shipped += stubs.sorted { $0.key < $1.key }.map { (path: $0.key, text: $0.value) }
    for (template, released) in templates {
      guard let data = manager.contents(atPath: root.appendingPathComponent(template).path)
      else { continue }
      shipped.append((path: released, text: String(decoding: data, as: UTF8.self)))
    }
    return shipped
  }

  /// Every file and symbolic link of the instructor's copy that a release keeps, relative to
  /// `root`: not instructor-only, not hidden except the project's own settings (`keptHidden`),
  /// and not a learner file (the release gets the generated stubs instead).
  private static func releasedPaths(of root: URL) throws(GradeError) -> [String] {
    var paths: [String] = []
    let walker = FileManager.default.enumerator(atPath: root.path)
    while let path = walker?.nextObject() as? String {
      let first = String(path.split(separator: "/").first ?? "")
      let excluded =
        (first.hasPrefix(".") && !keptHidden.contains(first)) || first == "Exercises"
        || Self.generated.contains(first)
        || instructorOnly.contains { path == $0 || path.hasPrefix($0 + "/") }
      let attributes: [FileAttributeKey: Any]
      do {
        attributes = try FileManager.default.attributesOfItem(
          atPath: root.appendingPathComponent(path).path)
      } catch {
        throw .fileSystem(path: path, reason: reasonText(error))
      }
      let isLink = attributes[.type] as? FileAttributeType == .typeSymbolicLink
      let isFolder = attributes[.type] as? FileAttributeType == .typeDirectory
      if excluded || isLink {
        if isFolder || isLink { walker?.skipDescendants() }
      }
      if !excluded && !isFolder { paths.append(path) }
    }
    return paths.sorted()
  }

  /// The catalog without its explanations, which give the conceptual answers away.
  private static func withoutExplanations(_ data: Data) throws -> Data {
    guard var catalog = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let exercises = catalog["exercises"] as? [[String: Any]]
    else { return data }
    catalog["exercises"] = exercises.map { $0.filter { $0.key != "explanation" } }
    return try JSONSerialization.data(
      withJSONObject: catalog, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }
}
