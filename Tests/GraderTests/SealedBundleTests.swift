import Foundation
import Testing

@testable import GraderKit

@Suite("The test bundle runs from a copy that learner code cannot reach")
struct SealedBundleTests {
  @Test(
    "the sealed copy runs after the build's file is gone, and cannot be written",
    .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd")))
  func sealedCopy() throws {
    let original = temporaryFolder().appendingPathComponent("true")
    try FileManager.default.copyItem(atPath: "/bin/true", toPath: original.path)
    let sealed = try #require(SealedBundle.make(from: original))
    try FileManager.default.removeItem(at: original)
    let run = try ChildProcess(executable: sealed.path, arguments: [], environment: [:])
      .run(timeLimit: 10)
    #expect(run.termination == .exited(0))
    // Opening it may succeed (its owner may open it); the seals refuse every change.
    let writer = open(sealed.path.path, O_WRONLY)
    if writer >= 0 {
      #expect(write(writer, "x", 1) == -1, "a write to the copy succeeded")
      #expect(ftruncate(writer, 0) == -1, "the copy was truncated")
      close(writer)
    }
    let target = try FileManager.default.destinationOfSymbolicLink(atPath: sealed.path.path)
    #expect(target.hasPrefix("/memfd:"), "\(target) names no file in a folder")
  }
}
