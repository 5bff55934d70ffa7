import Foundation

/// One record of Swift Testing's JSON event stream (schema version 0), reduced to what grading reads.
///
/// The stream is documented in swift-testing's `Documentation/ABI/JSON.md`: `test` records
/// describe the planned suites and tests, `event` records report what happened to them.
struct StreamRecord: Decodable {
  var kind: String
  var payload: Payload

  struct Payload: Decodable {
    // `test` records.
    var id: String?
    var displayName: String?
    var name: String?
    // `event` records; `kind` is shared.
    var kind: String?
    var testID: String?
    var messages: [Message]?
    var issue: Issue?
    /// The argument case of a parameterized test (`testCaseStarted` and `testCaseEnded`).
    var _testCase: TestCase?
    /// When the event happened.
    var instant: Instant?
  }

  /// When an event happened, by two clocks: `absolute` (seconds since the system's suspending
  /// clock's epoch, for durations) and `since1970` (wall-clock seconds since 1970).
  struct Instant: Decodable {
    var absolute: Double?
    var since1970: Double?

    /// Reads what it can: an instant of another shape leaves its fields nil rather than losing
    /// the record it is in.
    init(from decoder: any Decoder) {
      let fields = try? decoder.container(keyedBy: CodingKeys.self)
      absolute = try? fields?.decodeIfPresent(Double.self, forKey: .absolute)
      since1970 = try? fields?.decodeIfPresent(Double.self, forKey: .since1970)
    }

    private enum CodingKeys: String, CodingKey {
      case absolute, since1970
    }
  }

  struct TestCase: Decodable {
    var displayName: String?
  }

  struct Message: Decodable {
    var symbol: String
    var text: String
  }

  struct Issue: Decodable {
    var isKnown: Bool
    /// False for warnings (newer schema versions); absent means a failure.
    var isFailure: Bool?
    var sourceLocation: SourceLocation?
  }

  struct SourceLocation: Decodable {
    var fileID: String?
    var line: Int?
  }

  /// The records of a JSON Lines stream; lines that are not records (a run cut short mid-line)
  /// are skipped.
  static func records(inJSONLines data: Data) -> [StreamRecord] {
    let decoder = JSONDecoder()
    return data.split(separator: UInt8(ascii: "\n")).compactMap {
      try? decoder.decode(StreamRecord.self, from: Data($0))
    }
  }

  /// The suite a record is about, `Module.Suite` (the id up to its first `/`); nil for the
  /// records of the whole run (`runStarted`, `runEnded`).
  var suite: Substring? {
    (payload.testID ?? (kind == "test" ? payload.id : nil))?.split(separator: "/").first
  }
}

/// What one test process reported about its tests, in the order they were planned.
struct TestReport {
  /// A planned test function: its id and display name.
  struct Planned: Equatable {
    var id: String
    var name: String
  }

  var planned: [Planned] = []
  var started: Set<String> = []
  var ended: Set<String> = []
  /// Tests cancelled while running (a cancelled test that records no issue has not passed).
  var cancelled: Set<String> = []
  /// Tests skipped, with the reason Swift Testing gives.
  var skipped: [String: String] = [:]
  /// The argument case each parameterized test was running when the stream ended, if any.
  var openCase: [String: String] = [:]
  /// Failure messages per test id, in the order they were recorded.
  var failures: [String: [String]] = [:]
  /// When each test started and ended, by id, as its events say.
  var startedAt: [String: StreamRecord.Instant] = [:]
  var endedAt: [String: StreamRecord.Instant] = [:]
  var runEnded = false
  /// What makes the stream one Swift Testing cannot have written, if anything: the learner's code
  /// shares the process and may append records (see `StreamOrder`).
  var inconsistency: String? { order.problem }
  private var order = StreamOrder()

  /// Reads the JSON Lines stream; lines that are not records (a run cut short mid-line) are skipped.
  init(jsonLines data: Data) {
    self.init(records: StreamRecord.records(inJSONLines: data))
  }

  init(records: [StreamRecord]) {
    for record in records { add(record) }
  }

  /// The outcome of a part that ended, or that was skipped; nil for one still running or not
  /// reached.
  func settledOutcome(of id: String) -> PartOutcome? {
    if ended.contains(id) {
      var failures = self.failures[id] ?? []
      if cancelled.contains(id) { failures.append("the part was cancelled before it finished") }
      return failures.isEmpty ? .passed : .failed(failures)
    }
    return skipped[id].map { .vanished("the part was skipped, so it did not run: \($0)") }
  }

  /// How long the test `id` ran, in seconds, in a run whose process started at `start` and was
  /// seen to end at `end`.
  ///
  /// A test that ended ran from its `testStarted` event to its `testEnded` (their `absolute`
  /// instants: a monotonic clock); one that started and was still running when the process
  /// stopped (a crash, the time limit) ran from its `testStarted` (`since1970`, the wall clock)
  /// to `end`. Never more than the run took, whatever the stream claims; 0 for a test that did
  /// not start, or whose events carry no instant.
  func seconds(of id: String, from start: Date, to end: Date) -> Double {
    guard let began = startedAt[id] else { return 0 }
    let measured: Double?
    if ended.contains(id) {
      measured = endedAt[id]?.absolute.flatMap { finish in began.absolute.map { finish - $0 } }
    } else {
      measured = began.since1970.flatMap { $0 > 0 ? end.timeIntervalSince1970 - $0 : nil }
    }
    guard let measured, measured.isFinite else { return 0 }
    return min(max(measured, 0), max(end.timeIntervalSince(start), 0))
  }

  private mutating func add(_ record: StreamRecord) {
    let payload = record.payload
    order.check(record)
    if record.kind == "test" {
      if payload.kind == "function", let id = payload.id {
        planned.append(Planned(id: id, name: payload.displayName ?? payload.name ?? id))
      }
      return
    }
    guard record.kind == "event" else { return }
    switch payload.kind {
    case "testStarted":
      if let id = payload.testID {
        started.insert(id)
        startedAt[id] = payload.instant
      }
    case "testEnded":
      if let id = payload.testID {
        ended.insert(id)
        endedAt[id] = payload.instant
      }
    case "runEnded": runEnded = true
    case "testCaseStarted": payload.testID.map { openCase[$0] = payload._testCase?.displayName }
    case "testCaseEnded": payload.testID.map { openCase[$0] = nil }
    case "testCancelled", "testCaseCancelled": payload.testID.map { _ = cancelled.insert($0) }
    case "testSkipped":
      payload.testID.map {
        skipped[$0] = (payload.messages ?? []).map(\.text).joined(separator: " ")
      }
    case "issueRecorded":
      guard let id = payload.testID, payload.issue?.isKnown != true,
        payload.issue?.isFailure != false
      else { return }
      failures[id, default: []].append(Self.failureText(payload))
    default: break
    }
  }

  /// The issue's messages joined, with its location when the message lacks one.
  private static func failureText(_ payload: StreamRecord.Payload) -> String {
    // "Issue recorded" only announces the comment that follows it.
    let text = (payload.messages ?? []).map(\.text).filter { $0 != "Issue recorded" }
      .joined(separator: "\n")
    guard let location = payload.issue?.sourceLocation, let file = location.fileID,
      let line = location.line
    else { return text }
    return text + "\n(\(file.split(separator: "/").last.map(String.init) ?? file):\(line))"
  }
}

/// The order Swift Testing writes a stream in, with `--no-parallel`.
///
/// Every `test` record (the plan) comes before any event; each planned test starts once, then
/// ends once, one test function at a time; nothing follows `runEnded`. Records appended by code
/// under test to claim results (a `testEnded` for a part that never ran, a second `runEnded`)
/// break it. Code that forges a consistent stream can only be stopped before it runs
/// (`grade --strict`).
struct StreamOrder {
  private var planned: Set<String> = []
  private var functions: Set<String> = []
  private var started: Set<String> = []
  private var ended: Set<String> = []
  private var openFunction: String?
  private var eventsBegan = false
  private var runEnded = false
  /// The first break of the order, if any.
  private(set) var problem: String?

  mutating func check(_ record: StreamRecord) {
    guard problem == nil else { return }
    let payload = record.payload
    if record.kind == "test" {
      if eventsBegan { return fail("a test record after the run began") }
      if let id = payload.id {
        planned.insert(id)
        if payload.kind == "function" { functions.insert(id) }
      }
      return
    }
    guard record.kind == "event" else { return }
    eventsBegan = true
    if runEnded { return fail("an event after runEnded") }
    let id = payload.testID
    if let id, !planned.contains(id), payload.kind != "runStarted" {
      return fail("an event for \(id), which is not in the plan")
    }
    switch payload.kind {
    case "runEnded":
      if let open = openFunction { return fail("runEnded while \(open) had not ended") }
      runEnded = true
    case "testStarted":
      guard let id else { return }
      if !started.insert(id).inserted { return fail("\(id) started twice") }
      if functions.contains(id) {
        if let open = openFunction { return fail("\(id) started while \(open) ran") }
        openFunction = id
      }
    case "testEnded":
      guard let id else { return }
      if !started.contains(id) { return fail("\(id) ended without starting") }
      if !ended.insert(id).inserted { return fail("\(id) ended twice") }
      if functions.contains(id) { openFunction = nil }
    default: break
    }
  }

  private mutating func fail(_ problem: String) {
    self.problem = problem
  }
}
