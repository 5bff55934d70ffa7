import Foundation
import GraderKit
import Testing

@Suite("Reports for people and for machines")
struct ReportTests {
  private func exercise(_ id: String, stars: Int = 2, points: Int = 10) -> Exercise {
    Exercise(
      id: id, title: "Exercise \(id)", document: "D", section: "S", stars: stars, points: points,
      file: "Exercises/E\(id).swift", suite: "S\(id)", hints: ["a hint"])
  }

  private var results: [ExerciseResult] {
    [
      ExerciseResult(
        exercise: exercise("1", stars: 1), parts: [PartResult(name: "(a) a", outcome: .passed)]),
      ExerciseResult(
        exercise: exercise("2", stars: 3, points: 30),
        parts: [
          PartResult(name: "(a) a", outcome: .passed),
          PartResult(name: "(b) b", outcome: .failed(["x\n  expected: 1\n  actual:   2"])),
          PartResult(name: "(c) c", outcome: .timedOut(seconds: 10)),
        ]),
      ExerciseResult(
        exercise: exercise("3"),
        parts: [PartResult(name: "(a) a", outcome: .notStarted(function: "f(x:)"))]),
    ]
  }

  @Test("an exercise graded as a whole shows its verdict, not its parts")
  func withheldParts() {
    let text = TextReport(colors: false).render(results, withholding: ["2"])
    let row = text.split(separator: "\n").first { $0.hasPrefix("2  ★★★  Exercise 2  FAIL") }
    #expect(row?.contains("graded as a whole") == true, "\(text)")
    #expect(!text.contains("(b) b") && !text.contains("expected: 1"), "\(text)")
    #expect(TextReport(colors: false).render(results).contains("(b) b"), "shown when not withheld")
  }

  @Test("one row per exercise with stars, verdict and points; failing parts; the summary line")
  func text() {
    let text = TextReport(colors: false).render(results)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("1  ★    Exercise 1  PASS") == true, "\(lines)")
    #expect(
      lines.contains {
        $0.hasPrefix("2  ★★★  Exercise 2  FAIL") && $0.contains("0/30")
          && $0.contains("1 of 3 parts pass")
      })
    #expect(lines.contains { $0.contains("✘ (b) b") })
    #expect(lines.contains { $0.contains("expected: 1") })
    #expect(
      lines.contains { $0.contains("✘ (c) c: timed out: the exercise's 10 s ran out in this part") }
    )
    #expect(lines.contains { $0.contains("hint: swift run grade --hint 2") })
    #expect(lines.contains { $0.hasPrefix("3  ★★   Exercise 3  NOT STARTED") })
    #expect(lines.last == "1 passed, 2 failed · score 10/50")
  }

  @Test("the JSON report carries every part and the totals")
  func json() throws {
    let data = Data(JSONReport(results: results, target: "Exercises").encoded().utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["passed"] as? Int == 1)
    #expect(object["failed"] as? Int == 2)
    #expect(object["score"] as? Int == 10)
    #expect(object["total"] as? Int == 50)
    let exercises = try #require(object["exercises"] as? [[String: Any]])
    #expect(exercises.map { $0["verdict"] as? String } == ["PASS", "FAIL", "NOT STARTED"])
    let parts = try #require(exercises[1]["parts"] as? [[String: Any]])
    #expect(parts.map { $0["status"] as? String } == ["passed", "failed", "timedOut"])
  }

  @Test("a file that does not compile: FAIL with each error, its excerpt, and no parts")
  func compileErrors() throws {
    let error = Diagnostic(
      file: "Exercises/E4.swift", line: 5, column: 22, message: "cannot convert value",
      excerpt: ["5 |   let y: Int = x", "  |                `- error: cannot convert value"])
    let result = ExerciseResult(exercise: exercise("4"), parts: [], compileErrors: [error])
    #expect(result.verdict == .failed)
    let text = TextReport(colors: false).render([result])
    #expect(
      text.contains("FAIL") && text.contains("does not compile: 1 error in Exercises/E4.swift"))
    #expect(text.contains("✘ Exercises/E4.swift:5:22: error: cannot convert value"))
    #expect(text.contains("5 |   let y: Int = x"))
    let data = Data(JSONReport(results: [result], target: "Exercises").encoded().utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let entry = try #require((object["exercises"] as? [[String: Any]])?.first)
    #expect(entry["verdict"] as? String == "FAIL")
    #expect(
      (entry["compileErrors"] as? [String])?.first?.hasPrefix("Exercises/E4.swift:5:22") == true)
  }

  @Test(
    "where the learner stands: done, points, and the first exercise not passed, in catalog order")
  func standing() {
    let catalog = Catalog(course: "C", exercises: ["1", "2", "3"].map { exercise($0) })
    var record = LearnerRecord()
    #expect(
      Standing(catalog: catalog, record: record).line
        == "Progress: 0/3 done · 0/30 points · next: 1 Exercise 1 (swift run grade 1)")
    record.record(Array(results.prefix(1)) + [results[2]])
    record.verdicts["3"] = "PASS"
    #expect(
      Standing(catalog: catalog, record: record).line
        == "Progress: 2/3 done · 20/30 points · next: 2 Exercise 2 (swift run grade 2)")
    record.verdicts["2"] = "PASS"
    #expect(Standing(catalog: catalog, record: record).next == nil)
    let list = TextReport(colors: false).renderList(catalog, record: record)
    #expect(list.contains("Progress: 3/3 done · 30/30 points · every exercise passes"))
  }

  @Test("--list shows each exercise's last verdict, and – for one never graded")
  func listVerdicts() {
    let catalog = Catalog(course: "C", exercises: ["1", "2", "3"].map { exercise($0) })
    var record = LearnerRecord()
    record.record([results[0], results[2]])
    let lines = TextReport(colors: false).renderList(catalog, record: record)
      .split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("  1  ★★") && $0.contains("PASS") })
    #expect(lines.contains { $0.hasPrefix("  2  ★★") && $0.contains("–") && !$0.contains("PASS") })
    #expect(lines.contains { $0.hasPrefix("  3  ★★") && $0.contains("NOT STARTED") })
  }
}
