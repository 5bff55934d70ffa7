@_exported import Exercises
import Foundation
@_exported import TestSupport
import Testing
@_exported import Workbook

// The suites in Tests/Suites are compiled into this module against `Exercises`.

extension Trait where Self == ConditionTrait {
  /// Learner suites run only when the grader starts them (it sets `WORKBOOK_GRADING=1`):
  /// the shipped stubs trap, which would end a plain `swift test` run.
  static var graded: Self {
    .enabled(
      if: ProcessInfo.processInfo.environment["WORKBOOK_GRADING"] == "1",
      "learner suites run under `swift run grade`")
  }
}
