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
  var runEnded = false

  /// Reads the JSON Lines stream; lines that are not records (a run cut short mid-line) are skipped.
  init(jsonLines data: Data) {
    let decoder = JSONDecoder()
    for line in data.split(separator: UInt8(ascii: "\n")) {
      guard let record = try? decoder.decode(StreamRecord.self, from: Data(line)) else { continue }
      add(record)
    }
  }

  private mutating func add(_ record: StreamRecord) {
    let payload = record.payload
    if record.kind == "test" {
      if payload.kind == "function", let id = payload.id {
        planned.append(Planned(id: id, name: payload.displayName ?? payload.name ?? id))
      }
      return
    }
    guard record.kind == "event" else { return }
    switch payload.kind {
    case "testStarted": payload.testID.map { _ = started.insert($0) }
    case "testEnded": payload.testID.map { _ = ended.insert($0) }
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
