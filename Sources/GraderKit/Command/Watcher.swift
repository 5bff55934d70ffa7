import Foundation
import Synchronization

/// `grade --watch`: grades the watched exercises, then re-grades each one whose file is saved,
/// redrawing the screen, until Ctrl-C.
///
/// Files are polled (size and modification time, four times a second): portable, no packages,
/// and cheap for the few dozen files of a workbook.
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
    let interrupts = condition == nil ? stopOnInterrupt(stop) : nil
    defer { interrupts?.cancel() }
    func stopped() -> Bool {
      stop.isSet || condition?() ?? false
    }

    var seen = signatures()
    show(grade(watched), regraded: watched)
    while !stopped() {
      Thread.sleep(forTimeInterval: interval)
      let now = signatures()
      let changed = watched.filter { now[$0.file] != seen[$0.file] }
      seen = now
      guard !changed.isEmpty else { continue }
      let results = grade(changed)
      if stop.isSet { break }
      show(results, regraded: changed)
    }
    output("Stopped watching.")
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

  /// Size and modification time of each watched file.
  private func signatures() -> [String: String] {
    var signatures: [String: String] = [:]
    for file in Set(watched.map(\.file)) {
      let attributes = try? FileManager.default.attributesOfItem(
        atPath: session.packageRoot.appendingPathComponent(file).path)
      signatures[file] =
        "\(attributes?[.size] ?? "-") \((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }
    return signatures
  }

  /// On Ctrl-C: stop watching, and end the test processes of a grade under way.
  private func stopOnInterrupt(_ stop: StopFlag) -> DispatchSourceSignal {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
      stop.set()
      ChildProcess.stopAll()
    }
    source.resume()
    return source
  }
}

/// A flag that a signal handler sets and the watch loop reads.
private final class StopFlag: Sendable {
  private let value = Mutex(false)

  var isSet: Bool { value.withLock { $0 } }

  func set() { value.withLock { $0 = true } }
}
