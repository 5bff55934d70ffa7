import Foundation
// The workbook's suites linked into `Lookup/` call their helpers as `TestSupport.…`.
@_exported import TestSupport
import Testing

// Suites that behave like a learner's code at its worst, for the grader's own tests
// (Tests/GraderTests). They run only when the grader starts them, as the learner suites do.

extension Trait where Self == ConditionTrait {
  /// Enabled only under the grader (`WORKBOOK_GRADING=1`): most of these fail on purpose.
  static var graded: Self {
    .enabled(
      if: ProcessInfo.processInfo.environment["WORKBOOK_GRADING"] == "1",
      "fixture suites run only under the grader")
  }
}
