import Foundation

/// `grade --batch DIR`: grades every submission under DIR against this workbook, the instructor's
/// copy of everything but `Exercises/`.
///
/// Each submission's `.swift` files under its `Exercises/` are copied into one folder of the
/// build (`learnerFolder`), which `Package.swift` then builds as the learner's target: the
/// workbook's build cache serves every submission, and only the learner's module and its tests
/// are rebuilt. Grading is strict (`StrictCheck`), so a hostile submission is refused alone. A
/// record per student, with the hash of the submission, is written as soon as it is graded; a
/// batch run again skips every student whose submission has not changed since, so an interrupted
/// batch resumes where it stopped. The gradebook is rewritten after every student.
struct Batch {
  /// Grades one submission; the same session settings serve the whole class.
  var session: GradingSession
  /// The folder holding one folder per student.
  var submissions: URL
  /// Where the gradebook and the students' records go.
  var destination: URL
  var output: (String) -> Void

  /// The build's folder for the submission being graded, relative to the package.
  static let learnerFolder = ".build/grade-batch/Exercises"

  /// Grades the class; returns 0 when every submission could be graded (whatever its score).
  func run() throws(GradeError) -> Int32 {
    let students = try Submission.all(in: submissions)
    guard !students.isEmpty else {
      throw .fileSystem(path: submissions.path, reason: "holds no folder of a student")
    }
    var records: [StudentRecord] = []
    var resumed = 0
    for (index, student) in students.enumerated() {
      let file = destination.appendingPathComponent("students/\(student.name).json")
      if let saved = StudentRecord.load(from: file), saved.submissionHash == student.hash {
        records.append(saved)
        resumed += 1
        continue
      }
      session.status.say("[\(index + 1)/\(students.count)] \(student.name)")
      let (record, report) = grade(student)
      try record.save(to: file, report: report)
      records.append(record)
      try Gradebook(catalog: session.catalog, records: records).write(
        to: destination.appendingPathComponent("gradebook.csv"))
    }
    try Gradebook(catalog: session.catalog, records: records).write(
      to: destination.appendingPathComponent("gradebook.csv"))
    let graded = records.filter { $0.status == .graded }.count
    output(
      """
      Graded \(students.count) submissions (\(resumed) unchanged since the last run): \
      \(graded) graded, \(records.count - graded) refused or not gradable.
      Gradebook: \(destination.appendingPathComponent("gradebook.csv").path)
      """)
    return graded == records.count ? 0 : 1
  }

  /// Grades one student's submission: its record, and the full report when it was graded.
  private func grade(_ student: Submission) -> (StudentRecord, JSONReport?) {
    var record = StudentRecord(student: student.name, submissionHash: student.hash)
    guard let exercises = student.exercises else {
      record.status = .notGradable
      record.reasons = ["no Exercises/ folder in the submission"]
      return (record, nil)
    }
    do {
      try copyLearnerFiles(from: exercises)
      let results = try session.grade(session.catalog.exercises)
      record.status = .graded
      record.scores = Dictionary(
        uniqueKeysWithValues: results.map { ($0.exercise.id, $0.earnedPoints) })
      record.score = results.map(\.earnedPoints).reduce(0, +)
      return (record, JSONReport(results: results, target: "Exercises"))
    } catch .refused(let reasons) {
      record.status = .refused
      record.reasons = reasons
    } catch {
      record.status = .notGradable
      record.reasons = ["\(error)"]
    }
    return (record, nil)
  }

  /// Replaces the build's learner folder with the submission's `.swift` files (symbolic links
  /// are not followed: a submission cannot make the grader read other files).
  private func copyLearnerFiles(from exercises: URL) throws(GradeError) {
    let manager = FileManager.default
    let folder = session.packageRoot.appendingPathComponent(Self.learnerFolder)
    do {
      try? manager.removeItem(at: folder)
      try manager.createDirectory(at: folder, withIntermediateDirectories: true)
      for file in Submission.swiftFiles(in: exercises) {
        let target = folder.appendingPathComponent(file)
        try manager.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.copyItem(at: exercises.appendingPathComponent(file), to: target)
      }
    } catch {
      throw .fileSystem(path: Self.learnerFolder, reason: reasonText(error))
    }
  }
}

/// One student's folder in a batch.
struct Submission {
  /// The folder's name, which names the student in the gradebook.
  var name: String
  /// The submission's `Exercises/`: directly in the folder, or in a checkout one level down.
  var exercises: URL?
  /// SHA-256 of the submission's `.swift` files (paths and contents): what a resumed batch
  /// compares.
  var hash: String

  /// The students' folders in `folder`, sorted by name (hidden ones skipped).
  static func all(in folder: URL) throws(GradeError) -> [Submission] {
    let manager = FileManager.default
    let names: [String]
    do {
      names = try manager.contentsOfDirectory(atPath: folder.path)
    } catch {
      throw .fileSystem(path: folder.path, reason: reasonText(error))
    }
    return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
      let student = folder.appendingPathComponent(name)
      guard isFolder(student) else { return nil }
      let candidates =
        [student.appendingPathComponent("Exercises")]
        + ((try? manager.contentsOfDirectory(atPath: student.path)) ?? []).sorted().map {
          student.appendingPathComponent($0).appendingPathComponent("Exercises")
        }
      let exercises = candidates.first(where: isFolder)
      var bytes: [UInt8] = []
      for file in exercises.map(swiftFiles(in:)) ?? [] {
        bytes += Array(file.utf8) + [0]
        bytes += Array(
          manager.contents(atPath: exercises!.appendingPathComponent(file).path) ?? Data())
        bytes.append(0)
      }
      return Submission(name: name, exercises: exercises, hash: SHA256.hex(bytes))
    }
  }

  /// The regular `.swift` files under `folder`, relative to it, sorted; links are skipped.
  static func swiftFiles(in folder: URL) -> [String] {
    let walker = FileManager.default.enumerator(atPath: folder.path)
    var files: [String] = []
    while let path = walker?.nextObject() as? String {
      let type = walker?.fileAttributes?[.type] as? FileAttributeType
      if type == .typeSymbolicLink { continue }
      if type == .typeRegular, path.hasSuffix(".swift"),
        !path.split(separator: "/").contains(where: { $0.hasPrefix(".") })
      {
        files.append(path)
      }
    }
    return files.sorted()
  }

  private static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }
}
