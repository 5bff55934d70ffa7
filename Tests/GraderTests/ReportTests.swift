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
}
