/// The results as a Markdown table (`grade --markdown FILE`), for a CI job's summary page.
public struct MarkdownReport {
  var course: String
  var results: [ExerciseResult]
  /// Exercises whose parts are withheld (`--strict` multiple choice).
  var withholding: Set<String> = []

  public init(course: String, results: [ExerciseResult], withholding: Set<String> = []) {
    self.course = course
    self.results = results
    self.withholding = withholding
  }

  public func encoded() -> String {
    let score = results.map(\.earnedPoints).reduce(0, +)
    let total = results.map(\.exercise.points).reduce(0, +)
    var lines = [
      "### \(cell(course)): \(score)/\(total) points", "",
      "| exercise | stars | verdict | points | parts passed |", "| --- | --- | --- | ---: | ---: |",
    ]
    for result in results {
      let mark =
        switch result.verdict {
        case .passed: "✅"
        case .notStarted: "⏳"
        case .failed: "❌"
        case .forReview: "📝"
        }
      let parts =
        result.exercise.isReview
        ? "graded by a person"
        : result.doesNotCompile
          ? "does not compile"
          : withholding.contains(result.exercise.id)
            ? "graded as a whole" : "\(result.passedParts)/\(result.parts.count)"
      lines.append(
        "| \(cell(result.exercise.id + " " + result.exercise.title)) | \(result.exercise.starText) "
          + "| \(mark) \(result.verdict.rawValue) | \(result.earnedPoints)/\(result.exercise.points) "
          + "| \(parts) |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func cell(_ text: String) -> String {
    text.withVisibleControls.replacingOccurrences(of: "|", with: "\\|")
  }
}
