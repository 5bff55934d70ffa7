import Foundation

/// What a batch knows of one student: the submission's hash, how grading went, the points.
///
/// Saved as `students/<name>.json`, with the full report (`grade --json`'s) under `"report"` and
/// a seal (SHA-256 of everything else) under `"seal"`: a resumed batch takes a record only when
/// its seal matches, so one edited by hand, cut short, or written by anything but the grader
/// without recomputing the seal is graded again. (It is not a secret: the sandbox is what keeps
/// graded code away from `--out`.)
struct StudentRecord: Codable, Equatable {
  enum Status: String, Codable {
    case graded
    /// `--strict` refused the submission (see `reasons`).
    case refused
    /// The submission could not be graded: no `Exercises/`, or a build that failed outright.
    case notGradable
  }

  var version = 2
  var student: String
  var submissionHash: String
  var status: Status = .notGradable
  var reasons: [String] = []
  /// Exercise id → points earned.
  var scores: [String: Int] = [:]
  var score = 0
  /// The review exercises whose answers are written, which a person grades (`FOR REVIEW`).
  var forReview: [String] = []
  /// The results, while the batch that graded them runs (the saved report holds them).
  var results: [ExerciseResult]?

  private enum CodingKeys: String, CodingKey {
    case version, student, submissionHash, status, reasons, scores, score, forReview
  }

  /// The record saved in `file`, if there is a readable one whose seal matches.
  static func load(from file: URL) -> StudentRecord? {
    guard let data = FileManager.default.contents(atPath: file.path),
      var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let seal = object.removeValue(forKey: "seal") as? String, seal == Self.seal(of: object)
    else { return nil }
    return try? JSONDecoder().decode(StudentRecord.self, from: data)
  }

  /// SHA-256 of the record's JSON, keys sorted.
  private static func seal(of object: [String: Any]) -> String? {
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return nil }
    return SHA256.hex(Array(data))
  }

  /// Saves the record, with `report` under `"report"`, written whole or not at all.
  func save(to file: URL, report: JSONReport?) throws(GradeError) {
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      var object = try JSONSerialization.jsonObject(with: encoder.encode(self)) as? [String: Any]
      if let report {
        object?["report"] = try JSONSerialization.jsonObject(with: Data(report.encoded().utf8))
      }
      let seal = object.flatMap(Self.seal(of:))
      object?["seal"] = seal
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try JSONSerialization.data(
        withJSONObject: object ?? [:],
        options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      ).write(to: file, options: .atomic)
    } catch {
      throw .fileSystem(path: file.path, reason: reasonText(error))
    }
  }
}

/// The class's gradebook: one row per student, a column of points per exercise, the total, and
/// how grading went.
struct Gradebook {
  var catalog: Catalog
  var records: [StudentRecord]

  var csv: String {
    let ids = catalog.exercises.map(\.id)
    var lines = [(["student"] + ids + ["total", "status"]).map(field).joined(separator: ",")]
    for record in records.sorted(by: { $0.student < $1.student }) {
      let status =
        record.status == .graded
        ? "graded" : "\(record.status.rawValue): \(record.reasons.first ?? "")"
      let cells =
        [record.student] + catalog.exercises.map { cell(of: $0, in: record) }
        + [String(record.score), status]
      lines.append(cells.map(field).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The points a student earned on `exercise`; for a review exercise, which earns none
  /// automatically, whether it awaits a reviewer (`for review`) or was left (`not started`).
  private func cell(of exercise: Exercise, in record: StudentRecord) -> String {
    guard exercise.isReview else { return String(record.scores[exercise.id] ?? 0) }
    guard record.status == .graded else { return "" }
    return record.forReview.contains(exercise.id) ? "for review" : "not started"
  }

  func write(to file: URL) throws(GradeError) {
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(csv.utf8).write(to: file, options: .atomic)
    } catch {
      throw .fileSystem(path: file.path, reason: reasonText(error))
    }
  }

  /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
  private func field(_ text: String) -> String {
    let flat = text.withVisibleControls.replacingOccurrences(of: "\n", with: " ")
    guard flat.contains(where: { $0 == "," || $0 == "\"" }) else { return flat }
    return "\"" + flat.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
