import Foundation

/// `grade --reset ID`: puts an exercise's generated stub back, keeping the learner's file.
public enum Reset {
  public enum Outcome: Equatable, Sendable {
    /// The file already was the stub; nothing was touched.
    case alreadyStub
    /// The stub is back; the learner's version is at `backup` (relative to the package root).
    case restored(backup: String)
  }

  /// Restores `exercise`'s stub; the learner's file moves to `backups/` in `stateFolder`
  /// (outside every target, so the build ignores it), named with the time of the reset.
  public static func reset(
    _ exercise: Exercise, packageRoot: URL, stateFolder: URL, now: Date = Date()
  ) throws(GradeError) -> Outcome {
    let stub = Data(
      try StubGenerator.stub(forExerciseFile: exercise.file, packageRoot: packageRoot).utf8)
    let file = packageRoot.appendingPathComponent(exercise.file)
    let current = FileManager.default.contents(atPath: file.path)
    if current == stub { return .alreadyStub }
    let backup = try current.map { (current) throws(GradeError) in
      try keep(current, of: exercise.file, in: stateFolder, now: now)
    }
    do {
      try stub.write(to: file, options: .atomic)
    } catch {
      throw .fileSystem(path: exercise.file, reason: reasonText(error))
    }
    return .restored(backup: backup.map { relativePath($0, to: packageRoot) } ?? "(no file)")
  }

  /// Keeps `contents`, the learner's version of `file`, in `backups/` of `stateFolder`, named with
  /// the time; returns where.
  static func keep(_ contents: Data, of file: String, in stateFolder: URL, now: Date = Date())
    throws(GradeError) -> URL
  {
    let url = backupURL(for: file, in: stateFolder, now: now)
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try contents.write(to: url, options: .withoutOverwriting)
    } catch {
      throw .fileSystem(path: url.path, reason: reasonText(error))
    }
    return url
  }

  /// `backups/Stage4/Ex4_6_Adam.20261202-053012.swift`, with a counter if that name is taken.
  private static func backupURL(for file: String, in stateFolder: URL, now: Date) -> URL {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    let inner = String(file.drop { $0 != "/" }.dropFirst())
    let relative = inner.hasSuffix(".swift") ? String(inner.dropLast(".swift".count)) : inner
    let stem = stateFolder.appendingPathComponent("backups").appendingPathComponent(
      relative + "." + formatter.string(from: now))
    var candidate = stem.appendingPathExtension("swift")
    var counter = 2
    while FileManager.default.fileExists(atPath: candidate.path) {
      candidate = URL(fileURLWithPath: stem.path + "-\(counter)").appendingPathExtension("swift")
      counter += 1
    }
    return candidate
  }
}

/// `url`'s path relative to `root` when it is inside it, its full path otherwise.
func relativePath(_ url: URL, to root: URL) -> String {
  let path = url.standardizedFileURL.path
  let prefix = root.standardizedFileURL.path + "/"
  return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}
