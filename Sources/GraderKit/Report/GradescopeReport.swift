import Foundation

/// The results in Gradescope's autograder format (`grade --gradescope FILE`, for
/// `results/results.json`): the score, and one test per exercise worth its points, whose output
/// is what the text report says of it.
public struct GradescopeReport: Encodable {
  struct Test: Encodable {
    var name: String
    var score: Int
    var max_score: Int
    /// `passed` or `failed`; none for a review exercise, which a person grades.
    var status: String?
    var output: String
    var visibility = "visible"
  }

  var score: Int
  var max_score: Int
  var execution_time: Int
  var output: String
  var tests: [Test]

  /// The report of `results`; `seconds` is how long grading took; the parts of the exercises in
  /// `withholding` are not shown.
  public init(results: [ExerciseResult], seconds: Double, withholding: Set<String> = []) {
    let text = TextReport(colors: false)
    tests = results.map { result in
      Test(
        name: "\(result.exercise.id) \(result.exercise.title) (\(result.exercise.starText))",
        score: result.earnedPoints, max_score: result.exercise.points,
        status: result.exercise.isReview ? nil : result.verdict == .passed ? "passed" : "failed",
        output: text.render([result], withholding: withholding))
    }
    score = results.map(\.earnedPoints).reduce(0, +)
    max_score = results.map(\.exercise.points).reduce(0, +)
    execution_time = Int(seconds.rounded(.up))
    let passed = results.filter { $0.verdict == .passed }.count
    output = "\(passed) of \(results.count) exercises pass · score \(score)/\(max_score)"
  }

  /// A report for a submission that could not be graded at all (it was refused, or the
  /// instructor's code does not compile): every exercise scores 0 and says why.
  public init(failure: String, exercises: [Exercise], seconds: Double) {
    self.init(
      results: exercises.map { ExerciseResult(exercise: $0, parts: [], problem: failure) },
      seconds: seconds)
    output = failure
  }

  public func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}
