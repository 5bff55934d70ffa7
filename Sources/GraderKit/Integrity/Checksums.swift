import Foundation

/// The checksum manifest an instructor ships with a workbook, `grader-checksums.json`: the
/// SHA-256 of every file a learner must not change, so that `grade --verify` names each one
/// that differs (an edited suite, catalog or grader).
public struct Checksums: Codable, Equatable, Sendable {
  public var version = 1
  /// File (relative to the package root) → SHA-256, lowercase hexadecimal.
  public var files: [String: String]

  /// The manifest's file name, at the package root.
  public static let fileName = "grader-checksums.json"
  /// What the manifest covers: everything but the learner's `Exercises/`.
  static let covered = ["Package.swift", "grader.json", "Sources", "Solutions", "Tests"]

  /// The checksums of the covered files of the package as it is now (hidden files skipped; a
  /// folder that is absent, such as `Solutions/` in a student release, covers nothing).
  public static func current(packageRoot: URL) -> Checksums {
    var files: [String: String] = [:]
    for item in covered {
      var isDirectory: ObjCBool = false
      let url = packageRoot.appendingPathComponent(item)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        continue
      }
      for file in isDirectory.boolValue ? visibleFiles(under: item, in: packageRoot) : [item] {
        let path = packageRoot.appendingPathComponent(file).path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
          !isFolder.boolValue, let data = FileManager.default.contents(atPath: path)
        else { continue }
        files[file] = SHA256.hex(data)
      }
    }
    return Checksums(files: files)
  }

  /// Writes the manifest of the package as it is now.
  public static func write(packageRoot: URL) throws(GradeError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let url = packageRoot.appendingPathComponent(fileName)
    do {
      try encoder.encode(current(packageRoot: packageRoot)).write(to: url)
    } catch {
      throw .fileSystem(path: fileName, reason: reasonText(error))
    }
  }

  /// The shipped manifest.
  public static func shipped(packageRoot: URL) throws(GradeError) -> Checksums {
    guard
      let data = FileManager.default.contents(
        atPath: packageRoot.appendingPathComponent(fileName).path)
    else {
      throw .fileSystem(
        path: fileName,
        reason: "not found: the instructor's release ships it (grade --write-checksums writes it)")
    }
    do {
      return try JSONDecoder().decode(Checksums.self, from: data)
    } catch {
      throw .fileSystem(path: fileName, reason: "is not a checksum manifest (\(reasonText(error)))")
    }
  }

  /// How `actual` differs from this manifest, file by file, sorted.
  public func differences(from actual: Checksums) -> [String] {
    let names = Set(files.keys).union(actual.files.keys).sorted()
    return names.compactMap { name in
      switch (files[name], actual.files[name]) {
      case (let expected?, let found?) where expected != found: "changed: \(name)"
      case (_?, nil): "missing: \(name)"
      case (nil, _?): "added:   \(name)"
      default: nil
      }
    }
  }
}
