import Foundation

/// The learner's last verdict on each exercise, kept between runs in `.grade/verdicts.json`, so
/// that `--list` and the progress line know where the learner stands after a partial grade.
public struct LearnerRecord: Codable, Equatable, Sendable {
  public var version = 1
  /// Exercise id → the verdict's text (`PASS`, `FAIL`, `NOT STARTED`).
  public var verdicts: [String: String] = [:]

  public init() {}

  /// The folder of the learner's state (the record and the backups of `--reset`).
  public static func folder(packageRoot: URL) -> URL {
    packageRoot.appendingPathComponent(".grade", isDirectory: true)
  }

  private static func file(in folder: URL) -> URL {
    folder.appendingPathComponent("verdicts.json")
  }

  /// The record in `folder`; empty when there is none yet (or it cannot be read: it only
  /// remembers, and the next grade rewrites it).
  public static func load(from folder: URL) -> LearnerRecord {
    guard let data = FileManager.default.contents(atPath: file(in: folder).path),
      let record = try? JSONDecoder().decode(LearnerRecord.self, from: data)
    else { return LearnerRecord() }
    return record
  }

  public func save(to folder: URL) throws(GradeError) {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(self).write(to: Self.file(in: folder), options: .atomic)
    } catch {
      throw .fileSystem(path: Self.file(in: folder).path, reason: reasonText(error))
    }
  }

  /// Remembers the verdicts of `results`.
  public mutating func record(_ results: [ExerciseResult]) {
    for result in results { verdicts[result.exercise.id] = result.verdict.rawValue }
  }

  /// The last verdict on exercise `id`, if it was ever graded.
  public func verdict(_ id: String) -> Verdict? {
    verdicts[id].flatMap(Verdict.init(rawValue:))
  }
}

/// Where a learner stands in a course: exercises done, points earned, and the next one to do.
public struct Standing: Equatable, Sendable {
  public var done: Int
  public var total: Int
  public var points: Int
  public var totalPoints: Int
  /// The first exercise, in catalog order, that has not passed (or, for a review exercise, been
  /// written).
  public var next: Exercise?

  public init(catalog: Catalog, record: LearnerRecord) {
    let passed = catalog.exercises.filter {
      [.passed, .forReview].contains(record.verdict($0.id))
    }
    done = passed.count
    total = catalog.exercises.count
    points = passed.map(\.points).reduce(0, +)
    totalPoints = catalog.exercises.map(\.points).reduce(0, +)
    next = catalog.exercises.first { !passed.map(\.id).contains($0.id) }
  }

  /// One line: `Progress: 3/18 done · 30/180 points · next: 4.4 Adam's components (swift run grade 4.4)`.
  public var line: String {
    let head = "Progress: \(done)/\(total) done · \(points)/\(totalPoints) points"
    guard let next else { return head + " · every exercise passes" }
    return head + " · next: \(next.id) \(next.title) (swift run grade \(next.id))"
  }
}
