import Foundation
import Synchronization

/// `grade --watch`: grades the watched exercises, then re-grades each one whose file is saved,
/// redrawing the screen, until Ctrl-C.
///
/// Files are polled (size, modification time and inode, four times a second): portable, no
/// packages, and cheap for the few dozen files of a workbook. A changed signature is a save to
/// grade, but what decides that the screen is current is the contents: each grade remembers the
/// files as it read them just before it started, and once it ends they are compared with the
/// files on disk (`outdated`); the exercises whose file differs, saved while a build or a grading
/// ran, are graded again at once, until what was graded is what is on disk. The build's own stamp
/// is taken before it starts for the same reason (`BuildStamp`), so that grade builds them anew.
struct Watcher {
  var session: GradingSession
  var watched: [Exercise]
  var stateFolder: URL
  var report: TextReport
  /// Redraw the screen (a terminal) rather than append to the output.
  var clearScreen: Bool
  var output: (String) -> Void
  var interval = 0.25

  /// Watches until Ctrl-C, or until `condition` returns true when given (the grader's tests).
  func run(until condition: (() -> Bool)?) {
    let stop = StopFlag()
    if let condition {
      watch(stop) { stop.isSet || condition() }
    } else {
      // Ctrl-C stops watching, and the grade under way: its test processes and its build.
      Interrupts.whileWatching(stop: stop.set) { watch(stop) { stop.isSet } }
    }
  }

  /// The loop of `run`, until `stopped` returns true; `stop` is set by Ctrl-C.
  private func watch(_ stop: StopFlag, until stopped: () -> Bool) {
    var seen: [String: String] = [:]
    var graded: [String: Data] = [:]
    var due = watched
    while !stopped() {
      guard !due.isEmpty else {
        Thread.sleep(forTimeInterval: interval)
        let now = signatures()
        due = watched.filter { now[$0.file] != seen[$0.file] }
        seen = now
        continue
      }
      // Signatures first, then contents: a save in between is graded twice, never missed.
      seen = signatures()
      for file in Set(due.map(\.file)) {
        graded[file] = Self.contents(of: file, in: session.packageRoot)
      }
      let results = grade(due)
      if stop.isSet { break }
      show(results, regraded: due)
      due = Self.outdated(
        watched, graded: graded, onDisk: Self.contents(of: watched, in: session.packageRoot))
    }
    output("Stopped watching.")
  }

  /// The watched exercises whose file on disk is not what was last graded: to grade again.
  ///
  /// `graded` holds each file as read just before its last grade started, so a file saved while
  /// a build or a grading ran differs from it. A file that cannot be read is absent from both
  /// and counts as unchanged.
  static func outdated(
    _ watched: [Exercise], graded: [String: Data], onDisk: [String: Data]
  ) -> [Exercise] {
    watched.filter { graded[$0.file] != onDisk[$0.file] }
  }

  /// The contents of the files of `exercises`, by file (relative to `packageRoot`); a few dozen
  /// small files, read once per grade.
  static func contents(of exercises: [Exercise], in packageRoot: URL) -> [String: Data] {
    var contents: [String: Data] = [:]
    for file in Set(exercises.map(\.file)) {
      contents[file] = Self.contents(of: file, in: packageRoot)
    }
    return contents
  }

  /// The contents of `file` (relative to `packageRoot`), nil when it cannot be read.
  static func contents(of file: String, in packageRoot: URL) -> Data? {
    FileManager.default.contents(atPath: packageRoot.appendingPathComponent(file).path)
  }

  /// Grades `exercises` and remembers their verdicts; a build that fails outright is an error to
  /// show, not a reason to stop watching.
  private func grade(_ exercises: [Exercise]) -> Result<[ExerciseResult], GradeError> {
    let results = Result { () throws(GradeError) in try session.grade(exercises) }
    if case .success(let results) = results {
      var record = LearnerRecord.load(from: stateFolder)
      record.record(results)
      try? record.save(to: stateFolder)
    }
    return results
  }

  private func show(_ results: Result<[ExerciseResult], GradeError>, regraded: [Exercise]) {
    let time = Date().formatted(date: .omitted, time: .standard)
    var screen = [
      "grade --watch · \(watched.count) exercise\(watched.count == 1 ? "" : "s") · "
        + "save a file to re-grade it · Ctrl-C to stop",
      "re-graded at \(time): \(regraded.map(\.id).joined(separator: ", "))",
      "",
    ]
    switch results {
    case .success(let results):
      screen.append(report.render(results, explain: Set(regraded.map(\.id))))
    case .failure(let error): screen.append("error: \(error)")
    }
    screen += [
      "",
      report.render(
        Standing(catalog: session.catalog, record: LearnerRecord.load(from: stateFolder))),
    ]
    let text = screen.joined(separator: "\n")
    output(clearScreen ? "\u{1B}[H\u{1B}[2J" + text : "\n" + text)
  }

  /// Size, modification time (to the nanosecond) and inode of each watched file.
  private func signatures() -> [String: String] {
    var signatures: [String: String] = [:]
    for file in Set(watched.map(\.file)) {
      signatures[file] = BuildStamp.signature(
        of: session.packageRoot.appendingPathComponent(file).path)
    }
    return signatures
  }
}

/// A flag that a signal handler sets and the watch loop reads.
private final class StopFlag: Sendable {
  private let value = Mutex(false)

  var isSet: Bool { value.withLock { $0 } }

  func set() { value.withLock { $0 = true } }
}
