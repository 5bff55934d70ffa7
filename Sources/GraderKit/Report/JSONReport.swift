import Foundation

/// The results for machines (`grade --json`): one object per exercise with its parts, and totals.
public struct JSONReport: Encodable {
  public struct Part: Encodable {
    var name: String
    /// `passed`, `failed`, `notStarted`, `crashed`, `timedOut`, `noResult` or `notRun`.
    var status: String
    /// What went wrong: failure messages, the crash, the stub's name.
    var messages: [String]
  }

  public struct Entry: Encodable {
    var id: String
    var title: String
    var stars: Int
    var points: Int
    var earned: Int
    /// `graded` (by its suite) or `review` (by a person; `points` is 0).
    var kind: String
    /// `PASS`, `NOT STARTED` or `FAIL`; `FOR REVIEW` or `NOT STARTED` for a review exercise.
    var verdict: String
    /// For a review exercise: what the reviewer looks for.
    var rubric: [String]?
    var problem: String?
    /// The compiler's errors when the learner's file does not compile (then `parts` is empty).
    var compileErrors: [String]
    var parts: [Part]
    /// True when the exercise is graded as a whole and `parts` is left empty on purpose.
    var partsWithheld: Bool
  }

  /// The schema's version (README, "Results for machines"); 2 added `compileErrors` and
  /// `partsWithheld`, 3 review exercises (`kind`, `rubric`, the verdict `FOR REVIEW`, `forReview`).
  var version = 3
  /// `Exercises` or `Solutions`.
  var target: String
  /// The compiler's errors when code outside the learner's files did not compile (and nothing was
  /// graded); a learner file's own errors are in its exercise's `compileErrors`.
  var buildErrors: [String] = []
  var exercises: [Entry]
  var passed: Int
  var failed: Int
  /// Review exercises whose answers are written, waiting for a person.
  var forReview: Int
  var score: Int
  var total: Int

  /// The report of `results`; the parts of the exercises in `withholding` are left out.
  public init(results: [ExerciseResult], target: String, withholding: Set<String> = []) {
    self.target = target
    exercises = results.map { r in
      let withheld = withholding.contains(r.exercise.id)
      return Entry(
        id: r.exercise.id, title: r.exercise.title, stars: r.exercise.stars,
        points: r.exercise.points, earned: r.earnedPoints, kind: r.exercise.kind.rawValue,
        verdict: r.verdict.rawValue, rubric: r.exercise.isReview ? r.exercise.rubric : nil,
        problem: r.problem, compileErrors: r.compileErrors.map(\.text),
        parts: withheld ? [] : r.parts.map { Part(name: $0.name, outcome: $0.outcome) },
        partsWithheld: withheld)
    }
    passed = results.filter { $0.verdict == .passed }.count
    forReview = results.filter { $0.verdict == .forReview }.count
    failed = results.count - passed - forReview
    score = results.map(\.earnedPoints).reduce(0, +)
    total = results.map(\.exercise.points).reduce(0, +)
  }

  /// The report for a build that failed: every exercise counts as failed.
  public init(buildErrors: [String], exercises: [Exercise], target: String) {
    self.init(
      results: exercises.map {
        ExerciseResult(exercise: $0, parts: [], problem: "does not compile")
      }, target: target)
    self.buildErrors = buildErrors
  }

  /// The report as pretty-printed JSON with sorted keys.
  public func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}

extension JSONReport.Part {
  init(name: String, outcome: PartOutcome) {
    self.name = name
    switch outcome {
    case .passed: (status, messages) = ("passed", [])
    case .failed(let failures): (status, messages) = ("failed", failures)
    case .notStarted(let function):
      (status, messages) = ("notStarted", function.isEmpty ? [] : [function])
    case .crashed(let text): (status, messages) = ("crashed", [text])
    case .timedOut(let seconds): (status, messages) = ("timedOut", ["time limit \(seconds) s"])
    case .vanished(let text): (status, messages) = ("noResult", [text])
    case .notRun(let reason): (status, messages) = ("notRun", [reason])
    }
  }
}
