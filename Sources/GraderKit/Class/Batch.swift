import Foundation
import Synchronization

/// `grade --batch DIR`: grades every submission under DIR against this workbook, the instructor's
/// copy of everything but `Exercises/`.
///
/// Every submission's `.swift` and `.md` files under its `Exercises/` are read and hashed before
/// any student's code runs; each submission is then written into one folder of the build
/// (`learnerFolder`) in turn, and one with a symbolic link there is refused. The suites are
/// built once, against the workbook's own learner files;
/// each submission's module is then compiled alone and linked with them (`Relinker`). A
/// submission that cannot be built that way without changing its result is built by SwiftPM as
/// the learner's target, reusing the workbook's build cache. Grading is strict (`StrictCheck`),
/// so a hostile submission is refused alone. A
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
  /// Where to write the Gradescope results of the batch's one submission (`run_autograder`).
  var gradescope: URL?
  var output: (String) -> Void

  /// The build's folder for the submission being graded, relative to the package.
  static let learnerFolder = ".build/grade-batch/Exercises"

  /// Submissions whose suites may run at once while the next one is built.
  ///
  /// A submission takes a place only while its suites run, and the next one takes the first place
  /// freed: one that hangs until its time limit holds up no other.
  static let inFlight = 2

  /// Built submissions that may wait for a place: while one waits, the next is built, so the
  /// compiler keeps a core busy even when both places are taken.
  static let waiting = 1

  /// Grades the class; returns 0 when every submission could be graded (whatever its score).
  ///
  /// While submissions' suites run (from their own test bundles), the next one is copied, built
  /// and checked: they overlap, which is most of a batch's time.
  func run() throws(GradeError) -> Int32 {
    let catalogFiles = Set(
      session.catalog.exercises.map(\.file).filter { $0.hasPrefix("Exercises/") }.map {
        String($0.dropFirst("Exercises/".count))
      })
    let students = try Submission.all(in: submissions, catalogFiles: catalogFiles)
    guard !students.isEmpty else {
      throw .fileSystem(path: submissions.path, reason: "holds no folder of a student")
    }
    if gradescope != nil && students.count != 1 {
      throw .usage(
        "--gradescope with --batch grades one submission, and \(submissions.path) holds \(students.count)"
      )
    }
    var records: [StudentRecord] = []
    var resumed = 0
    /// Prepared submissions not yet in `records`, in order.
    var pending: [Pending] = []
    let places = Places(running: Self.inFlight, waiting: Self.waiting)
    let ownFiles = OwnFilesResults()
    var relinker: Relinker??
    var builds = Builds()
    let started = Date()
    for (index, student) in students.enumerated() {
      let file = recordFile(of: student)
      if gradescope == nil, let saved = StudentRecord.load(from: file),
        saved.submissionHash == student.hash
      {
        records.append(saved)
        resumed += 1
        continue
      }
      if relinker == nil { relinker = makeRelinker() }
      session.status.say("[\(index + 1)/\(students.count)] \(student.name)")
      switch prepare(student, relinker: relinker ?? nil, ownFiles: ownFiles, builds: &builds) {
      case .done(let record):
        pending.append(Pending(record: record, grading: nil, file: file, places: places))
      case .ready(let record, let grading, let ownFilesGraded):
        pending.append(
          Pending(
            record: record, grading: grading, file: file, places: places,
            keeping: ownFilesGraded ? ownFiles : nil))
      case .graded(let record):
        pending.append(Pending(record: record, resultsOf: ownFiles, file: file))
      }
      let finished = pending.filter(\.isFinished)
      guard !finished.isEmpty else { continue }
      for submission in finished { records.append(try submission.finish()) }
      pending.removeAll { submission in finished.contains { $0 === submission } }
      try Gradebook(catalog: session.catalog, records: records).write(to: gradebookFile)
    }
    for submission in pending { records.append(try submission.finish()) }
    try Gradebook(catalog: session.catalog, records: records).write(to: gradebookFile)
    if let gradescope, let record = records.first {
      try writeGradescope(record, to: gradescope, seconds: Date().timeIntervalSince(started))
    }
    let graded = records.filter { $0.status == .graded }.count
    output(
      """
      Graded \(students.count) submissions (\(resumed) unchanged since the last run): \
      \(graded) graded, \(records.count - graded) refused or not gradable; \
      \(builds.bySwiftPM) built by SwiftPM, not linked with the suites built once\
      \(builds.unchanged > 0 ? "; \(builds.unchanged) the workbook's own files, not built again" : "")\
      \(builds.notGradedAgain > 0 ? " (\(builds.notGradedAgain) not graded again)" : "").
      Gradebook: \(gradebookFile.path)
      """)
    // When the suites were ready for the submissions to link with, if they were built.
    if let relinker = relinker ?? nil, let suites = try? relinker.suites() {
      let linkable = suites.finished
      output(
        "Took \(seconds(from: started, to: Date())) s: "
          + (suites.cached
            ? "the suites an earlier batch built for this workbook, "
            : "\(seconds(from: started, to: linkable)) s to build the suites once, ")
          + "\(seconds(from: linkable, to: Date())) s for the submissions.")
    }
    return graded == records.count ? 0 : 1
  }

  private var gradebookFile: URL { destination.appendingPathComponent("gradebook.csv") }

  /// Writes Gradescope's results of the submission `record` holds: its exercises, or why it
  /// could not be graded, with what the student should do.
  private func writeGradescope(_ record: StudentRecord, to file: URL, seconds: Double)
    throws(GradeError)
  {
    let withheld = Set(session.catalog.exercises.filter { !$0.reportParts }.map(\.id))
    let report: GradescopeReport
    if let results = record.results {
      report = GradescopeReport(results: results, seconds: seconds, withholding: withheld)
    } else {
      let failure =
        record.status == .refused
        ? ([
          "The submission was refused: its code calls what no exercise needs, or adds "
            + "public declarations. Remove these and submit again:"
        ]
          + record.reasons.map { "- " + $0 }).joined(separator: "\n")
        : "The submission could not be graded: " + record.reasons.joined(separator: "\n")
      report = GradescopeReport(
        failure: failure, exercises: session.catalog.exercises, seconds: seconds)
    }
    do {
      try Data(report.encoded().utf8).write(to: file)
    } catch {
      throw .fileSystem(path: file.path, reason: reasonText(error))
    }
  }

  private func recordFile(of student: Submission) -> URL {
    destination.appendingPathComponent("students/\(student.name).json")
  }

  /// A submission after its build: refused or not gradable (done), ready to grade (with whether
  /// it is the first of the workbook's own files), or one of those after the first, whose results
  /// it takes.
  private enum Prepared {
    case done(StudentRecord)
    case ready(StudentRecord, PreparedGrading, ownFiles: Bool)
    case graded(StudentRecord)
  }

  /// The results of the workbook's own learner files: the first submission of exactly those (a
  /// student who has not started) is graded, and the others take its results, built and graded
  /// the same way, without running their suites.
  private final class OwnFilesResults: Sendable {
    private let state = Mutex<(claimed: Bool, results: [ExerciseResult])>((false, []))
    private let graded = DispatchGroup()

    /// Whether a submission of the workbook's own files is being graded for the others.
    var isClaimed: Bool { state.withLock { $0.claimed } }

    /// Makes the caller's submission the one graded for the others: it must `keep` its results.
    func claim() {
      state.withLock { $0.claimed = true }
      graded.enter()
    }

    func keep(_ results: [ExerciseResult]) {
      state.withLock { $0.results = results }
      graded.leave()
    }

    /// The results, once kept.
    func wait() -> [ExerciseResult] {
      graded.wait()
      return state.withLock { $0.results }
    }
  }

  /// Builds the workbook with its own learner files, and from that build the suites for every
  /// submission to link with; nil (each submission built by SwiftPM) when that cannot be done,
  /// with a note why.
  private func makeRelinker() -> Relinker? {
    guard session.launcher == .bundle, session.testBundle == nil else { return nil }
    do {
      // With --skip-build, SwiftPM's last build of the workbook's own files is taken as it is.
      if !session.skipBuild {
        var own = session
        own.learnerFolder = "Exercises"
        let base = try own.build()
        guard base.uncompilable.isEmpty else {
          throw GradeError.buildFailed(
            errors: base.uncompilable.values.flatMap { $0 }.map(\.text))
        }
      }
      session.status.say("Compiling the suites once, for every submission to link with…")
      return try Relinker(builder: session.builder)
    } catch {
      session.status.say("note: every submission is built by SwiftPM: \(error)")
      return nil
    }
  }

  /// The seconds from `start` to `end`, rounded to a tenth.
  private func seconds(from start: Date, to end: Date) -> String {
    String(format: "%.1f", end.timeIntervalSince(start))
  }

  /// How the batch's submissions were built, for its summary.
  private struct Builds {
    /// Built by SwiftPM, not linked with the suites built once.
    var bySwiftPM = 0
    /// The workbook's own learner files: graded with the batch's build of them.
    var unchanged = 0
    /// Of those, the ones that took the results of the first instead of running their suites.
    var notGradedAgain = 0
  }

  /// Copies, builds and checks one student's submission: linked with the suites when
  /// `relinker` can, else built by SwiftPM (counted in `builds`).
  private func prepare(
    _ student: Submission, relinker: Relinker?, ownFiles: OwnFilesResults, builds: inout Builds
  ) -> Prepared {
    var record = StudentRecord(student: student.name, submissionHash: student.hash)
    let links = student.exercises.map(Submission.links(in:)) ?? []
    if !links.isEmpty {
      record.status = .refused
      record.reasons = links.map { "\($0): a symbolic link, which grade never follows" }
      return .done(record)
    }
    guard student.exercises != nil else {
      record.reasons = [
        "no Exercises/ folder in the submission: hand in your Exercises folder or your whole "
          + "repository"
      ]
      return .done(record)
    }
    do throws(GradeError) {
      try copyLearnerFiles(student.files)
      let attempt = relinker?.build(catalog: session.catalog)
      if case .unchanged = attempt {
        session.status.say("  the workbook's own files, not built again")
        builds.unchanged += 1
      }
      switch attempt {
      case .unchanged(let outcome):
        if ownFiles.isClaimed {
          builds.notGradedAgain += 1
          return .graded(record)
        }
        let grading = try session.prepare(
          session.catalog.exercises, detached: true, prebuilt: outcome, label: student.name)
        ownFiles.claim()
        return .ready(record, grading, ownFiles: true)
      case .built(let outcome):
        return .ready(
          record,
          try session.prepare(
            session.catalog.exercises, detached: true, prebuilt: outcome, label: student.name),
          ownFiles: false)
      case .refused(let reasons):
        throw GradeError.refused(reasons: reasons)
      case .rebuild(let reason):
        if session.skipBuild {
          throw GradeError.toolFailed(
            command: "grade --batch --skip-build",
            output: "\(reason): it needs a build by SwiftPM, which --skip-build rules out")
        }
        session.status.say("  built by SwiftPM: \(reason)")
      case nil:
        break
      }
      builds.bySwiftPM += 1
      return .ready(
        record,
        try session.prepare(session.catalog.exercises, detached: true, label: student.name),
        ownFiles: false)
    } catch .refused(let reasons) {
      record.status = .refused
      record.reasons = reasons
    } catch {
      record.reasons = ["\(error)"]
    }
    return .done(record)
  }

  /// The places for submissions' suites to run in, and for built submissions to wait for one.
  private struct Places: Sendable {
    let running: DispatchSemaphore
    let waiting: DispatchSemaphore

    init(running: Int, waiting: Int) {
      self.running = DispatchSemaphore(value: running)
      self.waiting = DispatchSemaphore(value: waiting)
    }
  }

  /// One submission's suites, running on a thread of their own (or nothing to run).
  private final class Pending: @unchecked Sendable {
    private var record: StudentRecord
    private let file: URL
    private let running = DispatchGroup()
    private var report: JSONReport?

    /// Starts `grading` for `record`'s student as soon as one of `places` is free (and frees it
    /// when done), keeping its results in `keeping`; without a grading, the record is final.
    ///
    /// Returns at once unless another built submission is already waiting for a place.
    init(
      record: StudentRecord, grading: PreparedGrading?, file: URL, places: Places,
      keeping: OwnFilesResults? = nil
    ) {
      self.record = record
      self.file = file
      guard let grading else { return }
      places.waiting.wait()
      running.enter()
      Thread.detachNewThread { [self] in
        places.running.wait()
        places.waiting.signal()
        let results = grading.run()
        keeping?.keep(results)
        self.take(results)
        places.running.signal()
        self.running.leave()
      }
    }

    /// A submission that takes the results of the first of the workbook's own files.
    init(record: StudentRecord, resultsOf ownFiles: OwnFilesResults, file: URL) {
      self.record = record
      self.file = file
      running.enter()
      Thread.detachNewThread { [self] in
        self.take(ownFiles.wait())
        self.running.leave()
      }
    }

    private func take(_ results: [ExerciseResult]) {
      record.status = .graded
      record.results = results
      record.forReview = results.filter { $0.verdict == .forReview }.map(\.exercise.id)
      record.scores = Dictionary(
        uniqueKeysWithValues: results.map { ($0.exercise.id, $0.earnedPoints) })
      record.score = results.map(\.earnedPoints).reduce(0, +)
      report = JSONReport(results: results, target: "Exercises")
    }

    /// Whether the suites are done (or there were none).
    var isFinished: Bool { running.wait(timeout: .now()) == .success }

    /// Waits for the suites, saves the student's record and returns it.
    func finish() throws(GradeError) -> StudentRecord {
      running.wait()
      try record.save(to: file, report: report)
      return record
    }
  }

  /// Makes the build's learner folder hold exactly the submission's `.swift` and `.md` files, as
  /// they were read when the batch started (`Submission.files`).
  ///
  /// A file whose contents are already there is left alone, so the compiler sees only what
  /// changed.
  private func copyLearnerFiles(_ files: [String: Data]) throws(GradeError) {
    let manager = FileManager.default
    let folder = session.packageRoot.appendingPathComponent(Self.learnerFolder)
    do {
      try manager.createDirectory(at: folder, withIntermediateDirectories: true)
      for old in Submission.learnerFiles(in: folder) where files[old] == nil {
        try manager.removeItem(at: folder.appendingPathComponent(old))
      }
      for (file, contents) in files.sorted(by: { $0.key < $1.key }) {
        let target = folder.appendingPathComponent(file)
        if manager.contents(atPath: target.path) == contents { continue }
        try manager.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: target)
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
  /// The submission's `Exercises/` (see `exercises(in:catalogFiles:)`).
  var exercises: URL?
  /// Its learner files (`learnerFiles(in:)`) by path, read when the batch starts, before any
  /// student's code runs: what is graded, whatever happens to the folder afterwards.
  var files: [String: Data] = [:]
  /// SHA-256 of the submission's learner files (paths and contents): what a resumed batch
  /// compares.
  var hash: String

  /// The students' folders in `folder`, sorted by name (hidden ones skipped); `catalogFiles` are
  /// the catalog's learner files, relative to `Exercises/`.
  static func all(in folder: URL, catalogFiles: Set<String>) throws(GradeError) -> [Submission] {
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
      let exercises = Self.exercises(in: student, catalogFiles: catalogFiles)
      var files: [String: Data] = [:]
      var bytes: [UInt8] = []
      for file in exercises.map(learnerFiles(in:)) ?? [] {
        let contents = manager.contents(atPath: exercises!.appendingPathComponent(file).path)
        files[file] = contents ?? Data()
        bytes += Array(file.utf8) + [0]
        bytes += Array(contents ?? Data())
        bytes.append(0)
      }
      return Submission(name: name, exercises: exercises, files: files, hash: SHA256.hex(bytes))
    }
  }

  /// Where a student's learner files are: their `Exercises/` folder, in the student's folder (an
  /// uploaded folder, or a repository's root) or one level down (a repository in a folder of its
  /// own); else the student's folder itself when it holds a file the catalog names (the contents of
  /// `Exercises/` uploaded without the folder).
  ///
  /// Hidden folders (a release's `.stubs/`) and symbolic links are never taken.
  static func exercises(in student: URL, catalogFiles: Set<String>) -> URL? {
    let own = student.appendingPathComponent("Exercises")
    if isRealFolder(own) { return own }
    let children = (try? FileManager.default.contentsOfDirectory(atPath: student.path)) ?? []
    for child in children.sorted() where !child.hasPrefix(".") {
      let folder = student.appendingPathComponent(child)
      let exercises = folder.appendingPathComponent("Exercises")
      if isRealFolder(folder), isRealFolder(exercises) { return exercises }
    }
    return learnerFiles(in: student).contains(where: catalogFiles.contains) ? student : nil
  }

  /// The regular `.swift` files under `folder`, and the `.md` files of review exercises,
  /// relative to it, sorted; links and hidden files are skipped.
  static func learnerFiles(in folder: URL) -> [String] {
    let walker = FileManager.default.enumerator(atPath: folder.path)
    var files: [String] = []
    while let path = walker?.nextObject() as? String {
      let type = walker?.fileAttributes?[.type] as? FileAttributeType
      if type == .typeSymbolicLink || path.split(separator: "/").last?.hasPrefix(".") == true {
        if type == .typeDirectory || type == .typeSymbolicLink { walker?.skipDescendants() }
        continue
      }
      if type == .typeRegular, path.hasSuffix(".swift") || path.hasSuffix(".md") {
        files.append(path)
      }
    }
    return files.sorted()
  }

  /// The symbolic links under `folder` (hidden folders skipped), as `Exercises/<path> → <target>`.
  static func links(in folder: URL) -> [String] {
    let walker = FileManager.default.enumerator(atPath: folder.path)
    var links: [String] = []
    while let path = walker?.nextObject() as? String {
      let type = walker?.fileAttributes?[.type] as? FileAttributeType
      if path.split(separator: "/").last?.hasPrefix(".") == true {
        if type == .typeDirectory { walker?.skipDescendants() }
        continue
      }
      guard type == .typeSymbolicLink else { continue }
      walker?.skipDescendants()
      let target =
        (try? FileManager.default.destinationOfSymbolicLink(
          atPath: folder.appendingPathComponent(path).path)) ?? "?"
      links.append("Exercises/\(path) → \(target)")
    }
    return links.sorted()
  }

  /// Whether `url` is a folder, following symbolic links (the batch's folder of a student may
  /// be one).
  private static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// Whether `url` is a folder and not a symbolic link to one.
  private static func isRealFolder(_ url: URL) -> Bool {
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    return attributes?[.type] as? FileAttributeType == .typeDirectory
  }
}
