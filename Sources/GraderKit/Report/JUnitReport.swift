import Foundation

/// The results as JUnit XML (`grade --junit FILE`), valid against `junit-10.xsd`, the schema of
/// the Jenkins xunit plugin that CI test reporters follow.
///
/// One `<testsuite>` per exercise and one `<testcase>` per part. Every suite has the counts the
/// schema requires (`tests`, `failures`, `errors`) and `skipped` and `time`; `<testsuites>` has the
/// totals the schema allows there (`tests`, `failures`, `errors` and `time`, but no `skipped`).
/// Times are seconds with three decimals (the schema's `SUREFIRE_TIME`): a part's is its run from
/// its test process's events (`PartResult.seconds`), a suite's the time grading its exercise took
/// (`ExerciseResult.seconds`: 0 for an exercise that was not run), the total the sum of the
/// suites' (more than the wall time when exercises ran side by side).
///
/// A part that did not pass is a `<failure>` or an `<error>` whose type is its status (the same
/// words as the JSON's). JUnit and the readers that follow it (Ant, Surefire, Jenkins, GitLab)
/// tell the two apart: a failure is a test that ran to its end and found the code wrong, an error
/// a test that could not finish, such as one an exception escaped. So an unmet expectation
/// (`failed`), a stub still unimplemented (`notStarted`: the answer is missing) and a learner's
/// file that does not compile (`doesNotCompile`) are failures, the learner's; a trap (`crashed`,
/// the exception of a JUnit test), the time limit (`timedOut`), a process that ended without
/// reporting the part (`noResult`), a part that never ran because an earlier one used up the time
/// limit (`notRun`) and a suite that could not be run at all (`noResult`, with the exercise's
/// problem) are errors: the test gave no verdict. An exercise graded as a whole (its parts
/// withheld) is one test case that fails as a whole (`failed`) whatever its parts did, as that is
/// all it shows. A review exercise is one `<skipped>` test case: a person grades it.
public struct JUnitReport {
  var course: String
  var results: [ExerciseResult]
  /// Exercises whose parts are withheld (`--strict` multiple choice): one test case each.
  var withholding: Set<String> = []

  public init(course: String, results: [ExerciseResult], withholding: Set<String> = []) {
    self.course = course
    self.results = results
    self.withholding = withholding
  }

  /// How a test case ended, in JUnit's terms.
  private enum End {
    case passed
    case failure(type: String, message: String)
    case error(type: String, message: String)
    case skipped(message: String)

    /// The element inside the test case: `failure`, `error` or `skipped`; nil for a pass.
    var element: String? {
      switch self {
      case .passed: nil
      case .failure: "failure"
      case .error: "error"
      case .skipped: "skipped"
      }
    }
  }

  /// One `<testcase>`.
  private struct Case {
    var name: String
    var seconds: Double
    var end: End
  }

  /// The XML document.
  public func encoded() -> String {
    var suites: [String] = []
    var all = (tests: 0, failures: 0, errors: 0, seconds: 0.0)
    for result in results {
      let cases = testCases(result)
      let failures = cases.filter { $0.end.element == "failure" }.count
      let errors = cases.filter { $0.end.element == "error" }.count
      let skipped = cases.filter { $0.end.element == "skipped" }.count
      all.tests += cases.count
      all.failures += failures
      all.errors += errors
      all.seconds += result.seconds
      let name = "\(result.exercise.id) \(result.exercise.title)"
      suites.append(
        "  <testsuite name=\"\(escaped(name))\" tests=\"\(cases.count)\" failures=\"\(failures)\""
          + " errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(junitTime(result.seconds))\">")
      for testCase in cases {
        let head =
          "    <testcase classname=\"\(escaped(result.exercise.id))\" name=\"\(escaped(testCase.name))\""
          + " time=\"\(junitTime(testCase.seconds))\""
        switch testCase.end {
        case .passed:
          suites.append(head + "/>")
        case .skipped(let message):
          suites.append(head + ">")
          suites.append("      <skipped message=\"\(escaped(message))\"/>")
          suites.append("    </testcase>")
        case .failure(let type, let message), .error(let type, let message):
          let element = testCase.end.element ?? ""
          suites.append(head + ">")
          suites.append(
            "      <\(element) type=\"\(escaped(type))\" message=\"\(escaped(firstLine(message)))\">"
              + escaped(message) + "</\(element)>")
          suites.append("    </testcase>")
        }
      }
      suites.append("  </testsuite>")
    }
    return
      ([
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<testsuites name=\"\(escaped(course))\" tests=\"\(all.tests)\" failures=\"\(all.failures)\""
          + " errors=\"\(all.errors)\" time=\"\(junitTime(all.seconds))\">",
      ]
      + suites + ["</testsuites>"]).joined(separator: "\n") + "\n"
  }

  private func testCases(_ result: ExerciseResult) -> [Case] {
    /// The exercise as one test case.
    let whole = { (end: End) in
      [Case(name: result.exercise.title, seconds: result.seconds, end: end)]
    }
    if result.exercise.isReview {
      return whole(.skipped(message: "\(result.verdict.rawValue): graded by a person"))
    }
    if result.doesNotCompile {
      let errors = result.compileErrors.map(\.text).joined(separator: "\n")
      return whole(.failure(type: "doesNotCompile", message: errors))
    }
    if withholding.contains(result.exercise.id) || result.parts.isEmpty {
      if result.verdict == .passed { return whole(.passed) }
      if let problem = result.problem { return whole(.error(type: "noResult", message: problem)) }
      return whole(
        .failure(type: "failed", message: "graded as a whole: \(result.verdict.rawValue)"))
    }
    return result.parts.map { part in
      let json = JSONReport.Part(name: part.name, outcome: part.outcome)
      let message = json.messages.joined(separator: "\n")
      let end: End
      switch part.outcome {
      case .passed: end = .passed
      case .failed, .notStarted: end = .failure(type: json.status, message: message)
      case .crashed, .timedOut, .vanished, .notRun:
        end = .error(type: json.status, message: message)
      }
      return Case(name: part.name, seconds: part.seconds, end: end)
    }
  }
}

/// `seconds` as the schema's `SUREFIRE_TIME`: digits, a point and three decimals, never negative
/// (0 for a time that is not a number).
private func junitTime(_ seconds: Double) -> String {
  String(format: "%.3f", seconds.isFinite ? max(seconds, 0) : 0)
}

private func firstLine(_ text: String) -> String {
  String(text.split(separator: "\n").first ?? "")
}

/// `text` with XML's special characters escaped and control characters made visible (XML 1.0
/// cannot hold most of them).
func escaped(_ text: String) -> String {
  var result = ""
  for character in text.withVisibleControls {
    switch character {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    case "\n": result += "&#10;"
    case "\t": result += "&#9;"
    default: result.append(character)
    }
  }
  return result
}
