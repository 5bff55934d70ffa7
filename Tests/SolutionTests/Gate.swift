import Foundation
@_exported import Solutions
@_exported import TestSupport
import Testing
@_exported import Workbook

// The suites in Tests/Suites are compiled into this module against `Solutions`.

extension Trait where Self == ConditionTrait {
  /// Reference suites always run: `swift test` checks every suite against `Solutions`.
  static var graded: Self { .enabled(if: true) }
}
