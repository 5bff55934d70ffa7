import Foundation
import Testing

@testable import GraderKit

/// The workbook's code as the toolchain's formatter wants it: `swift test` runs the lint, so CI
/// does.
@Suite("Formatting")
struct FormattingTests {
  @Test("swift format lint --strict finds nothing in Sources, Exercises, Solutions and Tests")
  func lint() throws {
    let outcome = try ChildProcess(
      executable: URL(fileURLWithPath: "/usr/bin/env"),
      arguments: [
        "swift", "format", "lint", "--strict", "--recursive",
        "--configuration", packageRoot.appendingPathComponent(".swift-format").path,
      ]
        + ["Sources", "Exercises", "Solutions", "Tests"].map {
          packageRoot.appendingPathComponent($0).path
        },
      environment: ProcessInfo.processInfo.environment
    ).run(timeLimit: 120)
    #expect(outcome.termination == .exited(0), "\(outcome.output)")
    #expect(outcome.output.isEmpty, "\(outcome.output)")
  }
}
