import Foundation
import Testing

@testable import GraderKit

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What the schema allows of one element.
private struct ElementRule {
  /// Attributes the element must have (`use="required"`).
  var required: Set<String> = []
  /// Attributes it may have besides.
  var optional: Set<String> = []
  /// Elements it may hold.
  var children: Set<String> = []
  /// Whether it may hold text (a `mixed` or `xs:string` element).
  var text = false
}

/// The rules of the Jenkins xunit plugin's `junit-10.xsd`, the JUnit schema CI readers follow
/// (github.com/jenkinsci/xunit-plugin, commit 8c515de2804b3fd591a3b0f1ff8908a1b1a41887,
/// `src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd`), as data.
///
/// Every element it declares is here; `stackTrace` is local to the rerun and flaky elements. The
/// order of children is not checked: the schema's only sequence the report could break is
/// `testsuites`, which holds nothing but `testsuite`. Stricter than the schema, which types them
/// all `xs:string`: the counts are whole numbers and every `time` (`SUREFIRE_TIME` on suites) is a
/// non-negative decimal, as readers parse them.
private let junit10: [String: ElementRule] = {
  let outcome = ElementRule(optional: ["type", "message"], text: true)
  let rerun = ElementRule(
    required: ["type"], optional: ["message"],
    children: ["stackTrace", "system-out", "system-err"],
    text: true)
  return [
    "testsuites": ElementRule(
      optional: ["name", "time", "tests", "failures", "errors"], children: ["testsuite"]),
    "testsuite": ElementRule(
      required: ["name", "tests", "failures", "errors"],
      optional: [
        "group", "time", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url",
        "version",
      ],
      children: ["testsuite", "properties", "testcase", "system-out", "system-err"]),
    "testcase": ElementRule(
      required: ["name"], optional: ["time", "classname", "group"],
      children: [
        "skipped", "error", "failure", "rerunFailure", "rerunError", "flakyFailure", "flakyError",
        "system-out", "system-err",
      ]),
    "failure": outcome,
    "error": outcome,
    "skipped": outcome,
    "properties": ElementRule(children: ["property"]),
    "property": ElementRule(required: ["name", "value"]),
    "system-out": ElementRule(text: true),
    "system-err": ElementRule(text: true),
    "rerunFailure": rerun,
    "rerunError": rerun,
    "flakyFailure": rerun,
    "flakyError": rerun,
    "stackTrace": ElementRule(text: true),
  ]
}()

/// The attributes that count test cases.
private let countAttributes: Set<String> = ["tests", "failures", "errors", "skipped"]

/// An element of a parsed document.
private final class Node {
  let name: String
  let attributes: [String: String]
  var children: [Node] = []
  var text = ""

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  /// The children named `name`.
  func named(_ name: String) -> [Node] { children.filter { $0.name == name } }

  /// Whether it has a child named `name`.
  func has(_ name: String) -> Bool { children.contains { $0.name == name } }
}

/// Reads a document into `Node`s with Foundation's XML parser.
private final class TreeReader: NSObject, XMLParserDelegate {
  var root: Node?
  private var open: [Node] = []

  func parser(
    _ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    let node = Node(name: element, attributes: attributes)
    if let parent = open.last { parent.children.append(node) } else { root = node }
    open.append(node)
  }

  func parser(
    _ parser: XMLParser, didEndElement element: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    open.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    open.last?.text += string
  }
}

/// Checks a JUnit document against `junit10` and its counts against its test cases.
private struct JUnitChecker {
  /// The schema's `SUREFIRE_TIME` pattern, anchored as XML Schema patterns are.
  let surefireTime = try? NSRegularExpression(
    pattern: #"^(?:(?:[0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(?:\.[0-9]{0,3})?$"#)

  /// What in `xml` breaks the schema or miscounts, one line each; empty for a valid document.
  func problems(in xml: String) throws -> [String] {
    let parser = XMLParser(data: Data(xml.utf8))
    let reader = TreeReader()
    parser.delegate = reader
    try #require(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    let root = try #require(reader.root)
    guard root.name == "testsuites" else { return ["the root is \(root.name), not testsuites"] }
    return problems(root, path: "") + reportProblems(root)
  }

  /// Whether `value` is a time: the schema's pattern, and a non-negative decimal number.
  func isTime(_ value: String) -> Bool {
    guard let surefireTime,
      surefireTime.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil,
      let seconds = Double(value)
    else { return false }
    return seconds >= 0 && seconds.isFinite
  }

  /// What in `node` and below breaks the schema's rules.
  private func problems(_ node: Node, path: String) -> [String] {
    let here = path + "/" + node.name + (node.attributes["name"].map { "[\($0)]" } ?? "")
    guard let rule = junit10[node.name] else {
      return ["\(here): junit-10.xsd has no such element"]
    }
    var found: [String] = []
    for name in rule.required.sorted() where node.attributes[name] == nil {
      found.append("\(here): lacks the required attribute \(name)")
    }
    for (name, value) in node.attributes.sorted(by: { $0.key < $1.key }) {
      if !rule.required.contains(name) && !rule.optional.contains(name) {
        found.append("\(here): the attribute \(name) is not allowed")
      }
      if countAttributes.contains(name),
        value.isEmpty || !value.allSatisfy({ $0.isASCII && $0.isWholeNumber })
      {
        found.append("\(here): \(name)=\"\(value)\" is not a count")
      }
      if name == "time", !isTime(value) {
        found.append("\(here): time=\"\(value)\" is not a non-negative decimal of SUREFIRE_TIME")
      }
    }
    if !rule.text, !node.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      found.append("\(here): holds text")
    }
    for child in node.children {
      if junit10[child.name] != nil, !rule.children.contains(child.name) {
        found.append("\(here): may not hold \(child.name)")
      }
      found += problems(child, path: here)
    }
    return found
  }

  /// What breaks the rules readers rely on beyond the schema: every suite's counts are its test
  /// cases', the totals on `testsuites` are the suites', a test case ends in one way at most, and
  /// `testsuites`, every suite and every test case have a time.
  private func reportProblems(_ root: Node) -> [String] {
    var found: [String] = []
    if root.attributes["time"] == nil { found.append("testsuites: no time") }
    var totals: [String: Int] = [:]
    var seconds = 0.0
    let suites = root.named("testsuite")
    for suite in suites {
      let name = suite.attributes["name"] ?? ""
      let cases = suite.named("testcase")
      if suite.attributes["time"] == nil { found.append("suite \(name): no time") }
      for testCase in cases where testCase.attributes["time"] == nil {
        found.append("suite \(name): \(testCase.attributes["name"] ?? "") has no time")
      }
      let counts = [
        "tests": cases.count,
        "failures": cases.filter { $0.has("failure") }.count,
        "errors": cases.filter { $0.has("error") }.count,
        "skipped": cases.filter { $0.has("skipped") }.count,
      ]
      for (attribute, count) in counts.sorted(by: { $0.key < $1.key }) {
        totals[attribute, default: 0] += count
        if suite.attributes[attribute] != String(count) {
          found.append(
            "suite \(name): \(attribute)=\(suite.attributes[attribute] ?? "nil"), its cases say \(count)"
          )
        }
      }
      let ends: Set<String> = ["failure", "error", "skipped"]
      for testCase in cases where testCase.children.filter({ ends.contains($0.name) }).count > 1 {
        found.append(
          "suite \(name): \(testCase.attributes["name"] ?? "") ends in more than one way")
      }
      seconds += suite.attributes["time"].flatMap { Double($0) } ?? 0
    }
    for attribute in ["tests", "failures", "errors"]
    where root.attributes[attribute] != String(totals[attribute] ?? 0) {
      found.append(
        "testsuites: \(attribute)=\(root.attributes[attribute] ?? "nil"), the suites say \(totals[attribute] ?? 0)"
      )
    }
    // Each time is rounded to a thousandth.
    if let time = root.attributes["time"].flatMap({ Double($0) }),
      abs(time - seconds) > 0.0005 * Double(suites.count + 1)
    {
      found.append("testsuites: time=\(time), the suites' add up to \(seconds)")
    }
    return found
  }
}

@Suite("JUnit XML valid against junit-10.xsd")
struct JUnitSchemaTests {
  private func exercise(
    _ id: String, reportParts: Bool = true, kind: Exercise.Kind = .graded
  ) -> Exercise {
    Exercise(
      id: id, title: "Exercise \(id)", document: "D", section: "S", stars: 2,
      points: kind == .review ? 0 : 10, file: "Exercises/E\(id).swift", suite: "S\(id)",
      reportParts: reportParts, kind: kind)
  }

  /// A result of every kind, with every outcome of a part.
  private var results: [ExerciseResult] {
    [
      ExerciseResult(
        exercise: exercise("1"),
        parts: [
          PartResult(name: "(a) <a> & \"b\"", outcome: .passed, seconds: 0.25),
          PartResult(
            name: "(b) fails", outcome: .failed(["x\n  expected: 1\n  actual:   2\u{1B}[2K"]),
            seconds: 0.125),
          PartResult(name: "(c) stub", outcome: .notStarted(function: "step(_:)"), seconds: 0.01),
          PartResult(
            name: "(d) traps",
            outcome: .crashed("Fatal error: Index out of range\nat Exercises/E1.swift:12"),
            seconds: 0.5),
          PartResult(name: "(e) loops", outcome: .timedOut(seconds: 5), seconds: 5),
          PartResult(
            name: "(f) exits", outcome: .vanished("the process exited with status 3")),
          PartResult(
            name: "(g) never", outcome: .notRun("part \"(e) loops\" used up the time limit")),
        ],
        seconds: 6.5),
      ExerciseResult(
        exercise: exercise("2"), parts: [],
        compileErrors: [Diagnostic(file: "Exercises/E2.swift", line: 3, column: 1, message: "m")]),
      ExerciseResult(
        exercise: exercise("3", reportParts: false),
        parts: [
          PartResult(name: "(a) a", outcome: .passed, seconds: 0.25),
          PartResult(name: "(b) b", outcome: .crashed("Fatal error"), seconds: 0.5),
        ],
        seconds: 1),
      ExerciseResult(
        exercise: exercise("4", reportParts: false),
        parts: [PartResult(name: "(a) a", outcome: .passed, seconds: 0.5)], seconds: 0.75),
      ExerciseResult(
        exercise: exercise("5"), parts: [], problem: "the suite S5 has no tests in ExerciseTests",
        seconds: 1.5),
      ExerciseResult(exercise: exercise("L5", kind: .review), parts: [], answered: true),
      ExerciseResult(exercise: exercise("L6", kind: .review), parts: []),
      ExerciseResult(
        exercise: exercise("6"),
        parts: [PartResult(name: "(a) stub", outcome: .notStarted(function: ""), seconds: 0.125)],
        seconds: 0.2),
    ]
  }

  private var xml: String {
    JUnitReport(course: "C & <course>", results: results, withholding: ["3", "4"]).encoded()
  }

  @Test("a report of every outcome has what junit-10.xsd requires, and counts that add up")
  func valid() throws {
    let xml = self.xml
    #expect(try JUnitChecker().problems(in: xml) == [], "\(xml)")
  }

  @Test("failures are the learner's; a crash, a time-out and a missing result are errors")
  func outcomes() throws {
    let parser = XMLParser(data: Data(xml.utf8))
    let reader = TreeReader()
    parser.delegate = reader
    try #require(parser.parse())
    let cases = try #require(reader.root).named("testsuite").flatMap { $0.named("testcase") }
    let ends = cases.map { testCase in
      let end = testCase.children.first
      return [
        testCase.attributes["name"] ?? "", end?.name ?? "passed", end?.attributes["type"] ?? "",
      ].joined(separator: " | ")
    }
    #expect(
      ends == [
        "(a) <a> & \"b\" | passed | ",
        "(b) fails | failure | failed",
        "(c) stub | failure | notStarted",
        "(d) traps | error | crashed",
        "(e) loops | error | timedOut",
        "(f) exits | error | noResult",
        "(g) never | error | notRun",
        "Exercise 2 | failure | doesNotCompile",
        "Exercise 3 | failure | failed",
        "Exercise 4 | passed | ",
        "Exercise 5 | error | noResult",
        "Exercise L5 | skipped | ",
        "Exercise L6 | skipped | ",
        "(a) stub | failure | notStarted",
      ])
    #expect(
      cases.map { $0.attributes["time"] ?? "" } == [
        "0.250", "0.125", "0.010", "0.500", "5.000", "0.000", "0.000", "0.000", "1.000", "0.750",
        "1.500", "0.000", "0.000", "0.125",
      ])
    let suites = try #require(reader.root).named("testsuite")
    #expect(
      suites.map { $0.attributes["time"] ?? "" } == [
        "6.500", "0.000", "1.000", "0.750", "1.500", "0.000", "0.000", "0.200",
      ])
    #expect(
      try #require(reader.root).attributes == [
        "name": "C & <course>", "tests": "14", "failures": "5", "errors": "5", "time": "9.950",
      ])
    #expect(!xml.contains("(b) b"), "a withheld exercise's parts stay hidden")
  }

  @Test("an empty report is valid too")
  func empty() throws {
    let xml = JUnitReport(course: "C", results: []).encoded()
    #expect(try JUnitChecker().problems(in: xml) == [], "\(xml)")
    #expect(xml.contains(#"tests="0" failures="0" errors="0" time="0.000""#))
  }

  /// Documents the checker must reject, with what it must find in each: junit-10.xsd rejects all
  /// but the last four (lxml, validating against it, does), which break the stricter rules.
  static let invalidDocuments: [(String, String)] = [
    // The report before errors, skipped and time: the schema requires errors.
    (
      #"<testsuites name="C" tests="1" failures="0"><testsuite name="s" tests="1" failures="0">"#
        + #"<testcase name="a"/></testsuite></testsuites>"#,
      "lacks the required attribute errors"
    ),
    (
      #"<testsuites skipped="0"/>"#,
      "the attribute skipped is not allowed"
    ),
    (
      #"<testsuites><testsuite name="s" tests="0" failures="0" errors="0" time="1.2345"/>"#
        + "</testsuites>",
      "is not a non-negative decimal"
    ),
    (#"<testsuites time="-1.000"/>"#, "is not a non-negative decimal"),
    (#"<testsuites time="1e-3"/>"#, "is not a non-negative decimal"),
    (
      #"<testsuites><testsuite name="s" tests="1" failures="0" errors="0">"#
        + #"<testcase time="0"/></testsuite></testsuites>"#,
      "lacks the required attribute name"
    ),
    (
      #"<testsuites><testsuite name="s" tests="1" failures="0" errors="0">"#
        + #"<testcase name="a"><output/></testcase></testsuite></testsuites>"#,
      "has no such element"
    ),
    (
      #"<testsuites><testsuite name="s" tests="1" failures="0" errors="0">"#
        + #"<testcase name="a"><testcase name="b"/></testcase></testsuite></testsuites>"#,
      "may not hold testcase"
    ),
    (
      #"<testsuites><testsuite name="s" tests="0" failures="0" errors="0">x</testsuite>"#
        + "</testsuites>",
      "holds text"
    ),
    // The schema types the counts `xs:string` and leaves time out: these it accepts.
    (
      #"<testsuites><testsuite name="s" tests="two" failures="0" errors="0"/></testsuites>"#,
      "is not a count"
    ),
    (
      #"<testsuites tests="2" failures="0" errors="0"><testsuite name="s" tests="2" failures="0""#
        + #" errors="0"><testcase name="a"/></testsuite></testsuites>"#,
      "tests=2, its cases say 1"
    ),
    (
      #"<testsuites tests="2" failures="0" errors="0"><testsuite name="s" tests="1" failures="0""#
        + #" errors="0"><testcase name="a"/></testsuite></testsuites>"#,
      "testsuites: tests=2, the suites say 1"
    ),
    (
      #"<testsuites tests="1" failures="0" errors="0" time="0"><testsuite name="s" tests="1""#
        + #" failures="0" errors="0" skipped="0" time="0"><testcase name="a"/></testsuite>"#
        + "</testsuites>",
      "suite s: a has no time"
    ),
  ]

  @Test(
    "the checker rejects what junit-10.xsd rejects, miscounts and missing times",
    arguments: JUnitSchemaTests.invalidDocuments)
  func rejects(document: String, problem: String) throws {
    let problems = try JUnitChecker().problems(in: document)
    #expect(problems.contains { $0.contains(problem) }, "\(problems)")
  }

  @Test("a part's time comes from its events' instants, and never exceeds its run")
  func partTimes() {
    func event(_ kind: String, _ id: String, _ absolute: Double, _ since1970: Double) -> String {
      #"{"version":0,"kind":"event","payload":{"kind":"\#(kind)","testID":"\#(id)","#
        + #""instant":{"absolute":\#(absolute),"since1970":\#(since1970)},"messages":[]}}"#
    }
    let lines = [
      #"{"version":0,"kind":"test","payload":{"kind":"suite","name":"S","id":"M.S"}}"#,
      #"{"version":0,"kind":"test","payload":{"kind":"function","name":"a()","id":"M.S/a()"}}"#,
      #"{"version":0,"kind":"test","payload":{"kind":"function","name":"b()","id":"M.S/b()"}}"#,
      #"{"version":0,"kind":"test","payload":{"kind":"function","name":"c()","id":"M.S/c()"}}"#,
      event("testStarted", "M.S", 100, 1_700_000_000),
      event("testStarted", "M.S/a()", 100.25, 1_700_000_000.25),
      event("testEnded", "M.S/a()", 101, 1_700_000_001),
      event("testStarted", "M.S/b()", 101, 1_700_000_001),
    ]
    let report = TestReport(jsonLines: Data(lines.joined(separator: "\n").utf8))
    #expect(report.inconsistency == nil)
    let start = Date(timeIntervalSince1970: 1_699_999_999.5)
    let end = Date(timeIntervalSince1970: 1_700_000_003)
    #expect(abs(report.seconds(of: "M.S/a()", from: start, to: end) - 0.75) < 1e-6)
    // Still running when the process stopped: until the process was seen to end.
    #expect(abs(report.seconds(of: "M.S/b()", from: start, to: end) - 2) < 1e-6)
    #expect(report.seconds(of: "M.S/c()", from: start, to: end) == 0, "not started")
    // No longer than the run, whatever the stream says.
    let short = Date(timeIntervalSince1970: 1_700_000_000)
    #expect(abs(report.seconds(of: "M.S/a()", from: start, to: short) - 0.5) < 1e-6)

    // An event without an instant, or with one of another shape, still counts; its time is 0.
    let odd = TestReport(
      jsonLines: Data(
        (Array(lines[0...3])
          + [
            #"{"version":0,"kind":"event","payload":{"kind":"testStarted","testID":"M.S/a()","instant":5}}"#,
            #"{"version":0,"kind":"event","payload":{"kind":"testEnded","testID":"M.S/a()"}}"#,
          ]).joined(separator: "\n").utf8))
    #expect(odd.ended.contains("M.S/a()"))
    #expect(odd.seconds(of: "M.S/a()", from: start, to: end) == 0)
  }

  @Test("results are equal when graded alike, however long grading took")
  func equality() {
    #expect(
      PartResult(name: "(a)", outcome: .passed, seconds: 1)
        == PartResult(name: "(a)", outcome: .passed))
    let part = PartResult(name: "(a)", outcome: .passed, seconds: 2)
    #expect(
      ExerciseResult(exercise: exercise("1"), parts: [part], seconds: 3)
        == ExerciseResult(
          exercise: exercise("1"), parts: [PartResult(name: "(a)", outcome: .passed)]))
  }
}
