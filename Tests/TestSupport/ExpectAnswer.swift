import Testing
import Workbook

/// Records a failure that names the misconception behind `answer`, unless it is `correct`.
///
/// The message never gives the right choice away: the learner reads why theirs is wrong. Every
/// wrong choice must come with its reason; a suite that forgets one fails on its own.
public func expectAnswer(
  _ answer: Choice, is correct: Choice, otherwise misconceptions: [Choice: String],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard misconceptions[correct] == nil, misconceptions.count == Choice.allCases.count - 1 else {
    Issue.record(
      "the suite must give a reason for every wrong choice", sourceLocation: sourceLocation)
    return
  }
  guard answer != correct, let reason = misconceptions[answer] else { return }
  Issue.record(Comment(rawValue: "\(answer) is not it: \(reason)"), sourceLocation: sourceLocation)
}
