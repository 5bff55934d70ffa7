import Foundation

/// Renders results for a person: one row per exercise, the parts of a failing one, and a summary.
public struct TextReport {
  /// Whether to use ANSI colours (a terminal, and `NO_COLOR` unset).
  public var colors: Bool
  /// Most lines shown for one part's failure message.
  public var maxMessageLines = 16
  /// Whether to point at `grade`'s own commands (hints, explanations): not where the learner
  /// reads the report without a terminal (Gradescope).
  public var commands = true

  public init(colors: Bool) {
    self.colors = colors
  }

  /// The rows and summary for `results`; `explain` lists the ids whose explanation to show on a
  /// pass, `withholding` those whose parts are not shown (graded as a whole).
  public func render(
    _ results: [ExerciseResult], explain: Set<String> = [], withholding: Set<String> = []
  ) -> String {
    var lines = rows(results, explain: explain, withholding: withholding)
    let passed = results.filter { $0.verdict == .passed }.count
    let reviews = results.filter { $0.verdict == .forReview }.count
    let score = results.map(\.earnedPoints).reduce(0, +)
    let total = results.map(\.exercise.points).reduce(0, +)
    let forReview = reviews == 0 ? "" : ", \(reviews) for review"
    lines.append("")
    lines.append(
      "\(passed) passed, \(results.count - passed - reviews) failed\(forReview) · score \(score)/\(total)"
    )
    return lines.joined(separator: "\n")
  }

  /// The row of each result with the details under it, without the summary.
  public func rows(
    _ results: [ExerciseResult], explain: Set<String> = [], withholding: Set<String> = []
  ) -> [String] {
    let idWidth = results.map(\.exercise.id.count).max() ?? 0
    let titleWidth = min(results.map(\.exercise.title.count).max() ?? 0, 48)
    var lines: [String] = []
    for result in results {
      let e = result.exercise
      let verdict = result.verdict
      let row = [
        pad(e.id, idWidth), pad(e.starText, 3), pad(String(e.title.prefix(48)), titleWidth),
        paint(pad(verdict.rawValue, 11), color(verdict)),
        pad(e.isReview ? "–" : "\(result.earnedPoints)/\(e.points)", 6, left: true),
        withholding.contains(e.id) ? "graded as a whole: its parts are not shown" : summary(result),
      ].joined(separator: "  ")
      lines.append(row.trimmingTrailingSpaces())
      if withholding.contains(e.id) { continue }
      lines += details(result, explain: explain.contains(e.id)).map { "      " + $0 }
    }
    return lines
  }

  /// The catalog as `grade --list` shows it, with the last verdict `record` holds for each.
  public func renderList(_ catalog: Catalog, record: LearnerRecord = LearnerRecord()) -> String {
    let idWidth = catalog.exercises.map(\.id.count).max() ?? 0
    var lines = [catalog.course, ""]
    var document: String?
    for e in catalog.exercises {
      if e.document != document {
        if document != nil { lines.append("") }
        lines.append(e.document)
        document = e.document
      }
      let verdict = record.verdict(e.id)
      lines.append(
        "  "
          + [
            pad(e.id, idWidth), pad(e.starText, 3), pad("\(e.points) pts", 7),
            paint(pad(verdict?.rawValue ?? "–", 11), color(verdict)), e.title,
          ]
          .joined(separator: "  "))
    }
    let total = catalog.exercises.map(\.points).reduce(0, +)
    lines += [
      "",
      "\(catalog.exercises.count) exercises, \(total) points (last verdicts: – means never graded)",
      render(Standing(catalog: catalog, record: record)),
    ]
    return lines.joined(separator: "\n")
  }

  /// Where the learner stands, as the last line of a grade.
  public func render(_ standing: Standing) -> String {
    paint(standing.line, standing.next == nil ? .green : .bold)
  }

  /// The hints of one exercise as `grade --hint` shows them.
  public func renderHints(_ e: Exercise) -> String {
    var lines = [
      "\(e.id) \(e.starText) \(e.title) (\(e.document), \(e.section))", "  file: \(e.file)", "",
    ]
    if e.hints.isEmpty { lines.append("  No hints for this exercise.") }
    for (n, hint) in e.hints.enumerated() {
      lines += wrap(hint, width: 92).enumerated().map {
        $0 == 0 ? "  \(n + 1). \($1)" : "     \($1)"
      }
    }
    return lines.joined(separator: "\n")
  }

  private func summary(_ result: ExerciseResult) -> String {
    if result.doesNotCompile {
      let count = result.compileErrors.count
      return "does not compile: \(count) error\(count == 1 ? "" : "s") in \(result.exercise.file)"
    }
    if let problem = result.problem { return "could not run: " + firstLine(problem) }
    switch result.verdict {
    case .passed: return "\(result.parts.count) parts"
    case .notStarted: return "not started yet: \(result.exercise.file)"
    case .failed: return "\(result.passedParts) of \(result.parts.count) parts pass"
    case .forReview: return "a person grades it, in no automatic score: \(result.exercise.file)"
    }
  }

  private func details(_ result: ExerciseResult, explain: Bool) -> [String] {
    switch result.verdict {
    case .passed:
      let explanation = result.exercise.explanation
      if explanation.isEmpty { return [] }
      guard explain else {
        return commands
          ? [paint("why each answer is right: swift run grade \(result.exercise.id)", .dim)] : []
      }
      return explanation.flatMap { wrap($0, width: 90).map { "  " + $0 } }
    case .notStarted:
      return []
    case .forReview:
      return ["the reviewer looks for:"]
        + result.exercise.rubric.flatMap { criterion in
          wrap(criterion, width: 88).enumerated().map { $0 == 0 ? "  • " + $1 : "    " + $1 }
        }
    case .failed:
      var lines: [String] = []
      for error in result.compileErrors {
        let errorLines = error.text.split(separator: "\n").map(String.init)
        lines.append(paint("✘", .red) + " " + clipped(errorLines[0]))
        lines += errorLines.dropFirst().prefix(maxMessageLines).map { "    " + clipped($0) }
      }
      for part in result.parts {
        let (mark, text, message) = describe(part.outcome)
        lines.append("\(mark) \(part.name)\(text.isEmpty ? "" : ": " + clipped(text))")
        if let message {
          var messageLines = message.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
          if messageLines.count > maxMessageLines {
            messageLines = messageLines.prefix(maxMessageLines) + ["…"]
          }
          lines += messageLines.map { "    " + clipped($0) }
        }
      }
      if commands && !result.exercise.hints.isEmpty {
        lines.append(paint("hint: swift run grade --hint \(result.exercise.id)", .dim))
      }
      return lines
    }
  }

  /// A part's mark, a short description, and the message to show under it.
  private func describe(_ outcome: PartOutcome) -> (String, String, String?) {
    switch outcome {
    case .passed: (paint("✔", .green), "", nil)
    case .failed(let messages): (paint("✘", .red), "", messages.first)
    case .notStarted(let function):
      (paint("·", .yellow), "not started yet" + (function.isEmpty ? "" : " (\(function))"), nil)
    case .crashed(let message): (paint("✘", .red), "crashed", message)
    case .timedOut(let seconds):
      (
        paint("✘", .red),
        "timed out: the exercise's \(format(seconds)) s ran out in this part (an endless loop?)",
        nil
      )
    case .vanished(let message): (paint("✘", .red), "no result", message)
    case .notRun(let reason): (paint("–", .dim), "not run: \(reason)", nil)
    }
  }

  private enum Color: String {
    case red = "31"
    case green = "32"
    case yellow = "33"
    case dim = "2"
    case bold = "1"
  }

  private func color(_ verdict: Verdict?) -> Color {
    switch verdict {
    case .passed: .green
    case .notStarted: .yellow
    case .failed: .red
    case .forReview: .bold
    case nil: .dim
    }
  }

  private func paint(_ text: String, _ color: Color) -> String {
    colors ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
  }
}

private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
  let padding = String(repeating: " ", count: max(0, width - text.count))
  return left ? padding + text : text + padding
}

/// A message line cut to a readable length (Swift Testing prints whole values, such as arrays),
/// with its control characters made visible.
private func clipped(_ line: String, to length: Int = 300) -> String {
  (line.count <= length ? line : line.prefix(length) + " …").withVisibleControls
}

private func firstLine(_ text: String) -> String {
  String(text.split(separator: "\n").first ?? "").withVisibleControls
}

private func format(_ seconds: Double) -> String {
  seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
}

/// Breaks `text` into lines of at most `width` characters at spaces.
func wrap(_ text: String, width: Int) -> [String] {
  var lines: [String] = []
  var line = ""
  for word in text.split(separator: " ") {
    if !line.isEmpty && line.count + 1 + word.count > width {
      lines.append(line)
      line = ""
    }
    line += (line.isEmpty ? "" : " ") + word
  }
  if !line.isEmpty { lines.append(line) }
  return lines
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
