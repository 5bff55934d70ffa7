import Foundation

/// Grading several exercises in one test process: one start of the bundle instead of one per
/// exercise. Starting the bundle and discovering its tests is about a third of a correct
/// submission's test time (its 42 suites take 2.1 CPU-s in one process, 3.1 in a process each).
///
/// A result is kept only when it is the one the exercise's own process would give: a suite whose
/// every part ended, and a suite cut off at its time limit (timed from its first record, as its
/// own process is from its start). An exercise whose suite was running when the process crashed
/// or exited is graded alone (`grade(_:)` pins the crash on its part); the suites after it run in
/// a new shared process. A stream that Swift Testing cannot have written sends every exercise to
/// processes of its own. Exercises may share a process only when the learner's code keeps no
/// state from one call to the next (`SharedState`): no exercise's result then depends on which
/// ran before it.
extension SuiteRunner {
  /// Grades `exercises` in one test process, as far as it goes, returning results in order.
  public func gradeTogether(_ exercises: [Exercise]) -> [ExerciseResult] {
    let suites = exercises.map { Substring("\(module).\($0.suite)") }
    guard launcher.kind == .bundle, exercises.count > 1, Set(suites).count == suites.count else {
      return exercises.map { grade($0) }
    }
    let filter =
      "^" + NSRegularExpression.escapedPattern(for: module) + "\\.("
      + exercises.map { NSRegularExpression.escapedPattern(for: $0.suite) }.joined(separator: "|")
      + ")(/|$)"
    let limits = Dictionary(uniqueKeysWithValues: zip(suites, exercises.map(\.timeLimit)))
    let watch = StreamWatch(limits: limits)
    let started = Date()
    guard
      let (_, data) = try? run(
        filter: filter, timeLimit: exercises.map(\.timeLimit).reduce(0, +), stop: watch.stop)
    else { return exercises.map { grade($0) } }
    let ran = (start: started, end: Date())

    let records = StreamRecord.records(inJSONLines: data)
    guard TestReport(records: records).inconsistency == nil else {
      return exercises.map { grade($0) }
    }
    let recordSuites = records.map(\.suite)
    let reports = suites.map { suite in
      TestReport(records: zip(records, recordSuites).filter { $1 == nil || $1 == suite }.map(\.0))
    }
    var results = exercises.indices.map { index in
      Self.settled(exercises[index], reports[index], ran: ran)
        ?? (watch.cutOff == suites[index]
          ? Self.cutOff(exercises[index], reports[index], ran: ran) : nil)
    }
    // The suite that was running when the process stopped is graded alone; the ones it did not
    // reach share a new process.
    let unsettled = results.indices.filter { results[$0] == nil }
    if let running = unsettled.first(where: { !reports[$0].started.isEmpty }) {
      results[running] = grade(exercises[running])
      let rest = unsettled.filter { $0 != running }
      for (index, result) in zip(rest, gradeTogether(rest.map { exercises[$0] })) {
        results[index] = result
      }
    }
    return zip(exercises, results).map { $1 ?? grade($0) }
  }

  /// The result of a suite whose every part ended (or was skipped), else nil; `ran` is when the
  /// shared process started and ended, for the parts' times.
  private static func settled(
    _ exercise: Exercise, _ report: TestReport, ran: (start: Date, end: Date)
  ) -> ExerciseResult? {
    let outcomes = report.planned.map { report.settledOutcome(of: $0.id) }
    guard !outcomes.isEmpty, !outcomes.contains(nil) else { return nil }
    return timed(
      exercise,
      parts: zip(report.planned, outcomes).map {
        PartResult(
          name: $0.name, outcome: $1!,
          seconds: report.seconds(of: $0.id, from: ran.start, to: ran.end))
      })
  }

  /// The result of `exercise` with `parts`, its time the sum of theirs (the process's start is
  /// shared with the other exercises).
  private static func timed(_ exercise: Exercise, parts: [PartResult]) -> ExerciseResult {
    ExerciseResult(exercise: exercise, parts: parts, seconds: parts.map(\.seconds).reduce(0, +))
  }

  /// The result of a suite cut off at its time limit while a part ran, as `grade(_:)` gives it:
  /// that part timed out, and the parts it kept from running did not run.
  private static func cutOff(
    _ exercise: Exercise, _ report: TestReport, ran: (start: Date, end: Date)
  ) -> ExerciseResult? {
    guard
      let running = report.planned.first(where: {
        report.started.contains($0.id) && !report.ended.contains($0.id)
      })
    else { return nil }
    return timed(
      exercise,
      parts: report.planned.map { part in
        let outcome =
          part == running
          ? .timedOut(seconds: exercise.timeLimit)
          : report.settledOutcome(of: part.id)
            ?? .notRun("part \"\(running.name)\" used up the time limit")
        return PartResult(
          name: part.name, outcome: outcome,
          seconds: report.seconds(of: part.id, from: ran.start, to: ran.end))
      })
  }
}

/// Follows a shared run's event stream while it is written, to stop the run when the suite
/// running has used up its time limit, or when nothing has been written for the longest limit
/// (a loop outside every part).
private final class StreamWatch {
  private let limits: [Substring: Double]
  private let quietLimit: Double
  private var unread = Data()
  private var running: (suite: Substring, since: Date)?
  private var lastRecord = Date()
  /// The suite whose time limit stopped the run, if one did.
  private(set) var cutOff: Substring?

  init(limits: [Substring: Double]) {
    self.limits = limits
    quietLimit = limits.values.max() ?? 0
  }

  /// Takes what was written to the stream since the last call; whether to stop the run.
  func stop(_ written: Data) -> Bool {
    let now = Date()
    unread.append(written)
    if let end = unread.lastIndex(of: UInt8(ascii: "\n")) {
      for record in StreamRecord.records(inJSONLines: unread[...end]) {
        lastRecord = now
        if record.kind == "event", let suite = record.suite, suite != running?.suite {
          running = (suite, now)
        }
      }
      unread = Data(unread[(end + 1)...])
    }
    if let running, let limit = limits[running.suite],
      now.timeIntervalSince(running.since) > limit
    {
      cutOff = running.suite
      return true
    }
    return now.timeIntervalSince(lastRecord) > quietLimit
  }
}
