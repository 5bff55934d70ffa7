import Foundation

/// The results as JUnit XML (`grade --junit FILE`), which CI test reporters read: one
/// `<testsuite>` per exercise and one `<testcase>` per part; a part that did not pass has a
/// `<failure>` whose type is its status (the same words as the JSON's). A review exercise is one
/// `<skipped>` test case: a person grades it.
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

  /// The XML document.
  public func encoded() -> String {
    var suites: [String] = []
    var allTests = 0
    var allFailures = 0
    for result in results {
      let cases = testCases(result)
      let failures = cases.filter { $0.failure != nil }.count
      allTests += cases.count
      allFailures += failures
      let name = "\(result.exercise.id) \(result.exercise.title)"
      suites.append(
        "  <testsuite name=\"\(escaped(name))\" tests=\"\(cases.count)\" failures=\"\(failures)\">")
      for testCase in cases {
        let head =
          "    <testcase classname=\"\(escaped(result.exercise.id))\" name=\"\(escaped(testCase.name))\""
        if result.exercise.isReview {
          suites.append(head + ">")
          suites.append(
            "      <skipped message=\"\(escaped(result.verdict.rawValue)): graded by a person\"/>")
          suites.append("    </testcase>")
        } else if let (type, message) = testCase.failure {
          suites.append(head + ">")
          suites.append(
            "      <failure type=\"\(type)\" message=\"\(escaped(firstLine(message)))\">"
              + escaped(message) + "</failure>")
          suites.append("    </testcase>")
        } else {
          suites.append(head + "/>")
        }
      }
      suites.append("  </testsuite>")
    }
    return
      ([
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<testsuites name=\"\(escaped(course))\" tests=\"\(allTests)\" failures=\"\(allFailures)\">",
      ]
      + suites + ["</testsuites>"]).joined(separator: "\n") + "\n"
  }

  private func testCases(_ result: ExerciseResult) -> [(name: String, failure: (String, String)?)] {
    if result.exercise.isReview { return [(result.exercise.title, nil)] }
    if withholding.contains(result.exercise.id) || result.parts.isEmpty {
      let passed = result.verdict == .passed
      let reason =
        result.doesNotCompile
        ? result.compileErrors.map(\.text).joined(separator: "\n")
        : result.problem ?? "graded as a whole: \(result.verdict.rawValue)"
      let status = result.doesNotCompile ? "doesNotCompile" : "failed"
      return [(result.exercise.title, passed ? nil : (status, reason))]
    }
    return result.parts.map { part in
      let json = JSONReport.Part(name: part.name, outcome: part.outcome)
      return (
        part.name,
        part.outcome.isPassed ? nil : (json.status, json.messages.joined(separator: "\n"))
      )
    }
  }
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
