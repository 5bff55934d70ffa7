import Foundation
import Testing

@testable import GraderKit

/// Review exercises (the lab's written interpretation): a person grades them, the grader shows
/// and reports them apart, and they count in no automatic score.
@Suite("Exercises a person grades")
struct ReviewExerciseTests {
  private let review = Exercise(
    id: "L5", title: "Interpreting the race", document: "Lab 02", section: "Part D", stars: 1,
    points: 0, file: "Exercises/Lab02/Page.md", suite: "", kind: .review,
    rubric: ["attributes Adam's advantage to per-parameter scaling", "about 200 words"])
  private let graded = Exercise(
    id: "4.6", title: "Adam", document: "Stage 4", section: "4.6", stars: 2, points: 10,
    file: "Exercises/Stage4/Ex4_6_Adam.swift", suite: "Ex4_6_AdamTests")

  /// The template of the page `result(page:)` grades: two answer slots under their questions.
  private let template =
    "# Page\n\nIntro.\n\n## 1\n\n\(Exercise.reviewPlaceholder)\n\n## 2\n\n\(Exercise.reviewPlaceholder)\n"

  /// The result of `review` for a learner page holding `text` (nil: no page at all).
  private func result(page text: String?) throws -> ExerciseResult {
    let root = temporaryFolder()
    if let text {
      let page = root.appendingPathComponent(review.file)
      try FileManager.default.createDirectory(
        at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: page)
    }
    return ExerciseResult.review(
      review, page: root.appendingPathComponent(review.file), template: template)
  }

  @Test(
    "NOT STARTED while an answer slot is left or the page is missing; FOR REVIEW once all are filled"
  )
  func verdicts() throws {
    let template = "## 1\n\n\(Exercise.reviewPlaceholder)\n\n## 2\n\nMy answer.\n"
    #expect(try result(page: template).verdict == .notStarted)
    #expect(try result(page: nil).verdict == .notStarted)
    let written = try result(page: "## 1\n\nThe curvature.\n\n## 2\n\nMy answer.\n")
    #expect(written.verdict == .forReview)
    #expect(written.earnedPoints == 0)
  }

  @Test("a page that lost its placeholders, or a question, without answers is not for review")
  func emptied() throws {
    #expect(try result(page: "# Page\n\nIntro.\n\n## 1\n\n## 2\n\n").verdict == .notStarted)
    #expect(try result(page: "## 1\n\nThe curvature.\n\n## 2\n\n   \n").verdict == .notStarted)
    #expect(try result(page: "## 1\n\nThe curvature, and question 2 too.\n").verdict == .notStarted)
    #expect(try result(page: "").verdict == .notStarted)
  }

  @Test("the reports keep it apart: rubric shown, no score, FOR REVIEW in JSON, skipped in JUnit")
  func reports() throws {
    let written = try result(page: "## 1\n\nThe curvature.\n\n## 2\n\nMy answer.\n")
    let passing = ExerciseResult(
      exercise: graded, parts: [PartResult(name: "(a)", outcome: .passed)])
    let text = TextReport(colors: false).render([written, passing])
    #expect(text.contains("FOR REVIEW") && text.contains("• attributes Adam's advantage"))
    #expect(text.contains("1 passed, 0 failed, 1 for review · score 10/10"), "\(text)")

    let json = try #require(
      try JSONSerialization.jsonObject(
        with: Data(JSONReport(results: [written, passing], target: "Exercises").encoded().utf8))
        as? [String: Any])
    #expect(json["version"] as? Int == 3)
    #expect(json["forReview"] as? Int == 1 && json["failed"] as? Int == 0)
    let entries = try #require(json["exercises"] as? [[String: Any]])
    #expect(
      entries[0]["kind"] as? String == "review" && entries[0]["verdict"] as? String == "FOR REVIEW")
    #expect((entries[0]["rubric"] as? [String])?.count == 2)
    #expect(entries[1]["kind"] as? String == "graded" && entries[1]["rubric"] == nil)

    let junit = JUnitReport(course: "C", results: [written]).encoded()
    #expect(junit.contains(#"<skipped message="FOR REVIEW: graded by a person"/>"#), "\(junit)")
    #expect(junit.contains(#"failures="0""#))

    let gradescope = try #require(
      try JSONSerialization.jsonObject(
        with: JSONEncoder().encode(GradescopeReport(results: [written, passing], seconds: 1)))
        as? [String: Any])
    let tests = try #require(gradescope["tests"] as? [[String: Any]])
    #expect(tests[0]["status"] == nil && tests[0]["score"] == nil && tests[0]["max_score"] == nil)
    #expect((tests[0]["name"] as? String)?.hasSuffix(": awaiting review") == true)
    #expect(
      !((tests[0]["output"] as? String) ?? "").contains(review.rubric[0]), "the reviewer's rubric")
    #expect(gradescope["score"] as? Int == 10 && gradescope["max_score"] == nil)
  }

  @Test("a batch's gradebook tells a page for review from one not started, and a refusal from both")
  func gradebook() {
    var written = StudentRecord(student: "ann", submissionHash: "a")
    written.status = .graded
    written.scores = ["4.6": 10]
    written.score = 10
    written.forReview = ["L5"]
    var blank = StudentRecord(student: "ben", submissionHash: "b")
    blank.status = .graded
    var refused = StudentRecord(student: "cy", submissionHash: "c")
    refused.status = .refused
    refused.reasons = ["Page.swift calls exit"]
    let csv = Gradebook(
      catalog: Catalog(course: "C", exercises: [graded, review]),
      records: [refused, blank, written]
    ).csv
    #expect(
      csv.split(separator: "\n") == [
        "student,4.6,L5,total,status", "ann,10,for review,10,graded", "ben,0,not started,0,graded",
        "cy,0,,0,refused: Page.swift calls exit",
      ])
  }

  @Test("a written review counts as done in the learner's progress, without points")
  func standing() {
    var record = LearnerRecord()
    record.verdicts = ["L5": "FOR REVIEW"]
    let standing = Standing(
      catalog: Catalog(course: "C", exercises: [review, graded]), record: record)
    #expect(standing.done == 1 && standing.points == 0 && standing.totalPoints == 10)
    #expect(standing.next?.id == "4.6")
  }
}
