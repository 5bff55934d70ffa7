import Foundation

/// The results for GitHub Classroom (`grade --classroom FILE`): one test per graded exercise,
/// worth its points, in the result format of Classroom's graders.
///
/// The workflow (`autograder/classroom/grade.yml`) base64-encodes this JSON into a step output
/// and hands it to `classroom-resources/autograding-grading-reporter@v1` as `<RUNNER>_RESULTS`.
/// That reporter reads `max_score`, the top-level `status`, and each test's `name`, `status`,
/// `score`, `line_no` and `test_code`. It adds up the tests' `score`s against `max_score` into
/// the notice `Points X/Y`, which is what Classroom records, and it fails the job when the
/// top-level status is `fail`. Its log counts passing tests instead (passed / all × `max_score`),
/// so with exercises worth different points the log's "Total points" differs from the notice;
/// the notice is the grade.
public struct ClassroomReport: Encodable {
  /// One exercise as one of the reporter's tests.
  struct Test: Encodable {
    /// The exercise as the Gradescope report names it: `4.6 Adam (★★)`.
    var name: String
    /// `pass` or `fail`: the reporter's log marks a test ✅ only for `pass`.
    var status: String
    /// The points earned: what the reporter adds up into `Points X/Y`.
    var score: Int
    /// What the text report says of the exercise: its row and the details under it.
    ///
    /// It leaves out the summary line that ends a whole report (the test has its own status and
    /// score), and keeps the hints that name `grade`'s commands, unlike Gradescope's output: a
    /// Classroom learner has the workbook checked out.
    var message: String
    /// The command that shows the exercise's whole report, for one that does not pass: the
    /// reporter's log prints it under the test, where it prints no `message` (it prints the
    /// message of an `error` test alone).
    var test_code: String?
    /// Always 0: for any other value, `undefined` included, the log appends ` - line N` to the name.
    var line_no = 0
  }

  /// As Classroom's command grader writes it.
  var version = 1
  /// `fail` when a graded exercise does not pass yet (the reporter then fails the job: Classroom
  /// shows a red cross until everything passes), `pass` otherwise.
  var status: String
  /// The points possible; the reporter ignores a runner whose `max_score` is 0.
  var max_score: Int
  var tests: [Test]

  /// The most bytes that all the messages together may take in the JSON.
  ///
  /// The reporter gets the report base64-encoded in one environment variable, and Linux starts
  /// no process with a variable over 128 KiB (`MAX_ARG_STRLEN`): with this budget, and a few
  /// hundred bytes for each test's other fields, the report stays under 96 KiB, 128 KiB encoded.
  static let messageBudget = 64_000

  /// The report of `results`; the parts of the exercises in `withholding` are not shown.
  ///
  /// Review exercises (0 points, graded by a person) are left out. The reporter has no test
  /// that is neither passed nor failed: every test it lists counts in its log's tally of passed
  /// tests, and in the log's "Total points" (passed tests / all tests × `max_score`). Listed as
  /// `pass`, a page nobody has written would show as done; as `fail`, it would hold the log
  /// under the notice once every graded exercise passes (`23.33/35` beside `Points 35/35`); as
  /// `error`, it would print as an error. Left out, it is in no tally and fails nothing, and its
  /// points are 0 either way; the run's summary table (`--markdown`) still shows it.
  public init(results: [ExerciseResult], withholding: Set<String> = []) {
    let graded = results.filter { !$0.exercise.isReview }
    let text = TextReport(colors: false)
    let limit = max(Self.messageBudget / max(graded.count, 1), 200)
    tests = graded.map { result in
      let exercise = result.exercise
      let passes = result.verdict == .passed
      let command = "swift run grade \(exercise.id)"
      return Test(
        name: "\(exercise.id) \(exercise.title) (\(exercise.starText))",
        status: passes ? "pass" : "fail", score: result.earnedPoints,
        message: Self.clipped(
          text.rows([result], withholding: withholding).joined(separator: "\n"), to: limit,
          note: "… cut short here: `\(command)` shows all of it"),
        test_code: passes ? nil : command)
    }
    status = graded.allSatisfy { $0.verdict == .passed } ? "pass" : "fail"
    max_score = graded.map(\.exercise.points).reduce(0, +)
  }

  /// A report for a run that could not grade at all (the code outside the learner's files does
  /// not compile, or `--strict` refused the submission): every graded exercise fails with 0
  /// points and says why, so Classroom still records `Points 0/Y` rather than nothing.
  public init(failure: String, exercises: [Exercise]) {
    self.init(results: exercises.map { ExerciseResult(exercise: $0, parts: [], problem: failure) })
  }

  /// The report as compact JSON with sorted keys (compact: it travels in an environment variable).
  public func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  /// `text` cut after its last whole line that fits in `limit` bytes of JSON, with `note` after
  /// it; `text` itself when it fits.
  static func clipped(_ text: String, to limit: Int, note: String) -> String {
    if jsonBytes(text) <= limit { return text }
    let room = limit - jsonBytes(note) - 2  // the line break before the note
    var kept: [Substring] = []
    var cost = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let lineCost = jsonBytes(line) + (kept.isEmpty ? 0 : 2)
      if cost + lineCost > room { break }
      kept.append(line)
      cost += lineCost
    }
    if kept.isEmpty {  // the first line alone is too long: cut it between characters
      var start = ""
      for character in text {
        cost += jsonBytes(String(character))
        if cost > room { break }
        start.append(character)
      }
      kept = [Substring(start)]
    }
    return (kept + [Substring(note)]).joined(separator: "\n")
  }

  /// How many bytes `text` takes inside a JSON string: its UTF-8, and a backslash for each
  /// character JSON escapes as two (quotes, backslashes, line breaks, tabs), six for other
  /// control characters.
  static func jsonBytes(_ text: some StringProtocol) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
      switch scalar {
      case "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}": total + 2
      case _ where scalar.value < 0x20: total + 6
      default: total + UTF8.width(scalar)
      }
    }
  }
}
