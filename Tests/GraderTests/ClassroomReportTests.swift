import Foundation
import Testing

@testable import GraderKit

/// The report for GitHub Classroom's reporter (`classroom-resources/autograding-grading-reporter`):
/// the fields it reads, and the points it adds up into `Points X/Y`.
@Suite("GitHub Classroom's reporter format")
struct ClassroomReportTests {
  private func exercise(_ id: String, points: Int = 10, reportParts: Bool = true) -> Exercise {
    Exercise(
      id: id, title: "Exercise \(id)", document: "D", section: "S", stars: 2, points: points,
      file: "Exercises/E\(id).swift", suite: "S\(id)", reportParts: reportParts)
  }

  private let review = Exercise(
    id: "L5", title: "Interpreting the race", document: "Lab 02", section: "Part D", stars: 1,
    points: 0, file: "Exercises/Lab02/Page.md", suite: "", kind: .review,
    rubric: ["attributes Adam's advantage to per-parameter scaling"])

  private var failing: ExerciseResult {
    ExerciseResult(
      exercise: exercise("1"),
      parts: [
        PartResult(name: "(a) a", outcome: .passed),
        PartResult(name: "(b) b", outcome: .failed(["x\n  expected: 1\n  actual:   2\u{1B}[2K"])),
      ])
  }

  private var passing: ExerciseResult {
    ExerciseResult(
      exercise: exercise("2", points: 20),
      parts: [PartResult(name: "(a) a", outcome: .passed)])
  }

  private var notCompiling: ExerciseResult {
    ExerciseResult(
      exercise: exercise("3"), parts: [],
      compileErrors: [Diagnostic(file: "Exercises/E3.swift", line: 3, column: 1, message: "m")])
  }

  /// Passes, graded as a whole (`--strict` multiple choice).
  private var withheld: ExerciseResult {
    ExerciseResult(
      exercise: exercise("4", points: 30, reportParts: false),
      parts: [
        PartResult(name: "(a) choice a", outcome: .passed),
        PartResult(name: "(b) choice b", outcome: .passed),
      ])
  }

  private func reviewResult(answered: Bool) -> ExerciseResult {
    ExerciseResult(exercise: review, parts: [], answered: answered)
  }

  /// The report's JSON as the reporter's `JSON.parse` sees it.
  private func decoded(_ report: ClassroomReport) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(report.encoded().utf8)) as? [String: Any])
  }

  private func tests(_ object: [String: Any]) throws -> [[String: Any]] {
    try #require(object["tests"] as? [[String: Any]])
  }

  /// The points as the reporter's notice gives them: the tests' scores over `max_score`.
  private func points(_ object: [String: Any]) throws -> String {
    let scores = try tests(object).map { try #require($0["score"] as? Int) }
    let possible = try #require(object["max_score"] as? Int)
    return "Points \(scores.reduce(0, +))/\(possible)"
  }

  @Test("A test per graded exercise: name, status, score, message, line_no 0; the points possible")
  func fields() throws {
    let object = try decoded(
      ClassroomReport(
        results: [failing, passing, notCompiling, withheld, reviewResult(answered: false)],
        withholding: ["4"]))
    #expect(object["version"] as? Int == 1)
    #expect(object["status"] as? String == "fail")
    #expect(object["max_score"] as? Int == 70)
    let tests = try tests(object)
    #expect(
      tests.map { $0["name"] as? String } == [
        "1 Exercise 1 (★★)", "2 Exercise 2 (★★)", "3 Exercise 3 (★★)", "4 Exercise 4 (★★)",
      ])
    #expect(tests.map { $0["status"] as? String } == ["fail", "pass", "fail", "pass"])
    #expect(tests.map { $0["score"] as? Int } == [0, 20, 0, 30])
    #expect(tests.allSatisfy { $0["line_no"] as? Int == 0 }, "else the log prints ` - line N`")
    #expect(tests.allSatisfy { $0["message"] is String })
    #expect(try points(object) == "Points 50/70")
  }

  @Test("A failing exercise: its failures in the message, the command that shows them all")
  func failingExercise() throws {
    let test = try tests(decoded(ClassroomReport(results: [failing, passing])))[0]
    let message = try #require(test["message"] as? String)
    #expect(message.hasPrefix("1  ★★   Exercise 1  FAIL"))
    #expect(message.contains("1 of 2 parts pass"))
    #expect(message.contains("expected: 1"))
    #expect(!message.contains("\u{1B}"), "no escape codes")
    #expect(!message.contains("· score"), "no summary line")
    #expect(test["test_code"] as? String == "swift run grade 1")
  }

  @Test("A passing exercise: its points, no command")
  func passingExercise() throws {
    let object = try decoded(ClassroomReport(results: [passing]))
    let test = try tests(object)[0]
    #expect(object["status"] as? String == "pass")
    #expect(test["status"] as? String == "pass")
    #expect(test["score"] as? Int == 20)
    #expect(test["test_code"] == nil)
    #expect((test["message"] as? String)?.hasPrefix("2  ★★   Exercise 2  PASS") == true)
    #expect(try points(object) == "Points 20/20")
  }

  @Test("An exercise that does not compile fails with 0 points and the compiler's error")
  func notCompilingExercise() throws {
    let test = try tests(decoded(ClassroomReport(results: [notCompiling])))[0]
    #expect(test["status"] as? String == "fail")
    #expect(test["score"] as? Int == 0)
    let message = try #require(test["message"] as? String)
    #expect(message.contains("does not compile: 1 error in Exercises/E3.swift"))
    #expect(message.contains("Exercises/E3.swift:3:1: error: m"))
  }

  @Test("An exercise graded as a whole shows no part")
  func withheldExercise() throws {
    let object = try decoded(ClassroomReport(results: [withheld], withholding: ["4"]))
    let test = try tests(object)[0]
    #expect(test["status"] as? String == "pass")
    #expect(test["score"] as? Int == 30)
    let message = try #require(test["message"] as? String)
    #expect(message.contains("graded as a whole"))
    #expect(!message.contains("choice"))
    let failingWhole = ExerciseResult(
      exercise: exercise("4", points: 30, reportParts: false),
      parts: [
        PartResult(name: "(a) choice a", outcome: .passed),
        PartResult(name: "(b) choice b", outcome: .failed(["chose b"])),
      ])
    let failed = try tests(decoded(ClassroomReport(results: [failingWhole], withholding: ["4"])))
    #expect(failed[0]["status"] as? String == "fail")
    #expect((failed[0]["message"] as? String)?.contains("choice") == false)
  }

  @Test("A review exercise is left out: it fails nothing and counts in no tally or points")
  func reviewExercise() throws {
    for answered in [false, true] {
      let object = try decoded(
        ClassroomReport(results: [passing, reviewResult(answered: answered)]))
      #expect(object["status"] as? String == "pass")
      #expect(object["max_score"] as? Int == 20)
      #expect(try tests(object).map { $0["name"] as? String } == ["2 Exercise 2 (★★)"])
      #expect(try points(object) == "Points 20/20")
    }
    let failingToo = try decoded(
      ClassroomReport(results: [failing, reviewResult(answered: true)]))
    #expect(failingToo["status"] as? String == "fail", "the graded exercise still fails the run")
  }

  @Test("A run that could not grade: every graded exercise fails with 0 points, and says why")
  func failure() throws {
    let object = try decoded(
      ClassroomReport(
        failure: "the code does not compile; nothing was graded.",
        exercises: [exercise("1"), exercise("2", points: 20), review]))
    #expect(object["status"] as? String == "fail")
    let tests = try tests(object)
    #expect(tests.count == 2)
    #expect(tests.allSatisfy { $0["status"] as? String == "fail" })
    #expect(
      tests.allSatisfy {
        ($0["message"] as? String)?.contains("could not run: the code does not compile") == true
      })
    #expect(try points(object) == "Points 0/30")
  }

  @Test("Compact, and small enough for one environment variable once base64-encoded")
  func size() throws {
    // 5 failing parts an exercise, each message 16 lines (the most the text report shows) of
    // 300 characters (the most it shows of a line), quotes and all: 43 exercises, as the workbook.
    let flood = (1...20).map { "line \($0): " + String(repeating: "\"é\" ", count: 80) }
      .joined(separator: "\n")
    let results = (1...43).map { n in
      ExerciseResult(
        exercise: exercise("\(n)"),
        parts: (1...5).map { PartResult(name: "(\($0)) part", outcome: .failed([flood])) })
    }
    let json = ClassroomReport(results: results).encoded()
    #expect(!json.contains("\n"), "compact: line breaks only escaped inside strings")
    #expect(Data(json.utf8).base64EncodedString().utf8.count < 128 * 1024 - 64)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let message = try #require(try tests(object)[0]["message"] as? String)
    #expect(message.hasPrefix("1  ★★   Exercise 1  FAIL"))
    #expect(message.hasSuffix("… cut short here: `swift run grade 1` shows all of it"))
  }

  @Test("A message is cut at a line, and within its budget of JSON bytes")
  func clipping() {
    let text = "first line\nsecond \"line\"\nthird line"
    #expect(ClassroomReport.clipped(text, to: 1000, note: "…") == text)
    #expect(ClassroomReport.jsonBytes("a\"é\n") == 7)
    let cut = ClassroomReport.clipped(text, to: 35, note: "…")
    #expect(cut == "first line\nsecond \"line\"\n…")
    #expect(ClassroomReport.jsonBytes(cut) <= 35)
    #expect(ClassroomReport.clipped("abcdefghij", to: 9, note: "…") == "abcd\n…")
  }
}
