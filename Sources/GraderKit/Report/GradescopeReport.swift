import Foundation

/// The results in Gradescope's autograder format (`grade --gradescope FILE`, for
/// `results/results.json`): the score, and one test per exercise worth its points, whose output
/// is what the text report says of it.
///
/// Only the fields of Gradescope's specification are written
/// (gradescope-autograders.readthedocs.io, "Autograder Specifications"). Outputs are plain text,
/// marked `"output_format": "text"` so Gradescope shows them preformatted and renders none of
/// what learner code printed as HTML. The log of the run stays the instructor's
/// (`"stdout_visibility": "hidden"`).
public struct GradescopeReport: Encodable {
  struct Test: Encodable {
    var name: String
    /// The exercise's id, which Gradescope shows as the test's number.
    var number: String
    /// Absent for a review exercise: a person grades it, in no automatic score.
    var score: Int?
    var max_score: Int?
    /// `passed` or `failed`; absent for a review exercise, which is neither yet.
    var status: String?
    var output: String
    var output_format = "text"
    var visibility = "visible"
  }

  var score: Int
  var execution_time: Int
  var output: String
  var output_format = "text"
  var visibility = "visible"
  var stdout_visibility = "hidden"
  var tests: [Test]

  /// The report of `results`; `seconds` is how long grading took; the parts of the exercises in
  /// `withholding` are not shown.
  public init(results: [ExerciseResult], seconds: Double, withholding: Set<String> = []) {
    var text = TextReport(colors: false)
    text.commands = false
    tests = results.map { result in
      let exercise = result.exercise
      let name = "\(exercise.id) \(exercise.title) (\(exercise.starText))"
      guard !exercise.isReview else {
        return Test(
          name: name + (result.verdict == .forReview ? ": awaiting review" : ""),
          number: exercise.id,
          output: result.verdict == .forReview
            ? "Your answer is in. A person grades it; it counts in no automatic score."
            : "Not started: write your answer in \(exercise.file), in place of each "
              + "\"\(Exercise.reviewPlaceholder)\".")
      }
      return Test(
        name: name, number: exercise.id, score: result.earnedPoints, max_score: exercise.points,
        status: result.verdict == .passed ? "passed" : "failed",
        output: text.rows([result], withholding: withholding).joined(separator: "\n"))
    }
    score = results.map(\.earnedPoints).reduce(0, +)
    let possible = results.map(\.exercise.points).reduce(0, +)
    execution_time = Int(seconds.rounded(.up))
    let passed = results.filter { $0.verdict == .passed }.count
    let graded = results.filter { !$0.exercise.isReview }.count
    output = "\(passed) of \(graded) exercises pass · score \(score)/\(possible)"
  }

  /// A report for a submission that could not be graded at all (it was refused, it holds no
  /// exercises, or the grader could not run): every exercise scores 0, and `failure` says why
  /// and what to do.
  public init(failure: String, exercises: [Exercise], seconds: Double) {
    self.init(
      results: exercises.filter { !$0.isReview }.map {
        ExerciseResult(exercise: $0, parts: [], problem: failure)
      },
      seconds: seconds)
    output = failure
  }

  public func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}
