import Foundation

/// `grade --release DIR`: writes the student's workbook from the instructor's.
///
/// The release holds the generated stubs, the visible suites and the grader; it leaves out what
/// gives answers away or is the instructor's alone: `Solutions/`, the hidden cases
/// (`Tests/Hidden`), the reference's tests and the grader's own tests, and the catalog's
/// explanations. `Package.swift` leaves out the targets of absent folders, so the release builds
/// and grades with the same two commands. It ships the pristine stubs in `.stubs/` (for
/// `--reset` and for building a file that does not compile as its stub) and the checksum
/// manifest of everything but `Exercises/` (for `--verify`).
public enum Release {
  /// Paths of the instructor's copy that a release leaves out (and everything under them).
  static let instructorOnly = [
    "Solutions", "Tests/Hidden", "Tests/SolutionTests", "Tests/GraderTests",
    "Tests/GraderFixtures", "Tests/ExerciseTests/Hidden", "Sources/ExperimentsOnSolutions",
    "Tests/ExperimentTests",
    Checksums.fileName, "autograder",
  ]

  /// The GitHub Actions workflow that grades on every push: in the release, it goes to
  /// `.github/workflows/grade.yml`.
  static let workflow = (
    template: "autograder/classroom/grade.yml", released: ".github/workflows/grade.yml"
  )

  /// Folders of output the workbook writes (`swift run experiment`'s artefacts), not sources.
  static let generated = ["experiments"]

  /// The folder of the pristine stubs in a release.
  static let stubsFolder = ".stubs"

  /// Writes the release of the workbook at `root` into `destination`, which must not exist yet;
  /// returns how many files it wrote.
  public static func write(from root: URL, to destination: URL) throws(GradeError) -> Int {
    let manager = FileManager.default
    guard !manager.fileExists(atPath: destination.path) else {
      throw .fileSystem(path: destination.path, reason: "already exists: name a new folder")
    }
    let stubs = try StubGenerator.allStubs(packageRoot: root)
    var written = 0
    do {
      try manager.createDirectory(at: destination, withIntermediateDirectories: true)
      for path in try releasedPaths(of: root) {
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
      if let workflow = manager.contents(
        atPath: root.appendingPathComponent(Self.workflow.template).path)
      {
        let target = destination.appendingPathComponent(Self.workflow.released)
        try manager.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try workflow.write(to: target)
        written += 1
      }
    } catch let error as GradeError {
      throw error
    } catch {
      throw .fileSystem(path: destination.path, reason: reasonText(error))
    }
    try Checksums.write(packageRoot: destination)
    return written + 1
  }

  /// Every file and symbolic link of the instructor's copy that a release keeps, relative to
  /// `root`: not instructor-only, not hidden (`.git`, `.build`, `.grade`) except the project's
  /// own settings, and not a learner file (the release gets the generated stubs instead).
  private static func releasedPaths(of root: URL) throws -> [String] {
    let kept = [".gitignore", ".swift-format", ".ci", ".github"]
    var paths: [String] = []
    let walker = FileManager.default.enumerator(atPath: root.path)
    while let path = walker?.nextObject() as? String {
      let first = String(path.split(separator: "/").first ?? "")
      let excluded =
        (first.hasPrefix(".") && !kept.contains(first)) || first == "Exercises"
        || Self.generated.contains(first)
        || instructorOnly.contains { path == $0 || path.hasPrefix($0 + "/") }
      let attributes = try FileManager.default.attributesOfItem(
        atPath: root.appendingPathComponent(path).path)
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
